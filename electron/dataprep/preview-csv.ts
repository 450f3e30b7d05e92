import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataPreview } from '../../shared/ipc/contract.js';
import {
  buildDataChecks,
  isFractionalType,
  isIntegerType,
  MILLISECONDS_THRESHOLD,
  MIN_INTERACTIONS_PER_USER,
  resolveColumn,
  type IdColumnStats,
  type PreviewDatasetType,
  type TimestampStats,
} from './data-checks.js';
import { assertCsvFile, describeCsv, queryCsv, quoteIdentifier, readCsvExpression, toNumber, toText, withConnection } from './duckdb.js';

const ID_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID'],
  items: ['ITEM_ID'],
};
const TIMESTAMP_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['TIMESTAMP'],
  items: ['CREATION_TIMESTAMP'],
};
const DISTINCT_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'EVENT_TYPE'],
  items: ['ITEM_ID'],
};

interface Column {
  readonly name: string;
  readonly type: string;
}

/** One aggregate over the file: row count, distinct counts, id and timestamp statistics. */
async function aggregate(
  connection: DuckDBConnection,
  path: string,
  fullSample: boolean,
  columns: readonly Column[],
  datasetType: PreviewDatasetType,
): Promise<{ rowCount: number; distinct: Record<string, number>; ids: Record<string, IdColumnStats>; timestamps: Record<string, TimestampStats> }> {
  const selects: string[] = ['count(*) AS row_count'];
  const readers: ((row: Record<string, unknown>) => void)[] = [];
  const distinct: Record<string, number> = {};
  const ids: Record<string, IdColumnStats> = {};
  const timestamps: Record<string, TimestampStats> = {};
  const typeOf = (name: string): string => columns.find((column) => column.name === name)?.type ?? 'VARCHAR';
  let alias = 0;
  const add = (expression: string, read: (value: unknown) => void): void => {
    const key = `a${alias++}`;
    selects.push(`${expression} AS ${key}`);
    readers.push((row) => read(row[key]));
  };

  for (const canonical of DISTINCT_COLUMNS[datasetType]) {
    const column = resolveColumn(columns, canonical);
    if (column === undefined) continue;
    add(`count(DISTINCT ${quoteIdentifier(column)})`, (value) => (distinct[column] = toNumber(value)));
  }
  for (const canonical of ID_COLUMNS[datasetType]) {
    const column = resolveColumn(columns, canonical);
    if (column === undefined) continue;
    const quoted = quoteIdentifier(column);
    let nullCount = 0;
    let maxLength = 0;
    add(`count_if(${quoted} IS NULL OR trim(${quoted}::VARCHAR) = '')`, (value) => (nullCount = toNumber(value)));
    add(`max(length(${quoted}::VARCHAR))`, (value) => (maxLength = toNumber(value)));
    readers.push(() => (ids[canonical] = { column, type: typeOf(column), nullCount, maxLength }));
  }
  for (const canonical of TIMESTAMP_COLUMNS[datasetType]) {
    const column = resolveColumn(columns, canonical);
    if (column === undefined) continue;
    const quoted = quoteIdentifier(column);
    const type = typeOf(column);
    const numeric = isIntegerType(type) || isFractionalType(type);
    let nullCount = 0;
    let millisecondsCount = 0;
    let nonIntegerCount = 0;
    add(`count_if(${quoted} IS NULL)`, (value) => (nullCount = toNumber(value)));
    if (numeric) {
      add(`count_if(${quoted} > ${MILLISECONDS_THRESHOLD})`, (value) => (millisecondsCount = toNumber(value)));
      if (isFractionalType(type)) add(`count_if(${quoted} <> floor(${quoted}))`, (value) => (nonIntegerCount = toNumber(value)));
    }
    readers.push(() => (timestamps[canonical] = { column, type, nullCount, millisecondsCount, nonIntegerCount }));
  }

  const reader = await connection.runAndReadAll(`SELECT ${selects.join(', ')} FROM ${readCsvExpression(fullSample)}`, { path });
  const row = reader.getRowObjectsJS()[0] ?? {};
  for (const read of readers) read(row);
  return { rowCount: toNumber(row.row_count), distinct, ids, timestamps };
}

async function countActiveUsers(connection: DuckDBConnection, path: string, fullSample: boolean, userColumn: string): Promise<number> {
  const quoted = quoteIdentifier(userColumn);
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM (SELECT ${quoted} FROM ${readCsvExpression(fullSample)} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted} HAVING count(*) >= ${MIN_INTERACTIONS_PER_USER})`,
    { path },
  );
  return toNumber(reader.getRowObjectsJS()[0]?.n);
}

async function firstRows(connection: DuckDBConnection, path: string, fullSample: boolean, limit: number): Promise<Record<string, string | null>[]> {
  const reader = await connection.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM ${readCsvExpression(fullSample)} LIMIT $limit`, {
    path,
    limit,
  });
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(row)) out[key] = value === null || value === undefined ? null : toText(value);
    return out;
  });
}

/**
 * Reads the first rows and a basic profile of a dataset CSV (.csv or .csv.gz) with DuckDB.
 *
 * Returns the columns with DuckDB's sniffed types, the first `limit` rows as strings (null for
 * empty cells), the exact row count, exact distinct counts of the key columns (USER_ID,
 * ITEM_ID, EVENT_TYPE for interactions; ITEM_ID for items, keyed by the file's column name)
 * and the basic checks of {@link buildDataChecks}. Scans the file two or three times; never
 * modifies it.
 *
 * @throws AppError `file.notFound` (names the path), `file.unreadable` (a folder),
 *   `data.invalid` (DuckDB cannot parse the file).
 */
export async function previewCsv(path: string, datasetType: PreviewDatasetType, limit: number): Promise<DataPreview> {
  await assertCsvFile(path);
  const rowLimit = Math.max(1, Math.floor(limit));
  return queryCsv(path, (fullSample) =>
    withConnection(async (connection) => {
      const columns = await describeCsv(connection, path, fullSample);
      const stats = await aggregate(connection, path, fullSample, columns, datasetType);
      const userColumn = datasetType === 'interactions' ? resolveColumn(columns, 'USER_ID') : undefined;
      const activeUsers = userColumn === undefined ? undefined : await countActiveUsers(connection, path, fullSample, userColumn);
      const rows = await firstRows(connection, path, fullSample, rowLimit);
      const checks = buildDataChecks({
        datasetType,
        rowCount: stats.rowCount,
        columns,
        ids: stats.ids,
        timestamps: stats.timestamps,
        ...(userColumn === undefined ? {} : { distinctUsers: stats.distinct[userColumn] ?? 0 }),
        ...(activeUsers === undefined ? {} : { activeUsers }),
      });
      return { path, columns, rows, rowCount: stats.rowCount, distinct: stats.distinct, checks };
    }),
  );
}
