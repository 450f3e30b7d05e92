import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import {
  buildInventoryView,
  countAlive,
  countBillable,
  groupOwnerOf,
  ownerOf,
  ownPart,
} from './inventory-view.js';
import { runningCost, syncCampaignCache } from './running-cost.js';
import { shouldQuit } from './quit-reminder.js';
import { ResourceCache } from '../workspaces/resource-cache.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  campaignCostPerHourUsd,
  campaignTpsWarning,
  PRICE_TABLE,
  pricesFor,
  recommenderCostPerHourUsd,
  trainingCostUsd,
} from '../../../shared/rules/prices.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012';

function workspace(id: string, prefix: string, kind: 'sandbox' | 'aws' = 'aws'): Workspace {
  return {
    id,
    prefix,
    name: id,
    target:
      kind === 'aws' ? { kind, profile: 'p', region: 'us-east-1' } : { kind, region: 'us-east-1' },
    setup: { bucket: 'b', roleName: 'r' },
  } as unknown as Workspace;
}

describe('inventory view and prices', () => {
  it('attributes names to the workspace of the longest matching prefix', () => {
    const all = [workspace('a', 'acme'), workspace('b', 'acme-eu')];
    expect(ownerOf('acme-eu-retail', all)).toBe('b');
    expect(ownerOf('acme-retail', all)).toBe('a');
    expect(ownerOf('acmex-retail', all)).toBeUndefined();
  });

  it('prices active campaigns by minProvisionedTPS from the one table, and never guesses a region', () => {
    expect(PRICE_TABLE).toMatchObject({
      source: 'https://aws.amazon.com/personalize/pricing/',
      currency: 'USD',
    });
    expect(pricesFor('us-east-1')?.campaignTpsHourUsd).toBe(0.0556);
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', 3)).toBeCloseTo(0.1668, 6);
    expect(campaignCostPerHourUsd('us-east-1', 'CREATE IN_PROGRESS', 3)).toBe(0);
    expect(campaignCostPerHourUsd('xx-nowhere-1', 'ACTIVE', 3)).toBeUndefined();
  });

  it('groups by dataset group with ages, owners, orphan schemas and the cost of the own part', () => {
    const acme = workspace('a', 'acme');
    const view = buildInventoryView({
      workspace: acme,
      workspaces: [acme],
      scan: {
        scannedAtMs: 10_000,
        resources: [
          {
            kind: 'datasetGroup',
            arn: `${ARN}:dataset-group/acme-g`,
            name: 'acme-g',
            status: 'ACTIVE',
            createdAtMs: 4_000,
          },
          {
            kind: 'campaign',
            arn: `${ARN}:campaign/acme-c`,
            name: 'acme-c',
            status: 'ACTIVE',
            datasetGroupArn: `${ARN}:dataset-group/acme-g`,
            minProvisionedTPS: 2,
          },
          {
            kind: 'dataset',
            arn: `${ARN}:dataset/acme-g/INTERACTIONS`,
            name: 'acme-d',
            status: 'ACTIVE',
            datasetGroupArn: `${ARN}:dataset-group/acme-g`,
            schemaArn: `${ARN}:schema/acme-s`,
          },
          {
            kind: 'datasetGroup',
            arn: `${ARN}:dataset-group/zeta`,
            name: 'zeta',
            status: 'ACTIVE',
          },
          {
            kind: 'campaign',
            arn: `${ARN}:campaign/zeta-c`,
            name: 'zeta-c',
            status: 'ACTIVE',
            datasetGroupArn: `${ARN}:dataset-group/zeta`,
            minProvisionedTPS: 10,
          },
        ],
        schemas: [
          { kind: 'schema', arn: `${ARN}:schema/acme-s`, name: 'acme-s' },
          { kind: 'schema', arn: `${ARN}:schema/acme-old`, name: 'acme-old' },
        ],
      },
      environment: [{ kind: 'bucket', arn: 'arn:aws:s3:::b', name: 'b' }],
    });
    expect(
      view.groups.map((group) => [
        group.datasetGroup.name,
        group.datasetGroup.workspaceId,
        group.resources.map((entry) => entry.kind),
      ]),
    ).toEqual([
      ['acme-g', 'a', ['campaign', 'dataset']],
      ['zeta', undefined, ['campaign']],
    ]);
    expect(view.groups[0]?.datasetGroup.ageMs).toBe(6_000);
    expect(view.schemas.map((schema) => [schema.name, schema.isOrphan])).toEqual([
      ['acme-old', true],
      ['acme-s', false],
    ]);
    expect(view.cost).toMatchObject({ isBilled: true, activeCampaigns: 2, provisionedTps: 12 });
    expect(view.cost.perHourUsd).toBeCloseTo(12 * 0.0556, 6);
    const own = ownPart(view);
    expect(own.cost).toMatchObject({ activeCampaigns: 1, provisionedTps: 2 });
    expect(countAlive(own)).toBe(1 + 2 + 2 + 1);
    expect(countBillable(own)).toBe(1);
    expect(view.cost.isVerified).toBe(false);
  });

  it('counts one row per listed resource (a bucket of 6 objects is one row) and marks when each campaign was last asked', () => {
    const acme = workspace('a', 'acme');
    const group = `${ARN}:dataset-group/acme-g`;
    const view = buildInventoryView({
      workspace: acme,
      workspaces: [acme],
      scan: {
        scannedAtMs: 10_000,
        resources: [
          { kind: 'datasetGroup', arn: group, name: 'acme-g', status: 'ACTIVE' },
          ...(['acme-asked', 'acme-quiet'] as const).map((name) => ({
            kind: 'campaign' as const,
            arn: `${ARN}:campaign/${name}`,
            name,
            status: 'ACTIVE',
            datasetGroupArn: group,
            minProvisionedTPS: 1,
          })),
          {
            kind: 'recommender',
            arn: `${ARN}:recommender/acme-r`,
            name: 'acme-r',
            status: 'INACTIVE',
            datasetGroupArn: group,
          },
        ],
        schemas: [],
      },
      environment: [
        { kind: 'object', arn: 'arn:aws:s3:::b/*', name: 'objects', count: 6 },
        { kind: 'bucket', arn: 'arn:aws:s3:::b', name: 'b' },
      ],
      lastRequestAtMs: (arn) => (arn.endsWith('/acme-asked') ? 9_000 : undefined),
    });
    const resources = view.groups[0]?.resources ?? [];
    const rows = view.groups.length + resources.length + view.environment.length;
    expect(countAlive(view)).toBe(rows);
    expect(countAlive(view)).toBe(1 + 3 + 2);
    // Billed by the hour: the two ACTIVE campaigns, not the stopped recommender.
    expect(countBillable(view)).toBe(2);
    expect(resources.map((entry) => [entry.name, entry.idleSinceMs])).toEqual([
      ['acme-asked', 9_000],
      ['acme-quiet', undefined],
      ['acme-r', undefined],
    ]);
  });

  it('attributes a dataset group by its workspace tag before its name, and what it holds with it', () => {
    const acme = workspace('a', 'acme');
    const other = workspace('b', 'other');
    expect(groupOwnerOf({ name: 'acme-g', ownerTag: 'b' }, [acme, other])).toBe('b');
    // The tag decides (as for the teardown plan): a group tagged by a workspace that is gone is no one's, whatever its name.
    expect(groupOwnerOf({ name: 'acme-g', ownerTag: 'gone' }, [acme, other])).toBeUndefined();
    expect(groupOwnerOf({ name: 'acme-g' }, [acme, other])).toBe('a');
    const view = buildInventoryView({
      workspace: acme,
      workspaces: [acme, other],
      scan: {
        scannedAtMs: 10_000,
        resources: [
          { kind: 'datasetGroup', arn: `${ARN}:dataset-group/g`, name: 'g', ownerTag: 'b' },
          {
            kind: 'solutionVersion',
            arn: `${ARN}:solution/acme-s/0123abcd`,
            name: '0123abcd',
            status: 'ACTIVE',
            datasetGroupArn: `${ARN}:dataset-group/g`,
            trainingHours: 1.5,
          },
          {
            kind: 'recommender',
            arn: `${ARN}:recommender/r`,
            name: 'r',
            status: 'ACTIVE',
            datasetGroupArn: `${ARN}:dataset-group/g`,
          },
        ],
        schemas: [],
      },
      environment: [],
    });
    expect(view.groups[0]?.datasetGroup.workspaceId).toBe('b');
    // Tagged: what the group holds is the tag's workspace's, whatever its name says.
    expect(view.groups[0]?.resources.map((entry) => entry.workspaceId)).toEqual(['b', 'b']);
    expect(view.groups[0]?.resources.find((entry) => entry.kind === 'recommender')).toMatchObject({
      isBilling: true,
    });
    expect(view.cost).toMatchObject({ activeRecommenders: 1, trainingHours: 1.5 });
    // A started recommender has no recorded price: the total is unknown rather than guessed.
    expect(view.cost.perHourUsd).toBeUndefined();
    expect(view.cost.trainingCostUsd).toBeCloseTo(1.5 * 0.24, 6);
  });

  it('prices training hours and recommenders from the same table, and warns above 1 TPS at creation', () => {
    expect(trainingCostUsd('us-east-1', 2)).toBeCloseTo(0.48, 6);
    expect(trainingCostUsd('xx-nowhere-1', 2)).toBeUndefined();
    expect(recommenderCostPerHourUsd('us-east-1', 'ACTIVE')).toBeUndefined();
    expect(campaignTpsWarning(1, 'us-east-1')).toBeUndefined();
    const warning = campaignTpsWarning(5, 'us-east-1');
    expect(warning?.perHourUsd).toBeCloseTo(5 * 0.0556, 6);
    expect(warning?.message).toContain('A minimum of 5 TPS is billed every hour');
    expect(warning?.message).toContain('$0.2780 per hour, $6.67 per day');
    expect(campaignTpsWarning(2, 'xx-nowhere-1')?.message).toContain(
      'no price recorded for xx-nowhere-1',
    );
  });

  it('sums what bills by the hour across workspaces from their caches, and follows the listing', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'running-cost-'));
    try {
      const awsCache = new ResourceCache(path.join(directory, 'a.json'));
      const sandboxCache = new ResourceCache(path.join(directory, 'b.json'));
      await awsCache.record({
        arn: `${ARN}:campaign/acme-c`,
        kind: 'campaign',
        name: 'acme-c',
        status: 'ACTIVE',
        attributes: { minProvisionedTPS: 3 },
      });
      await awsCache.record({
        arn: `${ARN}:campaign/acme-old`,
        kind: 'campaign',
        name: 'acme-old',
        status: 'CREATE FAILED',
        attributes: { minProvisionedTPS: 1 },
      });
      await sandboxCache.record({
        arn: `${ARN}:campaign/sb-c`,
        kind: 'campaign',
        name: 'sb-c',
        status: 'ACTIVE',
        attributes: { minProvisionedTPS: 1 },
      });
      const cost = runningCost([
        { config: workspace('a', 'acme'), resources: awsCache },
        { config: workspace('b', 'sb', 'sandbox'), resources: sandboxCache },
      ]);
      expect(cost.resources.map((entry) => [entry.name, entry.isBilled])).toEqual([
        ['acme-c', true],
        ['sb-c', false],
      ]);
      expect(cost.billedCount).toBe(1);
      expect(cost.billedPerHourUsd).toBeCloseTo(3 * 0.0556, 6);

      // The listing shows acme-c deleted and a new campaign made outside the studio.
      await syncCampaignCache(awsCache, {
        workspaceId: 'a',
        region: 'us-east-1',
        scannedAtMs: 1,
        groups: [
          {
            datasetGroup: {
              kind: 'datasetGroup',
              arn: `${ARN}:dataset-group/acme-g`,
              name: 'acme-g',
            },
            resources: [
              {
                kind: 'campaign',
                arn: `${ARN}:campaign/acme-new`,
                name: 'acme-new',
                status: 'ACTIVE',
                minProvisionedTPS: 2,
              },
            ],
          },
        ],
        schemas: [],
        environment: [],
        cost: buildInventoryView({
          workspace: workspace('a', 'acme'),
          workspaces: [],
          scan: { scannedAtMs: 1, resources: [], schemas: [] },
          environment: [],
        }).cost,
      });
      const after = runningCost([{ config: workspace('a', 'acme'), resources: awsCache }]);
      expect(after.resources.map((entry) => [entry.name, entry.minProvisionedTPS])).toEqual([
        ['acme-new', 2],
      ]);
      expect(awsCache.list({ kind: 'campaign' }).map((entry) => entry.name)).toEqual(['acme-new']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('reminder on quit', () => {
  it('asks while AWS campaigns bill, quits at once otherwise or when the cost cannot be read', async () => {
    const asked: string[] = [];
    const prompt = (message: string): Promise<boolean> => {
      asked.push(message);
      return Promise.resolve(false);
    };
    const resource = {
      workspaceId: 'a',
      workspaceName: 'Acme',
      kind: 'campaign' as const,
      arn: `${ARN}:campaign/acme-c`,
      name: 'acme-c',
      isBilled: true,
      costPerHourUsd: 0.0556,
    };
    const billed = {
      resources: [resource],
      running: { campaigns: 1, recommenders: 0 },
      billedCount: 1,
      billedPerHourUsd: 0.0556,
      unpriced: 0,
      currency: 'USD' as const,
      priceSource: PRICE_TABLE.source,
      pricesRecordedOn: PRICE_TABLE.recordedOn,
      priceNote: PRICE_TABLE.note,
      isVerified: false,
    };
    expect(await shouldQuit(() => Promise.resolve(billed), prompt)).toBe(false);
    expect(asked).toEqual([
      'Still billed by the hour on AWS in every workspace: 1 campaign, 0 recommenders (Acme: acme-c). Closing the studio does not stop them: delete them in Clean up.',
    ]);
    const sandboxOnly = {
      ...billed,
      resources: [{ ...resource, isBilled: false }],
      billedCount: 0,
      billedPerHourUsd: 0,
    };
    expect(await shouldQuit(() => Promise.resolve(sandboxOnly), prompt)).toBe(true);
    expect(await shouldQuit(() => Promise.reject(new Error('offline')), prompt)).toBe(true);
    expect(asked).toHaveLength(1);
  });
});
