import { describe, expect, it } from 'vitest';
import type { RunningCost } from '../../../../shared/ipc/inventory.js';
import { PRICE_TABLE, quitReminderText } from '../../../../shared/rules/prices.js';
import { runningCostBadge, runningCostUtility } from './running-cost-utility.js';

function cost(resources: RunningCost['resources'], isVerified = false): RunningCost {
  const billed = resources.filter((resource) => resource.isBilled);
  return {
    resources,
    billedCount: billed.length,
    billedPerHourUsd: billed.reduce((sum, resource) => sum + (resource.costPerHourUsd ?? 0), 0),
    unpriced: billed.filter((resource) => resource.costPerHourUsd === undefined).length,
    currency: 'USD',
    priceSource: PRICE_TABLE.source,
    pricesRecordedOn: PRICE_TABLE.recordedOn,
    priceNote: PRICE_TABLE.note,
    isVerified,
    running: {
      campaigns: resources.filter((resource) => resource.kind === 'campaign').length,
      recommenders: resources.filter((resource) => resource.kind === 'recommender').length,
    },
  };
}

const campaign = (name: string, isBilled: boolean, costPerHourUsd?: number) => ({
  workspaceId: isBilled ? 'aws-ws' : 'sandbox-ws',
  workspaceName: isBilled ? 'Customer A' : 'First POC',
  kind: 'campaign' as const,
  arn: `arn:aws:personalize:us-east-1:111122223333:campaign/${name}`,
  name,
  isBilled,
  minProvisionedTPS: 1,
  ...(costPerHourUsd === undefined ? {} : { costPerHourUsd }),
});

describe('running-cost badge and quit reminder', () => {
  it('shows nothing while nothing bills by the hour', () => {
    expect(runningCostBadge(cost([]))).toBeUndefined();
    expect(runningCostUtility(undefined)).toBeUndefined();
    expect(quitReminderText(cost([campaign('sb', false, 0.0556)]))).toBeUndefined();
  });

  it('sums the AWS campaigns (unpriced ones counted), and warns on quit naming them', () => {
    const running = cost([
      campaign('acme-a', true, 0.0556),
      campaign('acme-b', true, 0.1112),
      campaign('acme-eu', true),
      campaign('sb', false, 0.0556),
    ]);
    expect(runningCostBadge(running)).toEqual({
      text: '3 campaigns, 0 recommenders in every workspace · ≈$0.1668/h + 1 unpriced',
      label:
        'Running cost: 3 campaigns, 0 recommenders in every workspace, billed on AWS, about $0.1668 per hour (unverified prices) + 1 unpriced. Open the inventory',
      isBilled: true,
    });
    expect(runningCostUtility(running)).toMatchObject({
      type: 'button',
      href: '#/inventory',
      iconName: 'status-warning',
    });
    expect(quitReminderText(running)).toBe(
      'Still billed by the hour on AWS in every workspace: 3 campaigns, 0 recommenders (Customer A: acme-a, Customer A: acme-b, Customer A: acme-eu). Closing the studio does not stop them: delete them in Clean up.',
    );
  });

  it('says what Local sandbox campaigns would cost on AWS, not billed', () => {
    expect(runningCostBadge(cost([campaign('sb', false, 0.0556)]))).toMatchObject({
      text: 'Sandbox: 1 campaign, 0 recommenders in every workspace · ≈$0.0556/h on AWS',
      label:
        'Running cost: 1 campaign, 0 recommenders in every workspace, active on the Local sandbox, not billed; on AWS about $0.0556 per hour (unverified prices). Open the inventory',
      isBilled: false,
    });
  });

  it('shows a figure as exact only when every region priced is verified', () => {
    expect(runningCostBadge(cost([campaign('acme-a', true, 0.0556)], true))).toEqual({
      text: '1 campaign, 0 recommenders in every workspace · $0.0556/h',
      label:
        'Running cost: 1 campaign, 0 recommenders in every workspace, billed on AWS, about $0.0556 per hour. Open the inventory',
      isBilled: true,
    });
  });
});
