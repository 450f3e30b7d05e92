import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  ListDatasetImportJobsCommand,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeServiceException,
} from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/personalize.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { startSandbox, type RunningSandbox } from './index.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
  type SandboxClients,
} from './test-support/clients.js';

const MOVIELENS = 'personalize-poc-movielens-small/interactions.csv';
const moviesPath = sharedDataPath(MOVIELENS);

let sandbox: RunningSandbox;
let clients: SandboxClients;
let datasetArn: string;
let datasetGroupArn: string;

async function importJob(
  name: string,
  location: string,
): Promise<{ arn: string; history: string[] }> {
  const { datasetImportJobArn: arn = '' } = await clients.personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: name,
      datasetArn,
      dataSource: { dataLocation: location },
    }),
  );
  const history = await pollStatus(
    async () =>
      (
        await clients.personalize.send(
          new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }),
        )
      ).datasetImportJob?.status,
    CREATE_TRANSIENT,
    120_000,
  );
  return { arn, history };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  clients = sandboxClients(sandbox.endpoint);
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'poc-data' }));
  ({ datasetGroupArn = '' } = await clients.personalize.send(
    new CreateDatasetGroupCommand({ name: 'movies' }),
  ));
  await pollStatus(
    async () =>
      (await clients.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
        .datasetGroup?.status,
    CREATE_TRANSIENT,
  );
  const { schemaArn } = await clients.personalize.send(
    new CreateSchemaCommand({ name: 'movies-interactions', schema: INTERACTIONS_SCHEMA }),
  );
  ({ datasetArn = '' } = await clients.personalize.send(
    new CreateDatasetCommand({
      name: 'movies-interactions',
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  ));
  await pollStatus(
    async () =>
      (await clients.personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    CREATE_TRANSIENT,
  );
});

afterAll(async () => {
  await sandbox.close();
});

describe('dataset import jobs', () => {
  it('fails a CSV without a required column with the SPEC §5.4 failureReason', async () => {
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: 'poc-data',
        Key: 'bad/no-timestamp.csv',
        Body: 'USER_ID,ITEM_ID,EVENT_TYPE\nu1,i1,watch\n',
      }),
    );
    const { arn, history } = await importJob(
      'missing-column',
      's3://poc-data/bad/no-timestamp.csv',
    );
    expect(history).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE FAILED']);
    const job = await clients.personalize.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }),
    );
    expect(job.datasetImportJob?.failureReason).toBe(
      'Failed to create a data import job for Interactions dataset. Input CSV is missing the following columns: [TIMESTAMP].',
    );
  });

  it('fails on a bad value naming row and column, and on a missing object', async () => {
    const rows = [
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
      'u1,i1,1700000000,watch',
      'u2,i2,yesterday,watch',
    ];
    await clients.s3.send(
      new PutObjectCommand({ Bucket: 'poc-data', Key: 'bad/timestamp.csv', Body: rows.join('\n') }),
    );
    const bad = await importJob('bad-value', 's3://poc-data/bad/timestamp.csv');
    const job = await clients.personalize.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: bad.arn }),
    );
    expect(job.datasetImportJob?.failureReason).toBe(
      'Failed to create a data import job for Interactions dataset. Row 3, column TIMESTAMP: "yesterday" is not a valid long.',
    );
    const missing = await importJob('no-object', 's3://poc-data/nothing-here.csv');
    const missingJob = await clients.personalize.send(
      new DescribeDatasetImportJobCommand({ datasetImportJobArn: missing.arn }),
    );
    expect(missingJob.datasetImportJob?.failureReason).toBe(
      'Failed to create a data import job for Interactions dataset. Insufficient privileges for accessing data in Amazon S3.',
    );
  });

  it.skipIf(moviesPath === undefined)(
    `imports MovieLens interactions, trains, deploys and recommends ${moviesPath === undefined ? missingDataReason(MOVIELENS) : ''}`,
    async () => {
      await new Upload({
        client: clients.s3,
        params: {
          Bucket: 'poc-data',
          Key: 'movielens/interactions.csv',
          Body: createReadStream(moviesPath ?? ''),
        },
      }).done();
      const { arn, history } = await importJob('movielens-import', 's3://poc-data/movielens/');
      expect(history[history.length - 1]).toBe('ACTIVE');
      const job = await clients.personalize.send(
        new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }),
      );
      expect(job.datasetImportJob?.dataSource?.dataLocation).toBe('s3://poc-data/movielens/');
      expect(job.datasetImportJob?.importMode).toBe('FULL');
      expect(job.datasetImportJob).not.toHaveProperty('failureReason');
      const listed = await clients.personalize.send(
        new ListDatasetImportJobsCommand({ datasetArn }),
      );
      expect(listed.datasetImportJobs?.map((summary) => summary.jobName)).toContain(
        'movielens-import',
      );

      const { solutionArn = '' } = await clients.personalize.send(
        new CreateSolutionCommand({
          name: 'movies-up',
          datasetGroupArn,
          recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization',
        }),
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
      expect(solutionVersionArn).toMatch(
        /^arn:aws:personalize:us-east-1:123456789012:solution\/movies-up\/[0-9a-f]{8}$/u,
      );
      const early = await clients.personalize
        .send(new GetSolutionMetricsCommand({ solutionVersionArn }))
        .catch((error: unknown) => error);
      expect((early as PersonalizeServiceException).name).toBe('ResourceInUseException');
      const trained = await pollStatus(
        async () =>
          (
            await clients.personalize.send(
              new DescribeSolutionVersionCommand({ solutionVersionArn }),
            )
          ).solutionVersion?.status,
        CREATE_TRANSIENT,
        240_000,
      );
      expect(trained[trained.length - 1]).toBe('ACTIVE');
      const version = await clients.personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn }),
      );
      expect(version.solutionVersion?.trainingHours).toBeGreaterThan(0);
      expect(version.solutionVersion?.recipeArn).toBe(
        'arn:aws:personalize:::recipe/aws-user-personalization',
      );
      const { metrics = {} } = await clients.personalize.send(
        new GetSolutionMetricsCommand({ solutionVersionArn }),
      );
      expect(Object.keys(metrics).sort()).toEqual([...METRIC_KEYS].sort());
      expect(metrics.precision_at_25).toBeGreaterThan(0);

      const badTps = await clients.personalize
        .send(
          new CreateCampaignCommand({ name: 'zero-tps', solutionVersionArn, minProvisionedTPS: 0 }),
        )
        .catch((error: unknown) => error);
      expect((badTps as PersonalizeServiceException).name).toBe('InvalidInputException');
      const { campaignArn = '' } = await clients.personalize.send(
        new CreateCampaignCommand({
          name: 'movies-campaign',
          solutionVersionArn,
          minProvisionedTPS: 1,
        }),
      );
      await pollStatus(
        async () =>
          (await clients.personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign
            ?.status,
        CREATE_TRANSIENT,
      );
      const recommendations = await clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, userId: '429', numResults: 10 }),
      );
      expect(recommendations.itemList).toHaveLength(10);
      expect(recommendations.recommendationId).toMatch(/^RID-[0-9a-f-]{36}$/u);
      const scores = (recommendations.itemList ?? []).map((item) => item.score ?? -1);
      expect(scores.every((score) => score > 0)).toBe(true);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const defaults = await clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, userId: '429' }),
      );
      expect(defaults.itemList).toHaveLength(25);

      const unknown = await clients.runtime
        .send(
          new GetRecommendationsCommand({ campaignArn: `${campaignArn}-missing`, userId: '429' }),
        )
        .catch((error: unknown) => error);
      expect(unknown).toBeInstanceOf(PersonalizeRuntimeServiceException);
      expect((unknown as PersonalizeRuntimeServiceException).name).toBe(
        'ResourceNotFoundException',
      );
      expect((unknown as PersonalizeRuntimeServiceException).$metadata.httpStatusCode).toBe(404);

      const solution = await clients.personalize.send(new DescribeSolutionCommand({ solutionArn }));
      expect(solution.solution?.latestSolutionVersion?.solutionVersionArn).toBe(solutionVersionArn);
      expect(solution.solution?.performAutoTraining).toBe(true);

      // Restart on the same dataDir: the campaign serves the persisted model identically.
      await sandbox.close();
      sandbox = await startSandbox({ dataDir: sandbox.dataDir });
      clients = sandboxClients(sandbox.endpoint);
      const restarted = await clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, userId: '429', numResults: 10 }),
      );
      expect(restarted.itemList).toEqual(recommendations.itemList);
    },
  );
});
