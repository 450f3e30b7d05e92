/**
 * Error codes of the studio, as one union.
 *
 * Expected failures carry one of these codes (STYLE.md §2 Conventions 5); bugs throw plain
 * errors. AWS SDK errors are mapped at the service edge: the service's own exception name
 * travels in `details.awsCode`, its message in `message`.
 */
export const ERROR_CODES = [
  'input.invalid',
  'file.notFound',
  'file.unreadable',
  'file.exists',
  'data.invalid',
  'aws.throttled',
  'aws.notFound',
  'aws.inUse',
  'aws.alreadyExists',
  'aws.invalidInput',
  'aws.limitExceeded',
  'aws.failed',
  'aws.credentials',
  'aws.signInNeeded',
  'aws.wrongAccount',
  'workspace.notFound',
  'workspace.nameTaken',
  'workspace.prefixTaken',
  'job.notFound',
  'job.failed',
  'job.cancelled',
  'guide.notReady',
  'ipc.unknownChannel',
  'ipc.untrustedSender',
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Structured details of an {@link AppError}; serialisable, never credentials. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The one error class of the studio: an expected failure with a code.
 *
 * `message` says what happened and how to fix it, naming the file, row, column or field.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

/** Serialised form of an {@link AppError}, as it crosses IPC and HTTP. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails | undefined;
}

/** True when `value` is an {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/**
 * Turns anything thrown into a {@link SerializedError}; non-AppErrors become `internal`
 * with their message only (no stack, no request ids).
 */
export function serializeError(error: unknown): SerializedError {
  if (isAppError(error)) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** Exhaustiveness guard for `switch` over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
