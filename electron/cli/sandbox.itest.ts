import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
} from '../sandbox/test-support/clients.js';
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
    const fastSpeed = await runCli(['sandbox', '--port', '0', '--speed', '60']);
    expect(fastSpeed.code).toBe(1);
    expect(fastSpeed.stderr).toContain('--speed applies to --timing realistic only');
    const slower = await runCli([
      'sandbox',
      '--port',
      '0',
      '--timing',
      'realistic',
      '--speed',
      '0.5',
    ]);
    expect(slower.code).toBe(1);
    expect(slower.stderr).toContain('--speed must be a number from 1 to 100000, got 0.5');
  });

  it('--timing realistic --speed 600 runs an import through its statuses in 1.5 s of sandbox time (15 min / 600)', async () => {
    const { child, endpoint, stdout } = await startCliSandbox(path.join(directory, 'realistic'), [
      '--timing',
      'realistic',
      '--speed',
      '600',
    ]);
    const { personalize, s3 } = sandboxClients(endpoint);
    try {
      expect(stdout()).toContain(
        'Realistic timing at 600x: an import takes 1.5 s, a training 5 s, a campaign 1 s',
      );
      const { datasetGroupArn } = await personalize.send(
        new CreateDatasetGroupCommand({ name: 'realistic-group' }),
      );
      const groupHistory = await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
            .datasetGroup?.status,
        CREATE_TRANSIENT,
      );
      expect(groupHistory).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
      const { schemaArn } = await personalize.send(
        new CreateSchemaCommand({ name: 'realistic-interactions', schema: INTERACTIONS_SCHEMA }),
      );
      const { datasetArn } = await personalize.send(
        new CreateDatasetCommand({
          name: 'realistic-interactions',
          datasetGroupArn,
          schemaArn,
          datasetType: 'Interactions',
        }),
      );
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
        CREATE_TRANSIENT,
      );
      // 1,200 interactions of 40 users (the import minimum is 1,000, SPEC §5.2).
      const rows = Array.from(
        { length: 1200 },
        (_, index) => `u${index % 40},i${index % 97},${1_700_000_000 + index},click`,
      );
      await s3.send(new CreateBucketCommand({ Bucket: 'realistic-data' }));
      await s3.send(
        new PutObjectCommand({
          Bucket: 'realistic-data',
          Key: 'interactions.csv',
          Body: `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`,
        }),
      );
      const { datasetImportJobArn } = await personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: 'realistic-import',
          datasetArn,
          dataSource: { dataLocation: 's3://realistic-data/interactions.csv' },
        }),
      );
      const describe = async () =>
        (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
          .datasetImportJob;
      const history = await pollStatus(async () => (await describe())?.status, CREATE_TRANSIENT);
      expect(history).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
      const job = await describe();
      // The sandbox's own timestamps: at least the scaled schedule (a slow machine only adds).
      const spentMs =
        (job?.lastUpdatedDateTime?.getTime() ?? 0) - (job?.creationDateTime?.getTime() ?? 0);
      expect(spentMs).toBeGreaterThanOrEqual(1_500);
    } finally {
      personalize.destroy();
      s3.destroy();
      const closed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await closed;
    }
  });
});
