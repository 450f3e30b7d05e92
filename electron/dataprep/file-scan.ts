import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  CANCELLED_INVOICE_PREFIX,
  findColumn,
  isFractionalColumnType,
  isIntegerColumnType,
  type RuleDatasetType,
  isNumericColumnType,
} from '../../shared/rules/dataset-rules.js';
import {
  MAX_CATEGORICAL_LENGTH,
  MAX_ID_LENGTH,
  MILLISECONDS_THRESHOLD,
  MIN_INTERACTIONS_PER_ACTIVE_USER,
} from '../../shared/rules/limits.js';
import { csvSource, type OpenedCsv } from './csv-open.js';
import { quoteIdentifier, toNumber, toText } from './duckdb.js';

/**
 * Columns grouped by the first read of the file (one GROUPING SETS query). A file this wide or
 * narrower is read once; a wider one's further columns are read per DuckDB type (wideBatch).
 */
export const COLUMNS_PER_PASS = 32;
/**
 * Columns past the first pass's of one type, aggregated per read of a wide file (as (column,
 * value) pairs: DuckDB's GROUPING SETS slow down with hundreds of sets, and a `count(DISTINCT c)`
 * per column holds a hash table per column).
 */
const WIDE_COLUMNS_PER_PASS = 2000;
/**
 * Files up to this size count every column's distinct values exactly (a set per column costs
 * little there); only larger files estimate those of number, date and time columns.
 */
const EXACT_DISTINCT_BYTES = 64 * 1024;
/** Event-type values kept with their counts. */
const EVENT_VALUES_KEPT = 200;
/** Hour buckets of the time column kept (enough for any span charted in 30-day buckets). */
const HOURS_KEPT = 50_001;
const HOUR = 3600;
const YEAR = 365 * 86_400;

/** What one read of the file learns about one column, exactly, from its distinct values. */
export interface ColumnScan {
  readonly name: string;
  readonly type: string;
  readonly nullCount: number;
  /** Distinct non-null values: exact, unless `distinctApproximate` (a HyperLogLog estimate). */
  readonly distinct: number;
  /**
   * True for a number, date or time column that is not an id, event type, invoice or quantity
   * (TIMESTAMP, prices...) when the file's rows were grouped by their hash: its distinct count is
   * then estimated; every other figure of the column stays exact.
   */
  readonly distinctApproximate: boolean;
  /** Longest value as text, in characters (0 when every cell is empty). */
  readonly maxLength: number;
  /** Smallest and largest value as text (numbers, dates and times only). */
  readonly min?: string;
  readonly max?: string;
  /** Rows whose value holds `|` (text columns). */
  readonly pipeCount: number;
  /** Rows whose value is longer than MAX_CATEGORICAL_LENGTH (text columns). */
  readonly overLongCount: number;
  /** Rows whose value is longer than MAX_ID_LENGTH (id columns). */
  readonly idLongCount: number;
  /** Rows above MILLISECONDS_THRESHOLD, past `now` (and not above it), not whole (timestamp columns). */
  readonly millisecondsCount: number;
  readonly futureCount: number;
  readonly fractionalCount: number;
}

/** How many ids have each interaction count: `ids` ids have exactly `count` rows each. */
export interface CountOfCounts {
  readonly count: number;
  readonly ids: number;
}

/** The file's role columns found by the caller (file column names). */
export interface ScanRoles {
  /** Id columns (USER_ID, ITEM_ID as named in the file): over-long ids are counted. */
  readonly ids: readonly string[];
  /** Timestamp columns checked by the rules (milliseconds, future, fractional values). */
  readonly timestamps: readonly string[];
  /** Interactions per user / item are counted for these columns. */
  readonly user?: string;
  readonly item?: string;
  /** Event-type values are counted for this column. */
  readonly event?: string;
  /** Rows are counted per hour and per 365 days of this column (the profile's chart). */
  readonly time?: string;
  /** A raw order-line export's invoice and quantity columns (order reversals). */
  readonly invoice?: string;
  readonly quantity?: string;
}

/** Everything one read of the file (or one read per batch of a wide file's columns) learns. */
export interface FileScan {
  /** Readable rows (malformed rows skipped), exact. */
  readonly rowCount: number;
  /** Per column, in file order. */
  readonly columns: readonly ColumnScan[];
  /** Distinct users / items by their interaction counts (for the long tail), users with 2 or more. */
  readonly users?: readonly CountOfCounts[];
  readonly items?: readonly CountOfCounts[];
  readonly activeUsers?: number;
  /** Event types with their row counts, most frequent first (at most 200). */
  readonly eventValues?: readonly { value: string; count: number }[];
  /**
   * Rows per hour (`bucket` = floor(epoch seconds / 3600)) and per 365 days of the time column,
   * with the smallest and largest epoch second; milliseconds are read as seconds / 1000.
   */
  readonly time?: {
    readonly column: string;
    readonly min: number;
    readonly max: number;
    readonly hours: readonly { bucket: number; count: number }[];
    readonly years: readonly { bucket: number; count: number }[];
  };
  /**
   * Rows equal in every column to an earlier row, exact up to a 64-bit hash collision (odds below
   * 1 in 10^7 at 20 million rows); present when scanFile was asked for it (`rowHash`).
   */
  readonly duplicateRows?: number;
  /** Order reversals, counted as the recipe's row filters test them. */
  readonly reversals?: {
    readonly cancelledRows: number;
    readonly cancelledInvoices: number;
    readonly nonPositive: number;
    readonly negative: number;
    readonly zero: number;
    readonly nonPositiveNotCancelled: number;
  };
}

/** True for DuckDB date and time types. */
export function isTemporalType(type: string): boolean {
  return /^(TIMESTAMP|DATE)/iu.test(type);
}

/**
 * The column the profile charts over time: the reserved TIMESTAMP (items: CREATION_TIMESTAMP),
 * else the first date or time column (a raw export's InvoiceDate); none for users.
 */
export function profileTimeColumn(
  columns: readonly { readonly name: string; readonly type: string }[],
  datasetType: RuleDatasetType,
): { readonly name: string; readonly type: string } | undefined {
  if (datasetType === 'users') return undefined;
  const name = findColumn(columns, datasetType === 'items' ? 'CREATION_TIMESTAMP' : 'TIMESTAMP');
  return (
    columns.find((column) => column.name === name) ??
    columns.find((column) => isTemporalType(column.type))
  );
}

/** Epoch seconds of `expression` in a column of `type` (milliseconds read as seconds / 1000), or undefined. */
export function secondsOf(expression: string, type: string): string | undefined {
  if (isTemporalType(type)) return `epoch(${expression})`;
  if (isNumericColumnType(type))
    return `(CASE WHEN ${expression} > ${MILLISECONDS_THRESHOLD} THEN ${expression} / 1000 ELSE ${expression} END)`;
  return undefined;
}

/** The SQL expression marking a cancelled invoice (`C…`), over a value expression. */
export function cancelledCondition(expression: string): string {
  return `starts_with(coalesce(${expression}::VARCHAR, ''), '${CANCELLED_INVOICE_PREFIX}')`;
}

/** The quantity as the recipe's row filters read it (trimmed text cast to a number). */
export function quantityNumber(expression: string): string {
  return `TRY_CAST(trim(${expression}::VARCHAR) AS DOUBLE)`;
}

function list(found: unknown): unknown[] {
  return Array.isArray(found) ? (found as unknown[]) : [];
}

/**
 * Reads the file once (a file wider than {@link COLUMNS_PER_PASS} columns once more per column
 * type) and learns, exactly,
 * each column's nulls, distinct values, longest value, range, `|` and over-long values, the
 * timestamp rules' counts, the interactions per user and per item, the event types, the rows per
 * hour of the time column and the order reversals. One `GROUP BY GROUPING SETS` query groups the
 * rows by each column's value (one set per column, plus the hour buckets): every figure is then
 * computed from the distinct values and their row counts, not from every row. The first read
 * stores malformed rows in `<rejects>_errors` of this connection (see csvSource). `now` is epoch
 * seconds. `firstPass` is how many columns the GROUPING SETS read takes (role columns first); the
 * others are read per type as (column, value) pairs.
 *
 * @throws the DuckDB error as is (run inside `queryCsv`).
 */
export async function scanFile(
  connection: DuckDBConnection,
  file: OpenedCsv,
  roles: ScanRoles,
  rejects: string,
  now: number,
  firstPass = COLUMNS_PER_PASS,
  rowHash = false,
): Promise<FileScan> {
  const roleNames = new Set(
    [
      ...roles.ids,
      ...roles.timestamps,
      roles.user,
      roles.item,
      roles.event,
      roles.time,
      roles.invoice,
      roles.quantity,
    ].filter((name): name is string => name !== undefined),
  );
  // The role columns go in the first batch, so that its query learns every role's figures.
  const ordered = [
    ...file.columns.filter((column) => roleNames.has(column.name)),
    ...file.columns.filter((column) => !roleNames.has(column.name)),
  ];
  const byName = new Map<string, ColumnScan>();
  let scan: { -readonly [K in keyof FileScan]: FileScan[K] } = { rowCount: 0, columns: [] };
  if (ordered.length > 0) {
    const found = await scanBatch(
      connection,
      file,
      ordered.slice(0, Math.max(1, firstPass)),
      roles,
      {
        source: csvSource(file, { rejects }),
        now,
        rowHash,
      },
    );
    for (const column of found.columns) byName.set(column.name, column);
    scan = { ...found };
  }
  // A wide file's further columns: one read per DuckDB type (and per WIDE_COLUMNS_PER_PASS columns).
  const byType = new Map<string, { readonly name: string; readonly type: string }[]>();
  for (const column of ordered.slice(Math.max(1, firstPass)))
    byType.set(column.type, [...(byType.get(column.type) ?? []), column]);
  for (const columns of byType.values())
    for (let start = 0; start < columns.length; start += WIDE_COLUMNS_PER_PASS) {
      const batch = columns.slice(start, start + WIDE_COLUMNS_PER_PASS);
      for (const column of await wideBatch(connection, file, batch, scan.rowCount))
        byName.set(column.name, column);
    }
  if (ordered.length === 0) {
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM ${csvSource(file, { rejects })}`,
      { path: file.readPath },
    );
    scan.rowCount = toNumber(reader.getRowObjectsJS()[0]?.n);
  }
  scan.columns = file.columns.flatMap((column) => {
    const found = byName.get(column.name);
    return found === undefined ? [] : [found];
  });
  return scan;
}

/**
 * The per-column figures of a wide file's further columns of one DuckDB type: the rows turned
 * into (column, value) pairs (UNPIVOT, empty cells dropped) and grouped by column, so that one
 * read of the file serves every column of that type and memory follows the distinct values,
 * not the number of columns.
 */
async function wideBatch(
  connection: DuckDBConnection,
  file: OpenedCsv,
  batch: readonly { readonly name: string; readonly type: string }[],
  rowCount: number,
): Promise<ColumnScan[]> {
  const type = batch[0]?.type ?? 'VARCHAR';
  const ranged = isNumericColumnType(type) || isTemporalType(type);
  const text = type.toUpperCase() === 'VARCHAR';
  const selects = [
    'name',
    'count(DISTINCT v) AS d',
    'count(v) AS c',
    'coalesce(max(length(v::VARCHAR)), 0) AS l',
    ...(ranged ? ['min(v)::VARCHAR AS lo', 'max(v)::VARCHAR AS hi'] : []),
    ...(text
      ? [`count_if(contains(v, '|')) AS p`, `count_if(length(v) > ${MAX_CATEGORICAL_LENGTH}) AS o`]
      : []),
  ];
  const names = batch.map((column) => quoteIdentifier(column.name)).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT ${selects.join(', ')} FROM (UNPIVOT (SELECT ${names} FROM ${csvSource(file, 'ignore')}) ON COLUMNS(*) INTO NAME name VALUE v) GROUP BY name`,
    { path: file.readPath },
  );
  const rows = new Map(reader.getRowObjectsJS().map((row) => [toText(row.name), row]));
  return batch.map((column) => {
    const row = rows.get(column.name) ?? {};
    const lo = row.lo;
    const hi = row.hi;
    return {
      name: column.name,
      type: column.type,
      nullCount: rowCount - toNumber(row.c),
      distinct: toNumber(row.d),
      distinctApproximate: false,
      maxLength: toNumber(row.l),
      ...(lo === null || lo === undefined ? {} : { min: toText(lo) }),
      ...(hi === null || hi === undefined ? {} : { max: toText(hi) }),
      pipeCount: toNumber(row.p),
      overLongCount: toNumber(row.o),
      idLongCount: 0,
      millisecondsCount: 0,
      futureCount: 0,
      fractionalCount: 0,
    };
  });
}

async function scanBatch(
  connection: DuckDBConnection,
  file: OpenedCsv,
  batch: readonly { readonly name: string; readonly type: string }[],
  roles: ScanRoles | undefined,
  options: { readonly source: string; readonly now: number; readonly rowHash: boolean },
): Promise<FileScan> {
  const inner: string[] = [];
  const sets: string[] = [];
  const flags: string[] = [];
  const outer: string[] = [];
  const alias = new Map<string, string>();
  // Grouped keys and, with the row hash, the estimated columns' per-row values (see below).
  const keys: string[] = [];
  const exactRoles = new Set(
    [
      ...(roles?.ids ?? []),
      roles?.user,
      roles?.item,
      roles?.event,
      roles?.invoice,
      roles?.quantity,
    ].filter((name): name is string => name !== undefined),
  );
  // With the row hash set, a number, date or time column outside the exact roles gets no set of
  // its own (for TIMESTAMP that is one hash entry per row): each group of the row hash set is one
  // distinct row, so its figures are summed from those groups, exactly, and only its distinct
  // count is estimated (approx_count_distinct).
  const small = await stat(file.readPath).then(
    (found) => found.size <= EXACT_DISTINCT_BYTES,
    () => false,
  );
  const estimated = (column: { readonly name: string; readonly type: string }): boolean =>
    options.rowHash &&
    !small &&
    !exactRoles.has(column.name) &&
    (isNumericColumnType(column.type) || isTemporalType(column.type));
  if (options.rowHash) {
    const row = file.columns.map((column) => quoteIdentifier(column.name)).join(', ');
    inner.push(`hash(${row}) AS h`);
    sets.push('(h)');
    flags.push('GROUPING(h) AS gh');
    keys.push('h');
  }
  batch.forEach((column, index) => {
    const key = `k${index}`;
    alias.set(column.name, key);
    inner.push(`${quoteIdentifier(column.name)} AS ${key}`);
    const text = `${key}::VARCHAR`;
    if (estimated(column)) {
      // Null outside the row hash set's groups, so that the aggregates below see one value per distinct row.
      keys.push(`CASE WHEN GROUPING(h) = 0 THEN min(${key}) END AS ${key}`);
      outer.push(
        `approx_count_distinct(${key}) AS d${index}`,
        `coalesce(sum(n) FILTER (WHERE gh = 0 AND ${key} IS NULL), 0) AS n${index}`,
      );
    } else {
      keys.push(key);
      sets.push(`(${key})`);
      flags.push(`GROUPING(${key}) AS g${index}`);
      outer.push(
        `count(${key}) AS d${index}`,
        `coalesce(sum(n) FILTER (WHERE g${index} = 0 AND ${key} IS NULL), 0) AS n${index}`,
      );
    }
    // An integer's longest text is its smallest or largest value's: no cast of every value.
    if (!isIntegerColumnType(column.type))
      outer.push(`coalesce(max(length(${text})), 0) AS l${index}`);
    if (
      isNumericColumnType(column.type) ||
      isTemporalType(column.type) ||
      isIntegerColumnType(column.type)
    )
      outer.push(`min(${key})::VARCHAR AS lo${index}`, `max(${key})::VARCHAR AS hi${index}`);
    if (column.type.toUpperCase() === 'VARCHAR')
      outer.push(
        `coalesce(sum(n) FILTER (WHERE contains(${key}, '|')), 0) AS p${index}`,
        `coalesce(sum(n) FILTER (WHERE length(${key}) > ${MAX_CATEGORICAL_LENGTH}), 0) AS o${index}`,
      );
    if (roles?.ids.includes(column.name) === true)
      outer.push(
        `coalesce(sum(n) FILTER (WHERE length(${text}) > ${MAX_ID_LENGTH}), 0) AS idl${index}`,
      );
    if (roles?.timestamps.includes(column.name) === true && isNumericColumnType(column.type))
      outer.push(
        `coalesce(sum(n) FILTER (WHERE ${key} > ${MILLISECONDS_THRESHOLD}), 0) AS tms${index}`,
        `coalesce(sum(n) FILTER (WHERE ${key} > ${options.now} AND ${key} <= ${MILLISECONDS_THRESHOLD}), 0) AS tfu${index}`,
        isFractionalColumnType(column.type)
          ? `coalesce(sum(n) FILTER (WHERE ${key} <> floor(${key})), 0) AS tfr${index}`
          : `0 AS tfr${index}`,
      );
  });
  const user = roles?.user === undefined ? undefined : alias.get(roles.user);
  const item = roles?.item === undefined ? undefined : alias.get(roles.item);
  const event = roles?.event === undefined ? undefined : alias.get(roles.event);
  if (user !== undefined)
    outer.push(
      `map_entries(histogram(n) FILTER (WHERE ${user} IS NOT NULL)) AS users`,
      `count(*) FILTER (WHERE ${user} IS NOT NULL AND n >= ${MIN_INTERACTIONS_PER_ACTIVE_USER}) AS active`,
    );
  if (item !== undefined)
    outer.push(`map_entries(histogram(n) FILTER (WHERE ${item} IS NOT NULL)) AS items`);
  if (event !== undefined)
    outer.push(
      `(list({v: ${event}::VARCHAR, n: n} ORDER BY n DESC, ${event}::VARCHAR) FILTER (WHERE ${event} IS NOT NULL))[1:${EVENT_VALUES_KEPT}] AS events`,
    );
  const timeColumn = batch.find((column) => column.name === roles?.time);
  const timeKey = timeColumn === undefined ? undefined : alias.get(timeColumn.name);
  const timeSeconds =
    timeColumn === undefined
      ? undefined
      : secondsOf(quoteIdentifier(timeColumn.name), timeColumn.type);
  if (timeColumn !== undefined && timeKey !== undefined && timeSeconds !== undefined) {
    inner.push(
      `floor(${timeSeconds} / ${HOUR})::BIGINT AS hb`,
      `floor(${timeSeconds} / ${YEAR})::BIGINT AS yb`,
    );
    sets.push('(hb)', '(yb)');
    const keySeconds = secondsOf(timeKey, timeColumn.type) ?? timeKey;
    outer.push(
      `min(${keySeconds})::DOUBLE AS time_lo`,
      `max(${keySeconds})::DOUBLE AS time_hi`,
      `(list({b: hb, n: n} ORDER BY hb) FILTER (WHERE hb IS NOT NULL))[1:${HOURS_KEPT}] AS hours`,
      `list({b: yb, n: n} ORDER BY yb) FILTER (WHERE yb IS NOT NULL) AS years`,
    );
  }
  const invoice = roles?.invoice === undefined ? undefined : alias.get(roles.invoice);
  const quantity = roles?.quantity === undefined ? undefined : alias.get(roles.quantity);
  if (invoice !== undefined)
    outer.push(
      `coalesce(sum(n) FILTER (WHERE ${cancelledCondition(invoice)}), 0) AS rev_c`,
      `count(${invoice}) FILTER (WHERE ${cancelledCondition(invoice)}) AS rev_ci`,
    );
  if (quantity !== undefined) {
    const number = quantityNumber(quantity);
    outer.push(
      `coalesce(sum(n) FILTER (WHERE ${number} <= 0), 0) AS rev_q`,
      `coalesce(sum(n) FILTER (WHERE ${number} < 0), 0) AS rev_qn`,
      `coalesce(sum(n) FILTER (WHERE ${number} = 0), 0) AS rev_qz`,
    );
    if (invoice !== undefined && roles?.invoice !== undefined && roles.quantity !== undefined) {
      // Rows with a non-positive quantity on an invoice that is not cancelled: grouped by both.
      inner.push(
        `${cancelledCondition(quoteIdentifier(roles.invoice))} AS rc`,
        `${quoteIdentifier(roles.quantity)} AS rq`,
      );
      sets.push('(rc, rq)');
      outer.push(
        `coalesce(sum(n) FILTER (WHERE NOT rc AND ${quantityNumber('rq')} <= 0), 0) AS rev_qnc`,
      );
    }
  }
  if (timeKey !== undefined && timeSeconds !== undefined) keys.push('hb', 'yb');
  if (inner.some((expression) => expression.endsWith(' AS rc'))) keys.push('rc', 'rq');
  const firstSet = options.rowHash ? 'gh' : (flags[0]?.replace(/^.* AS /u, '') ?? 'g0');
  outer.push(`coalesce(sum(n) FILTER (WHERE ${firstSet} = 0), 0) AS row_count`);
  if (options.rowHash) outer.push(`count(*) FILTER (WHERE gh = 0) AS distinct_rows`);
  const sql = `SELECT ${outer.join(', ')} FROM (
      SELECT ${[...flags, ...keys, 'count(*) AS n'].join(', ')}
      FROM (SELECT ${inner.join(', ')} FROM ${options.source})
      GROUP BY GROUPING SETS (${sets.join(', ')}))`;
  const reader = await connection.runAndReadAll(sql, { path: file.readPath });
  const row = reader.getRowObjectsJS()[0] ?? {};
  const columns = batch.map((column, index): ColumnScan => {
    const lo = row[`lo${index}`];
    const hi = row[`hi${index}`];
    const min = lo === null || lo === undefined ? undefined : toText(lo);
    const max = hi === null || hi === undefined ? undefined : toText(hi);
    const maxLength = isIntegerColumnType(column.type)
      ? Math.max(min?.length ?? 0, max?.length ?? 0)
      : toNumber(row[`l${index}`]);
    const ranged = isNumericColumnType(column.type) || isTemporalType(column.type);
    return {
      name: column.name,
      type: column.type,
      nullCount: toNumber(row[`n${index}`]),
      distinct: toNumber(row[`d${index}`]),
      distinctApproximate: estimated(column),
      maxLength,
      ...(ranged && min !== undefined ? { min } : {}),
      ...(ranged && max !== undefined ? { max } : {}),
      pipeCount: toNumber(row[`p${index}`]),
      overLongCount: toNumber(row[`o${index}`]),
      idLongCount: toNumber(row[`idl${index}`]),
      millisecondsCount: toNumber(row[`tms${index}`]),
      futureCount: toNumber(row[`tfu${index}`]),
      fractionalCount: toNumber(row[`tfr${index}`]),
    };
  });
  const counts = (found: unknown): CountOfCounts[] =>
    list(found)
      .map((entry) => {
        const pair = entry as { key?: unknown; value?: unknown };
        return { count: toNumber(pair.key), ids: toNumber(pair.value) };
      })
      .sort((a, b) => b.count - a.count);
  const buckets = (found: unknown): { bucket: number; count: number }[] =>
    list(found).map((entry) => {
      const pair = entry as { b?: unknown; n?: unknown };
      return { bucket: toNumber(pair.b), count: toNumber(pair.n) };
    });
  const scan: { -readonly [K in keyof FileScan]: FileScan[K] } = {
    rowCount: toNumber(row.row_count),
    columns,
  };
  if (options.rowHash) scan.duplicateRows = scan.rowCount - toNumber(row.distinct_rows);
  if (user !== undefined) {
    scan.users = counts(row.users);
    scan.activeUsers = toNumber(row.active);
  }
  if (item !== undefined) scan.items = counts(row.items);
  if (event !== undefined)
    scan.eventValues = list(row.events).map((entry) => {
      const pair = entry as { v?: unknown; n?: unknown };
      return { value: toText(pair.v), count: toNumber(pair.n) };
    });
  if (timeColumn !== undefined && row.time_lo !== null && row.time_lo !== undefined)
    scan.time = {
      column: timeColumn.name,
      min: toNumber(row.time_lo),
      max: toNumber(row.time_hi),
      hours: buckets(row.hours),
      years: buckets(row.years),
    };
  if (invoice !== undefined || quantity !== undefined)
    scan.reversals = {
      cancelledRows: toNumber(row.rev_c),
      cancelledInvoices: toNumber(row.rev_ci),
      nonPositive: toNumber(row.rev_q),
      negative: toNumber(row.rev_qn),
      zero: toNumber(row.rev_qz),
      nonPositiveNotCancelled: toNumber(row.rev_qnc),
    };
  return scan;
}
