/**
 * Amazon Personalize list prices, one table for the whole studio (main process, renderer, CLI).
 *
 * What is billed and how (sources: the CreateCampaign API reference, "Minimum Provisioned TPS and
 * Auto-Scaling"; the Amazon Personalize pricing page, "Pricing at a glance"): an ACTIVE campaign
 * bills every hour for the greater of its `minProvisionedTPS` and the actual TPS (average
 * requests per second in a 5-minute window); training bills training hours (one hour of 4 vCPU
 * and 8 GiB; `SolutionVersion.trainingHours`); a started recommender bills by the hour until it
 * is stopped or deleted. The price figures themselves could not be re-read from the pricing page
 * (its price table is rendered by the page's script, absent from its text): they are the first
 * usage tier as recorded on `recordedOn` and are marked unverified in {@link PRICE_TABLE}.`note`.
 */

import type { RunningCost } from '../ipc/inventory.js';

/** Prices of one region, in USD. */
export interface RegionPrices {
  /** Real-time recommendations of a custom campaign, per TPS-hour (first usage tier). */
  readonly campaignTpsHourUsd: number;
  /** One training hour (4 vCPU, 8 GiB). */
  readonly trainingHourUsd: number;
  /** A started recommender, per hour (absent: no price recorded; the studio never guesses one). */
  readonly recommenderHourUsd?: number | undefined;
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
  /** How far the figures are checked: shown beside every estimate. */
  note: 'Unverified list prices (first usage tier, us-east-1): the billing rules were checked against the pricing page and the CreateCampaign reference, the figures could not be re-read. Recommenders have no recorded price.',
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

/**
 * Estimated running cost of one recommender per hour, in USD: the table's hourly price while it
 * is ACTIVE (started), 0 while stopped (`INACTIVE`) or otherwise; `undefined` when the region has
 * no recommender price.
 */
export function recommenderCostPerHourUsd(
  region: string,
  status: string | undefined,
): number | undefined {
  const price = pricesFor(region)?.recommenderHourUsd;
  if (price === undefined) return undefined;
  return status === 'ACTIVE' ? price : 0;
}

/** Estimated cost of `trainingHours` training hours in `region`, in USD (`undefined`: no price). */
export function trainingCostUsd(region: string, trainingHours: number): number | undefined {
  const prices = pricesFor(region);
  return prices === undefined ? undefined : trainingHours * prices.trainingHourUsd;
}

/** True for resources that bill by the hour while they are in `status`: ACTIVE campaigns and started recommenders. */
export function isBilledByTheHour(kind: string, status: string | undefined): boolean {
  return (kind === 'campaign' || kind === 'recommender') && status === 'ACTIVE';
}

/** What {@link campaignTpsWarning} says about a campaign about to be created or updated. */
export interface TpsWarning {
  /** One sentence for the form's warning: the TPS, what it costs per hour and per day, and the advice. */
  readonly message: string;
  /** Estimated cost per hour at that minimum, in USD, when the region has a price. */
  readonly perHourUsd?: number | undefined;
}

/**
 * The guardrail of the campaign form: a warning when `minProvisionedTPS` is above 1, the
 * service's recommended start ("We recommend starting with 1 for minProvisionedTPS (the
 * default)", CreateCampaign API reference), because the campaign bills at least that many
 * TPS-hours every hour it is active, whatever the traffic. `undefined` at 1 or below (or for a
 * value that is not a number).
 */
export function campaignTpsWarning(
  minProvisionedTPS: number,
  region: string,
): TpsWarning | undefined {
  if (!Number.isFinite(minProvisionedTPS) || minProvisionedTPS <= 1) return undefined;
  const perHourUsd = campaignCostPerHourUsd(region, 'ACTIVE', minProvisionedTPS);
  const cost =
    perHourUsd === undefined
      ? `(no price recorded for ${region})`
      : `(about ${formatUsd(perHourUsd)} per hour, ${formatUsd(perHourUsd * 24)} per day, on AWS)`;
  return {
    message: `A minimum of ${minProvisionedTPS} TPS is billed every hour the campaign is active, even with no traffic ${cost}. The service recommends starting with 1: it scales up above the minimum by itself.`,
    ...(perHourUsd === undefined ? {} : { perHourUsd }),
  };
}

/** A USD amount for people: `$0.0556` below one dollar (4 decimals), `$1.33` above. */
export function formatUsd(amount: number): string {
  return amount < 1 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}

/**
 * The reminder shown on quit (desktop app) and before unload (browser host) while AWS resources
 * bill by the hour, naming them; `undefined` while nothing is billed (Local sandbox campaigns
 * bill nothing).
 */
export function quitReminderText(cost: RunningCost | undefined): string | undefined {
  if (cost === undefined || cost.billedCount === 0) return undefined;
  const names = cost.resources
    .filter((resource) => resource.isBilled)
    .map((resource) => `${resource.workspaceName}: ${resource.name}`)
    .join(', ');
  return `${cost.billedCount} campaign${cost.billedCount === 1 ? '' : 's'} still bill${cost.billedCount === 1 ? 's' : ''} by the hour on AWS (${names}). Closing the studio does not stop them: delete them in Clean up.`;
}
