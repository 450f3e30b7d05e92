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

/** The raw Online Retail export's header with DuckDB's types, as the validation scan reads it. */
export const RETAIL_EXPORT_COLUMNS: readonly ColumnStats[] = [
  columnStats('InvoiceNo', 'VARCHAR'),
  columnStats('StockCode', 'VARCHAR'),
  columnStats('Description', 'VARCHAR'),
  columnStats('Quantity', 'BIGINT'),
  columnStats('InvoiceDate', 'TIMESTAMP', { maxLength: 19 }),
  columnStats('UnitPrice', 'DOUBLE'),
  columnStats('CustomerID', 'DOUBLE', { maxLength: 7 }),
  columnStats('Country', 'VARCHAR'),
];

/**
 * The raw Online Retail export (online_retail_raw.csv.gz, 541,909 rows) given as the
 * interactions file, as the scan describes it: its header ({@link RETAIL_EXPORT_COLUMNS}), no
 * id or timestamp statistics; `extra` overrides (reversals, duplicate rows...).
 */
export function retailExportStats(extra: Partial<DatasetStats> = {}): DatasetStats {
  return {
    datasetType: 'interactions',
    fileName: 'online_retail_raw.csv.gz',
    rowCount: 541_909,
    delimiter: ',',
    hasHeader: true,
    quotedHeader: false,
    encoding: 'utf-8',
    malformedCount: 0,
    malformed: [],
    columns: RETAIL_EXPORT_COLUMNS,
    ids: {},
    timestamps: {},
    now: STATS_NOW,
    ...extra,
  };
}
