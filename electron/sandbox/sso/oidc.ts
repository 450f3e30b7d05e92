/**
 * SSO OIDC fake (restJson1, unsigned): RegisterClient, StartDeviceAuthorization and CreateToken
 * with the device-code and refresh-token grants, as `@aws-sdk/client-sso-oidc` calls them.
 */
import { headerValue, type SandboxRequest, type SandboxResponse } from '../http-types.js';
import type { IdentityStore } from '../sts/identity-store.js';

/** The device-code grant type of RFC 8628, as CreateToken expects it. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Path of the verification page (underscores cannot start an S3 bucket name, so no clash). */
export const VERIFICATION_PATH = '/_sandbox/sso/device';

/** OIDC error codes and the OAuth `error` value the service puts in the body. */
const OAUTH_ERRORS = {
  AuthorizationPendingException: 'authorization_pending',
  SlowDownException: 'slow_down',
  ExpiredTokenException: 'expired_token',
  AccessDeniedException: 'access_denied',
  InvalidGrantException: 'invalid_grant',
  InvalidClientException: 'invalid_client',
  InvalidRequestException: 'invalid_request',
  UnsupportedGrantTypeException: 'unsupported_grant_type',
} as const;

type OidcErrorCode = keyof typeof OAUTH_ERRORS;

/** An OIDC error: `x-amzn-errortype` plus `{error, error_description}` (400; 401 for InvalidClient). */
export function oidcError(code: OidcErrorCode, description: string): SandboxResponse {
  return {
    status: code === 'InvalidClientException' ? 401 : 400,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ error: OAUTH_ERRORS[code], error_description: description }),
  };
}

function json(value: unknown): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function registerClient(body: Record<string, unknown>, identity: IdentityStore): SandboxResponse {
  if (text(body, 'clientName') === undefined)
    return oidcError('InvalidRequestException', 'clientName is required');
  if (text(body, 'clientType') !== 'public')
    return oidcError('InvalidRequestException', 'clientType must be public');
  const scopes = Array.isArray(body.scopes)
    ? body.scopes.filter((scope): scope is string => typeof scope === 'string')
    : [];
  const client = identity.registerClient(scopes);
  return json({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(identity.now() / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAtMs / 1000),
  });
}

function startDeviceAuthorization(
  request: SandboxRequest,
  body: Record<string, unknown>,
  identity: IdentityStore,
): SandboxResponse {
  const client = identity.authenticateClient(
    text(body, 'clientId') ?? '',
    text(body, 'clientSecret') ?? '',
  );
  if (client === undefined) return oidcError('InvalidClientException', 'Invalid client provided');
  const startUrl = text(body, 'startUrl');
  if (startUrl === undefined) return oidcError('InvalidRequestException', 'startUrl is required');
  const device = identity.startDeviceAuthorization(client, startUrl);
  const verificationUri = `http://${headerValue(request, 'host') ?? '127.0.0.1'}${VERIFICATION_PATH}`;
  return json({
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${device.userCode}`,
    expiresIn: Math.round((device.expiresAtMs - identity.now()) / 1000),
    interval: device.intervalSeconds,
  });
}

function tokenResponse(
  identity: IdentityStore,
  token: { accessToken: string; refreshToken: string | undefined; expiresAtMs: number },
): SandboxResponse {
  return json({
    accessToken: token.accessToken,
    tokenType: 'Bearer',
    expiresIn: Math.max(0, Math.round((token.expiresAtMs - identity.now()) / 1000)),
    ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
  });
}

function createToken(body: Record<string, unknown>, identity: IdentityStore): SandboxResponse {
  const client = identity.authenticateClient(
    text(body, 'clientId') ?? '',
    text(body, 'clientSecret') ?? '',
  );
  if (client === undefined) return oidcError('InvalidClientException', 'Invalid client provided');
  const grantType = text(body, 'grantType');
  const now = identity.now();
  if (grantType === DEVICE_CODE_GRANT) {
    const device = identity.findDevice(text(body, 'deviceCode') ?? '');
    if (device === undefined || device.clientId !== client.clientId || device.state === 'redeemed')
      return oidcError('InvalidGrantException', 'Invalid grant provided');
    if (device.expiresAtMs <= now)
      return oidcError('ExpiredTokenException', 'Device code has expired');
    if (device.state === 'denied')
      return oidcError('AccessDeniedException', 'Access denied by the user');
    if (device.state === 'pending') {
      const tooSoon =
        device.lastPollMs !== undefined && now - device.lastPollMs < device.intervalSeconds * 1000;
      device.lastPollMs = now;
      return tooSoon
        ? oidcError('SlowDownException', 'Client is polling too fast')
        : oidcError('AuthorizationPendingException', 'Authorization is still pending');
    }
    device.state = 'redeemed';
    return tokenResponse(
      identity,
      identity.issueToken(client, now + identity.ttl.ssoSession * 1000),
    );
  }
  if (grantType === 'refresh_token') {
    const previous = identity.findRefreshable(client.clientId, text(body, 'refreshToken') ?? '');
    if (previous === undefined)
      return oidcError('InvalidGrantException', 'Invalid refresh token provided');
    identity.markReplaced(previous);
    return tokenResponse(identity, identity.issueToken(client, previous.sessionExpiresAtMs));
  }
  return oidcError(
    'UnsupportedGrantTypeException',
    `Unsupported grant type: ${grantType ?? '(none)'}`,
  );
}

/**
 * Answers `POST /client/register`, `/device_authorization` and `/token`.
 *
 * `verificationUriComplete` points at this sandbox's verification page (the request's Host).
 * CreateToken (device code): `AuthorizationPendingException` until approved,
 * `SlowDownException` when polled again within `interval`, `ExpiredTokenException` after
 * `expiresIn`, `AccessDeniedException` when denied, `InvalidGrantException` once redeemed.
 * Refresh grant: a new access and refresh token while the session lasts, else
 * `InvalidGrantException`. Refresh tokens are issued only to clients registered with scopes.
 */
export function handleOidc(
  request: SandboxRequest,
  path: string,
  identity: IdentityStore,
): SandboxResponse {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
    body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return oidcError('InvalidRequestException', 'The request body is not JSON');
  }
  switch (path) {
    case '/client/register':
      return registerClient(body, identity);
    case '/device_authorization':
      return startDeviceAuthorization(request, body, identity);
    default:
      return createToken(body, identity);
  }
}
