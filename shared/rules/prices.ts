/**
 * Amazon Personalize list prices, one table for the whole studio (main process, renderer, CLI).
 *
 * What is billed and how (sources: the CreateCampaign API reference, "Minimum Provisioned TPS and
 * Auto-Scaling"; the Amazon Personalize pricing page, "Pricing at a glance"): an ACTIVE campaign
 * bills every hour for the greater of its `minProvisionedTPS` and the actual TPS (average
 * requests per second in a 5-minute window); training bills training hours (one hour of 4 vCPU
 * and 8 GiB; `SolutionVersion.trainingHours`); a started recommender bills by the hour until it
 * is stopped or deleted. The price figures themselves could not be re-read: the pricing page
 * (English and German editions searched on 2026-12-02) renders its price table by script, so its
 * text holds the billing rules but no figure, and no other AWS page quotes them. They are the
 * first usage tier as recorded on `recordedOn`; every region carries `isVerified: false`, so the
 * UI says "unverified" beside each estimate and never presents one as exact.
 */

import type { RunningCost } from '../ipc/inventory.js';
import { runningOfBilling, runningText, scopeText } from '../inventory/count-text.js';

/** Prices of one region, in USD. */
export interface RegionPrices {
  /** Real-time recommendations of a custom campaign, per TPS-hour (first usage tier). */
  readonly campaignTpsHourUsd: number;
  /** One training hour (4 vCPU, 8 GiB). */
  readonly trainingHourUsd: number;
  /** A started recommender, per hour (absent: no price recorded; the studio never guesses one). */
  readonly recommenderHourUsd?: number | undefined;
  /**
   * True only when the figures above were read on the published pricing page for this region on
   * {@link PRICE_TABLE}`.checkedOn`; false: recorded figures nobody could re-read (shown as
   * "unverified" estimates).
   */
  readonly isVerified: boolean;
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
  /** When the source was last searched for the figures (ISO date). */
  checkedOn: '2026-12-02',
  /** How far the figures are checked: shown beside every estimate. */
  note: 'Unverified list prices (first usage tier, us-east-1): the billing rules (the greater of minProvisionedTPS and the actual TPS, per hour; training hours of 4 vCPU and 8 GiB) were checked on 2026-12-02 against the pricing page and the CreateCampaign reference; the hourly figures were recorded earlier and have not been confirmed since. Recommenders and batch jobs have no recorded price. Other regions have no estimate.',
  currency: 'USD',
  regions: {
    'us-east-1': { campaignTpsHourUsd: 0.0556, trainingHourUsd: 0.24, isVerified: false },
  } as Readonly<Record<string, RegionPrices>>,
} as const;

/** The prices of `region`, when the table has them. */
export function pricesFor(region: string): RegionPrices | undefined {
  return PRICE_TABLE.regions[region];
}

/** True when `region` has prices and they were verified on the pricing page (see {@link RegionPrices}). */
export function arePricesVerified(region: string): boolean {
  return pricesFor(region)?.isVerified === true;
}

/**
 * Estimated running cost of one campaign per hour, in USD: `max(minProvisionedTPS, actualTps) ×
 * price per TPS-hour` while it is ACTIVE (the service bills the greater of minProvisionedTPS and
 * the actual TPS — average requests per second over 5 minutes —, SPEC §2.15), 0 otherwise;
 * `undefined` when the region has no price or the TPS is unknown. `actualTps` (requests per
 * second, when known) defaults to 0: the studio sees no CloudWatch figure, so the estimate is
 * the floor the campaign bills with no traffic.
 */
export function campaignCostPerHourUsd(
  region: string,
  status: string | undefined,
  minProvisionedTPS: number | undefined,
  actualTps = 0,
): number | undefined {
  const prices = pricesFor(region);
  if (prices === undefined || minProvisionedTPS === undefined) return undefined;
  return status === 'ACTIVE'
    ? Math.max(minProvisionedTPS, actualTps) * prices.campaignTpsHourUsd
    : 0;
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
    message: `A minimum of ${minProvisionedTPS.toLocaleString('en-US')} TPS is billed every hour the campaign is active, even with no traffic ${cost}. The service recommends starting with 1: it scales up above the minimum by itself.`,
    ...(perHourUsd === undefined ? {} : { perHourUsd }),
  };
}

/** A USD amount for people: `$0.0556` below one dollar (4 decimals), `$1.33` above, `$133,440.00` with thousands grouped. */
export function formatUsd(amount: number): string {
  const digits = amount < 1 ? 4 : 2;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/**
 * An hourly cost estimate in words, with how far its prices are checked (the one wording of the
 * running-cost badge and the CLI inventory): `about $0.1668 per hour` for verified prices,
 * `about $0.1668 per hour (unverified prices)` otherwise, so a figure from unverified prices is
 * never shown as exact. `perHourUsd` in USD, formatted by {@link formatUsd}.
 */
export function hourlyEstimateText(perHourUsd: number, isVerified: boolean): string {
  return `about ${formatUsd(perHourUsd)} per hour${isVerified ? '' : ' (unverified prices)'}`;
}

/**
 * The reminder shown on quit (desktop app) and before unload (browser host) while AWS resources
 * bill by the hour, naming them; `undefined` while nothing is billed (Local sandbox campaigns
 * bill nothing).
 */
export function quitReminderText(cost: RunningCost | undefined): string | undefined {
  if (cost === undefined || cost.billedCount === 0) return undefined;
  const billed = cost.resources.filter((resource) => resource.isBilled);
  const names = billed.map((resource) => `${resource.workspaceName}: ${resource.name}`).join(', ');
  return `Still billed by the hour on AWS ${scopeText({ kind: 'everyWorkspace' })}: ${runningText(runningOfBilling(billed))} (${names}). Closing the studio does not stop them: delete them in Clean up.`;
}
