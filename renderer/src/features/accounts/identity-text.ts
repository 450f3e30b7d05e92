import type { Identity } from '../../../../shared/ipc/accounts.js';
import type { WorkspaceTarget } from '../../../../shared/ipc/workspaces.js';

/** An account id as the AWS console writes it: `1234-5678-9012` (other strings unchanged). */
export function formatAccountId(accountId: string): string {
  return /^\d{12}$/u.test(accountId)
    ? `${accountId.slice(0, 4)}-${accountId.slice(4, 8)}-${accountId.slice(8)}`
    : accountId;
}

/**
 * The banner's one line for an identity: `Local sandbox · us-east-1`, or
 * `AWS 1234-5678-9012 · <role> · eu-west-1 · profile <p>` (the parts the identity lacks are left out).
 */
export function identityLabel(identity: Identity): string {
  if (identity.targetKind === 'sandbox') return `Local sandbox · ${identity.region}`;
  const account = identity.accountId ?? identity.expectedAccountId;
  return [
    account === undefined ? 'AWS' : `AWS ${formatAccountId(account)}`,
    identity.roleName,
    identity.region,
    identity.profile === undefined ? undefined : `profile ${identity.profile}`,
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
}

/** A workspace's target in the switcher: `Local sandbox · us-east-1` or `AWS profile p · eu-west-1 · 1234-5678-9012`. */
export function targetLabel(target: WorkspaceTarget, accountId?: string): string {
  if (target.kind === 'sandbox') return `Local sandbox · ${target.region}`;
  const account = accountId ?? target.accountId;
  return [
    `AWS profile ${target.profile}`,
    target.region,
    account === undefined ? undefined : formatAccountId(account),
  ]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
}

/** Time left as the banner says it: `3 h 12 min`, `12 min`, `45 s`; `undefined` once past. */
export function formatTimeLeft(remainingMs: number): string | undefined {
  if (remainingMs <= 0) return undefined;
  const totalSeconds = Math.floor(remainingMs / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${totalSeconds} s`;
}

/** "SSO session expires in 3 h 12 min" / "SSO session expired", from `ssoExpiresAtMs`. */
export function ssoExpiryText(ssoExpiresAtMs: number, nowMs: number): string {
  const left = formatTimeLeft(ssoExpiresAtMs - nowMs);
  return left === undefined ? 'SSO session expired' : `SSO session expires in ${left}`;
}

/** A countdown as `m:ss` (sign-in codes last minutes): `9:05`; `0:00` once past. */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, '0')}`;
}
