import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir = '';
let blocker: Server;
let busyPort = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'start-script-'));
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  busyPort = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on a busy port', () => {
  it('prints one line naming the fix and exits 1, without a stack trace', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'start.js')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        POC_STUDIO_HOST: 'browser',
        POC_STUDIO_PORT: String(busyPort),
        POC_STUDIO_USER_DATA: dataDir,
        POC_STUDIO_DEBUG: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    const errorLines = stderr
      .split('\n')
      .filter(
        (line) => line.includes(String(busyPort)) || /^\s+at /u.test(line) || /Error/u.test(line),
      );
    expect(errorLines).toEqual([
      `Port ${busyPort} on 127.0.0.1 is already in use: stop the program using it, or set POC_STUDIO_PORT to a free port (or leave it unset to pick one at random).`,
    ]);
    expect(stdout).not.toContain('is running');
  });
});

describe('npm start with BROWSER=none', () => {
  it('says no browser is opened and prints the address to visit, never "Opening your browser"', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'start.js')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        POC_STUDIO_HOST: 'browser',
        POC_STUDIO_PORT: '',
        POC_STUDIO_USER_DATA: dataDir,
        BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const deadline = Date.now() + 120_000;
    while (!stdout.includes('/?token=') && Date.now() < deadline) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
    expect(stdout).toContain('is running on http://127.0.0.1:');
    expect(stdout).toContain('BROWSER=none: no browser is opened. Visit this address');
    expect(stdout).toMatch(/^ {2}http:\/\/127\.0\.0\.1:\d+\/\S+$/mu);
    expect(stdout).not.toContain('Opening your browser');
  });
});
