import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { startBrowserHost, type BrowserHost } from './browser-host.js';
import { createFakeStudioApp, type FakeStudioApp } from './test-support.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let root = '';
let host: BrowserHost;
let app: FakeStudioApp;

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send({
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

function envelopeOf(response: RawResponse): Envelope<unknown> {
  return JSON.parse(response.body) as Envelope<unknown>;
}

function codeOf(response: RawResponse): string | undefined {
  const envelope = envelopeOf(response);
  return envelope.ok ? undefined : envelope.error.code;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'browser-host-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'SECRET');
  await symlink(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.js'));
  app = createFakeStudioApp();
  host = await startBrowserHost({ app, rendererDir, version: '9.9.9' });
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

describe('startBrowserHost', () => {
  it('listens on 127.0.0.1 with a random token in the URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves index.html with the CSP and assets with their type', async () => {
    const page = await send({ path: `/?token=${host.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>studio</title>');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const asset = await send({ path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['content-security-policy']).toBeUndefined();
    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
    expect((await send({ path: '/favicon.ico' })).status).toBe(204);
    expect((await send({ path: '/workspaces/current' })).body).toContain('<title>studio</title>');
  });

  it('answers app.info as the browser host', async () => {
    const response = await invoke('app.info', {});
    expect(response.status).toBe(200);
    expect(envelopeOf(response)).toEqual({ ok: true, value: { version: '9.9.9', host: 'browser', canPickFilesNatively: false } });
    expect(envelopeOf(await invoke('data.pickFile', { title: 'Interactions' }))).toEqual({ ok: true, value: {} });
    expect(envelopeOf(await invoke('workspaces.list', {}))).toEqual({ ok: true, value: { workspaces: [], currentId: 'local-sandbox' } });
  });

  it('refuses a missing or wrong token', async () => {
    const wrong = await invoke('app.info', {}, { Authorization: `Bearer ${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe('ipc.untrustedSender');
    const none = await send({ method: 'POST', path: '/api/invoke/app.info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const events = await send({ path: '/api/events?token=nope' });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a wrong port', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${host.port}`]) {
      const response = await invoke('app.info', {}, { Host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
      expect(codeOf(response)).toBe('ipc.untrustedSender');
      expect((await send({ path: '/', headers: { Host: hostHeader } })).status).toBe(403);
    }
    expect((await invoke('app.info', {}, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin and accepts our own', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`]) {
      const response = await invoke('app.info', {}, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(codeOf(response)).toBe('ipc.untrustedSender');
    }
    expect((await invoke('app.info', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('refuses path traversal: dot segments, encoded, backslashes and symlink escapes', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/escape.js', '/%00', '/%E0%A4%A']) {
      const response = await send({ path: attempt });
      expect(response.status, attempt).toBe(403);
      expect(response.body).not.toContain('SECRET');
    }
  });

  it('refuses unknown channels and unknown API routes', async () => {
    const response = await invoke('nope.nope', {});
    expect(response.status).toBe(404);
    expect(codeOf(response)).toBe('ipc.unknownChannel');
    expect(codeOf(await invoke('__proto__', {}))).toBe('ipc.unknownChannel');
    expect(codeOf(await send({ path: '/api/other' }))).toBe('ipc.unknownChannel');
  });

  it('returns input.invalid for invalid input, bad JSON and non-JSON bodies', async () => {
    const invalid = await invoke('jobs.cancel', { jobId: 7 });
    expect(invalid.status).toBe(200);
    expect(codeOf(invalid)).toBe('input.invalid');
    const badJson = await send({ method: 'POST', path: '/api/invoke/app.info', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: '{' });
    expect(codeOf(badJson)).toBe('input.invalid');
    const form = await send({ method: 'POST', path: '/api/invoke/app.info', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    expect((await send({ method: 'GET', path: '/api/invoke/app.info', headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(405);
    const huge = await send({ method: 'POST', path: '/api/invoke/app.info', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: `"${'x'.repeat(2 * 1024 * 1024)}"` });
    expect(huge.status).toBe(413);
    expect(codeOf(huge)).toBe('input.invalid');
  });

  it('streams events as server-sent events and unsubscribes on disconnect', async () => {
    const before = app.listenerCount();
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes(': connected')) {
            app.emit('jobs.didChange', { id: 'j1' } as never);
          }
          const match = /data: (.*)\n\n/.exec(text);
          if (match?.[1] !== undefined) {
            resolve(match[1]);
            req.destroy();
          }
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ name: 'jobs.didChange', payload: { id: 'j1' } });
    await expect.poll(() => app.listenerCount()).toBe(before);
  });
});
