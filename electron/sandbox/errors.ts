/**
 * Service errors of the sandbox, serialised per SPEC §1.4 (JSON protocols) or as S3 XML.
 */

/** Control-plane / runtime error codes the sandbox emits (SPEC §1.4 table). */
export type ServiceErrorCode =
  | 'InvalidInputException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceInUseException'
  | 'LimitExceededException'
  | 'InvalidNextTokenException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'TooManyTagsException'
  | 'TooManyTagKeysException'
  | 'RequestEntityTooLargeException'
  | 'ThrottlingException'
  | 'InternalFailure';

/**
 * An expected failure answered to the client as `{__type, message}` plus `x-amzn-ErrorType`.
 *
 * `httpStatus` is 400 for every control-plane error (SPEC §1.4); runtime uses 404 for
 * ResourceNotFoundException and 409 for ResourceInUseException on events.
 */
export class ServiceError extends Error {
  /** Builds an error with its wire code and HTTP status (default 400). */
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** `ResourceNotFoundException`: `Resource Arn <arn> does not exist.` (SPEC §1.4). */
export function notFound(arn: string, httpStatus = 400): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `Resource Arn ${arn} does not exist.`,
    httpStatus,
  );
}

/** `ResourceAlreadyExistsException`: `Another resource with Arn <arn> already exists.` (SPEC §1.4). */
export function alreadyExists(arn: string): ServiceError {
  return new ServiceError(
    'ResourceAlreadyExistsException',
    `Another resource with Arn ${arn} already exists.`,
  );
}

/** `ResourceInUseException` with a free-form reason (SPEC §2.5-§2.15 delete/usage rules). */
export function inUse(message: string): ServiceError {
  return new ServiceError('ResourceInUseException', message);
}

/**
 * `InvalidInputException` with a message naming the member (SPEC §1.4 "Validation errors").
 *
 * SPEC §10 asks whether AWS answers `ValidationException` for some constraint failures; settled
 * as `InvalidInputException` for every one: the only validation error the three models declare
 * (SPEC §1.4), so the SDKs' typed exception classes can catch it.
 */
export function invalidInput(message: string): ServiceError {
  return new ServiceError('InvalidInputException', message);
}

/**
 * An S3 error serialised as `<Error><Code>..</Code><Message>..</Message></Error>`.
 *
 * `httpStatus` per S3 (NoSuchBucket 404, BucketNotEmpty 409, ...).
 */
export class S3Error extends Error {
  /** Builds an S3 error with its S3 code and HTTP status. */
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    readonly resource?: string,
  ) {
    super(message);
    this.name = code;
  }
}
