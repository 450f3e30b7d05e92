import { describe, expect, it } from 'vitest';
import { campaignPricing } from './campaign-catalog.js';

describe('campaignPricing', () => {
  it("carries the price table's us-east-1 TPS-hour price, its source and date, and that it is not verified", () => {
    expect(campaignPricing('us-east-1')).toEqual({
      region: 'us-east-1',
      currency: 'USD',
      tpsHourUsd: 0.0556,
      source: 'https://aws.amazon.com/personalize/pricing/',
      recordedOn: '2026-12-01',
      isVerified: false,
    });
  });

  it('has no price for a region the table does not list', () => {
    expect(campaignPricing('eu-west-1')).toBeUndefined();
  });
});
