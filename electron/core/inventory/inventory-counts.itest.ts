import {
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DescribeDatasetGroupCommand,
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
import { INTERACTIONS_SCHEMA, sandboxClients } from '../../sandbox/test-support/clients.js';
import {
  groupWithDataset,
  popularityCampaign,
  smallInteractionsCsv,
  untilActive,
} from '../../sandbox/test-support/small-poc.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';
import { WORKSPACE_TAG_KEY } from '../workspaces/names.js';

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
        Body: smallInteractionsCsv(),
      }),
    );
    const { schemaArn = '' } = await personalize.send(
      new CreateSchemaCommand({ name: 'acme-poc-interactions', schema: INTERACTIONS_SCHEMA }),
    );
    const { groupArn: datasetGroupArn, datasetArn } = await groupWithDataset(
      personalize,
      'acme-poc-retail',
      schemaArn,
    );
    // A group of another name that carries the workspace's tag: the tag says it is Acme's.
    const { datasetGroupArn: taggedArn = '' } = await personalize.send(
      new CreateDatasetGroupCommand({
        name: 'renamed-retail',
        tags: [{ tagKey: WORKSPACE_TAG_KEY, tagValue: acme.id }],
      }),
    );
    await untilActive(
      async () =>
        (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: taggedArn })))
          .datasetGroup?.status,
    );
    await popularityCampaign(personalize, {
      prefix: 'acme-poc',
      datasetGroupArn,
      datasetArn,
      dataLocation: `s3://${acme.setup.bucket}/data/interactions.csv`,
    });
  }, 300_000);

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('counts 10 resources, 9 to delete, 1 job record and 1 running campaign in the view, the plan, the alive table, the running cost and inventory.list', async () => {
    const alive = (await app.handlers['inventory.alive']({})).find(
      (entry) => entry.workspaceId === acme.id,
    );
    const view = alive?.view;
    if (view === undefined) throw new Error(`no view of Acme: ${alive?.error?.message ?? ''}`);
    const counts = countInventory(view);
    // Two groups (the tagged one too), one with a dataset, solution, version and campaign, and
    // an import job (history, not counted); one schema; the bucket's objects, the bucket and the role.
    expect(countsText(counts)).toBe(
      '10 resources, 9 to delete, 1 removed with their parent, plus 1 job record (history, not counted); running cost: 1 campaign, 0 recommenders',
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
