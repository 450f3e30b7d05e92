import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/personalize.js';
import type { DemoReport } from './demo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'poc-studio.js');

/** Runs the CLI to completion; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('poc-studio CLI', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'cli-itest-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('demo runs the whole POC on the bundled sample and writes the report', async () => {
    const reportPath = path.join(directory, 'report.json');
    const { code, stdout, stderr } = await runCli(['demo', '--report', reportPath]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/aws-user-personalization\s+\d\.\d{4}/);
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as DemoReport;
    expect(report.datasets.interactions?.rows).toBe(396_337);
    expect(report.solutions.map((solution) => solution.recipe)).toEqual(['aws-user-personalization', 'aws-popularity-count']);
    for (const solution of report.solutions) expect(Object.keys(solution.metrics ?? {}).sort()).toEqual([...METRIC_KEYS].sort());
    expect(report.recommendations).toHaveLength(3);
    for (const entry of report.recommendations) expect(entry.itemIds).toHaveLength(25);
    expect(report.teardown).toMatchObject({ skipped: false, remaining: 0 });
  });

  it('fails with a clear message and a non-zero code for a missing file', async () => {
    const { code, stderr } = await runCli(['demo', '--interactions', path.join(directory, 'missing.csv')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/file\.notFound: .*missing\.csv/);
  });

  it('sandbox prints its endpoint once ready and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--data-dir', path.join(directory, 'sandbox')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
        if (match !== null) resolve(match[0]);
      });
      child.on('close', (code) => reject(new Error(`sandbox exited with ${String(code)} before printing its endpoint`)));
    });
    const response = await fetch(`${endpoint}/`, { method: 'POST', headers: { 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(response.status).toBe(200);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  });
});
