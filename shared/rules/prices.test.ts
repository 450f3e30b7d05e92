import { describe, expect, it } from 'vitest';
import {
  arePricesVerified,
  campaignCostPerHourUsd,
  hourlyEstimateText,
  PRICE_TABLE,
  pricesFor,
  recommenderCostPerHourUsd,
  trainingCostUsd,
} from './prices.js';

describe('the price table and the cost computation', () => {
  it('names its source and dates, and marks every region whose figures could not be re-read', () => {
    expect(PRICE_TABLE).toMatchObject({
      source: 'https://aws.amazon.com/personalize/pricing/',
      recordedOn: '2026-12-01',
      checkedOn: '2026-12-02',
      currency: 'USD',
    });
    expect(pricesFor('us-east-1')).toEqual({
      campaignTpsHourUsd: 0.0556,
      trainingHourUsd: 0.24,
      isVerified: false,
    });
    expect(arePricesVerified('us-east-1')).toBe(false);
    expect(arePricesVerified('eu-west-1')).toBe(false);
    expect(PRICE_TABLE.note).toMatch(/^Unverified/u);
  });

  it('bills an active campaign max(minProvisionedTPS, actual TPS) TPS-hours every hour', () => {
    // No traffic: the provisioned minimum is billed.
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', 1)).toBeCloseTo(0.0556, 10);
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', 5, 0)).toBeCloseTo(0.278, 10);
    // Traffic under the minimum changes nothing; above it, the actual TPS is billed.
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', 5, 3.2)).toBeCloseTo(0.278, 10);
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', 2, 7.5)).toBeCloseTo(7.5 * 0.0556, 10);
    // A day of one campaign at the default minimum of 1 TPS.
    expect(24 * (campaignCostPerHourUsd('us-east-1', 'ACTIVE', 1) ?? 0)).toBeCloseTo(1.3344, 10);
  });

  it('bills nothing for a campaign that is not ACTIVE, and never guesses a region or a TPS', () => {
    expect(campaignCostPerHourUsd('us-east-1', 'CREATE IN_PROGRESS', 10, 50)).toBe(0);
    expect(campaignCostPerHourUsd('us-east-1', 'DELETE PENDING', 10)).toBe(0);
    expect(campaignCostPerHourUsd('us-east-1', 'ACTIVE', undefined)).toBeUndefined();
    expect(campaignCostPerHourUsd('ap-south-1', 'ACTIVE', 1)).toBeUndefined();
  });

  it('prices training hours, and has no recommender price to quote', () => {
    expect(trainingCostUsd('us-east-1', 2.5)).toBeCloseTo(0.6, 10);
    expect(trainingCostUsd('us-east-1', 0)).toBe(0);
    expect(trainingCostUsd('eu-west-1', 1)).toBeUndefined();
    expect(recommenderCostPerHourUsd('us-east-1', 'ACTIVE')).toBeUndefined();
  });

  it('words an hourly estimate with how far its prices are checked', () => {
    expect(hourlyEstimateText(0.1668, false)).toBe('about $0.1668 per hour (unverified prices)');
    expect(hourlyEstimateText(0.1668, true)).toBe('about $0.1668 per hour');
    expect(hourlyEstimateText(1.3344, false)).toBe('about $1.33 per hour (unverified prices)');
  });
});
