import { isAppError } from '../../../shared/errors.js';

/** Exception names that mean "the sign-in expired or is missing" (ACCOUNTS.md §5.4). */
const SIGN_IN_NAMES = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidGrantException',
  'UnauthorizedException',
]);

/**
 * True when an error means the workspace must sign in again (SSO token or temporary
 * credentials expired or missing): its jobs then pause instead of failing.
 *
 * Source: ACCOUNTS.md §5.4 (CredentialsProviderError, TokenProviderError, ExpiredToken*,
 * InvalidGrantException); AppErrors with code `aws.signInNeeded`, or `aws.credentials` whose
 * service exception is one of those names.
 */
export function isSignInNeededError(error: unknown): boolean {
  if (isAppError(error)) {
    if (error.code === 'aws.signInNeeded') return true;
    const awsCode = error.details?.awsCode;
    return error.code === 'aws.credentials' && typeof awsCode === 'string' && SIGN_IN_NAMES.has(awsCode);
  }
  if (!(error instanceof Error)) return false;
  if (SIGN_IN_NAMES.has(error.name)) return true;
  return /SSO session .*expired|token .*expired|Token is expired|sso login/iu.test(error.message);
}
