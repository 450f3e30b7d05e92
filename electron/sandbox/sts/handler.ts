/**
 * STS fake (AWS Query protocol): GetCallerIdentity answering per access key, and AssumeRole
 * issuing temporary credentials in the account of the role's ARN.
 */
import { credentialAccessKeyId } from '../access.js';
import { headerValue, type SandboxRequest, type SandboxResponse } from '../http-types.js';
import { escapeXml } from '../s3/xml.js';
import { queryErrorResponse } from '../sts.js';
import { principalId, type IdentityStore } from './identity-store.js';

/** The one MFA code the sandbox accepts for any `SerialNumber` (AssumeRole with MFA). */
export const SANDBOX_MFA_CODE = '123456';

/** Lowest and highest AssumeRole `DurationSeconds` (STS API reference); default 3600. */
export const ASSUME_ROLE_DURATION_SECONDS = { min: 900, max: 43_200, default: 3600 } as const;

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/u;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/u;

/** The message STS gives for an expired session token (code `ExpiredToken`, 403). */
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';

function xml(action: string, result: string, requestId: string): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response xmlns="${STS_NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** STS's ISO form of a time: seconds precision, `Z`. */
function stsTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function validation(
  member: string,
  value: string,
  constraint: string,
  requestId: string,
): SandboxResponse {
  return queryErrorResponse(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
    requestId,
  );
}

function assumeRole(
  params: URLSearchParams,
  identity: IdentityStore,
  requestId: string,
): SandboxResponse {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const role = ROLE_ARN.exec(roleArn);
  if (role === null)
    return validation(
      'roleArn',
      roleArn,
      'Member must be a role ARN (arn:aws:iam::<12-digit account>:role/<name>)',
      requestId,
    );
  if (!SESSION_NAME.test(sessionName))
    return validation(
      'roleSessionName',
      sessionName,
      'Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}',
      requestId,
    );
  const durationText = params.get('DurationSeconds');
  const durationSeconds =
    durationText === null ? ASSUME_ROLE_DURATION_SECONDS.default : Number(durationText);
  if (!Number.isInteger(durationSeconds) || durationSeconds < ASSUME_ROLE_DURATION_SECONDS.min) {
    return validation(
      'durationSeconds',
      durationText ?? '',
      `Member must have value greater than or equal to ${ASSUME_ROLE_DURATION_SECONDS.min}`,
      requestId,
    );
  }
  if (durationSeconds > ASSUME_ROLE_DURATION_SECONDS.max) {
    return validation(
      'durationSeconds',
      String(durationSeconds),
      `Member must have value less than or equal to ${ASSUME_ROLE_DURATION_SECONDS.max}`,
      requestId,
    );
  }
  const serial = params.get('SerialNumber');
  const code = params.get('TokenCode');
  if ((serial === null) !== (code === null)) {
    return queryErrorResponse(
      'AccessDenied',
      'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
      requestId,
      403,
    );
  }
  if (code !== null && !/^\d{6}$/u.test(code))
    return validation(
      'tokenCode',
      code,
      'Member must satisfy regular expression pattern: [\\d]*',
      requestId,
    );
  if (code !== null && code !== SANDBOX_MFA_CODE) {
    return queryErrorResponse(
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      requestId,
      403,
    );
  }
  const accountId = role[1] ?? '';
  const roleName = role[2] ?? '';
  const roleId = principalId('AROA', `${accountId}:${roleName}`);
  const issued = identity.issueCredentials(
    {
      accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
    },
    durationSeconds,
  );
  return xml(
    'AssumeRole',
    `<Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(issued.secretAccessKey)}</SecretAccessKey><SessionToken>${escapeXml(issued.sessionToken)}</SessionToken><Expiration>${stsTime(issued.expiresAtMs)}</Expiration></Credentials>` +
      `<AssumedRoleUser><AssumedRoleId>${escapeXml(issued.userId)}</AssumedRoleId><Arn>${escapeXml(issued.arn)}</Arn></AssumedRoleUser>`,
    requestId,
  );
}

function callerIdentity(
  request: SandboxRequest,
  identity: IdentityStore,
  defaultAccountId: string,
  requestId: string,
): SandboxResponse {
  const accessKeyId = credentialAccessKeyId(
    headerValue(request, 'authorization'),
    request.query.get('X-Amz-Credential'),
  );
  const issued = accessKeyId === undefined ? undefined : identity.findCredentials(accessKeyId);
  if (issued !== undefined && issued.expiresAtMs <= identity.now())
    return queryErrorResponse('ExpiredToken', EXPIRED_TOKEN_MESSAGE, requestId, 403);
  const account = issued?.accountId ?? defaultAccountId;
  const arn = issued?.arn ?? `arn:aws:iam::${defaultAccountId}:user/sandbox`;
  const userId = issued?.userId ?? 'AIDASANDBOXUSER00001';
  return xml(
    'GetCallerIdentity',
    `<Arn>${escapeXml(arn)}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${escapeXml(account)}</Account>`,
    requestId,
  );
}

/**
 * Answers an STS request: `GetCallerIdentity` (the sandbox's own keys, and any key it did not
 * issue → `arn:aws:iam::<defaultAccountId>:user/sandbox`; issued keys → their role session;
 * expired issued keys → 403 `ExpiredToken`) and `AssumeRole` (`ValidationError` for a
 * malformed RoleArn / RoleSessionName / DurationSeconds outside 900–43200, 403 `AccessDenied`
 * for a wrong MFA code: only {@link SANDBOX_MFA_CODE} is valid). Other actions: 400 `InvalidAction`.
 */
export function handleSts(
  request: SandboxRequest,
  identity: IdentityStore,
  defaultAccountId: string,
  requestId: string,
): SandboxResponse {
  const params = new URLSearchParams(request.body.toString('utf8'));
  for (const [name, value] of request.query) params.set(name, value);
  const action = params.get('Action') ?? '';
  switch (action) {
    case 'GetCallerIdentity':
      return callerIdentity(request, identity, defaultAccountId, requestId);
    case 'AssumeRole':
      return assumeRole(params, identity, requestId);
    default:
      return queryErrorResponse(
        'InvalidAction',
        `The action ${action || '(none)'} is not supported by the sandbox STS.`,
        requestId,
      );
  }
}
