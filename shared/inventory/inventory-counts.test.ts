import { describe, expect, it } from 'vitest';
import {
  INVENTORY_KINDS,
  type InventoryItem,
  type InventoryKind,
  type InventoryView,
} from '../ipc/inventory.js';
import {
  accountAndOwnText,
  actionableOf,
  countInventory,
  countsText,
  isJobRecord,
  ownListing,
  planScope,
  resourcesText,
} from './inventory-counts.js';

const ARN = 'arn:aws:personalize:us-east-1:111122223333';

let serial = 0;
function item(
  kind: InventoryKind,
  status: string | undefined,
  extra: Partial<InventoryItem> = {},
): InventoryItem {
  serial += 1;
  return {
    kind,
    arn: `${ARN}:${kind}/r${serial}`,
    name: `acme-${kind}-${serial}`,
    ...(status === undefined ? {} : { status }),
    workspaceId: 'w1',
    ...extra,
  };
}

const interactions = item('dataset', 'ACTIVE');
const items = item('dataset', 'CREATE FAILED');
const betaDataset = item('dataset', 'ACTIVE', { workspaceId: 'w2' });

/**
 * Acme's POC mid-way, with every kind the inventory lists and the statuses they pass through,
 * beside Beta's POC in the same account.
 */
const view: InventoryView = {
  workspaceId: 'w1',
  region: 'us-east-1',
  scannedAtMs: 1_000,
  groups: [
    {
      datasetGroup: item('datasetGroup', 'ACTIVE'),
      resources: [
        interactions,
        items,
        // History: 2 import jobs, an export job, 2 batch inference jobs, a batch segment job.
        item('datasetImportJob', 'ACTIVE'),
        item('datasetImportJob', 'CREATE FAILED'),
        item('datasetExportJob', 'ACTIVE'),
        item('batchInferenceJob', 'ACTIVE'),
        item('batchInferenceJob', 'CREATE IN_PROGRESS'),
        item('batchSegmentJob', 'ACTIVE'),
        item('solution', 'ACTIVE'),
        item('solutionVersion', 'ACTIVE'), // settled: removed with its solution
        item('solutionVersion', 'CREATE FAILED'), // settled: removed with its solution
        item('solutionVersion', 'CREATE IN_PROGRESS'), // stopped by the teardown
        item('campaign', 'ACTIVE', { isBilling: true }),
        item('campaign', 'CREATE IN_PROGRESS'),
        item('campaign', 'DELETE PENDING'),
        item('recommender', 'ACTIVE', { isBilling: true }),
        item('recommender', 'INACTIVE'),
        item('filter', 'ACTIVE'),
        item('filter', 'DELETE IN_PROGRESS'),
        item('eventTracker', 'ACTIVE'),
        item('metricAttribution', 'ACTIVE'),
      ],
    },
    {
      datasetGroup: item('datasetGroup', 'ACTIVE', { workspaceId: 'w2' }),
      resources: [betaDataset, item('campaign', 'ACTIVE', { workspaceId: 'w2', isBilling: true })],
    },
  ],
  schemas: [
    item('schema', undefined, { usedByDatasetArns: [interactions.arn, items.arn] }),
    item('schema', undefined, { usedByDatasetArns: [betaDataset.arn] }), // kept for Beta
    item('schema', undefined, { usedByDatasetArns: [], isOrphan: true }),
  ],
  environment: [
    item('object', undefined, { name: '12 objects', count: 12 }),
    item('bucket', undefined),
    item('role', undefined),
  ],
  cost: {
    isBilled: false,
    activeCampaigns: 2,
    provisionedTps: 2,
    activeRecommenders: 1,
    trainingHours: 0,
    currency: 'USD',
    priceSource: 'https://aws.amazon.com/personalize/pricing/',
    pricesRecordedOn: '2026-01-01',
    priceNote: '',
    isVerified: false,
  },
};

describe('the one inventory count', () => {
  it('counts job records apart and every other kind as a resource', () => {
    expect(INVENTORY_KINDS.filter(isJobRecord)).toEqual([
      'datasetImportJob',
      'batchInferenceJob',
      'datasetExportJob',
      'batchSegmentJob',
    ]);
  });

  it("counts a workspace's own part: resources by what the teardown does, being deleted apart, job records as history", () => {
    const own = countInventory(ownListing(view));
    expect(own).toEqual({
      // 1 group + 19 it holds - 6 jobs, 3 schemas, objects / bucket / role
      total: 22,
      // group, 2 datasets, solution, the training version, 2 campaigns, 2 recommenders,
      // filter, tracker, metric attribution, 2 schemas, objects, bucket, role
      deletable: 17,
      deleting: 2, // the campaign and the filter on their way out
      removedWithParent: 2, // the settled versions
      kept: 1, // Beta's dataset uses it
      jobRecords: 6,
      running: { campaigns: 1, recommenders: 1 },
    });
    expect(own.total).toBe(own.deletable + own.deleting + own.removedWithParent + own.kept);
    expect(actionableOf(own)).toBe(19);
    expect(countsText(own, { kind: 'workspace' })).toBe(
      '22 resources created by this workspace, 17 to delete, 2 being deleted, 2 removed with their parent, 1 kept, plus 6 job records (history, not counted); running cost: 1 campaign, 1 recommender',
    );
  });

  it("counts the account's listing with Beta's POC, and says both scopes", () => {
    const account = countInventory(view);
    // Beta's group, dataset and campaign; its schema is no longer kept: its dataset is listed.
    expect(account).toMatchObject({ total: 25, deletable: 21, kept: 0, jobRecords: 6 });
    expect(account.running).toEqual({ campaigns: 2, recommenders: 1 });
    expect(accountAndOwnText(account, countInventory(ownListing(view)))).toBe(
      '25 resources in this account; 22 resources created by this workspace, 17 to delete, 2 being deleted, 2 removed with their parent, 1 kept, plus 6 job records (history, not counted); running cost: 1 campaign, 1 recommender',
    );
  });

  it("says a plan's scope in words", () => {
    const counts = countInventory(ownListing(view));
    const words = (plan: Parameters<typeof planScope>[0]) =>
      resourcesText(counts, planScope(plan)).split(',')[0];
    expect(words({ scope: { kind: 'workspace' }, includeEnvironment: true })).toBe(
      '22 resources created by this workspace',
    );
    expect(words({ scope: { kind: 'workspace' }, includeEnvironment: false })).toBe(
      '22 resources created by this workspace (its bucket and role left out)',
    );
    expect(
      words({ scope: { kind: 'datasetGroup', datasetGroupArn: 'g' }, includeEnvironment: false }),
    ).toBe('22 resources in this dataset group');
    expect(words({ scope: { kind: 'prefix', prefix: 'acme-' }, includeEnvironment: false })).toBe(
      '22 resources named acme-…',
    );
  });
});
