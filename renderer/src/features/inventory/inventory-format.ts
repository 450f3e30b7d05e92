import type { InventoryItem, InventoryKind } from '../../../../shared/ipc/inventory.js';
import { formatUsd } from '../../../../shared/rules/prices.js';

/** Words for a kind, as the service's documentation names it ("Dataset import job"). */
export const KIND_LABELS: Readonly<Record<InventoryKind, string>> = {
  datasetGroup: 'Dataset group',
  schema: 'Schema',
  dataset: 'Dataset',
  datasetImportJob: 'Dataset import job',
  datasetExportJob: 'Dataset export job',
  solution: 'Solution',
  solutionVersion: 'Solution version',
  campaign: 'Campaign',
  recommender: 'Recommender',
  filter: 'Filter',
  eventTracker: 'Event tracker',
  batchInferenceJob: 'Batch inference job',
  batchSegmentJob: 'Batch segment job',
  metricAttribution: 'Metric attribution',
  bucket: 'S3 bucket',
  object: 'S3 objects',
  role: 'IAM role',
};

/** Age as `3 d 4 h`, `2 h 05 min`, `4 min`, `40 s`; `—` when unknown. */
export function formatAge(ageMs: number | undefined): string {
  if (ageMs === undefined) return '—';
  const seconds = Math.floor(ageMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * A cost per hour (`$0.0556/h`), `—` when unknown, `$0/h` for zero. An estimate from unverified
 * prices (`isVerified` false, see `shared/rules/prices.ts`) reads `≈$0.0556/h`: never exact.
 */
export function formatPerHour(usd: number | undefined, isVerified = true): string {
  if (usd === undefined) return '—';
  if (usd === 0) return '$0/h';
  return `${isVerified ? '' : '≈'}${formatUsd(usd)}/h`;
}

/**
 * A wall-clock time in the 24-hour format of the rest of the studio (the jobs timeline's
 * `14:03:07`, local time), with the date (`2026-12-01 14:03:07`) when it is not on `nowMs`'s day.
 */
export function formatClock(ms: number, nowMs: number = Date.now()): string {
  const date = new Date(ms);
  const time = date.toLocaleTimeString('en-GB', { hour12: false });
  const day = (value: Date) =>
    `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return day(date) === day(new Date(nowMs)) ? time : `${day(date)} ${time}`;
}

/**
 * The "idle since" marker of an ACTIVE campaign or recommender: when the studio last asked it
 * for recommendations, or that this is unknown (requests made outside the studio are not seen);
 * `undefined` for other resources and for what does not run.
 */
export function idleText(
  item: Pick<InventoryItem, 'kind' | 'status' | 'idleSinceMs'>,
  nowMs: number = Date.now(),
): string | undefined {
  if (item.kind !== 'campaign' && item.kind !== 'recommender') return undefined;
  if (item.status !== 'ACTIVE') return undefined;
  return item.idleSinceMs === undefined
    ? 'last request unknown (requests made outside the studio are not seen)'
    : `idle since ${formatClock(item.idleSinceMs, nowMs)}`;
}
