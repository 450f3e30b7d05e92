import { isAppError } from '../../../shared/errors.js';

/** Error names that mean the credentials or SSO token are missing or expired (ACCOUNTS.md §5.4). */
const SIGN_IN_ERROR_NAMES: ReadonlySet<string> = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidGrantException',
  'RequestExpired',
]);

/** Messages of the SDK's SSO providers when the cached session is gone (credential-provider-sso, token-providers). */
const SIGN_IN_MESSAGES =
  /SSO session associated with this profile (?:has expired|is invalid)|SSO session token associated with profile=.* (?:was not found or is invalid|has expired)|Token is expired|To refresh this SSO session run/iu;

/**
 * True when `error` means the workspace must sign in again, so its jobs pause instead of
 * failing: `CredentialsProviderError`, `TokenProviderError`, `ExpiredToken*`,
 * `InvalidGrantException`, the SSO portal's `UnauthorizedException` ("Session token not
 * found or invalid"), the SDK's "The SSO session associated with this profile has expired"
 * messages, and AppError `aws.signInNeeded`. Follows `cause` chains.
 *
 * Source: ACCOUNTS.md §5.4; SDK messages of `resolveSSOCredentials.ts` and `fromSso.ts`.
 */
export function isSignInNeeded(error: unknown): boolean {
  for (
    let current: unknown = error, depth = 0;
    current !== undefined && current !== null && depth < 5;
    depth += 1
  ) {
    if (isAppError(current)) {
      if (current.code === 'aws.signInNeeded') return true;
      const awsCode = current.details?.awsCode;
      if (typeof awsCode === 'string' && SIGN_IN_ERROR_NAMES.has(awsCode)) return true;
    }
    if (!(current instanceof Error)) return false;
    if (SIGN_IN_ERROR_NAMES.has(current.name)) return true;
    if (
      current.name === 'UnauthorizedException' &&
      /Session token not found or invalid/iu.test(current.message)
    )
      return true;
    if (SIGN_IN_MESSAGES.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
