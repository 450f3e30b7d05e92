import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import { buildInventoryView, countAlive, ownerOf, ownPart } from './inventory-view.js';
import { campaignCostPerHourUsd, PRICE_TABLE, pricesFor } from './prices.js';

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
  });
});
