import type { EncodingChoice } from '../../shared/ipc/data.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  findColumn,
  isFractionalColumnType,
  isIntegerColumnType,
  type RuleDatasetType,
} from '../../shared/rules/dataset-rules.js';
import { MILLISECONDS_THRESHOLD } from '../../shared/rules/limits.js';
import { csvSource } from './csv-open.js';
import { queryCsv, quoteIdentifier, toNumber, toText, withJobConnection } from './duckdb.js';
import { FileCache } from './file-cache.js';
import { openFile } from './validate-csv.js';

/** Per-column profile (exact counts). */
export interface ColumnSummary {
  readonly name: string;
  /** DuckDB's type (`BIGINT`, `VARCHAR`, `TIMESTAMP`...). */
  readonly type: string;
  readonly nullCount: number;
  /** Distinct non-null values, exact. */
  readonly distinct: number;
  /** Longest value as written, in characters. */
  readonly maxLength: number;
  /** Smallest and largest value (numbers, dates), as text. */
  readonly min?: string;
  readonly max?: string;
}

/** How interactions spread over users or items, most active first (the long tail). */
export interface LongTail {
  /** The file's column (USER_ID or ITEM_ID as named in the file). */
  readonly column: string;
  readonly distinct: number;
  /** Ids with exactly one interaction. */
  readonly single: number;
  readonly median: number;
  readonly max: number;
  /**
   * Up to 100 points in rank order: `rank` (1 = most active) of the last id of the bucket,
   * `count` its interactions, `cumulativeShare` the share of all interactions up to it (0–1).
   */
  readonly points: readonly { rank: number; count: number; cumulativeShare: number }[];
}

/** Interactions over time, in equal buckets. */
export interface TimeHistogram {
  readonly column: string;
  /** Epoch seconds (UTC) of the first and last event. */
  readonly min: number;
  readonly max: number;
  /** Bucket width in seconds (an hour, a day, a week, 30 days or a year). */
  readonly bucketSeconds: number;
  readonly buckets: readonly { start: number; count: number }[];
}

/** The Data step's profile of one file, the console's data insights before the import. */
export interface FileProfile {
  readonly path: string;
  readonly datasetType: RuleDatasetType;
  /** Readable rows (malformed rows excluded), exact. */
  readonly rowCount: number;
  readonly columns: readonly ColumnSummary[];
  readonly users?: LongTail;
  readonly items?: LongTail;
  /** Event types with their row counts, most frequent first (at most 50). */
  readonly eventTypes?: readonly { value: string; count: number }[];
  readonly time?: TimeHistogram;
}

/** Columns summarised per query (bounds DuckDB's per-column state on wide files). */
const SUMMARY_COLUMNS_PER_QUERY = 50;
/** Bucket widths of the time histogram, seconds. */
const BUCKETS = [3600, 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400];
/** Target number of time buckets. */
const TIME_BUCKETS = 60;

function isNumeric(type: string): boolean {
  return isIntegerColumnType(type) || isFractionalColumnType(type);
}

function isTemporal(type: string): boolean {
  return /^(TIMESTAMP|DATE)/iu.test(type);
}

async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {};
}

async function summaries(
  connection: DuckDBConnection,
  table: string,
  columns: readonly { readonly name: string; readonly type: string }[],
): Promise<ColumnSummary[]> {
  const out: ColumnSummary[] = [];
  for (let start = 0; start < columns.length; start += SUMMARY_COLUMNS_PER_QUERY) {
    const batch = columns.slice(start, start + SUMMARY_COLUMNS_PER_QUERY);
    const selects = batch.flatMap((column, index) => {
      const quoted = quoteIdentifier(column.name);
      const ranged = isNumeric(column.type) || isTemporal(column.type);
      return [
        `count(*) - count(${quoted}) AS n${index}`,
        `count(DISTINCT ${quoted}) AS d${index}`,
        `coalesce(max(length(${quoted}::VARCHAR)), 0) AS l${index}`,
        ...(ranged
          ? [`min(${quoted})::VARCHAR AS lo${index}`, `max(${quoted})::VARCHAR AS hi${index}`]
          : []),
      ];
    });
    const row = await one(connection, `SELECT ${selects.join(', ')} FROM ${table}`);
    batch.forEach((column, index) => {
      const lo = row[`lo${index}`];
      const hi = row[`hi${index}`];
      out.push({
        name: column.name,
        type: column.type,
        nullCount: toNumber(row[`n${index}`]),
        distinct: toNumber(row[`d${index}`]),
        maxLength: toNumber(row[`l${index}`]),
        ...(lo === null || lo === undefined ? {} : { min: toText(lo) }),
        ...(hi === null || hi === undefined ? {} : { max: toText(hi) }),
      });
    });
  }
  return out;
}

async function longTail(
  connection: DuckDBConnection,
  table: string,
  column: string,
): Promise<LongTail> {
  const quoted = quoteIdentifier(column);
  const reader = await connection.runAndReadAll(
    `WITH c AS (SELECT count(*) AS n FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted}),
          r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk, count(*) OVER () AS total,
                       sum(n) OVER (ORDER BY n DESC ROWS UNBOUNDED PRECEDING) AS cum, sum(n) OVER () AS all_n FROM c)
     SELECT least(99, floor((rk - 1) * 100 / total))::INTEGER AS b, max(rk) AS rank, min(n) AS count, max(cum) / any_value(all_n) AS share
     FROM r GROUP BY b ORDER BY b`,
  );
  const points = reader.getRowObjectsJS().map((row) => ({
    rank: toNumber(row.rank),
    count: toNumber(row.count),
    cumulativeShare: toNumber(row.share),
  }));
  const stats = await one(
    connection,
    `SELECT count(*) AS d, count_if(n = 1) AS single, median(n)::DOUBLE AS med, max(n) AS mx
     FROM (SELECT count(*) AS n FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted})`,
  );
  return {
    column,
    distinct: toNumber(stats.d),
    single: toNumber(stats.single),
    median: toNumber(stats.med),
    max: toNumber(stats.mx),
    points,
  };
}

async function timeHistogram(
  connection: DuckDBConnection,
  table: string,
  column: { readonly name: string; readonly type: string },
): Promise<TimeHistogram | undefined> {
  const quoted = quoteIdentifier(column.name);
  let seconds: string;
  if (isTemporal(column.type)) seconds = `epoch(${quoted})`;
  else if (isNumeric(column.type))
    seconds = `(CASE WHEN ${quoted} > ${MILLISECONDS_THRESHOLD} THEN ${quoted} / 1000 ELSE ${quoted} END)`;
  else return undefined;
  const range = await one(
    connection,
    `SELECT min(${seconds})::DOUBLE AS lo, max(${seconds})::DOUBLE AS hi FROM ${table}`,
  );
  if (range.lo === null || range.lo === undefined) return undefined;
  const min = Math.floor(toNumber(range.lo));
  const max = Math.floor(toNumber(range.hi));
  const span = Math.max(1, max - min);
  const bucketSeconds =
    BUCKETS.find((width) => span / width <= TIME_BUCKETS) ?? BUCKETS[BUCKETS.length - 1] ?? 86_400;
  const origin = Math.floor(min / bucketSeconds) * bucketSeconds;
  const reader = await connection.runAndReadAll(
    `SELECT floor((${seconds} - ${origin}) / ${bucketSeconds})::BIGINT AS b, count(*) AS n
     FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY b ORDER BY b`,
  );
  const buckets = reader
    .getRowObjectsJS()
    .map((row) => ({ start: origin + toNumber(row.b) * bucketSeconds, count: toNumber(row.n) }));
  return { column: column.name, min, max, bucketSeconds, buckets };
}

const profiles = new FileCache<Map<RuleDatasetType, Promise<FileProfile>>>(
  () => Promise.resolve(new Map<RuleDatasetType, Promise<FileProfile>>()),
  'File',
);

/**
 * Profiles a file for the Data step's charts and table, exactly (no estimates): rows; per column
 * nulls, distinct values, longest value, numeric and date ranges; for interactions the long tail
 * of interactions per user and per item, event types with counts and a histogram over time (for
 * items, CREATION_TIMESTAMP). With `encoding` the file is read with it (cached apart). Reads the
 * file once into a temporary table of typed columns on a DuckDB instance of its own (closed,
 * and its memory given back, when the profile is done), so it never waits for the grid's table build; cached per path, size and
 * mtime; the file is never modified.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function profileFile(
  path: string,
  datasetType: RuleDatasetType,
  encoding?: EncodingChoice,
): Promise<FileProfile> {
  const cache = await profiles.get(path, encoding);
  let cached = cache.get(datasetType);
  if (cached === undefined) {
    cached = buildProfile(path, datasetType, encoding);
    cache.set(datasetType, cached);
    const building = cached;
    building.catch(() => {
      if (cache.get(datasetType) === building) cache.delete(datasetType);
    });
  }
  return cached;
}

async function buildProfile(
  path: string,
  datasetType: RuleDatasetType,
  encoding?: EncodingChoice,
): Promise<FileProfile> {
  const opened = await openFile(path, encoding);
  if (opened.columns.length === 0) return { path, datasetType, rowCount: 0, columns: [] };
  return queryCsv(path, () =>
    withJobConnection(async (connection) => {
      const table = `poc_profile_${++profileCounter}`;
      await connection.run(
        `CREATE TEMP TABLE ${table} AS SELECT * FROM ${csvSource(opened, 'ignore')}`,
        { path: opened.readPath },
      );
      try {
        return await profileTable(connection, path, datasetType, opened.columns, table);
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${table}`);
      }
    }),
  );
}

let profileCounter = 0;

/** The profile's queries over the temporary table `table` of the file's rows. */
async function profileTable(
  connection: DuckDBConnection,
  path: string,
  datasetType: RuleDatasetType,
  fileColumns: readonly { readonly name: string; readonly type: string }[],
  table: string,
): Promise<FileProfile> {
  const opened = { columns: fileColumns };
  const rowCount = toNumber((await one(connection, `SELECT count(*) AS n FROM ${table}`)).n);
  const columns = await summaries(connection, table, opened.columns);
  const profile: { -readonly [K in keyof FileProfile]: FileProfile[K] } = {
    path,
    datasetType,
    rowCount,
    columns,
  };
  if (rowCount === 0) return profile;
  if (datasetType === 'interactions') {
    const user = findColumn(opened.columns, 'USER_ID');
    const item = findColumn(opened.columns, 'ITEM_ID');
    const event = findColumn(opened.columns, 'EVENT_TYPE');
    if (user !== undefined) profile.users = await longTail(connection, table, user);
    if (item !== undefined) profile.items = await longTail(connection, table, item);
    if (event !== undefined) {
      const reader = await connection.runAndReadAll(
        `SELECT ${quoteIdentifier(event)}::VARCHAR AS v, count(*) AS n FROM ${table} WHERE ${quoteIdentifier(event)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT 50`,
      );
      profile.eventTypes = reader
        .getRowObjectsJS()
        .map((row) => ({ value: toText(row.v), count: toNumber(row.n) }));
    }
  }
  const timeName = findColumn(
    opened.columns,
    datasetType === 'items' ? 'CREATION_TIMESTAMP' : 'TIMESTAMP',
  );
  // Without the reserved column, the first date column (a raw export's InvoiceDate).
  const timeColumn =
    opened.columns.find((column) => column.name === timeName) ??
    opened.columns.find((column) => isTemporal(column.type));
  if (timeColumn !== undefined && datasetType !== 'users') {
    const time = await timeHistogram(connection, table, timeColumn);
    if (time !== undefined) profile.time = time;
  }
  return profile;
}
