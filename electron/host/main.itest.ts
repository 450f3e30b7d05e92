import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { startStudioBrowserHost, type StudioBrowserHost } from './main.js';

let root = '';
let host: StudioBrowserHost;

async function call(channel: string, input: unknown): Promise<Envelope<unknown>> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Envelope<unknown>;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'studio-browser-host-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  host = await startStudioBrowserHost({ userDataDir: path.join(root, 'data'), rendererDir, sandboxTiming: 'fast' });
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

describe('startStudioBrowserHost', () => {
  it('serves the real core over HTTP with the browser host channels', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    const info = await call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'browser', canPickFilesNatively: false } });
    const workspaces = await call('workspaces.list', {});
    expect(workspaces.ok).toBe(true);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });
});
