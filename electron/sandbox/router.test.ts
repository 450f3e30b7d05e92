import { describe, expect, it } from 'vitest';
import { parseCredentialScope, routeRequest } from './router.js';

const auth = (service: string, region = 'eu-west-1'): string =>
  `AWS4-HMAC-SHA256 Credential=AKID/20250101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

describe('parseCredentialScope', () => {
  it('reads region and service from the SigV4 credential scope', () => {
    expect(parseCredentialScope(auth('personalize'))).toEqual({
      region: 'eu-west-1',
      service: 'personalize',
    });
    expect(parseCredentialScope(undefined, 'AKID/20250101/us-west-2/s3/aws4_request')).toEqual({
      region: 'us-west-2',
      service: 's3',
    });
    expect(parseCredentialScope('Bearer x')).toBeUndefined();
  });
});

describe('routeRequest', () => {
  it('routes by signing service, then by heuristics for unsigned requests', () => {
    const personalize = parseCredentialScope(auth('personalize'));
    expect(routeRequest(personalize, 'POST', '/', 'AmazonPersonalize.ListSchemas')).toBe(
      'control-plane',
    );
    expect(routeRequest(personalize, 'POST', '/recommendations', undefined)).toBe('runtime');
    expect(routeRequest(personalize, 'POST', '/events/', undefined)).toBe('runtime');
    expect(
      routeRequest(parseCredentialScope(auth('s3')), 'POST', '/recommendations', undefined),
    ).toBe('s3');
    expect(routeRequest(parseCredentialScope(auth('sts')), 'POST', '/', undefined)).toBe('sts');
    expect(routeRequest(undefined, 'POST', '/', 'AmazonPersonalize.ListSchemas')).toBe(
      'control-plane',
    );
    expect(routeRequest(undefined, 'POST', '/recommendations', undefined)).toBe('runtime');
    expect(routeRequest(undefined, 'GET', '/bucket/key', undefined)).toBe('s3');
  });
});
