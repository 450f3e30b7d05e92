import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DeleteDatasetCommand,
  DeleteSolutionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
  type SandboxClients,
} from './test-support/clients.js';
import { caughtAs } from './test-support/sandbox.js';

const DELETE_TRANSIENT = ['DELETE PENDING', 'DELETE IN_PROGRESS'];
const caught = caughtAs(PersonalizeServiceException);

/** 60 users × 20 interactions over 40 items: enough for the SPEC §5.5 minimums. */
function interactionsCsv(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let user = 0; user < 60; user += 1) {
    for (let n = 0; n < 20; n += 1)
      rows.push(`u${user},i${(user * 7 + n * n) % 40},${1_700_000_000 + user * 100 + n},click`);
  }
  return `${rows.join('\n')}\n`;
}

async function filesIn(dataDir: string, folder: string): Promise<string[]> {
  return (await readdir(path.join(dataDir, folder)).catch(() => [] as string[])).sort();
}

/**
 * The files of `folder` once their count is `count` (or after 5 s): a resource leaves the state
 * first and its files go right after the removal is on disk, so a Describe can already say
 * "not found" while the files are still being deleted.
 */
async function filesSettledAt(dataDir: string, folder: string, count: number): Promise<string[]> {
  const deadlineMs = Date.now() + 5_000;
  let files = await filesIn(dataDir, folder);
  while (files.length !== count && Date.now() < deadlineMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    files = await filesIn(dataDir, folder);
  }
  return files;
}

describe('per-resource files of the sandbox', () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let clients: SandboxClients;
  let datasetArn: string;
  let datasetGroupArn: string;

  async function trainedSolution(
    name: string,
  ): Promise<{ solutionArn: string; solutionVersionArn: string }> {
    const recipeArn = 'arn:aws:personalize:::recipe/aws-popularity-count';
    const { solutionArn = '' } = await clients.personalize.send(
      new CreateSolutionCommand({ name, datasetGroupArn, recipeArn }),
    );
    await pollStatus(
      async () =>
        (await clients.personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution
          ?.status,
      CREATE_TRANSIENT,
    );
    const { solutionVersionArn = '' } = await clients.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    const history = await pollStatus(
      async () =>
        (await clients.personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
          .solutionVersion?.status,
      CREATE_TRANSIENT,
      120_000,
    );
    expect(history[history.length - 1]).toBe('ACTIVE');
    return { solutionArn, solutionVersionArn };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-files-'));
    sandbox = await startSandbox({ dataDir });
    clients = sandboxClients(sandbox.endpoint);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'poc-data' }));
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: 'poc-data',
        Key: 'interactions.csv',
        Body: interactionsCsv(),
      }),
    );
    ({ datasetGroupArn = '' } = await clients.personalize.send(
      new CreateDatasetGroupCommand({ name: 'files' }),
    ));
    await pollStatus(
      async () =>
        (await clients.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
          .datasetGroup?.status,
      CREATE_TRANSIENT,
    );
    const { schemaArn } = await clients.personalize.send(
      new CreateSchemaCommand({ name: 'files-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    ({ datasetArn = '' } = await clients.personalize.send(
      new CreateDatasetCommand({
        name: 'files-interactions',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    ));
    await pollStatus(
      async () =>
        (await clients.personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset
          ?.status,
      CREATE_TRANSIENT,
    );
    const { datasetImportJobArn = '' } = await clients.personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'files-import',
        datasetArn,
        dataSource: { dataLocation: 's3://poc-data/interactions.csv' },
      }),
    );
    const imported = await pollStatus(
      async () =>
        (
          await clients.personalize.send(
            new DescribeDatasetImportJobCommand({ datasetImportJobArn }),
          )
        ).datasetImportJob?.status,
      CREATE_TRANSIENT,
    );
    expect(imported[imported.length - 1]).toBe('ACTIVE');
  });

  afterAll(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('deletes a solution’s model files when the solution is finally removed, keeping the others', async () => {
    const doomed = await trainedSolution('files-doomed');
    const kept = await trainedSolution('files-kept');
    expect(await filesIn(dataDir, 'models')).toHaveLength(2);
    const keptModels = await filesIn(dataDir, 'models');

    await clients.personalize.send(new DeleteSolutionCommand({ solutionArn: doomed.solutionArn }));
    await pollStatus(async () => {
      const described = await clients.personalize
        .send(new DescribeSolutionCommand({ solutionArn: doomed.solutionArn }))
        .catch((error: unknown) => error);
      return described instanceof PersonalizeServiceException
        ? described.name
        : (described as { solution?: { status?: string } }).solution?.status;
    }, DELETE_TRANSIENT);
    const gone = await caught(
      clients.personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn: doomed.solutionVersionArn }),
      ),
    );
    expect(gone.name).toBe('ResourceNotFoundException');
    const models = await filesSettledAt(dataDir, 'models', 1);
    expect(models).toHaveLength(1);
    expect(keptModels).toContain(models[0]);

    // Restart: the surviving model still serves a campaign; orphans of an interrupted delete are swept.
    const { campaignArn = '' } = await clients.personalize.send(
      new CreateCampaignCommand({
        name: 'files-campaign',
        solutionVersionArn: kept.solutionVersionArn,
        minProvisionedTPS: 1,
      }),
    );
    await pollStatus(
      async () =>
        (await clients.personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign
          ?.status,
      CREATE_TRANSIENT,
    );
    const before = await clients.runtime.send(
      new GetRecommendationsCommand({ campaignArn, userId: 'u1', numResults: 5 }),
    );
    await mkdir(path.join(dataDir, 'models'), { recursive: true });
    await writeFile(path.join(dataDir, 'models', 'orphan0000000000000000000.json'), '{}');
    await writeFile(path.join(dataDir, 'models', `${models[0] ?? ''}.1234.tmp`), '{}');
    await sandbox.close();
    sandbox = await startSandbox({ dataDir });
    clients = sandboxClients(sandbox.endpoint);
    expect(await filesIn(dataDir, 'models')).toEqual(models);
    const after = await clients.runtime.send(
      new GetRecommendationsCommand({ campaignArn, userId: 'u1', numResults: 5 }),
    );
    expect(after.itemList).toEqual(before.itemList);
    expect(after.itemList).toHaveLength(5);
  });

  it('deletes a dataset’s records files when the dataset is finally removed', async () => {
    // The Interactions rows as a binary table (.bin) and the other records (.json).
    const files = await filesIn(dataDir, 'datasets');
    expect(files.map((file) => path.extname(file)).sort()).toEqual(['.bin', '.json']);
    await clients.personalize.send(new DeleteDatasetCommand({ datasetArn }));
    await pollStatus(async () => {
      const described = await clients.personalize
        .send(new DescribeDatasetCommand({ datasetArn }))
        .catch((error: unknown) => error);
      return described instanceof PersonalizeServiceException
        ? described.name
        : (described as { dataset?: { status?: string } }).dataset?.status;
    }, DELETE_TRANSIENT);
    expect(await filesSettledAt(dataDir, 'datasets', 0)).toEqual([]);
  });
});
