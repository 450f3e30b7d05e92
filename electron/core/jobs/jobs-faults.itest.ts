/**
 * The job engine under the sandbox's fault injection: 50 import jobs started at once, with 20%
 * of every request throttled and 5% answered 500, all complete — none lost, none duplicated —
 * through the app's registry (quota slots, whole-job retries), its poller and waiters, and the
 * real AWS SDK clients the app builds. The sandbox refuses a sixth pending import job in the
 * region (SPEC §9), so the per-(account, region) slots are what keeps the jobs from failing.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  ListDatasetImportJobsCommand,
  type DatasetImportJobSummary,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import {
  createAwsClients,
  createSandboxCredentials,
  type AwsClients,
} from '../aws/client-factory.js';
import { waitForActive } from '../aws/waiters.js';
import { JobRegistry, type JobRunner } from './job-registry.js';
import { serviceQuotaOf } from './job-quotas.js';
import { JsonFileJobStore } from './job-store.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from './poller.js';
import { JobPoller } from './workspace-job.js';

const JOBS = 50;
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRE', type: 'string', categorical: true },
  ],
  version: '1.0',
});

let root = '';
let sandbox: RunningSandbox | undefined;
let datasetArn = '';
const credentials = createSandboxCredentials();

function clientsOf(endpoint: string): AwsClients {
  return createAwsClients(
    { kind: 'sandbox', endpoint, region: REGION, accountId: ACCOUNT },
    credentials,
  );
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'jobs-faults-'));
  const dataDir = path.join(root, 'sandbox');
  // Set up without faults, then restart the same sandbox state with them.
  const calm = await startSandbox({ dataDir, accessKeyId: credentials.accessKeyId });
  const calmClients = clientsOf(calm.endpoint);
  const { personalize, s3 } = calmClients;
  await s3.send(new CreateBucketCommand({ Bucket: 'fault-data' }));
  const rows = ['ITEM_ID,GENRE', ...Array.from({ length: 200 }, (_, i) => `item${i},g${i % 7}`)];
  await s3.send(
    new PutObjectCommand({ Bucket: 'fault-data', Key: 'items.csv', Body: rows.join('\n') }),
  );
  const { datasetGroupArn = '' } = await personalize.send(
    new CreateDatasetGroupCommand({ name: 'faults' }),
  );
  const { schemaArn = '' } = await personalize.send(
    new CreateSchemaCommand({ name: 'fault-items', schema: ITEMS_SCHEMA }),
  );
  await waitForActive(
    { poller: new Poller(SANDBOX_POLLER_OPTIONS) },
    'Dataset group',
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup ??
      {},
  );
  datasetArn =
    (
      await personalize.send(
        new CreateDatasetCommand({
          name: 'items',
          datasetGroupArn,
          schemaArn,
          datasetType: 'Items',
        }),
      )
    ).datasetArn ?? '';
  await waitForActive({ poller: new Poller(SANDBOX_POLLER_OPTIONS) }, 'Dataset', async () => {
    const out = await personalize.send(new DescribeDatasetCommand({ datasetArn }));
    return out.dataset ?? {};
  });
  calmClients.destroy();
  await calm.close();
  sandbox = await startSandbox({
    dataDir,
    accessKeyId: credentials.accessKeyId,
    faults: { seed: 11, rules: [{ operation: '*', throttle: 0.2, serverError: 0.05 }] },
  });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await rm(root, { recursive: true, force: true });
});

describe('jobs under faults', () => {
  it(`${JOBS} concurrent import jobs complete with 20% throttling and 5% 500s, none lost or duplicated`, async () => {
    if (sandbox === undefined) throw new Error('no sandbox');
    const clients = clientsOf(sandbox.endpoint);
    const { personalize } = clients;
    const created: string[] = [];
    let sdkRetries = 0;
    // What one import job of the app does: create (idempotent by name), then wait for ACTIVE.
    const runner: JobRunner = async (job) => {
      const name = `fault-import-${String(job.job.params.index)}`;
      const arn = `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-import-job/${name}`;
      try {
        const answer = await callAws(`CreateDatasetImportJob ${name}`, () =>
          personalize.send(
            new CreateDatasetImportJobCommand({
              jobName: name,
              datasetArn,
              dataSource: { dataLocation: 's3://fault-data/items.csv' },
            }),
          ),
        );
        sdkRetries += (answer.$metadata.attempts ?? 1) - 1;
        created.push(name);
      } catch (error) {
        // An earlier attempt created it (its answer was lost): the job carries on waiting.
        if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      }
      await waitForActive(
        { poller: new JobPoller(new Poller(SANDBOX_POLLER_OPTIONS), job), signal: job.signal },
        `Import job ${name}`,
        async () => {
          const out = await callAws(`DescribeDatasetImportJob ${name}`, () =>
            personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn })),
          );
          sdkRetries += (out.$metadata.attempts ?? 1) - 1;
          const status = out.datasetImportJob?.status;
          await job.observe({
            arn,
            kind: 'datasetImportJob',
            name,
            status,
            failureReason: out.datasetImportJob?.failureReason,
          });
          return { status, failureReason: out.datasetImportJob?.failureReason };
        },
      );
    };
    const registry = new JobRegistry({
      store: new JsonFileJobStore(path.join(root, 'jobs.json')),
      runners: { 'datasets.import': runner },
      quotaOf: (job) => serviceQuotaOf(job, `sandbox:${REGION}`),
      retry: { baseMs: 100, maxMs: 1_000, maxAttempts: 8 },
    });
    await registry.load();
    const started = await Promise.all(
      Array.from({ length: JOBS }, (_, index) =>
        registry.start('datasets.import', `workspace-${index}`, { index }),
      ),
    );
    const settled = await Promise.all(started.map((job) => registry.whenSettled(job.id)));
    await registry.dispose();

    const failures = settled.filter((job) => job.state !== 'succeeded');
    expect(failures.map((job) => job.error?.message)).toEqual([]);
    expect(new Set(settled.map((job) => job.id)).size).toBe(JOBS);
    for (const job of settled) {
      expect(job.resources).toHaveLength(1);
      expect(job.resources?.[0]?.transitions.at(-1)?.status).toBe('ACTIVE');
    }
    // Exactly one import job per studio job on the service's side.
    const summaries: DatasetImportJobSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await personalize.send(
        new ListDatasetImportJobsCommand({ datasetArn, maxResults: 100, nextToken }),
      );
      summaries.push(...(page.datasetImportJobs ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    const names = summaries.map((summary) => summary.jobName ?? '').sort();
    expect(names).toEqual(
      Array.from({ length: JOBS }, (_, index) => `fault-import-${index}`).sort(),
    );
    expect(summaries.every((summary) => summary.status === 'ACTIVE')).toBe(true);
    expect(new Set(created).size).toBe(created.length);
    // The faults reached the jobs: many calls were retried by the SDK, some whole jobs by the
    // engine (each engine retry is an attempt and a 'retry' event of the job's timeline).
    const engineRetries = settled.reduce((sum, job) => sum + job.attempt - 1, 0);
    const retryEvents = settled.reduce(
      (sum, job) => sum + (job.events?.filter((event) => event.kind === 'retry').length ?? 0),
      0,
    );
    expect(engineRetries).toBe(retryEvents);
    expect(sdkRetries).toBeGreaterThan(JOBS / 2);
    console.log(`faults: ${sdkRetries} SDK retries, ${engineRetries} job retries`);
    clients.destroy();
  }, 300_000);
});
