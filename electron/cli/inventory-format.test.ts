import { describe, expect, it } from 'vitest';
import { InventoryViewSchema } from '../../shared/ipc/inventory.js';
import { PRICE_TABLE, pricesFor } from '../../shared/rules/prices.js';
import { formatInventory, idleMarker } from './inventory.js';

describe('poc-studio inventory: the idle marker', () => {
  it('says when the studio last asked an active campaign, or that it cannot know', () => {
    const at = Date.UTC(2026, 11, 2, 5, 20, 11, 345);
    expect(idleMarker({ kind: 'campaign', status: 'ACTIVE', idleSinceMs: at })).toBe(
      ' (idle since 2026-12-02T05:20:11Z)',
    );
    expect(idleMarker({ kind: 'recommender', status: 'ACTIVE' })).toBe(
      ' (last request unknown: requests made outside the studio are not seen)',
    );
    expect(idleMarker({ kind: 'campaign', status: 'DELETE PENDING', idleSinceMs: at })).toBe('');
    expect(idleMarker({ kind: 'solution', status: 'ACTIVE' })).toBe('');
  });
});

describe('poc-studio inventory: the running cost line', () => {
  const view = (isVerified: boolean, isBilled: boolean) =>
    InventoryViewSchema.parse({
      workspaceId: 'ws',
      region: 'us-east-1',
      scannedAtMs: 0,
      groups: [],
      schemas: [],
      environment: [],
      cost: {
        isBilled,
        // 3 TPS at the table's us-east-1 price per TPS-hour.
        perHourUsd: 3 * (pricesFor('us-east-1')?.campaignTpsHourUsd ?? Number.NaN),
        activeCampaigns: 2,
        provisionedTps: 3,
        currency: 'USD',
        priceSource: PRICE_TABLE.source,
        pricesRecordedOn: PRICE_TABLE.recordedOn,
        isVerified,
      },
    });
  const costLine = (text: string) =>
    text.split('\n').find((line) => line.startsWith('Running cost:'));

  it('words the estimate as the running-cost badge does, saying when prices are unverified', () => {
    expect(costLine(formatInventory(view(false, true), []))).toBe(
      'Running cost: about $0.1668 per hour (unverified prices); 2 campaigns, 0 recommenders running, 3 TPS provisioned (prices from https://aws.amazon.com/personalize/pricing/, recorded 2026-12-01)',
    );
    expect(costLine(formatInventory(view(true, false), []))).toBe(
      'Running cost: as on AWS: about $0.1668 per hour (the Local sandbox bills nothing); 2 campaigns, 0 recommenders running, 3 TPS provisioned (prices from https://aws.amazon.com/personalize/pricing/, recorded 2026-12-01)',
    );
  });
});
