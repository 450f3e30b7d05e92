import {
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DescribeDatasetGroupCommand,
  DescribeSchemaCommand,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
} from './test-support/clients.js';

const dataDirs: string[] = [];

afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe('restart persistence', () => {
  it('brings resources and objects back and resumes a pending lifecycle', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-restart-'));
    dataDirs.push(dataDir);
    const first = await startSandbox({ dataDir, timing: 'realistic' });
    const before = sandboxClients(first.endpoint);
    const { schemaArn } = await before.personalize.send(
      new CreateSchemaCommand({ name: 'kept-schema', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetGroupArn } = await before.personalize.send(
      new CreateDatasetGroupCommand({ name: 'kept-group' }),
    );
    await before.s3.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
    await before.s3.send(
      new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'a.csv', Body: 'hello' }),
    );
    const pending = await before.personalize.send(
      new DescribeDatasetGroupCommand({ datasetGroupArn }),
    );
    expect(pending.datasetGroup?.status).toBe('CREATE PENDING');
    await first.close();

    const second = await startSandbox({ dataDir, timing: 'fast' });
    const after = sandboxClients(second.endpoint);
    try {
      const schema = await after.personalize.send(new DescribeSchemaCommand({ schemaArn }));
      expect(schema.schema?.schema).toBe(INTERACTIONS_SCHEMA);
      expect(schema.schema?.name).toBe('kept-schema');
      const history = await pollStatus(
        async () =>
          (await after.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
            .datasetGroup?.status,
        CREATE_TRANSIENT,
      );
      // Resumed on the create path: the time the sandbox was down counts toward the pending step
      // (lifecycle.ts remainingMs), so the first status seen may already be the next one.
      expect(CREATE_TRANSIENT).toContain(history[0]);
      expect(history[history.length - 1]).toBe('ACTIVE');
      const object = await after.s3.send(
        new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'a.csv' }),
      );
      expect(await object.Body?.transformToString()).toBe('hello');
    } finally {
      await second.close();
    }
  });
});
