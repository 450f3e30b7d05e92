import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import {
  BrowserHostListenError,
  describeListenError,
  LAUNCH_CODE_TTL_MS,
  startBrowserHost,
  type BrowserHost,
} from './browser-host.js';
import { createFakeStudioApp, type FakeStudioApp } from './test-support.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let root = '';
let host: BrowserHost;
let app: FakeStudioApp;
let rendererDir = '';
let clockMs = 1_000_000;

function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(
  channel: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return send({
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: {
      Authorization: `Bearer ${host.token}`,
      'Content-Type': 'application/json',
      ...headers,
    },
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
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'SECRET');
  await symlink(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'escape.js'));
  app = createFakeStudioApp();
  host = await startBrowserHost({ app, rendererDir, version: '9.9.9', now: () => clockMs });
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
    expect(envelopeOf(response)).toEqual({
      ok: true,
      value: { version: '9.9.9', host: 'browser', canPickFilesNatively: false },
    });
    expect(envelopeOf(await invoke('data.pickFile', { title: 'Interactions' }))).toEqual({
      ok: true,
      value: {},
    });
    expect(envelopeOf(await invoke('workspaces.list', {}))).toEqual({
      ok: true,
      value: { workspaces: [], currentId: 'local-sandbox' },
    });
  });

  it('refuses a missing or wrong token', async () => {
    const wrong = await invoke('app.info', {}, { Authorization: `Bearer ${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe('ipc.untrustedSender');
    const none = await send({
      method: 'POST',
      path: '/api/invoke/app.info',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    const events = await send({ path: '/api/events?token=nope' });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a wrong port', async () => {
    for (const hostHeader of [
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
      `127.0.0.1.evil.example:${host.port}`,
    ]) {
      const response = await invoke('app.info', {}, { Host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
      expect(codeOf(response)).toBe('ipc.untrustedSender');
      expect((await send({ path: '/', headers: { Host: hostHeader } })).status).toBe(403);
    }
    expect((await invoke('app.info', {}, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin and accepts our own', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
    ]) {
      const response = await invoke('app.info', {}, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(codeOf(response)).toBe('ipc.untrustedSender');
    }
    expect((await invoke('app.info', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(
      200,
    );
  });

  it('refuses path traversal: dot segments, encoded, backslashes and symlink escapes', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/escape.js',
      '/%00',
      '/%E0%A4%A',
    ]) {
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
    const badJson = await send({
      method: 'POST',
      path: '/api/invoke/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(codeOf(badJson)).toBe('input.invalid');
    const form = await send({
      method: 'POST',
      path: '/api/invoke/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect(
      (
        await send({
          method: 'GET',
          path: '/api/invoke/app.info',
          headers: { Authorization: `Bearer ${host.token}` },
        })
      ).status,
    ).toBe(405);
    const huge = await send({
      method: 'POST',
      path: '/api/invoke/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: `"${'x'.repeat(2 * 1024 * 1024)}"`,
    });
    expect(huge.status).toBe(413);
    expect(codeOf(huge)).toBe('input.invalid');
  });

  it('streams events as server-sent events and unsubscribes on disconnect', async () => {
    const before = app.listenerCount();
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/events?token=${host.token}`,
          headers: { Host: `127.0.0.1:${host.port}` },
        },
        (res) => {
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
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ name: 'jobs.didChange', payload: { id: 'j1' } });
    await expect.poll(() => app.listenerCount()).toBe(before);
  });
});

/** Resolves true when a TCP connection to address:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('listening (SECURITY.md §7)', () => {
  it('binds 127.0.0.1 only: other loopback and interface addresses are refused', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(await accepts('127.0.0.1', host.port)).toBe(true);
    const others = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .filter((entry) => entry.family === 'IPv4' && entry.address !== '127.0.0.1')
      .map((entry) => entry.address);
    // 127.0.0.2 is loopback on Linux: a wildcard bind answers it, a 127.0.0.1 bind does not.
    for (const address of [...(process.platform === 'linux' ? ['127.0.0.2'] : []), ...others]) {
      expect(await accepts(address, host.port), address).toBe(false);
    }
  });

  it('picks a random free port unless told one, and a busy port is one line naming the fix', async () => {
    const second = await startBrowserHost({ app, rendererDir });
    try {
      expect(second.port).toBeGreaterThan(0);
      expect(second.port).not.toBe(host.port);
      expect(second.token).toMatch(/^[0-9a-f]{64}$/);
      expect(second.token).not.toBe(host.token);
      const busy = startBrowserHost({ app, rendererDir, port: second.port });
      await expect(busy).rejects.toBeInstanceOf(BrowserHostListenError);
      const message = await busy.then(
        () => '',
        (error: unknown) => (error instanceof Error ? error.message : ''),
      );
      expect(message).toBe(
        `Port ${second.port} on 127.0.0.1 is already in use: stop the program using it, or set POC_STUDIO_PORT to a free port (or leave it unset to pick one at random).`,
      );
    } finally {
      await second.close();
    }
    expect(describeListenError(Object.assign(new Error('x'), { code: 'EACCES' }), 80)).toMatch(
      /^Port 80 .*POC_STUDIO_PORT/,
    );
    expect(describeListenError(new Error('boom'), 1)).not.toContain('\n');
  });
});

describe('security headers (SECURITY.md §7)', () => {
  const EXPECTED_CSP =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  it('the page has the strict CSP: no unsafe-inline, no unsafe-eval, nothing remote', async () => {
    const page = await send({ path: '/' });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(csp).toBe(EXPECTED_CSP);
    expect(
      String((await send({ path: '/workspaces/current' })).headers['content-security-policy']),
    ).toBe(EXPECTED_CSP);
  });

  it('every response carries nosniff and no-referrer', async () => {
    const responses = await Promise.all([
      send({ path: '/' }),
      send({ path: '/assets/app.js' }),
      send({ path: '/assets/missing.js' }),
      send({ path: '/%2e%2e/secret.txt' }),
      send({ path: '/', headers: { Host: 'evil.example' } }),
      invoke('app.info', {}),
      invoke('app.info', {}, { Authorization: 'Bearer nope' }),
      send({ path: '/launch?code=nope' }),
    ]);
    for (const response of responses) {
      expect(response.headers['x-content-type-options'], String(response.status)).toBe('nosniff');
      expect(response.headers['referrer-policy'], String(response.status)).toBe('no-referrer');
    }
  });
});

describe('launch codes (the token never on a command line)', () => {
  it('redirects once to the page with the token', async () => {
    const launchUrl = host.createLaunchUrl();
    expect(launchUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/launch\\?code=[0-9a-f]{48}$`),
    );
    expect(launchUrl).not.toContain(host.token);
    const launchPath = launchUrl.slice(`http://127.0.0.1:${host.port}`.length);
    const first = await send({ path: launchPath });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/?token=${host.token}`);
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await send({ path: launchPath });
    expect(again.status).toBe(401);
    expect(again.headers.location).toBeUndefined();
    expect(again.body).not.toContain(host.token);
  });

  it('refuses unknown, expired and non-GET codes, and foreign hosts', async () => {
    expect((await send({ path: '/launch' })).status).toBe(401);
    expect((await send({ path: `/launch?code=${host.token}` })).status).toBe(401);
    const late = host.createLaunchUrl().split('/launch')[1] ?? '';
    clockMs += LAUNCH_CODE_TTL_MS + 1;
    expect((await send({ path: `/launch${late}` })).status).toBe(401);
    const posted = host.createLaunchUrl().split('/launch')[1] ?? '';
    expect((await send({ method: 'POST', path: `/launch${posted}` })).status).toBe(405);
    const rebound = host.createLaunchUrl().split('/launch')[1] ?? '';
    expect(
      (await send({ path: `/launch${rebound}`, headers: { Host: `evil.example:${host.port}` } }))
        .status,
    ).toBe(403);
    // Neither the POST nor the refused host consumed anything they could use.
    expect((await send({ path: `/launch${rebound}` })).status).toBe(303);
  });
});

describe('file guards on the HTTP path', () => {
  it('refuses a file nobody chose before the core reads it', async () => {
    const response = await invoke('data.preview', {
      path: '/etc/shadow',
      datasetType: 'interactions',
      limit: 5,
    });
    expect(codeOf(response)).toBe('file.unreadable');
  });
});
