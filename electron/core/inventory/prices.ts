/** Prices of one region, in USD. */
export interface RegionPrices {
  /** Real-time recommendations of a custom campaign, per TPS-hour (first usage tier). */
  readonly campaignTpsHourUsd: number;
  /** One training hour (4 vCPU, 8 GiB). */
  readonly trainingHourUsd: number;
}

/**
 * The one price table of the studio: Amazon Personalize list prices per region, with where they
 * come from and when they were recorded. Regions absent here have no estimate (the studio never
 * guesses a price). Tiered prices use their first tier, so estimates are upper bounds for large
 * accounts. Re-check `source` before quoting an estimate to a customer.
 */
export const PRICE_TABLE = {
  source: 'https://aws.amazon.com/personalize/pricing/',
  recordedOn: '2026-12-01',
  currency: 'USD',
  regions: {
    'us-east-1': { campaignTpsHourUsd: 0.0556, trainingHourUsd: 0.24 },
  } as Readonly<Record<string, RegionPrices>>,
} as const;

/** The prices of `region`, when the table has them. */
export function pricesFor(region: string): RegionPrices | undefined {
  return PRICE_TABLE.regions[region];
}

/**
 * Estimated running cost of one campaign per hour, in USD: `minProvisionedTPS × price per
 * TPS-hour` while it is ACTIVE (the service bills the greater of minProvisionedTPS and the actual
 * TPS, SPEC §2.15), 0 otherwise; `undefined` when the region has no price or the TPS is unknown.
 */
export function campaignCostPerHourUsd(
  region: string,
  status: string | undefined,
  minProvisionedTPS: number | undefined,
): number | undefined {
  const prices = pricesFor(region);
  if (prices === undefined || minProvisionedTPS === undefined) return undefined;
  return status === 'ACTIVE' ? minProvisionedTPS * prices.campaignTpsHourUsd : 0;
}
