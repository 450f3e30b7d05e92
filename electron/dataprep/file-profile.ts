import type { EncodingChoice } from '../../shared/ipc/data.js';
import { findColumn, type RuleDatasetType } from '../../shared/rules/dataset-rules.js';
import { isEmptyCsv } from './csv-format.js';
import { assertCsvFile } from './duckdb.js';
import { FileCache } from './file-cache.js';
import type { CountOfCounts, FileScan } from './file-scan.js';
import { fileLevelFindings, fileStats, openFile } from './validate-csv.js';
import type { Finding } from '../../shared/rules/findings.js';

/** Per-column profile (exact counts, but for a distinct count flagged approximate). */
export interface ColumnSummary {
  readonly name: string;
  /** DuckDB's type (`BIGINT`, `VARCHAR`, `TIMESTAMP`...). */
  readonly type: string;
  readonly nullCount: number;
  /** Distinct non-null values: exact, unless `distinctApproximate`. */
  readonly distinct: number;
  /**
   * True when `distinct` is a HyperLogLog estimate (a number, date or time column that is not an
   * id, event type, invoice or quantity, such as TIMESTAMP: see scanFile).
   */
  readonly distinctApproximate: boolean;
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
  /** Why there is nothing to chart: `file.empty` or `file.headerOnly` (errors, with the fix). */
  readonly findings?: readonly Finding[];
}

/** Bucket widths of the time histogram, seconds. */
const BUCKETS = [3600, 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400];
/** Target number of time buckets. */
const TIME_BUCKETS = 60;

const HOUR = 3600;
const YEAR = 365 * 86_400;

/** The long tail of interactions per id from how many ids have each interaction count. */
function longTail(column: string, counts: readonly CountOfCounts[]): LongTail {
  // Most active first, as ranked by `row_number() OVER (ORDER BY n DESC)`.
  const groups = [...counts].sort((a, b) => b.count - a.count);
  const total = groups.reduce((sum, group) => sum + group.ids, 0);
  const all = groups.reduce((sum, group) => sum + group.count * group.ids, 0);
  const points: { rank: number; count: number; cumulativeShare: number }[] = [];
  let group = 0;
  let before = 0; // ids ranked before groups[group]
  let cumBefore = 0; // their interactions
  let previous = 0;
  for (let bucket = 0; bucket < 100 && total > 0; bucket++) {
    // Ranks r in bucket b satisfy floor((r - 1) * 100 / total) = b: the last is ceil((b + 1) * total / 100).
    const last = Math.min(total, Math.floor(((bucket + 1) * total + 99) / 100));
    if (last <= previous) continue;
    previous = last;
    while (group < groups.length && before + (groups[group]?.ids ?? 0) < last) {
      before += groups[group]?.ids ?? 0;
      cumBefore += (groups[group]?.ids ?? 0) * (groups[group]?.count ?? 0);
      group++;
    }
    const count = groups[group]?.count ?? 0;
    points.push({
      rank: last,
      count,
      cumulativeShare: (cumBefore + (last - before) * count) / all,
    });
  }
  // The median id's count (the mean of the two middle ones for an even number of ids).
  const at = (rank: number): number => {
    let seen = 0;
    for (const entry of groups) {
      seen += entry.ids;
      if (rank <= seen) return entry.count;
    }
    return 0;
  };
  // Ranks counted from the least active: the k-th smallest count is the (total - k + 1)-th largest.
  const lower = at(total - Math.floor((total - 1) / 2));
  const upper = at(total - Math.ceil((total - 1) / 2));
  return {
    column,
    distinct: total,
    single: groups.find((entry) => entry.count === 1)?.ids ?? 0,
    median: total === 0 ? 0 : (lower + upper) / 2,
    max: groups[0]?.count ?? 0,
    points,
  };
}

/** The histogram over time in buckets of an hour to a year, from the rows per hour and per year. */
function timeHistogram(time: NonNullable<FileScan['time']>): TimeHistogram {
  const min = Math.floor(time.min);
  const max = Math.floor(time.max);
  const span = Math.max(1, max - min);
  const bucketSeconds =
    BUCKETS.find((width) => span / width <= TIME_BUCKETS) ?? BUCKETS[BUCKETS.length - 1] ?? 86_400;
  const origin = Math.floor(min / bucketSeconds) * bucketSeconds;
  // Every width is a whole number of hours, and a year of 365 days is the widest.
  const source = bucketSeconds === YEAR ? time.years : time.hours;
  const per = bucketSeconds === YEAR ? 1 : bucketSeconds / HOUR;
  const first = bucketSeconds === YEAR ? origin / YEAR : origin / bucketSeconds;
  const counts = new Map<number, number>();
  for (const entry of source) {
    const bucket = Math.floor(entry.bucket / per) - first;
    counts.set(bucket, (counts.get(bucket) ?? 0) + entry.count);
  }
  const buckets = [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, count]) => ({ start: origin + bucket * bucketSeconds, count }));
  return { column: time.column, min, max, bucketSeconds, buckets };
}

const profiles = new FileCache<Map<RuleDatasetType, Promise<FileProfile>>>(
  () => Promise.resolve(new Map<RuleDatasetType, Promise<FileProfile>>()),
  'File',
);

/**
 * Profiles a file for the Data step's charts and table, exactly: rows; per column nulls, distinct
 * values (estimated, and flagged so, for number, date and time columns outside the id, event,
 * invoice and quantity roles), longest value, numeric and date ranges; for interactions the long tail
 * of interactions per user and per item, event types with counts and a histogram over time (for
 * items, CREATION_TIMESTAMP). With `encoding` the file is read with it (cached apart). Built from
 * the read of the file that validation makes (validateCsv's statistics, one GROUPING SETS query
 * on a DuckDB instance of its own, closed when done), so profiling a validated file, or
 * validating a profiled one, does not read it again; it never waits for the grid's table build;
 * cached per path, size and mtime; the file is never modified.
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
  await assertCsvFile(path);
  if (await isEmptyCsv(path))
    return { path, datasetType, rowCount: 0, columns: [], findings: await fileLevelFindings(path) };
  const opened = await openFile(path, encoding);
  if (opened.columns.length === 0) return { path, datasetType, rowCount: 0, columns: [] };
  const { stats } = await fileStats(path, datasetType, encoding);
  const profile = profileOf(path, datasetType, stats.scan);
  if (profile.rowCount > 0) return profile;
  const findings = await fileLevelFindings(path, encoding);
  return findings.length === 0 ? profile : { ...profile, findings };
}

/** The profile from one read of the file (see scanFile). */
function profileOf(path: string, datasetType: RuleDatasetType, scan: FileScan): FileProfile {
  const columns: ColumnSummary[] = scan.columns.map((column) => ({
    name: column.name,
    type: column.type,
    nullCount: column.nullCount,
    distinct: column.distinct,
    distinctApproximate: column.distinctApproximate,
    maxLength: column.maxLength,
    ...(column.min === undefined ? {} : { min: column.min }),
    ...(column.max === undefined ? {} : { max: column.max }),
  }));
  const profile: { -readonly [K in keyof FileProfile]: FileProfile[K] } = {
    path,
    datasetType,
    rowCount: scan.rowCount,
    columns,
  };
  if (scan.rowCount === 0) return profile;
  if (datasetType === 'interactions') {
    const user = findColumn(columns, 'USER_ID');
    const item = findColumn(columns, 'ITEM_ID');
    if (user !== undefined && scan.users !== undefined) profile.users = longTail(user, scan.users);
    if (item !== undefined && scan.items !== undefined) profile.items = longTail(item, scan.items);
    if (scan.eventValues !== undefined) profile.eventTypes = scan.eventValues.slice(0, 50);
  }
  if (scan.time !== undefined) profile.time = timeHistogram(scan.time);
  return profile;
}
