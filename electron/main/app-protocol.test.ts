import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  isAllowedNavigation,
  isAppUrl,
  resolveAppRequest,
} from './app-protocol.js';

let root = '';
let rendererDir = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), '1');
  await writeFile(path.join(root, 'secret.txt'), 'SECRET');
  await symlink(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.js'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('app:// URLs and navigation', () => {
  it('compares origins, never prefixes', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://studio.evil/index.html')).toBe(false);
    expect(isAppUrl('app://studio@evil/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAllowedNavigation('app://studio/#/import')).toBe(true);
    for (const url of [
      'https://evil.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://127.0.0.1:3000/',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('registers the scheme without bypassCSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect('bypassCSP' in APP_SCHEME_PRIVILEGES).toBe(false);
  });
});

describe('resolveAppRequest', () => {
  it('serves files with the strict CSP (connect-src none)', async () => {
    const answer = await resolveAppRequest(rendererDir, 'app://studio/index.html');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Security-Policy']).toContain("connect-src 'none'");
    expect(answer.headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(answer.headers['Content-Type']).toMatch(/text\/html/);
    expect((await resolveAppRequest(rendererDir, 'app://studio/')).status).toBe(200);
    expect((await resolveAppRequest(rendererDir, 'app://studio/assets/app.js?v=1')).status).toBe(
      200,
    );
    expect((await resolveAppRequest(rendererDir, 'app://studio/missing.js')).status).toBe(404);
  });

  it('refuses traversal, absolute paths, symlink escapes, other hosts and methods', async () => {
    for (const url of [
      'app://studio/../secret.txt',
      'app://studio/%2e%2e/secret.txt',
      'app://studio/assets/..%2F..%2Fsecret.txt',
      'app://studio/%2Fetc%2Fpasswd/../x',
      'app://studio/..%5csecret.txt',
      'app://studio/assets/link.js',
      'app://other/index.html',
    ]) {
      const answer = await resolveAppRequest(rendererDir, url);
      expect(answer.status, url).toBe(403);
      expect('filePath' in answer).toBe(false);
    }
    expect((await resolveAppRequest(rendererDir, 'app://studio//etc/passwd')).status).not.toBe(200);
    expect((await resolveAppRequest(rendererDir, APP_ENTRY_URL, 'POST')).status).toBe(405);
  });
});

describe('createAppProtocolHandler', () => {
  it('answers with the file, the CSP and nosniff, and refuses traversal', async () => {
    const handler = createAppProtocolHandler(rendererDir, (filePath) => readFile(filePath));
    const page = await handler({ url: APP_ENTRY_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const head = await handler({ url: APP_ENTRY_URL, method: 'HEAD' });
    expect(await head.text()).toBe('');
    const refused = await handler({ url: 'app://studio/%2e%2e/secret.txt', method: 'GET' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('SECRET');
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
