import type { ColumnStats, DatasetStats } from '../dataset-rules.js';

/** The `now` (epoch seconds, 2023-11-14) of the statistics below, for future-date rules. */
export const STATS_NOW = 1_700_000_000;

/**
 * Statistics of one column as the validation scan reports them: no nulls, values up to 10
 * characters, 100 distinct (approximate); `extra` overrides.
 */
export function columnStats(
  name: string,
  type: string,
  extra: Partial<ColumnStats> = {},
): ColumnStats {
  return {
    name,
    type,
    nullCount: 0,
    maxLength: 10,
    pipeCount: 0,
    overLongCount: 0,
    distinct: 100,
    distinctApproximate: true,
    ...extra,
  };
}

/**
 * A clean interactions file as the scan describes it: 5,000 rows of USER_ID, ITEM_ID and
 * TIMESTAMP from 100 users (all with 2 or more interactions), no timestamp statistics;
 * `extra` overrides.
 */
export function interactionsStats(extra: Partial<DatasetStats> = {}): DatasetStats {
  return {
    datasetType: 'interactions',
    fileName: 'i.csv',
    rowCount: 5000,
    delimiter: ',',
    hasHeader: true,
    quotedHeader: false,
    encoding: 'utf-8',
    malformedCount: 0,
    malformed: [],
    columns: [
      columnStats('USER_ID', 'VARCHAR'),
      columnStats('ITEM_ID', 'VARCHAR'),
      columnStats('TIMESTAMP', 'BIGINT'),
    ],
    ids: {},
    timestamps: {},
    distinctUsers: 100,
    activeUsers: 100,
    now: STATS_NOW,
    ...extra,
  };
}
