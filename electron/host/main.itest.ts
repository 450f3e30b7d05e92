import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { startStudioBrowserHost, type LaunchableStudioBrowserHost } from './main.js';

let root = '';
let host: LaunchableStudioBrowserHost;

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
  host = await startStudioBrowserHost({
    userDataDir: path.join(root, 'data'),
    rendererDir,
    sandboxTiming: 'fast',
  });
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

describe('startStudioBrowserHost', () => {
  it('serves the real core over HTTP with the browser host channels', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    const info = await call('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'browser', canPickFilesNatively: false },
    });
    const workspaces = await call('workspaces.list', {});
    expect(workspaces.ok).toBe(true);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(host.address).toBe('127.0.0.1');
    const launched = await fetch(host.createLaunchUrl(), { redirect: 'manual' });
    expect(launched.status).toBe(303);
    expect(launched.headers.get('location')).toBe(`/?token=${host.token}`);
  });
});

describe('prepareHostEnvironment', () => {
  it('removes the AWS_* variables except the config file locations, and logs only their names', async () => {
    const { prepareHostEnvironment } = await import('./main.js');
    const saved = { ...process.env };
    process.env.AWS_PROFILE = 'someone-else';
    process.env.AWS_SECRET_ACCESS_KEY = 'do-not-log-me';
    process.env.AWS_CONFIG_FILE = '/tmp/config';
    const lines: string[] = [];
    try {
      expect(prepareHostEnvironment((line) => lines.push(line))).toEqual(
        expect.arrayContaining(['AWS_PROFILE', 'AWS_SECRET_ACCESS_KEY']),
      );
      expect(process.env.AWS_PROFILE).toBeUndefined();
      expect(process.env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
      expect(process.env.AWS_CONFIG_FILE).toBe('/tmp/config');
      expect(lines.join('\n')).toContain('AWS_PROFILE');
      expect(lines.join('\n')).not.toContain('do-not-log-me');
    } finally {
      for (const name of Object.keys(process.env))
        if (!(name in saved)) Reflect.deleteProperty(process.env, name);
      Object.assign(process.env, saved);
    }
  });
});
