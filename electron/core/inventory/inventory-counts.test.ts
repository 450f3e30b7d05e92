import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import {
  countInventory,
  countPlan,
  countsText,
  runningText,
} from '../../../shared/inventory/inventory-counts.js';
import type { AccountScan, ScannedResource } from './account-scan.js';
import { buildInventoryView, countAlive, countBillable, ownPart } from './inventory-view.js';
import { buildTeardownPlan } from './teardown-plan.js';
import { runningCost } from './running-cost.js';
import type { ResourceEntry } from '../../../shared/resources.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012';

function workspace(id: string, prefix: string): Workspace {
  return {
    id,
    prefix,
    name: id,
    target: { kind: 'sandbox', region: 'us-east-1' },
    setup: { bucket: `${prefix}-bucket`, roleName: `${prefix}-role` },
  } as unknown as Workspace;
}

const acme = workspace('a', 'acme');
const beta = workspace('b', 'beta');
const g = `${ARN}:dataset-group/acme-retail`;
const other = `${ARN}:dataset-group/beta-shop`;
const solution = `${ARN}:solution/acme-up`;
const dataset = `${ARN}:dataset/acme-retail/INTERACTIONS`;
const inGroup = (resource: Omit<ScannedResource, 'datasetGroupArn'>): ScannedResource => ({
  ...resource,
  datasetGroupArn: g,
});

/**
 * Acme's POC as a sandbox lists it mid-way: a tagged group with a dataset and its import, a
 * solution with a settled and a training version, an active campaign and recommender, a filter
 * already being deleted, an event tracker; three schemas (one used by Beta's dataset, one
 * unused); the bucket (3 objects) and the role. Beta's group sits in the same account.
 */
const scan: AccountScan = {
  scannedAtMs: 1_000,
  resources: [
    { kind: 'datasetGroup', arn: g, name: 'acme-retail', status: 'ACTIVE', ownerTag: 'a' },
    inGroup({
      kind: 'dataset',
      arn: dataset,
      name: 'acme-retail-interactions',
      status: 'ACTIVE',
      schemaArn: `${ARN}:schema/acme-interactions`,
    }),
    inGroup({
      kind: 'datasetImportJob',
      arn: `${ARN}:dataset-import-job/acme-import`,
      name: 'acme-import',
      status: 'ACTIVE',
      parentArn: dataset,
    }),
    inGroup({ kind: 'solution', arn: solution, name: 'acme-up', status: 'ACTIVE' }),
    inGroup({
      kind: 'solutionVersion',
      arn: `${solution}/00000001`,
      name: '00000001',
      status: 'ACTIVE',
      parentArn: solution,
    }),
    inGroup({
      kind: 'solutionVersion',
      arn: `${solution}/00000002`,
      name: '00000002',
      status: 'CREATE IN_PROGRESS',
      parentArn: solution,
    }),
    inGroup({
      kind: 'campaign',
      arn: `${ARN}:campaign/acme-up`,
      name: 'acme-up',
      status: 'ACTIVE',
      parentArn: solution,
      minProvisionedTPS: 1,
    }),
    inGroup({
      kind: 'recommender',
      arn: `${ARN}:recommender/acme-picks`,
      name: 'acme-picks',
      status: 'ACTIVE',
    }),
    inGroup({
      kind: 'filter',
      arn: `${ARN}:filter/acme-no-bought`,
      name: 'acme-no-bought',
      status: 'DELETE PENDING',
    }),
    inGroup({
      kind: 'eventTracker',
      arn: `${ARN}:event-tracker/acme-tracker`,
      name: 'acme-tracker',
      status: 'ACTIVE',
    }),
    { kind: 'datasetGroup', arn: other, name: 'beta-shop', status: 'ACTIVE' },
    {
      kind: 'dataset',
      arn: `${ARN}:dataset/beta-shop/INTERACTIONS`,
      name: 'beta-shop-interactions',
      status: 'ACTIVE',
      datasetGroupArn: other,
      schemaArn: `${ARN}:schema/acme-shared`,
    },
  ],
  schemas: ['acme-interactions', 'acme-shared', 'acme-unused'].map((name) => ({
    kind: 'schema',
    arn: `${ARN}:schema/${name}`,
    name,
  })),
};
const environment: ScannedResource[] = [
  { kind: 'object', arn: 'arn:aws:s3:::acme-bucket/*', name: '3 objects', count: 3 },
  { kind: 'bucket', arn: 'arn:aws:s3:::acme-bucket', name: 'acme-bucket' },
  { kind: 'role', arn: 'arn:aws:iam::123456789012:role/acme-role', name: 'acme-role' },
];

describe('the one inventory count', () => {
  const view = ownPart(
    buildInventoryView({ workspace: acme, workspaces: [acme, beta], scan, environment }),
  );
  const plan = buildTeardownPlan({
    workspaceId: 'a',
    prefix: 'acme',
    scope: { kind: 'workspace' },
    includeEnvironment: true,
    scan,
    environment,
    region: 'us-east-1',
    workspaces: [acme, beta],
  });

  it("counts a workspace's own part by the teardown's rule: what goes, what goes with its parent, what is kept, what runs", () => {
    // 9 in the group (itself and 8 it holds, the import job apart), 3 schemas, objects / bucket / role.
    expect(countInventory(view)).toEqual({
      total: 15,
      // group, dataset, solution, the training version (stopped), campaign, recommender,
      // tracker, 2 schemas, objects, bucket, role
      deletable: 12,
      removedWithParent: 1, // the settled version
      deleting: 1, // the filter
      kept: 1, // acme-shared: Beta's dataset uses it
      jobRecords: 1, // the import job: history
      running: { campaigns: 1, recommenders: 1 },
    });
    expect(countsText(countInventory(view), { kind: 'workspace' })).toBe(
      '15 resources created by this workspace, 12 to delete, 1 being deleted, 1 removed with their parent, 1 kept, plus 1 job record (history, not counted); running cost: 1 campaign, 1 recommender',
    );
  });

  it('gives the plan, the alive count and the billable count the same numbers as the view', () => {
    expect(countPlan(plan)).toEqual(countInventory(view));
    expect(plan.steps).toHaveLength(16); // the import job's step too: not deletable
    expect(plan.actionable).toBe(12 + 1);
    expect(countAlive(view)).toBe(15);
    expect(countBillable(view)).toBe(2);
    expect(view.cost).toMatchObject({ activeCampaigns: 1, activeRecommenders: 1 });
  });

  it("gives the running-cost badge the view's running count: the cached campaign and the listed recommender", () => {
    // The cache as the deploy job left it: the active campaign (and a failed one, which does not run).
    const cached: ResourceEntry[] = [
      {
        arn: `${ARN}:campaign/acme-up`,
        kind: 'campaign',
        name: 'acme-up',
        status: 'ACTIVE',
        lastSeenAtMs: 1,
        attributes: { minProvisionedTPS: 1 },
        studio: {},
      },
      {
        arn: `${ARN}:campaign/acme-old`,
        kind: 'campaign',
        name: 'acme-old',
        status: 'CREATE FAILED',
        lastSeenAtMs: 1,
        attributes: {},
        studio: {},
      },
    ];
    const cost = runningCost([
      {
        config: acme,
        resources: { list: (filter) => cached.filter((entry) => entry.kind === filter?.kind) },
        listed: view,
      },
    ]);
    expect(cost.running).toEqual(countInventory(view).running);
    expect(cost.resources.map((entry) => [entry.kind, entry.name, entry.isBilled])).toEqual([
      ['campaign', 'acme-up', false],
      ['recommender', 'acme-picks', false],
    ]);
  });

  it('says a count in one wording, zero parts after "to delete" left out', () => {
    expect(
      countsText({
        total: 1,
        deletable: 1,
        removedWithParent: 0,
        deleting: 0,
        kept: 0,
        jobRecords: 0,
        running: { campaigns: 0, recommenders: 0 },
      }),
    ).toBe('1 resource, 1 to delete; running cost: 0 campaigns, 0 recommenders');
    expect(runningText({ campaigns: 2, recommenders: 1 })).toBe('2 campaigns, 1 recommender');
  });
});
