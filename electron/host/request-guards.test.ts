import { describe, expect, it } from 'vitest';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guards.js';
import { checkRequestPath, isInside } from './static-files.js';

describe('request guards', () => {
  it('accepts only loopback Host headers with our port', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('[::1]:4000', 4000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('attacker.test:4000', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('accepts a missing Origin or ours only', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4000.evil.test', 4000)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
  });

  it('checks request paths before touching the disk', () => {
    expect(checkRequestPath('/')).toEqual({ relativePath: 'index.html' });
    expect(checkRequestPath('/assets/a%20b.js')).toEqual({ relativePath: 'assets/a b.js' });
    for (const bad of ['/../x', '/a/%2e%2e/x', '/a/./x', '/a\\b', '/%00', '/%zz', 'relative']) {
      expect('refused' in checkRequestPath(bad), bad).toBe(true);
    }
    expect(isInside('/root', '/root/a')).toBe(true);
    expect(isInside('/root', '/rooted')).toBe(false);
    expect(isInside('/root', '/')).toBe(false);
  });
});
