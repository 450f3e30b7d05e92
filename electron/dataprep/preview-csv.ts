import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataCheck, DataPreview } from '../../shared/ipc/contract.js';
import { emptyFileCheck, headerCheck, headerOnlyCheck, isEmptyCsv, separatorCheck, sniffCsv, type CsvSniff } from './csv-format.js';
import {
  buildDataChecks,
  isFractionalType,
  isIntegerType,
  resolveColumn,
  type IdColumnStats,
  type PreviewDatasetType,
  type ProblemExample,
  type TimestampStats,
} from './data-checks.js';
import { MAX_ID_LENGTH, MILLISECONDS_THRESHOLD, MIN_INTERACTIONS_PER_ACTIVE_USER } from '../../shared/rules/limits.js';
import { assertCsvFile, describeCsv, queryCsv, quoteIdentifier, readCsvExpression, toNumber, toText, withConnection } from './duckdb.js';

const ID_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};
const TIMESTAMP_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['TIMESTAMP'],
  items: ['CREATION_TIMESTAMP'],
  users: [],
};
const DISTINCT_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'EVENT_TYPE'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};
/** Rows and sample values kept per counted problem. */
const EXAMPLE_ROWS = 5;
/** Row-number column added to the scan (1-based data rows, in file order). */
const ROW_NUMBER = '__poc_row';

/** Reads `min(rn, n)` / `min_by(v, rn, n)` list results. */
function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

interface Column {
  readonly name: string;
  readonly type: string;
}

/** One aggregate over the file: row count, distinct counts, id and timestamp statistics. */
async function aggregate(
  connection: DuckDBConnection,
  path: string,
  source: string,
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
  /** First rows where `condition` holds, with `value` as text: one scan, no extra query. */
  const example = (condition: string, value: string, set: (found: ProblemExample) => void): void => {
    let rows: number[] = [];
    add(`min(${ROW_NUMBER}, ${EXAMPLE_ROWS}) FILTER (WHERE ${condition})`, (found) => (rows = toList(found).map(toNumber)));
    add(`min_by(coalesce(${value}, ''), ${ROW_NUMBER}, ${EXAMPLE_ROWS}) FILTER (WHERE ${condition})`, (found) =>
      set({ rows, samples: toList(found).map(toText) }),
    );
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
    let longCount = 0;
    let nullExample: ProblemExample | undefined;
    let longExample: ProblemExample | undefined;
    const empty = `${quoted} IS NULL OR trim(${quoted}::VARCHAR) = ''`;
    const long = `length(${quoted}::VARCHAR) > ${MAX_ID_LENGTH}`;
    add(`count_if(${empty})`, (value) => (nullCount = toNumber(value)));
    example(empty, `${quoted}::VARCHAR`, (found) => (nullExample = found));
    add(`max(length(${quoted}::VARCHAR))`, (value) => (maxLength = toNumber(value)));
    add(`count_if(${long})`, (value) => (longCount = toNumber(value)));
    example(long, `${quoted}::VARCHAR`, (found) => (longExample = found));
    readers.push(() => (ids[canonical] = { column, type: typeOf(column), nullCount, maxLength, longCount, nullExample, longExample }));
  }
  for (const canonical of TIMESTAMP_COLUMNS[datasetType]) {
    const column = resolveColumn(columns, canonical);
    if (column === undefined) continue;
    const quoted = quoteIdentifier(column);
    const type = typeOf(column);
    const numeric = isIntegerType(type) || isFractionalType(type);
    const text = `${quoted}::VARCHAR`;
    const stats: { -readonly [K in keyof TimestampStats]: TimestampStats[K] } = { column, type, nullCount: 0, millisecondsCount: 0, nonIntegerCount: 0 };
    add(`count_if(${quoted} IS NULL)`, (value) => (stats.nullCount = toNumber(value)));
    example(`${quoted} IS NULL`, text, (found) => (stats.nullExample = found));
    if (numeric) {
      add(`count_if(${quoted} > ${MILLISECONDS_THRESHOLD})`, (value) => (stats.millisecondsCount = toNumber(value)));
      example(`${quoted} > ${MILLISECONDS_THRESHOLD}`, text, (found) => (stats.millisecondsExample = found));
      if (isFractionalType(type)) {
        add(`count_if(${quoted} <> floor(${quoted}))`, (value) => (stats.nonIntegerCount = toNumber(value)));
        example(`${quoted} <> floor(${quoted})`, text, (found) => (stats.nonIntegerExample = found));
      }
    } else {
      add(`min_by(${text}, ${ROW_NUMBER}, 3) FILTER (WHERE ${quoted} IS NOT NULL)`, (value) => (stats.samples = toList(value).map(toText)));
      const upper = type.toUpperCase();
      if (upper.startsWith('TIMESTAMP') || upper === 'DATE') {
        add(`min_by(epoch(${quoted}), ${ROW_NUMBER}) FILTER (WHERE ${quoted} IS NOT NULL)`, (value) => {
          if (value !== null && value !== undefined) stats.firstEpoch = toNumber(value);
        });
      }
    }
    readers.push(() => (timestamps[canonical] = { ...stats }));
  }

  const numbered = `(SELECT row_number() OVER () AS ${ROW_NUMBER}, * FROM ${source})`;
  const reader = await connection.runAndReadAll(`SELECT ${selects.join(', ')} FROM ${numbered}`, { path });
  const row = reader.getRowObjectsJS()[0] ?? {};
  for (const read of readers) read(row);
  return { rowCount: toNumber(row.row_count), distinct, ids, timestamps };
}

async function countActiveUsers(connection: DuckDBConnection, path: string, source: string, userColumn: string): Promise<number> {
  const quoted = quoteIdentifier(userColumn);
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM (SELECT ${quoted} FROM ${source} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted} HAVING count(*) >= ${MIN_INTERACTIONS_PER_ACTIVE_USER})`,
    { path },
  );
  return toNumber(reader.getRowObjectsJS()[0]?.n);
}

async function firstRows(connection: DuckDBConnection, path: string, source: string, limit: number): Promise<Record<string, string | null>[]> {
  const reader = await connection.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM ${source} LIMIT $limit`, { path, limit });
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(row)) out[key] = value === null || value === undefined ? null : toText(value);
    return out;
  });
}

/** Separator and header findings that come before the column checks. */
function layoutChecks(path: string, sniff: CsvSniff): DataCheck[] {
  return [separatorCheck(path, sniff), headerCheck(path, sniff)].filter((check): check is DataCheck => check !== undefined);
}

/**
 * Reads the first rows and a basic profile of a dataset CSV (.csv or .csv.gz) with DuckDB.
 *
 * Returns the columns with DuckDB's sniffed types, the first `limit` rows as strings (null for
 * empty cells), the exact row count, exact distinct counts of the key columns (USER_ID,
 * ITEM_ID, EVENT_TYPE for interactions; ITEM_ID for items; USER_ID for users, keyed by the
 * file's column name) and the checks: a non-comma separator (from DuckDB's `sniff_csv`), an
 * empty or header-only file, then {@link buildDataChecks} with the first rows and values of each
 * counted problem. Scans the file two or three times; never modifies it.
 *
 * @throws AppError `file.notFound` (names the path), `file.unreadable` (a folder),
 *   `data.invalid` (not UTF-8, naming the first bad line and byte; or DuckDB cannot parse it).
 */
export async function previewCsv(path: string, datasetType: PreviewDatasetType, limit: number): Promise<DataPreview> {
  await assertCsvFile(path);
  if (await isEmptyCsv(path)) return { path, columns: [], rows: [], rowCount: 0, distinct: {}, checks: [emptyFileCheck(path)] };
  const rowLimit = Math.max(1, Math.floor(limit));
  return queryCsv(path, (fullSample) =>
    withConnection(async (connection) => {
      const sniff = await sniffCsv(connection, path);
      const source = readCsvExpression(fullSample, sniff.forcedDelimiter);
      const columns = await describeCsv(connection, path, fullSample, sniff.forcedDelimiter);
      const stats = await aggregate(connection, path, source, columns, datasetType);
      const layout = layoutChecks(path, sniff);
      if (stats.rowCount === 0) {
        return { path, columns, rows: [], rowCount: 0, distinct: stats.distinct, checks: [...layout, headerOnlyCheck(path, columns)] };
      }
      const userColumn = datasetType === 'interactions' ? resolveColumn(columns, 'USER_ID') : undefined;
      const activeUsers = userColumn === undefined ? undefined : await countActiveUsers(connection, path, source, userColumn);
      const rows = await firstRows(connection, path, source, rowLimit);
      const checks = buildDataChecks({
        datasetType,
        fileName: basename(path),
        rowCount: stats.rowCount,
        columns,
        ids: stats.ids,
        timestamps: stats.timestamps,
        ...(userColumn === undefined ? {} : { distinctUsers: stats.distinct[userColumn] ?? 0 }),
        ...(activeUsers === undefined ? {} : { activeUsers }),
      });
      return { path, columns, rows, rowCount: stats.rowCount, distinct: stats.distinct, checks: [...layout, ...checks] };
    }),
  );
}
