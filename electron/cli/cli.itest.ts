import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, startCliSandbox } from './test-support.js';
import { METRIC_KEYS } from '../../shared/personalize.js';
import type { DemoReport } from './demo.js';

const BOTO3_SMOKE = path.join(ROOT, 'electron', 'cli', 'fixtures', 'boto3_smoke.py');

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
    expect(report.solutions.map((solution) => solution.recipe)).toEqual([
      'aws-user-personalization',
      'aws-popularity-count',
    ]);
    for (const solution of report.solutions)
      expect(Object.keys(solution.metrics ?? {}).sort()).toEqual([...METRIC_KEYS].sort());
    expect(report.recommendations).toHaveLength(3);
    for (const entry of report.recommendations) expect(entry.itemIds).toHaveLength(25);
    expect(report.teardown).toMatchObject({ skipped: false, remaining: 0 });
    const announced = /Deleting (\d+) resources/.exec(stdout)?.[1];
    const deleted = /deleted (\d+) resources/.exec(stdout)?.[1];
    expect(announced, stdout).toBeDefined();
    expect(deleted).toBe(announced);
    expect(report.teardown.deleted).toBe(Number(announced));
  });

  it('fails with a clear message and a non-zero code for a missing file', async () => {
    const { code, stderr } = await runCli([
      'demo',
      '--interactions',
      path.join(directory, 'missing.csv'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/file\.notFound: .*missing\.csv/);
  });

  it('sandbox prints its endpoint once ready and stops on SIGTERM', async () => {
    const { child, endpoint } = await startCliSandbox(path.join(directory, 'sandbox'));
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  });

  it('boto3, a second SDK, drives the standalone sandbox (control plane, S3, STS)', async () => {
    const { child, endpoint } = await startCliSandbox(path.join(directory, 'sandbox-boto3'));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        execFile(
          'python3',
          [BOTO3_SMOKE, endpoint],
          { timeout: 60_000 },
          (error, stdout, stderr) => {
            if (error !== null)
              reject(
                new Error(
                  `boto3 smoke test failed (needs python3 with boto3: apt-get install python3-boto3): ${stderr}`,
                  { cause: error },
                ),
              );
            else resolve(stdout);
          },
        );
      });
      const seen = JSON.parse(output) as Record<string, unknown>;
      expect(seen.arn).toBe('arn:aws:personalize:eu-west-1:123456789012:dataset-group/boto3-dsg');
      expect(seen.firstStatus).toBe('CREATE PENDING');
      expect(seen.finalStatus).toBe('ACTIVE');
      expect(seen.notFound).toEqual({ code: 'ResourceNotFoundException', status: 400 });
      expect(seen.alreadyExists).toBe('ResourceAlreadyExistsException');
      expect(seen.recipes).toEqual(
        expect.arrayContaining(['aws-user-personalization', 'aws-popularity-count', 'aws-sims']),
      );
      expect(seen.object).toBe('USER_ID,ITEM_ID,TIMESTAMP\n1,2,3\n');
      expect(seen.keys).toEqual(['data/a.csv']);
      expect(seen.account).toBe('123456789012');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
