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
} from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import {
  actionableOf,
  countInventory,
  countPlan,
  countsText,
} from '../../../shared/inventory/inventory-counts.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  sandboxClients,
} from '../../sandbox/test-support/clients.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';
import { WORKSPACE_TAG_KEY } from '../workspaces/names.js';

/** 1,200 interactions of 60 users on 30 items: enough for the sandbox's minimum data checks (SPEC §5.5). */
function interactionsCsv(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let index = 0; index < 1_200; index += 1)
    rows.push(`u${index % 60},i${(index * 7) % 30},${1_700_000_000 + index},purchase`);
  return `${rows.join('\n')}\n`;
}

async function active(describe: () => Promise<string | undefined>): Promise<void> {
  const history = await pollStatus(describe, CREATE_TRANSIENT, 120_000);
  expect(history.at(-1)).toBe('ACTIVE');
}

describe('one count of a POC: the inventory, the teardown plan and the running cost agree', () => {
  let userDataDir: string;
  let app: StudioCore;
  let acme: Workspace;

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'inventory-counts-itest-'));
    app = await createStudioApp({ userDataDir });
    acme = await app.handlers['workspaces.create']({
      name: 'Acme',
      target: { kind: 'sandbox', region: 'us-east-1' },
      prefix: 'acme-poc',
      tags: {},
      notes: '',
    });
    const setup = await app.jobs.whenSettled(
      (await app.handlers['setup.apply']({ workspaceId: acme.id })).jobId,
    );
    expect(setup.state, setup.error?.message).toBe('succeeded');

    // The POC, made with the SDK: data, schema, group, dataset, import, solution, version, campaign.
    const { personalize, s3 } = sandboxClients(app.sandboxEndpoint, app.sandboxCredentials);
    await s3.send(
      new PutObjectCommand({
        Bucket: acme.setup.bucket,
        Key: 'data/interactions.csv',
        Body: interactionsCsv(),
      }),
    );
    const { schemaArn = '' } = await personalize.send(
      new CreateSchemaCommand({ name: 'acme-poc-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { datasetGroupArn = '' } = await personalize.send(
      new CreateDatasetGroupCommand({ name: 'acme-poc-retail' }),
    );
    // A group of another name that carries the workspace's tag: the tag says it is Acme's.
    const { datasetGroupArn: taggedArn = '' } = await personalize.send(
      new CreateDatasetGroupCommand({
        name: 'renamed-retail',
        tags: [{ tagKey: WORKSPACE_TAG_KEY, tagValue: acme.id }],
      }),
    );
    for (const arn of [datasetGroupArn, taggedArn])
      await active(
        async () =>
          (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn })))
            .datasetGroup?.status,
      );
    const { datasetArn = '' } = await personalize.send(
      new CreateDatasetCommand({
        name: 'acme-poc-retail-interactions',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    );
    const { datasetImportJobArn = '' } = await personalize.send(
      new CreateDatasetImportJobCommand({
        jobName: 'acme-poc-import',
        datasetArn,
        dataSource: { dataLocation: `s3://${acme.setup.bucket}/data/interactions.csv` },
      }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
          .datasetImportJob?.status,
    );
    const { solutionArn = '' } = await personalize.send(
      new CreateSolutionCommand({
        name: 'acme-poc-pop',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
      }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
    );
    const { solutionVersionArn = '' } = await personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
          .solutionVersion?.status,
    );
    const { campaignArn = '' } = await personalize.send(
      new CreateCampaignCommand({ name: 'acme-poc-pop', solutionVersionArn, minProvisionedTPS: 1 }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
    );
  }, 300_000);

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('counts 11 resources, 9 to delete and 1 running campaign in the view, the plan, the alive table, the running cost and inventory.list', async () => {
    const alive = (await app.handlers['inventory.alive']({})).find(
      (entry) => entry.workspaceId === acme.id,
    );
    const view = alive?.view;
    if (view === undefined) throw new Error(`no view of Acme: ${alive?.error?.message ?? ''}`);
    const counts = countInventory(view);
    // Two groups (the tagged one too) with a dataset, import job, solution, version, campaign;
    // one schema; the bucket's object, the bucket and the role.
    expect(countsText(counts)).toBe(
      '11 resources, 9 to delete, 2 removed with their parent; running cost: 1 campaign, 0 recommenders',
    );
    expect(alive).toMatchObject({ alive: counts.total, billable: 1 });

    const plan = await app.handlers['inventory.plan']({ workspaceId: acme.id });
    expect(countPlan(plan)).toEqual(counts);
    expect(plan.actionable).toBe(actionableOf(counts));
    expect(
      plan.steps
        .filter((step) => step.kind === 'datasetGroup')
        .map((step) => step.name)
        .sort(),
    ).toEqual(['acme-poc-retail', 'renamed-retail']);

    // The listing brought the campaign made outside the studio into the cache: the badge counts it.
    const cost = await app.handlers['inventory.runningCost']({});
    expect(cost.running).toEqual(counts.running);
    expect(cost.resources.map((entry) => [entry.kind, entry.name])).toEqual([
      ['campaign', 'acme-poc-pop'],
    ]);

    // inventory.list takes the groups by the same rule: the tagged group of another name is Acme's.
    const listed = await app.handlers['inventory.list']({ workspaceId: acme.id });
    expect(
      listed
        .filter((entry) => entry.kind === 'datasetGroup')
        .map((entry) => entry.name)
        .sort(),
    ).toEqual(['acme-poc-retail', 'renamed-retail']);
  }, 120_000);
});
