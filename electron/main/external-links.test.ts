import { describe, expect, it, vi } from 'vitest';
import { createExternalOpener, isAllowedExternalUrl, isLoopbackHttp } from './external-links.js';

describe('isLoopbackHttp', () => {
  it('accepts only http on loopback names', () => {
    expect(isLoopbackHttp('http://127.0.0.1:4566/sso/verify?user_code=ABCD-EFGH')).toBe(true);
    expect(isLoopbackHttp('http://localhost:1/x')).toBe(true);
    expect(isLoopbackHttp('http://[::1]:2/x')).toBe(true);
    expect(isLoopbackHttp('http://127.0.0.1.evil.example/x')).toBe(false);
    expect(isLoopbackHttp('https://127.0.0.1/x')).toBe(false);
    expect(isLoopbackHttp('javascript:alert(1)')).toBe(false);
    expect(isLoopbackHttp('file:///etc/passwd')).toBe(false);
    expect(isLoopbackHttp('not a url')).toBe(false);
  });
});

const REFUSED = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'https://evil.example',
  'http://docs.aws.amazon.com/',
  'https://docs.aws.amazon.com.evil.example/',
  'https://user:pw@docs.aws.amazon.com/',
  'https://docs.aws.amazon.com:8443/',
  'https://evil.example/?next=https://docs.aws.amazon.com/',
  'https://awsapps.com.evil.example/start',
  'app://studio/index.html',
  'http://127.0.0.1:4566/_sandbox/sso/device',
  'not a url',
];

describe('isAllowedExternalUrl', () => {
  it('opens only allow-listed https links externally', () => {
    for (const url of [
      'https://docs.aws.amazon.com/personalize/latest/dg/what-is-personalize.html',
      'https://us-east-1.console.aws.amazon.com/personalize/home',
      'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH',
      'https://d-1234567890.awsapps.com/start/#/device?user_code=ABCD',
      'https://ssoins-1234.portal.us-east-1.app.aws/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of REFUSED) expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('allows the sandbox loopback page only when asked', () => {
    expect(
      isAllowedExternalUrl('http://127.0.0.1:4566/_sandbox/sso/device', { allowLoopback: true }),
    ).toBe(true);
    expect(isAllowedExternalUrl('file:///etc/passwd', { allowLoopback: true })).toBe(false);
  });
});

describe('createExternalOpener', () => {
  it('never hands a refused URL to the shell', async () => {
    const shellOpen = vi.fn(() => Promise.resolve());
    const open = createExternalOpener(shellOpen);
    for (const url of REFUSED) await expect(open(url), url).rejects.toThrow(/Refusing to open/);
    expect(shellOpen).not.toHaveBeenCalled();
    await open('https://docs.aws.amazon.com/x');
    expect(shellOpen).toHaveBeenCalledWith('https://docs.aws.amazon.com/x');
    await expect(open('https://evil.example/?secret=1')).rejects.toThrow(
      /^Refusing to open https:\/\/evil\.example:/,
    );
  });
});
