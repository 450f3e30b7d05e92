import {
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionVersionCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListSchemasCommand,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeardownPlanSchema, type TeardownPlan } from '../../../shared/ipc/inventory.js';
import type { Job } from '../../../shared/jobs.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import {
  INTERACTIONS_SCHEMA,
  sandboxClients,
  type SandboxClients,
} from '../../sandbox/test-support/clients.js';
import {
  groupWithDataset,
  popularityCampaign,
  smallInteractionsCsv,
  untilActive,
} from '../../sandbox/test-support/small-poc.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const SANDBOX = { kind: 'sandbox', region: 'us-east-1' } as const;

/** Waits for a job to settle (the registry's own promise). */
async function settled(app: StudioCore, jobId: string): Promise<Job> {
  return app.jobs.whenSettled(jobId);
}

describe('teardown of one POC (plan, kill, resume, idempotent)', () => {
  let userDataDir: string;
  let app: StudioCore;
  let clients: SandboxClients;
  let alpha: Workspace;
  let beta: Workspace;
  let alphaSolutionArn = '';

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'teardown-itest-'));
    app = await createStudioApp({ userDataDir });
    clients = sandboxClients(app.sandboxEndpoint, app.sandboxCredentials);
    alpha = await app.handlers['workspaces.create']({
      name: 'Alpha',
      target: SANDBOX,
      prefix: 'alpha-poc',
      tags: {},
      notes: '',
    });
    beta = await app.handlers['workspaces.create']({
      name: 'Beta',
      target: SANDBOX,
      prefix: 'beta-poc',
      tags: {},
      notes: '',
    });
    const setup = await settled(
      app,
      (await app.handlers['setup.apply']({ workspaceId: alpha.id })).jobId,
    );
    expect(setup.state).toBe('succeeded');

    // Alpha's POC, made with the SDK under its prefix: data, schema, group, dataset, import, solution, version, campaign.
    const { personalize, s3 } = clients;
    await s3.send(
      new PutObjectCommand({
        Bucket: alpha.setup.bucket,
        Key: 'data/interactions.csv',
        Body: smallInteractionsCsv(),
      }),
    );
    const { schemaArn = '' } = await personalize.send(
      new CreateSchemaCommand({ name: 'alpha-poc-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { schemaArn: sharedArn = '' } = await personalize.send(
      new CreateSchemaCommand({ name: 'alpha-poc-shared', schema: INTERACTIONS_SCHEMA }),
    );
    await personalize.send(
      new CreateSchemaCommand({ name: 'alpha-poc-unused', schema: INTERACTIONS_SCHEMA }),
    );
    const { groupArn, datasetArn } = await groupWithDataset(
      personalize,
      'alpha-poc-retail',
      schemaArn,
    );
    const { solutionArn } = await popularityCampaign(personalize, {
      prefix: 'alpha-poc',
      datasetGroupArn: groupArn,
      datasetArn,
      dataLocation: `s3://${alpha.setup.bucket}/data/interactions.csv`,
    });
    const { filterArn = '' } = await personalize.send(
      new CreateFilterCommand({
        name: 'alpha-poc-no-bought',
        datasetGroupArn: groupArn,
        filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")',
      }),
    );
    const { eventTrackerArn = '' } = await personalize.send(
      new CreateEventTrackerCommand({ name: 'alpha-poc-tracker', datasetGroupArn: groupArn }),
    );
    await untilActive(
      async () => (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
    );
    await untilActive(
      async () =>
        (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
          ?.status,
    );
    alphaSolutionArn = solutionArn;

    // Another POC in the same account: Beta's group (its dataset uses Alpha's shared schema) and a group no workspace made.
    await groupWithDataset(personalize, 'beta-poc-shop', sharedArn);
    await personalize.send(new CreateDatasetGroupCommand({ name: 'outside-poc' }));
  });

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('lists the account grouped by dataset group, with owners, ages and orphan schemas, and what is alive anywhere', async () => {
    const view = await app.handlers['inventory.get']({ workspaceId: alpha.id });
    expect(
      view.groups.map((group) => [group.datasetGroup.name, group.datasetGroup.workspaceId]),
    ).toEqual([
      ['alpha-poc-retail', alpha.id],
      ['beta-poc-shop', beta.id],
      ['outside-poc', undefined],
    ]);
    const retail = view.groups[0];
    expect(retail?.resources.map((entry) => [entry.kind, entry.name, entry.status])).toEqual([
      ['solutionVersion', expect.stringMatching(/^[0-9a-f]{8}$/u), 'ACTIVE'],
      ['campaign', 'alpha-poc-pop', 'ACTIVE'],
      ['eventTracker', 'alpha-poc-tracker', 'ACTIVE'],
      ['filter', 'alpha-poc-no-bought', 'ACTIVE'],
      ['solution', 'alpha-poc-pop', 'ACTIVE'],
      ['dataset', 'alpha-poc-retail-interactions', 'ACTIVE'],
      ['datasetImportJob', 'alpha-poc-import', 'ACTIVE'],
    ]);
    expect(retail?.datasetGroup.ageMs).toBeGreaterThanOrEqual(0);
    expect(
      view.schemas
        .filter((schema) => schema.name.startsWith('alpha-poc-'))
        .map((schema) => [schema.name, schema.isOrphan]),
    ).toEqual([
      ['alpha-poc-interactions', false],
      ['alpha-poc-shared', false],
      ['alpha-poc-unused', true],
    ]);
    expect(view.environment.map((entry) => [entry.kind, entry.count ?? 1])).toEqual([
      ['object', 1],
      ['bucket', 1],
      ['role', 1],
    ]);
    // One active campaign at 1 TPS: its running cost as on AWS in us-east-1; the Local sandbox bills nothing.
    expect(retail?.resources.find((entry) => entry.kind === 'campaign')).toMatchObject({
      minProvisionedTPS: 1,
      costPerHourUsd: 0.0556,
    });
    expect(view.cost).toMatchObject({
      isBilled: false,
      perHourUsd: 0.0556,
      activeCampaigns: 1,
      provisionedTps: 1,
      currency: 'USD',
      priceSource: 'https://aws.amazon.com/personalize/pricing/',
    });
    // Campaigns made outside the studio are not in its cache until a listing shows them.
    expect((await app.handlers['inventory.runningCost']({})).resources).toEqual([]);
    const alive = await app.handlers['inventory.alive']({});
    const count = (id: string): number | undefined =>
      alive.find((entry) => entry.workspaceId === id)?.alive;
    // The group and the 6 it holds (its import job is history, not counted), 3 schemas, objects / bucket / role.
    expect(count(alpha.id)).toBe(1 + 6 + 3 + 3);
    expect(count(beta.id)).toBe(2);
    expect(count('local-sandbox')).toBe(0);

    // The same, refreshed as a job: its result is the snapshot; the running cost follows the listing.
    const { jobId } = await app.handlers['inventory.refresh']({ workspaceId: alpha.id });
    const refresh = await settled(app, jobId);
    expect(refresh.state, refresh.error?.message).toBe('succeeded');
    expect(refresh.progress).toMatchObject({ done: 3, total: 3, unit: 'workspaces' });
    const snapshot = await app.handlers['inventory.snapshot']({ workspaceId: alpha.id });
    expect(snapshot.view?.groups.map((group) => group.datasetGroup.name)).toEqual([
      'alpha-poc-retail',
      'beta-poc-shop',
      'outside-poc',
    ]);
    expect(snapshot.alive?.find((entry) => entry.workspaceId === alpha.id)?.alive).toBe(13);
    expect(snapshot.refreshedAtMs).toBe(snapshot.view?.scannedAtMs);
    const cost = await app.handlers['inventory.runningCost']({});
    expect(
      cost.resources.map((entry) => [
        entry.workspaceId,
        entry.name,
        entry.isBilled,
        entry.costPerHourUsd,
      ]),
    ).toEqual([[alpha.id, 'alpha-poc-pop', false, 0.0556]]);
    expect(cost).toMatchObject({ billedCount: 0, billedPerHourUsd: 0 });
  });

  it('plans first, resumes its persisted plan after a kill mid-teardown, waits for a group still being created, and leaves the other POC alone', async () => {
    const dryRun = await app.handlers['inventory.plan']({ workspaceId: alpha.id });
    expect(dryRun.steps.map((step) => [step.wave, step.action, step.kind])).toEqual([
      [0, 'delete', 'campaign'],
      [0, 'delete', 'eventTracker'],
      [0, 'delete', 'filter'],
      [0, 'keep', 'schema'],
      [0, 'delete', 'schema'],
      [1, 'removedWithParent', 'solutionVersion'],
      [1, 'delete', 'solution'],
      [1, 'delete', 'dataset'],
      [2, 'removedWithParent', 'datasetImportJob'],
      [2, 'delete', 'datasetGroup'],
      [2, 'delete', 'schema'],
      [3, 'delete', 'object'],
      [3, 'delete', 'role'],
      [4, 'delete', 'bucket'],
    ]);
    expect(dryRun.steps.find((step) => step.kind === 'campaign')?.costPerHourUsd).toBe(0.0556);
    expect(dryRun.steps.find((step) => step.kind === 'datasetImportJob')?.note).toBe(
      'not deletable: removed with the dataset group',
    );
    expect(dryRun.steps.find((step) => step.name === 'alpha-poc-shared')?.note).toMatch(
      /^kept: dataset .*beta-poc-shop.* outside the scope uses it$/u,
    );

    // A group of the scope still being created, and a solution version still training, when the teardown plans.
    const { datasetGroupArn: lateArn = '' } = await clients.personalize.send(
      new CreateDatasetGroupCommand({ name: 'alpha-poc-late' }),
    );
    const { solutionVersionArn: trainingArn = '' } = await clients.personalize.send(
      new CreateSolutionVersionCommand({ solutionArn: alphaSolutionArn }),
    );
    const { jobId } = await app.handlers['inventory.teardown']({ workspaceId: alpha.id });
    const plan: TeardownPlan = TeardownPlanSchema.parse(app.jobs.get(jobId).params.plan);
    expect(plan.steps.find((step) => step.arn === lateArn)).toMatchObject({
      action: 'delete',
      waitsForCreate: true,
      status: expect.stringMatching(/^CREATE /u) as unknown,
    });
    expect(plan.steps.find((step) => step.arn === trainingArn)).toMatchObject({
      action: 'stop',
      wave: 0,
      status: expect.stringMatching(/^CREATE /u) as unknown,
    });
    expect(plan.steps.find((step) => step.kind === 'solution')?.dependsOn).toContain(trainingArn);
    expect(plan.actionable).toBe(dryRun.actionable + 2);

    // Kill it once a few resources are gone.
    const deadline = Date.now() + 60_000;
    while (app.jobs.get(jobId).progress.done < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const interrupted = app.jobs.get(jobId);
    expect(interrupted).toMatchObject({
      state: 'running',
      progress: { unit: 'resources', total: plan.actionable },
    });
    expect(interrupted.progress.done).toBeLessThan(plan.actionable);
    await app.dispose();
    const stored = JSON.parse(await readFile(path.join(userDataDir, 'jobs.json'), 'utf8')) as {
      jobs: Job[];
    };
    expect(stored.jobs.find((job) => job.id === jobId)?.state).toBe('running');

    app = await createStudioApp({ userDataDir });
    clients = sandboxClients(app.sandboxEndpoint, app.sandboxCredentials);
    const resumed = await settled(app, jobId);
    expect(resumed.state, resumed.error?.message).toBe('succeeded');
    expect(resumed.progress).toEqual({
      done: plan.actionable,
      total: plan.actionable,
      unit: 'resources',
    });
    expect(TeardownPlanSchema.parse(resumed.params.plan).createdAtMs).toBe(plan.createdAtMs);

    expect((await app.handlers['inventory.plan']({ workspaceId: alpha.id })).actionable).toBe(0);
    expect((await app.handlers['inventory.runningCost']({})).resources).toEqual([]);
    // The old listing (by prefix) still shows the schema kept for Beta's dataset, and nothing else.
    expect(
      (await app.handlers['inventory.list']({ workspaceId: alpha.id })).map((entry) => entry.name),
    ).toEqual(['alpha-poc-shared']);
    const groups =
      (await clients.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((group) => group.name).sort()).toEqual(['beta-poc-shop', 'outside-poc']);
    const schemas = (await clients.personalize.send(new ListSchemasCommand({}))).schemas ?? [];
    expect(schemas.map((schema) => schema.name).sort()).toEqual(['alpha-poc-shared']);
    // The service removes a dataset group's import jobs with it: no record of Alpha's import is left.
    expect(
      (await clients.personalize.send(new ListDatasetImportJobsCommand({}))).datasetImportJobs ??
        [],
    ).toEqual([]);
    const alive = await app.handlers['inventory.alive']({});
    expect(alive.find((entry) => entry.workspaceId === alpha.id)?.alive).toBe(1); // the schema kept for Beta
    expect(alive.find((entry) => entry.workspaceId === beta.id)?.alive).toBe(2);
  });

  it('does nothing on a second run: no Delete or Stop call', async () => {
    const sent: string[] = [];
    const runtime = app.workspaces.get(alpha.id);
    for (const client of [
      runtime.clients().personalize,
      runtime.clients().s3,
      runtime.clients().iam,
    ] as const) {
      (client as PersonalizeClient).middlewareStack.add(
        (next, context) => (args) => {
          sent.push(context.commandName ?? '');
          return next(args);
        },
        { step: 'initialize', name: 'teardownItestRecorder' },
      );
    }
    const { jobId } = await app.handlers['inventory.teardown']({ workspaceId: alpha.id });
    const job = await settled(app, jobId);
    expect(job.state).toBe('succeeded');
    expect(job.progress).toMatchObject({ done: 0, total: 0, unit: 'resources' });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((name) => /^(Delete|Stop|Detach)/u.test(name))).toEqual([]);
  });
});
