import { describe, expect, it } from 'vitest';
import { checkAccess, refusalResponse, type AccessPolicy } from '../access.js';
import { routeRequest } from '../router.js';

const auth = (accessKeyId: string, service = 'personalize'): string =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

const policy: AccessPolicy = {
  accessKeyId: 'PSX0123456789ABCDEF',
  issuedKeyState: (key) =>
    key === 'ASIAVALIDVALIDVALID' ? 'valid' : key === 'ASIAEXPIREDEXPIRED0' ? 'expired' : undefined,
};
const base = { host: '127.0.0.1:1', queryCredential: null };

describe('access decisions of the embedded sandbox for STS / SSO', () => {
  it('lets the unsigned SSO OIDC and portal routes through without the per-launch key', () => {
    for (const [method, path] of [
      ['POST', '/client/register'],
      ['POST', '/device_authorization'],
      ['POST', '/token'],
      ['POST', '/logout'],
      ['GET', '/federation/credentials'],
      ['GET', '/assignment/accounts'],
      ['GET', '/assignment/roles'],
      ['GET', '/_sandbox/sso/device'],
      ['POST', '/_sandbox/sso/device'],
    ] as const) {
      expect(
        checkAccess(policy, { ...base, authorization: undefined, method, path }),
        `${method} ${path}`,
      ).toBeUndefined();
      expect(routeRequest(undefined, method, path, undefined)).toBe('sso');
    }
  });

  it('still refuses other unsigned paths, SSO paths with another method, and SSO routes on a foreign Host', () => {
    expect(
      checkAccess(policy, { ...base, authorization: undefined, method: 'GET', path: '/token' }),
    ).toBe('unknownAccessKey');
    expect(
      checkAccess(policy, {
        ...base,
        authorization: undefined,
        method: 'PUT',
        path: '/assignment/accounts',
      }),
    ).toBe('unknownAccessKey');
    expect(
      checkAccess(policy, {
        ...base,
        authorization: undefined,
        method: 'GET',
        path: '/bucket/key',
      }),
    ).toBe('unknownAccessKey');
    expect(checkAccess(policy, { ...base, authorization: undefined })).toBe('unknownAccessKey');
    expect(
      checkAccess(policy, {
        ...base,
        host: 'evil.example:1',
        authorization: undefined,
        method: 'POST',
        path: '/token',
      }),
    ).toBe('foreignHost');
    expect(routeRequest(undefined, 'GET', '/token', undefined)).toBe('s3');
  });

  it('accepts keys the sandbox issued while valid, refuses them once expired, refuses unknown keys', () => {
    expect(
      checkAccess(policy, { ...base, authorization: auth('ASIAVALIDVALIDVALID') }),
    ).toBeUndefined();
    expect(checkAccess(policy, { ...base, authorization: auth('ASIAEXPIREDEXPIRED0') })).toBe(
      'expiredToken',
    );
    expect(checkAccess(policy, { ...base, authorization: auth('ASIAUNKNOWNUNKNOWN0') })).toBe(
      'unknownAccessKey',
    );
    expect(
      checkAccess(policy, { ...base, authorization: auth('PSX0123456789ABCDEF') }),
    ).toBeUndefined();
    expect(
      checkAccess(
        { issuedKeyState: policy.issuedKeyState },
        { ...base, authorization: auth('ASIAEXPIREDEXPIRED0') },
      ),
    ).toBe('expiredToken');
    expect(
      checkAccess(
        { issuedKeyState: policy.issuedKeyState },
        { ...base, authorization: auth('ANYTHING') },
      ),
    ).toBeUndefined();
  });

  it('answers an expired issued key with each protocol’s ExpiredToken error', () => {
    const sts = refusalResponse('expiredToken', 'sts', 'rid', 'POST');
    expect(sts.status).toBe(403);
    expect(String(sts.body)).toContain(
      '<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>',
    );
    expect(refusalResponse('expiredToken', 'control-plane', 'rid', 'POST')).toMatchObject({
      status: 403,
      headers: { 'x-amzn-errortype': 'ExpiredTokenException' },
    });
    const s3 = refusalResponse('expiredToken', 's3', 'rid', 'GET');
    expect(s3.status).toBe(400);
    expect(String(s3.body)).toContain(
      '<Code>ExpiredToken</Code><Message>The provided token has expired.</Message>',
    );
    expect(refusalResponse('foreignHost', 'sso', 'rid', 'POST')).toMatchObject({
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
    });
  });
});
