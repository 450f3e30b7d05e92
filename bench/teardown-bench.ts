/**
 * Speed benchmark of the teardown (issue item 6): a full POC — 3 datasets, 4 solutions, 3
 * campaigns, 10 filters, 1 event tracker — deleted through the app's `inventory.teardown` job,
 * against the Local sandbox on its realistic timing profile 60 times faster than AWS (5 s per
 * deletion, the same for every kind, electron/sandbox/lifecycle.ts), measured against its
 * critical path.
 *
 * Run: `npx tsx bench/teardown-bench.ts`. Starts a sandbox in this process, builds the POC with
 * the SDK (interactions imported from a generated CSV, three popularity versions trained), then:
 *
 * 1. the reference, in this run: one standalone DeleteEventTracker (an asynchronous deletion) and one
 *    DeleteSchema (an immediate one), each waited for with a 20 ms Describe loop, so their times
 *    are the sandbox's own deletion times, not the studio's polling;
 * 2. the critical path: the longest chain of the plan's dependency graph (`dependsOn`), each step
 *    weighted by the reference time of its kind (schemas immediate, every other kind
 *    asynchronous);
 * 3. the teardown: wall time from `inventory.teardown` (which plans first) until the job settles.
 *
 * Prints the three and the ratio teardown / critical path (target ≤ 1.2). Nothing asserts.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DeleteEventTrackerCommand,
  DeleteSchemaCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSchemaCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TeardownPlan } from '../shared/ipc/inventory.js';
import { createStudioApp } from '../electron/core/app/create-studio-app.js';
import { workspaceForProfile } from '../electron/cli/cli-workspace.js';
import { startSandbox } from '../electron/sandbox/index.js';
import { writeAwsProfile } from '../electron/testing/aws-profile.js';

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };
const PREFIX = 'bench-poc';
/** AWS's durations run this many times faster: deletions 5 s, import 15 s, training 50 s. */
const SPEED = 60;

const SCHEMAS = {
  Interactions: {
    type: 'record',
    name: 'Interactions',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
    ],
    version: '1.0',
  },
  Items: {
    type: 'record',
    name: 'Items',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'GENRE', type: 'string', categorical: true },
    ],
    version: '1.0',
  },
  Users: {
    type: 'record',
    name: 'Users',
    namespace: 'com.amazonaws.personalize.schema',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'AGE', type: 'int' },
    ],
    version: '1.0',
  },
} as const;

function elapsed(startMs: number): number {
  return Date.now() - startMs;
}

/** Describes every 20 ms until `describe` returns a status outside `transient`, or throws not found (`undefined`). */
async function until(
  describe: () => Promise<string | undefined>,
  transient: readonly string[],
): Promise<string | undefined> {
  for (;;) {
    let status: string | undefined;
    try {
      status = await describe();
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
    if (status === undefined || !transient.includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CREATING = ['CREATE PENDING', 'CREATE IN_PROGRESS'];
const DELETING = ['ACTIVE', 'DELETE PENDING', 'DELETE IN_PROGRESS'];

async function active(describe: () => Promise<string | undefined>, what: string): Promise<void> {
  const status = await until(describe, CREATING);
  if (status !== 'ACTIVE') throw new Error(`${what} ended ${String(status)}`);
}

/** 1,200 interactions of 60 users on 30 items (the sandbox's minimum data checks pass). */
function interactionsCsv(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let index = 0; index < 1_200; index += 1)
    rows.push(`u${index % 60},i${(index * 7) % 30},${1_700_000_000 + index},purchase`);
  return `${rows.join('\n')}\n`;
}

/** Builds the full POC under {@link PREFIX}; returns when every resource is ACTIVE. */
async function buildPoc(personalize: PersonalizeClient, s3: S3Client): Promise<void> {
  const bucket = `${PREFIX}-data`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: 'interactions.csv', Body: interactionsCsv() }),
  );
  const { datasetGroupArn = '' } = await personalize.send(
    new CreateDatasetGroupCommand({ name: `${PREFIX}-retail` }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
    'dataset group',
  );
  const datasets = await Promise.all(
    (Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]).map(async (type) => {
      const { schemaArn } = await personalize.send(
        new CreateSchemaCommand({
          name: `${PREFIX}-${type.toLowerCase()}`,
          schema: JSON.stringify(SCHEMAS[type]),
        }),
      );
      const { datasetArn = '' } = await personalize.send(
        new CreateDatasetCommand({
          name: `${PREFIX}-${type.toLowerCase()}`,
          datasetGroupArn,
          schemaArn,
          datasetType: type,
        }),
      );
      await active(
        async () =>
          (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
        `dataset ${type}`,
      );
      return { type, datasetArn };
    }),
  );
  const interactions = datasets.find((dataset) => dataset.type === 'Interactions');
  const { datasetImportJobArn } = await personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: `${PREFIX}-import`,
      datasetArn: interactions?.datasetArn,
      dataSource: { dataLocation: `s3://${bucket}/interactions.csv` },
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
        .datasetImportJob?.status,
    'import job',
  );
  const others: Promise<void>[] = [];
  for (let index = 0; index < 10; index += 1) {
    others.push(
      (async () => {
        const { filterArn } = await personalize.send(
          new CreateFilterCommand({
            name: `${PREFIX}-filter-${index}`,
            datasetGroupArn,
            filterExpression: `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("e${index}")`,
          }),
        );
        await active(
          async () =>
            (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
          'filter',
        );
      })(),
    );
  }
  others.push(
    (async () => {
      const { eventTrackerArn } = await personalize.send(
        new CreateEventTrackerCommand({ name: `${PREFIX}-tracker`, datasetGroupArn }),
      );
      await active(
        async () =>
          (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn })))
            .eventTracker?.status,
        'event tracker',
      );
    })(),
  );
  for (let index = 0; index < 4; index += 1) {
    others.push(
      (async () => {
        const { solutionArn } = await personalize.send(
          new CreateSolutionCommand({
            name: `${PREFIX}-solution-${index}`,
            datasetGroupArn,
            recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
          }),
        );
        await active(
          async () =>
            (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
          'solution',
        );
        if (index === 3) return; // the fourth solution has no campaign
        const { solutionVersionArn } = await personalize.send(
          new CreateSolutionVersionCommand({ solutionArn }),
        );
        await active(
          async () =>
            (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
              .solutionVersion?.status,
          'solution version',
        );
        const { campaignArn } = await personalize.send(
          new CreateCampaignCommand({
            name: `${PREFIX}-campaign-${index}`,
            solutionVersionArn,
            minProvisionedTPS: 1,
          }),
        );
        await active(
          async () =>
            (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
          'campaign',
        );
      })(),
    );
  }
  await Promise.all(others);
}

/** Times one standalone asynchronous deletion (an event tracker) and one immediate one (a schema), in ms. */
async function referenceDeletions(
  personalize: PersonalizeClient,
): Promise<{ asyncMs: number; immediateMs: number }> {
  const { datasetGroupArn } = await personalize.send(
    new CreateDatasetGroupCommand({ name: 'reference-group' }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
    'reference group',
  );
  const { eventTrackerArn } = await personalize.send(
    new CreateEventTrackerCommand({ name: 'reference-tracker', datasetGroupArn }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
        ?.status,
    'reference event tracker',
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({
      name: 'reference-schema',
      schema: JSON.stringify(SCHEMAS.Users),
    }),
  );
  let start = Date.now();
  await personalize.send(new DeleteEventTrackerCommand({ eventTrackerArn }));
  await until(
    async () =>
      (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
        ?.status,
    DELETING,
  );
  const asyncMs = elapsed(start);
  start = Date.now();
  await personalize.send(new DeleteSchemaCommand({ schemaArn }));
  await until(async () => {
    await personalize.send(new DescribeSchemaCommand({ schemaArn }));
    return 'ACTIVE';
  }, DELETING);
  return { asyncMs, immediateMs: elapsed(start) };
}

/** The longest chain of `plan`'s graph, each step weighted by `weightMs` of its kind. */
function criticalPathMs(plan: TeardownPlan, weightMs: (kind: string) => number): number {
  const steps = new Map(
    plan.steps
      .filter((step) => step.action === 'delete' || step.action === 'stop')
      .map((step) => [step.arn, step]),
  );
  const memo = new Map<string, number>();
  const finish = (arn: string): number => {
    const known = memo.get(arn);
    if (known !== undefined) return known;
    const step = steps.get(arn);
    if (step === undefined) return 0;
    const before = Math.max(0, ...step.dependsOn.map((dependency) => finish(dependency)));
    const value = before + weightMs(step.kind);
    memo.set(arn, value);
    return value;
  };
  return Math.max(0, ...[...steps.keys()].map((arn) => finish(arn)));
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'teardown-bench-'));
  const sandbox = await startSandbox({
    dataDir: path.join(directory, 'sandbox'),
    timing: 'realistic',
    speed: SPEED,
  });
  const common = { region: REGION, endpoint: sandbox.endpoint, credentials: CREDENTIALS };
  const personalize = new PersonalizeClient(common);
  const s3 = new S3Client({ ...common, forcePathStyle: true });
  try {
    const env = await writeAwsProfile({
      directory,
      profile: 'poc',
      region: REGION,
      endpoint: sandbox.endpoint,
      keys: CREDENTIALS,
    });

    let start = Date.now();
    await buildPoc(personalize, s3);
    console.log(
      `POC built in ${(elapsed(start) / 1000).toFixed(1)} s (realistic timing at ${SPEED}x)`,
    );
    const reference = await referenceDeletions(personalize);
    console.log(
      `Reference deletions: asynchronous ${reference.asyncMs} ms (an event tracker), immediate ${reference.immediateMs} ms (a schema)`,
    );

    const studio = await createStudioApp({ userDataDir: path.join(directory, 'studio'), env });
    try {
      const workspace = await workspaceForProfile(studio, 'Bench', 'poc', REGION);
      const scope = { kind: 'prefix', prefix: `${PREFIX}-` } as const;
      start = Date.now();
      const { jobId } = await studio.handlers['inventory.teardown']({
        workspaceId: workspace.id,
        scope,
      });
      const job = await studio.jobs.whenSettled(jobId);
      const teardownMs = elapsed(start);
      const plan = studio.jobs.get(jobId).params.plan as TeardownPlan;
      const counts = new Map<string, number>();
      for (const step of plan.steps)
        if (step.action === 'delete' || step.action === 'stop')
          counts.set(step.kind, (counts.get(step.kind) ?? 0) + 1);
      console.log(
        `Plan: ${plan.actionable} deletions in ${plan.criticalPath} waves (${[...counts].map(([kind, count]) => `${count} ${kind}`).join(', ')})`,
      );
      const pathMs = criticalPathMs(plan, (kind) =>
        kind === 'schema' ? reference.immediateMs : reference.asyncMs,
      );
      const remaining = await studio.handlers['inventory.plan']({
        workspaceId: workspace.id,
        scope,
      });
      console.log(
        `Teardown: ${job.state} in ${(teardownMs / 1000).toFixed(2)} s, ${remaining.actionable} left in scope`,
      );
      console.log(`Critical path: ${(pathMs / 1000).toFixed(2)} s`);
      console.log(
        `Ratio teardown / critical path: ${(teardownMs / pathMs).toFixed(3)} (target ≤ 1.2)`,
      );
    } finally {
      await studio.dispose();
    }
  } finally {
    personalize.destroy();
    s3.destroy();
    await sandbox.close();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
