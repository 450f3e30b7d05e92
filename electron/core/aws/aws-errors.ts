import { AppError, isAppError, type ErrorCode } from '../../../shared/errors.js';

/** AWS exception names (Personalize, S3, STS, SDK) → studio error codes. */
const CODE_BY_AWS_NAME: Readonly<Record<string, ErrorCode>> = {
  ResourceNotFoundException: 'aws.notFound',
  NoSuchBucket: 'aws.notFound',
  NoSuchKey: 'aws.notFound',
  NotFound: 'aws.notFound',
  NoSuchUpload: 'aws.notFound',
  ThrottlingException: 'aws.throttled',
  Throttling: 'aws.throttled',
  TooManyRequestsException: 'aws.throttled',
  RequestLimitExceeded: 'aws.throttled',
  SlowDown: 'aws.throttled',
  ProvisionedThroughputExceededException: 'aws.throttled',
  ResourceInUseException: 'aws.inUse',
  BucketNotEmpty: 'aws.inUse',
  ResourceAlreadyExistsException: 'aws.alreadyExists',
  BucketAlreadyExists: 'aws.alreadyExists',
  BucketAlreadyOwnedByYou: 'aws.alreadyExists',
  InvalidInputException: 'aws.invalidInput',
  ValidationException: 'aws.invalidInput',
  SerializationException: 'aws.invalidInput',
  InvalidNextTokenException: 'aws.invalidInput',
  InvalidBucketName: 'aws.invalidInput',
  InvalidArgument: 'aws.invalidInput',
  LimitExceededException: 'aws.limitExceeded',
  TooManyTagsException: 'aws.limitExceeded',
  TooManyTagKeysException: 'aws.limitExceeded',
  CredentialsProviderError: 'aws.credentials',
  ExpiredToken: 'aws.credentials',
  ExpiredTokenException: 'aws.credentials',
  InvalidClientTokenId: 'aws.credentials',
  UnrecognizedClientException: 'aws.credentials',
  InvalidAccessKeyId: 'aws.credentials',
  SignatureDoesNotMatch: 'aws.credentials',
  AccessDenied: 'aws.credentials',
  AccessDeniedException: 'aws.credentials',
  TokenProviderError: 'aws.credentials',
  // IAM (Query protocol: the SDK names the exception `<Code>Exception`) and S3 sub-resources.
  NoSuchEntity: 'aws.notFound',
  NoSuchEntityException: 'aws.notFound',
  EntityAlreadyExists: 'aws.alreadyExists',
  EntityAlreadyExistsException: 'aws.alreadyExists',
  DeleteConflict: 'aws.inUse',
  DeleteConflictException: 'aws.inUse',
  MalformedPolicyDocument: 'aws.invalidInput',
  MalformedPolicyDocumentException: 'aws.invalidInput',
  InvalidInput: 'aws.invalidInput',
  ValidationError: 'aws.invalidInput',
  LimitExceeded: 'aws.limitExceeded',
  MalformedPolicy: 'aws.invalidInput',
  InvalidTag: 'aws.invalidInput',
  IllegalLocationConstraintException: 'aws.invalidInput',
  InvalidLocationConstraint: 'aws.invalidInput',
  NoSuchBucketPolicy: 'aws.notFound',
  NoSuchTagSet: 'aws.notFound',
  NoSuchPublicAccessBlockConfiguration: 'aws.notFound',
  ServerSideEncryptionConfigurationNotFoundError: 'aws.notFound',
};

/** Node network errors: the service (or the profile's configured endpoint) cannot be reached. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Exception names meaning the access keys themselves were refused. */
const REFUSED_KEY_NAMES: ReadonlySet<string> = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);

/**
 * What an error means, in words, for a service answer without a message of its own (an S3 HEAD's
 * 404, `UnknownError`): the message then reads "<these words> (<exception name>)."
 */
const WORDS_BY_CODE: Readonly<Partial<Record<ErrorCode, string>>> = {
  'aws.notFound': 'The resource does not exist',
  'aws.throttled': 'The service is slowing down requests; the call is retried later',
  'aws.inUse': 'The resource is in use: another operation on it has not finished',
  'aws.alreadyExists': 'A resource with this name exists already',
  'aws.invalidInput': 'The service refused the request as invalid',
  'aws.limitExceeded': 'A service quota of the account is reached',
  'aws.credentials': 'The service refused the credentials or the permissions of this profile',
  'job.cancelled': 'The call was cancelled',
};

interface SdkErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly Code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

/**
 * Maps anything an AWS SDK v3 call threw to an {@link AppError}, keeping the service's message.
 *
 * The exception name travels in `details.awsCode`, the HTTP status in `details.httpStatus`,
 * the request id in `details.requestId` (never credentials). An HTTP 404 without a known name
 * becomes `aws.notFound` (S3 HeadBucket/HeadObject have no body). AppErrors pass through.
 * `context` prefixes the message ("CreateSolution poc-x: ...").
 */
export function mapAwsError(error: unknown, context?: string): AppError {
  if (isAppError(error)) return error;
  if (!(error instanceof Error))
    return new AppError('aws.failed', `${context ?? 'AWS call'}: ${String(error)}`, {
      cause: error,
    });
  const sdk = error as SdkErrorLike;
  const networkCode = (error as { code?: unknown }).code;
  if (typeof networkCode === 'string' && NETWORK_CODES.has(networkCode)) {
    return new AppError(
      'aws.failed',
      `${context ?? 'AWS call'}: cannot reach the service (${networkCode}). Check the network connection, or the endpoint_url of this profile.`,
      { cause: error, details: { awsCode: networkCode } },
    );
  }
  const name = typeof sdk.Code === 'string' ? sdk.Code : error.name;
  const status = sdk.$metadata?.httpStatusCode;
  let code: ErrorCode = CODE_BY_AWS_NAME[name] ?? 'aws.failed';
  if (code === 'aws.failed' && status === 404) code = 'aws.notFound';
  if (code === 'aws.failed' && status === 429) code = 'aws.throttled';
  if (error.name === 'AbortError') code = 'job.cancelled';
  // Service messages end with a full stop; a hint is appended after it, never a second one.
  const serviceMessage = (
    error.message.length > 0 && error.message !== 'UnknownError'
      ? error.message
      : `${WORDS_BY_CODE[code] ?? 'The service call failed'} (${name}).`
  ).replace(/\.+$/u, '.');
  const message = REFUSED_KEY_NAMES.has(name)
    ? `${serviceMessage} (${name}) Check the access keys of this profile in the credentials file, or sign in again.`
    : serviceMessage;
  const details: Record<string, string | number> = { awsCode: name };
  if (status !== undefined) details.httpStatus = status;
  if (sdk.$metadata?.requestId !== undefined) details.requestId = sdk.$metadata.requestId;
  return new AppError(code, context === undefined ? message : `${context}: ${message}`, {
    cause: error,
    details,
  });
}

/**
 * Runs one SDK call and maps its failure with {@link mapAwsError}.
 *
 * @example const out = await callAws('DescribeCampaign', () => personalize.send(cmd));
 * @throws AppError with an `aws.*` code.
 */
export async function callAws<T>(context: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapAwsError(error, context);
  }
}

/** True when `error` is an AppError with `code`. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return isAppError(error) && error.code === code;
}
