import type { InventoryKind } from '../../../../shared/ipc/inventory.js';
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

/** A cost per hour (`$0.0556/h`), `—` when unknown, `$0/h` for zero. */
export function formatPerHour(usd: number | undefined): string {
  if (usd === undefined) return '—';
  return usd === 0 ? '$0/h' : `${formatUsd(usd)}/h`;
}
