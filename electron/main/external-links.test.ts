import { describe, expect, it } from 'vitest';
import { isLoopbackHttp } from './external-links.js';

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
