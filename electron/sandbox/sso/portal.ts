/**
 * SSO portal fake (restJson1, bearer token in `x-amz-sso_bearer_token`): GetRoleCredentials,
 * ListAccounts, ListAccountRoles and Logout over the fixed directory of `directory.ts`.
 */
import { createHash } from 'node:crypto';
import { headerValue, type SandboxRequest, type SandboxResponse } from '../http-types.js';
import { principalId, type IdentityStore } from '../sts/identity-store.js';
import { SSO_ACCOUNTS, SSO_USER_NAME, type SsoAccount } from './directory.js';

function portalError(code: string, message: string, status: number): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ message }),
  };
}

function json(value: unknown): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}

/** The IAM role Identity Center creates for a permission set: `AWSReservedSSO_<set>_<16 hex>`. */
export function reservedRoleName(accountId: string, roleName: string): string {
  return `AWSReservedSSO_${roleName}_${createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16)}`;
}

function page<T>(items: readonly T[], request: SandboxRequest): { items: T[]; nextToken?: string } {
  const start = Number(request.query.get('next_token') ?? '0') || 0;
  const size = Math.max(1, Math.min(100, Number(request.query.get('max_result') ?? '100') || 100));
  const end = start + size;
  return end < items.length
    ? { items: items.slice(start, end), nextToken: String(end) }
    : { items: items.slice(start) };
}

function account(request: SandboxRequest): SsoAccount | undefined {
  const accountId = request.query.get('account_id') ?? '';
  return SSO_ACCOUNTS.find((entry) => entry.accountId === accountId);
}

/**
 * Answers `GET /federation/credentials`, `/assignment/accounts`, `/assignment/roles` and
 * `POST /logout`.
 *
 * A missing, unknown or expired bearer token → 401 `UnauthorizedException` ("Session token
 * not found or invalid"); an account or role outside the directory → 403 `ForbiddenException`
 * ("No access"). Role credentials last `ssoRoleCredentials` seconds; `expiration` is epoch ms;
 * GetCallerIdentity then answers `assumed-role/AWSReservedSSO_<role>_<hex>/sandbox-user`.
 */
export function handlePortal(
  request: SandboxRequest,
  path: string,
  identity: IdentityStore,
): SandboxResponse {
  const accessToken = headerValue(request, 'x-amz-sso_bearer_token') ?? '';
  if (identity.validToken(accessToken) === undefined)
    return portalError('UnauthorizedException', 'Session token not found or invalid', 401);
  switch (path) {
    case '/logout':
      identity.revokeToken(accessToken);
      return { status: 200, headers: {}, body: '' };
    case '/assignment/accounts': {
      const { items, nextToken } = page(SSO_ACCOUNTS, request);
      return json({
        accountList: items.map(({ accountId, accountName, emailAddress }) => ({
          accountId,
          accountName,
          emailAddress,
        })),
        ...(nextToken ? { nextToken } : {}),
      });
    }
    case '/assignment/roles': {
      const found = account(request);
      if (found === undefined) return portalError('ForbiddenException', 'No access', 403);
      const { items, nextToken } = page(found.roleNames, request);
      return json({
        roleList: items.map((roleName) => ({ roleName, accountId: found.accountId })),
        ...(nextToken ? { nextToken } : {}),
      });
    }
    default: {
      const found = account(request);
      const roleName = request.query.get('role_name') ?? '';
      if (found === undefined || !found.roleNames.includes(roleName))
        return portalError('ForbiddenException', 'No access', 403);
      const reserved = reservedRoleName(found.accountId, roleName);
      const issued = identity.issueCredentials(
        {
          accountId: found.accountId,
          arn: `arn:aws:sts::${found.accountId}:assumed-role/${reserved}/${SSO_USER_NAME}`,
          userId: `${principalId('AROA', `${found.accountId}:${reserved}`)}:${SSO_USER_NAME}`,
        },
        identity.ttl.ssoRoleCredentials,
      );
      return json({
        roleCredentials: {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
          expiration: issued.expiresAtMs,
        },
      });
    }
  }
}
