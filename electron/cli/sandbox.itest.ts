import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCliSandbox } from './test-support.js';

/** One raw control-plane call, as a client in a web page or a script would send it. */
function call(
  endpoint: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'x-amz-target': `AmazonPersonalize.${target}`,
      'content-type': 'application/x-amz-json-1.1',
      ...headers,
    },
    body: '{}',
  });
}

describe('poc-studio sandbox flags', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'cli-sandbox-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('--allowed-origin lets that web origin in, others stay refused; --faults injects per operation', async () => {
    const faults = path.join(directory, 'faults.json');
    await writeFile(
      faults,
      JSON.stringify({ seed: 7, rules: [{ operation: 'ListDatasetGroups', throttle: 1 }] }),
    );
    const { child, endpoint, stdout } = await startCliSandbox(path.join(directory, 'state'), [
      '--allowed-origin',
      'http://localhost:5173',
      '--faults',
      faults,
    ]);
    try {
      expect(stdout()).toContain('Requests from web pages allowed for: http://localhost:5173');
      const allowed = await call(endpoint, 'ListRecipes', { origin: 'http://localhost:5173' });
      expect(allowed.status).toBe(200);
      const foreign = await call(endpoint, 'ListRecipes', { origin: 'http://evil.example' });
      expect(foreign.status).toBe(403);
      const throttled = await call(endpoint, 'ListDatasetGroups');
      expect(throttled.status).toBe(400);
      expect(((await throttled.json()) as { __type: string }).__type).toMatch(
        /ThrottlingException$/u,
      );
      expect((await call(endpoint, 'ListSchemas')).status).toBe(200);
    } finally {
      const closed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await closed;
    }
  });

  it('without --allowed-origin a web page is refused', async () => {
    const { child, endpoint } = await startCliSandbox(path.join(directory, 'state-default'));
    try {
      const page = await call(endpoint, 'ListRecipes', { origin: 'http://localhost:5173' });
      expect(page.status).toBe(403);
    } finally {
      const closed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await closed;
    }
  });

  it('a fault file with a bad field and an origin with a path are refused with the field named', async () => {
    const faults = path.join(directory, 'bad-faults.json');
    await writeFile(faults, JSON.stringify({ rules: [{ operation: '*', throttle: 2 }] }));
    const bad = await runCli(['sandbox', '--port', '0', '--faults', faults]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`--faults ${faults}: rules.0.throttle`);
    const origin = await runCli([
      'sandbox',
      '--port',
      '0',
      '--allowed-origin',
      'http://localhost:5173/app',
    ]);
    expect(origin.code).toBe(1);
    expect(origin.stderr).toContain('give the origin only');
    const timing = await runCli(['sandbox', '--port', '0', '--timing', 'slow']);
    expect(timing.code).toBe(1);
    expect(timing.stderr).toContain('--timing must be fast or realistic');
  });
});
