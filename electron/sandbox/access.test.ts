import { describe, expect, it } from 'vitest';
import {
  checkAccess,
  credentialAccessKeyId,
  hostName,
  isAllowedHost,
  refusalResponse,
} from './access.js';

const auth = (accessKeyId: string): string =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/personalize/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

describe('isAllowedHost', () => {
  it('accepts the loopback names with any port, case-insensitively', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.1:53211',
      'localhost',
      'LOCALHOST:80',
      '[::1]',
      '[::1]:8080',
    ])
      expect(isAllowedHost(host), host).toBe(true);
  });

  it('refuses other names, a missing header and look-alikes (DNS rebinding)', () => {
    for (const host of [
      undefined,
      '',
      'evil.example:53211',
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost.',
      '127.0.0.2',
      '[::2]:1',
      '::1',
      'localhost:80:80',
      'localhost@evil',
    ]) {
      expect(isAllowedHost(host), String(host)).toBe(false);
    }
  });

  it('accepts the extra names of a non-loopback listener', () => {
    expect(hostName('[FE80::1]:9000')).toBe('[fe80::1]');
    expect(isAllowedHost('192.168.1.5:9000', ['192.168.1.5'])).toBe(true);
    expect(isAllowedHost('192.168.1.6:9000', ['192.168.1.5'])).toBe(false);
  });
});

describe('credentialAccessKeyId', () => {
  it('reads the key from the Authorization header, else from X-Amz-Credential', () => {
    expect(credentialAccessKeyId(auth('PSXABCDEF0123456789'))).toBe('PSXABCDEF0123456789');
    expect(
      credentialAccessKeyId(undefined, 'AKIDQUERY0000000/20250101/us-east-1/s3/aws4_request'),
    ).toBe('AKIDQUERY0000000');
    expect(credentialAccessKeyId('Bearer token', null)).toBeUndefined();
    expect(
      credentialAccessKeyId('AWS4-HMAC-SHA256 Credential=/20250101/us-east-1/s3/aws4_request'),
    ).toBeUndefined();
  });
});

describe('checkAccess', () => {
  const request = {
    host: '127.0.0.1:1',
    authorization: auth('PSX0123456789ABCDEF'),
    queryCredential: null,
  };

  it('lets anything on a loopback Host through when no key is required', () => {
    expect(checkAccess({}, request)).toBeUndefined();
    expect(checkAccess({}, { ...request, authorization: undefined })).toBeUndefined();
  });

  it('refuses a foreign Host even with the right key', () => {
    expect(
      checkAccess({ accessKeyId: 'PSX0123456789ABCDEF' }, { ...request, host: 'evil.example:1' }),
    ).toBe('foreignHost');
  });

  it('requires the exact access key id when one is set', () => {
    const policy = { accessKeyId: 'PSX0123456789ABCDEF' };
    expect(checkAccess(policy, request)).toBeUndefined();
    expect(checkAccess(policy, { ...request, authorization: auth('PSX0123456789ABCDEE') })).toBe(
      'unknownAccessKey',
    );
    expect(checkAccess(policy, { ...request, authorization: auth('PSX0123456789ABCDEF0') })).toBe(
      'unknownAccessKey',
    );
    expect(checkAccess(policy, { ...request, authorization: undefined })).toBe('unknownAccessKey');
    expect(
      checkAccess(policy, {
        ...request,
        authorization: undefined,
        queryCredential: 'PSX0123456789ABCDEF/20250101/us-east-1/s3/aws4_request',
      }),
    ).toBeUndefined();
  });
});

describe('refusalResponse', () => {
  it('answers an unknown key like AWS, per protocol, without naming the expected key', () => {
    const control = refusalResponse('unknownAccessKey', 'control-plane', 'rid', 'POST');
    expect(control.status).toBe(403);
    expect(control.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': 'UnrecognizedClientException',
    });
    expect(JSON.parse(String(control.body))).toEqual({
      __type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    expect(refusalResponse('unknownAccessKey', 'runtime', 'rid', 'POST').headers).toMatchObject({
      'content-type': 'application/json',
    });
    const s3 = refusalResponse('unknownAccessKey', 's3', 'rid', 'GET');
    expect(s3.status).toBe(403);
    expect(String(s3.body)).toContain(
      '<Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message>',
    );
    expect(refusalResponse('unknownAccessKey', 's3', 'rid', 'HEAD')).toEqual({
      status: 403,
      headers: { 'x-amz-error-code': 'InvalidAccessKeyId' },
    });
    const sts = refusalResponse('unknownAccessKey', 'sts', 'rid', 'POST');
    expect(sts.status).toBe(403);
    expect(String(sts.body)).toContain(
      '<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message>',
    );
  });

  it('answers a foreign Host with 403 AccessDenied in every protocol', () => {
    expect(refusalResponse('foreignHost', 'control-plane', 'rid', 'POST')).toMatchObject({
      status: 403,
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
    });
    expect(String(refusalResponse('foreignHost', 's3', 'rid', 'GET').body)).toContain(
      '<Code>AccessDenied</Code>',
    );
    expect(String(refusalResponse('foreignHost', 'iam', 'rid', 'POST').body)).toContain(
      '<Code>AccessDenied</Code>',
    );
  });
});
