/**
 * Who the credentials are (STS GetCallerIdentity) and the account guard that blocks a
 * workspace whose profile resolves to another account (ACCOUNTS.md §5.2).
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { AppError } from '../../../shared/errors.js';

/** The caller identity, safe to show: ids and ARN only. */
export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  /** The role of an `assumed-role` ARN (SSO: `AWSReservedSSO_<set>_<hex>`). */
  readonly roleName?: string;
}

/** The role name of `arn:aws:sts::<account>:assumed-role/<role>/<session>`, else `undefined`. */
export function roleNameOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\//u.exec(arn)?.[1];
}

/**
 * Calls STS GetCallerIdentity with the client's credentials.
 *
 * @throws the SDK's error unchanged (credential errors are classified by `isSignInNeeded`);
 *   AppError `aws.failed` when STS answers without an account.
 */
export async function getCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const output = await sts.send(new GetCallerIdentityCommand({}));
  if (!output.Account || !output.Arn)
    throw new AppError('aws.failed', 'STS GetCallerIdentity answered without an account id.');
  const roleName = roleNameOf(output.Arn);
  return {
    accountId: output.Account,
    arn: output.Arn,
    userId: output.UserId ?? '',
    ...(roleName === undefined ? {} : { roleName }),
  };
}

/**
 * The account guard: passes `identity` through when it is in `expectedAccountId`.
 *
 * @throws AppError `aws.wrongAccount` naming both account ids and the profile, with how to
 *   fix it; `details` has `expectedAccountId`, `actualAccountId`, `profile`.
 */
export function checkAccount(
  expectedAccountId: string,
  identity: CallerIdentity,
  profile?: string,
): CallerIdentity {
  if (identity.accountId === expectedAccountId) return identity;
  const who = profile === undefined ? 'These credentials' : `Profile "${profile}"`;
  throw new AppError(
    'aws.wrongAccount',
    `${who} signs in to account ${identity.accountId} (${identity.arn}), but this workspace works in account ${expectedAccountId}. Nothing was changed. Pick the profile of account ${expectedAccountId} for this workspace, or correct role_arn / sso_account_id${profile === undefined ? '' : ` of "${profile}"`} in your AWS config.`,
    {
      details: { expectedAccountId, actualAccountId: identity.accountId, profile: profile ?? null },
    },
  );
}
