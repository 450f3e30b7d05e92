import type { EncodingChoice } from '../../shared/ipc/data.js';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors.js';
import { isNumericColumnType } from '../../shared/rules/dataset-rules.js';
import { sqlLiteral } from './csv-format.js';
import { csvSource, type OpenedCsv } from './csv-open.js';
import { JOB_MEMORY_LIMIT, queryCsv, quoteIdentifier, toNumber, toText } from './duckdb.js';
import { isEmptyCsv } from './csv-format.js';
import { FileCache } from './file-cache.js';
import {
  gridCacheKey,
  gridDatabaseFile,
  pruneGridCache,
  releaseGridDatabase,
  removeGridDatabase,
  staleVersions,
  useGridDatabase,
} from './grid-cache.js';
import { openFile } from './validate-csv.js';
import { FileWindows } from './grid-file-pages.js';
import { readHead } from './encoding.js';

/** Sort of one grid column. */
export interface GridSort {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

/** Filter operators of the grid (ag-grid's text and number filter types). */
export const GRID_FILTER_TYPES = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
  'greaterThan',
  'greaterThanOrEqual',
  'lessThan',
  'lessThanOrEqual',
  'inRange',
] as const;

/** One column filter: text operators compare the value as written, case-insensitively; number operators compare numbers. */
export interface GridFilter {
  readonly column: string;
  readonly type: (typeof GRID_FILTER_TYPES)[number];
  readonly value?: string | number;
  /** Upper bound of `inRange`. */
  readonly valueTo?: number;
}

/** A page of the grid over the whole file. */
export interface GridPage {
  /** Rows as text (null for empty cells), keyed by column name. */
  readonly rows: Record<string, string | null>[];
  /** Rows matching the filters, when known (always once the file's grid table is built). */
  readonly rowCount?: number;
}

/** What the grid's first request needs: layout, encoding, columns and the first rows. */
export interface GridOpen {
  readonly path: string;
  readonly sizeBytes: number;
  readonly opened: OpenedCsv;
  readonly rows: Record<string, string | null>[];
}

/** Rows the first answer carries. */
export const FIRST_ROWS = 100;

/**
 * Rows at the start of a file whose pages are read straight from the CSV without starting the
 * file's grid table (a `LIMIT` that stops early); a page past them starts it.
 */
export const HEAD_ROWS = 1000;

/**
 * Memory the grid's DuckDB instance may hold before its sorts spill to disk (as a validation
 * job's, {@link JOB_MEMORY_LIMIT}): sorting 20 million rows stays bounded.
 */
const GRID_MEMORY_LIMIT = JOB_MEMORY_LIMIT;

/** Sorted or filtered copies kept attached per file (the oldest are dropped past this). */
const MAX_ORDERS = 8;

/**
 * A file's grid database: `<db>.rows` holds every readable row in file order (its `rowid` is the
 * 0-based row number), and each sorted or filtered view is a table `<db>.o_<hash>` holding the
 * matching rows in the view's order (its `rowid` is the position in the view).
 */
interface GridTable {
  table?: Promise<string>;
  /** Unsorted pages read from the CSV until `table` is built (dropped once it is). */
  windows?: Promise<FileWindows>;
  /** Views built or being built, by their hash; insertion order is the use order (LRU). */
  readonly orders: Map<string, Promise<OrderTable>>;
}

interface OrderTable {
  readonly name: string;
  readonly rowCount: number;
}

export { configureGridCache, gridCacheFolder, gridCacheKey, pruneGridCache } from './grid-cache.js';

/** What the grid has done in this process since it started ({@link gridWorkCounts}). */
const work = { tableBuilds: 0, viewBuilds: 0, csvPages: 0 };

/**
 * Counts of this process's grid work: `tableBuilds` (CSV files copied into a grid database),
 * `viewBuilds` (sorted or filtered views written), `csvPages` (pages read straight from a CSV
 * because its grid table was not built yet). For tests and benchmarks.
 */
export function gridWorkCounts(): { tableBuilds: number; viewBuilds: number; csvPages: number } {
  return { ...work };
}

/** The connections of the builds under way, by the table they write (for their progress). */
const buildsUnderWay = new Map<string, DuckDBConnection>();

/** Runs a build on `connection` with DuckDB's progress tracking on, visible as `name`'s progress. */
async function trackedBuild<T>(
  connection: DuckDBConnection,
  name: string,
  build: () => Promise<T>,
): Promise<T> {
  await connection.run(
    'SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0',
  );
  buildsUnderWay.set(name, connection);
  try {
    return await build();
  } finally {
    if (buildsUnderWay.get(name) === connection) buildsUnderWay.delete(name);
  }
}

/** Percent done (0–100) of the build writing `name`, when DuckDB reports it. */
function buildPercent(name: string): number | undefined {
  const connection = buildsUnderWay.get(name);
  if (connection === undefined) return undefined;
  const percent = connection.progress.percentage;
  return percent >= 0 ? Math.min(100, percent) : undefined;
}

const tables = new FileCache<GridTable>(() => Promise.resolve({ orders: new Map() }), 'File');

let gridInstance: Promise<DuckDBInstance> | undefined;

/**
 * The grid's DuckDB instance (one per process): holds at most {@link GRID_MEMORY_LIMIT} and
 * spills its sorts to the temporary folder, keeps insertion order (file order and view order
 * are the tables' row ids).
 */
function gridDuckDb(): Promise<DuckDBInstance> {
  gridInstance ??= DuckDBInstance.create(':memory:', {
    memory_limit: GRID_MEMORY_LIMIT,
    temp_directory: join(tmpdir(), 'poc-studio-duckdb-spill'),
    preserve_insertion_order: 'true',
  });
  return gridInstance;
}

async function withGridConnection<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const connection = await (await gridDuckDb()).connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}

function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Writes the file's rows in file order into a new DuckDB file `database` (via a temporary name). */
async function buildGridDatabase(
  connection: DuckDBConnection,
  opened: OpenedCsv,
  database: string,
  alias: string,
): Promise<void> {
  const building = `${database}.${process.pid}.tmp`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  const buildAlias = `${alias}_build`;
  await connection.run(`ATTACH ${sqlLiteral(building)} AS ${buildAlias}`);
  work.tableBuilds++;
  try {
    await trackedBuild(connection, alias, () =>
      connection.run(
        `CREATE TABLE ${buildAlias}.rows AS SELECT * FROM ${csvSource(opened, 'ignore')}`,
        { path: opened.readPath },
      ),
    );
  } finally {
    await connection.run(`DETACH ${buildAlias}`);
  }
  await rename(building, database);
}

/**
 * Builds (once per key) and attaches the file's grid database. The build writes every row in
 * file order with DuckDB's own threads into `<key>.<pid>.tmp`, then renames it to `<key>.duckdb`,
 * so a database on disk is always complete; a reopen (another process, or after a restart)
 * attaches it at once. A database locked by another process is copied into a private one.
 */
async function attachGridTable(
  path: string,
  encoding: EncodingChoice | undefined,
): Promise<string> {
  const opened = await openFile(path, encoding);
  const key = await gridCacheKey(path, encoding);
  const database = gridDatabaseFile(key);
  const folder = dirname(database);
  await mkdir(folder, { recursive: true });
  const alias = `poc_grid_${key}`;
  const table = await queryCsv(path, () =>
    withGridConnection(async (connection) => {
      const attached = await connection.runAndReadAll(
        `SELECT 1 FROM duckdb_databases() WHERE database_name = ${sqlLiteral(alias)}`,
      );
      if (attached.getRows().length > 0) return `${alias}.rows`;
      // The file changed: its older databases are of no further use (detached first if open).
      for (const stale of await staleVersions(key)) {
        await connection.run(`DETACH DATABASE IF EXISTS poc_grid_${stale}`);
        releaseGridDatabase(stale);
        await removeGridDatabase(stale);
      }
      if (!(await fileExists(database)))
        await buildGridDatabase(connection, opened, database, alias);
      try {
        await connection.run(`ATTACH ${sqlLiteral(database)} AS ${alias}`);
      } catch (error) {
        if (!/lock/iu.test(error instanceof Error ? error.message : String(error))) throw error;
        // Another process (a second window, the CLI) holds it: a copy of this process's own.
        const own = join(folder, `${key}.${process.pid}.own.duckdb`);
        rmSync(own, { force: true });
        await buildGridDatabase(connection, opened, own, alias);
        process.once('exit', () => rmSync(own, { force: true }));
        await connection.run(`ATTACH ${sqlLiteral(own)} AS ${alias}`);
      }
      return `${alias}.rows`;
    }),
  );
  await useGridDatabase(key);
  await pruneGridCache();
  return table;
}

/**
 * The file's grid table (`poc_grid_<key>.rows`, {@link gridCacheKey}): every readable row in
 * file order, its `rowid` the 0-based row number. Built on first use with DuckDB's own threads
 * (the JS thread only awaits) into a DuckDB file of {@link gridCacheFolder}, kept there while the
 * file is unchanged: a reopen attaches it instead of reading the CSV again.
 *
 * @throws AppError as {@link openFile}, or `data.invalid` when DuckDB cannot read the rows.
 */
export async function gridTable(path: string, encoding?: EncodingChoice): Promise<string> {
  const entry = await tables.get(path, encoding);
  if (entry.table === undefined) {
    const building = attachGridTable(path, encoding);
    entry.table = building;
    building.then(
      () => (entry.windows = undefined),
      () => {
        if (entry.table === building) entry.table = undefined;
      },
    );
  }
  return entry.table;
}

/**
 * Forgets the grid tables this process attached (the databases stay on disk): the next
 * {@link gridTable} attaches them again, or rebuilds a file's when its size or mtime changed.
 * For tests and for closing the app.
 */
export async function closeGridTables(): Promise<void> {
  const instance = gridInstance;
  gridInstance = undefined;
  tables.clear();
  releaseGridDatabase();
  if (instance !== undefined) (await instance).closeSync();
}

/**
 * True once the file's grid table build has started (by {@link gridTable}), whether or not it
 * has finished; the profile and validation never start it.
 */
export async function gridTableStarted(path: string, encoding?: EncodingChoice): Promise<boolean> {
  return (await tables.get(path, encoding)).table !== undefined;
}

/** True when the file's grid table is built (pages then come from it). */
async function tableIfBuilt(path: string, encoding?: EncodingChoice): Promise<string | undefined> {
  const entry = await tables.get(path, encoding);
  if (entry.table === undefined) return undefined;
  const done = await Promise.race([
    entry.table.then((name) => name),
    new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
  ]);
  return done;
}

/** The hash naming the view of a WHERE clause, an ORDER BY and their bound values. */
function viewKey(where: string, order: string, params: Record<string, string | number>): string {
  return createHash('sha256')
    .update(JSON.stringify([where, order, Object.entries(params).sort()]))
    .digest('hex')
    .slice(0, 24);
}

/**
 * The view of the grid table under `where` and `order` (with its bound `params`): a table of
 * the matching rows in that order, built once per view (the first page of a sort pays the sort;
 * the next pages read rows by position) and kept in the file's grid database.
 */
async function orderTable(
  entry: GridTable,
  table: string,
  where: string,
  order: string,
  params: Record<string, string | number>,
): Promise<OrderTable> {
  const key = viewKey(where, order, params);
  const database = table.slice(0, table.lastIndexOf('.'));
  // A second request for a view being built (the next block, the same sort clicked again)
  // waits for that build instead of starting another.
  let view = entry.orders.get(key);
  if (view === undefined) {
    const name = `${database}.o_${key}`;
    view = withGridConnection(async (connection) => {
      const exists = await connection.runAndReadAll(
        `SELECT 1 FROM duckdb_tables() WHERE database_name = ${sqlLiteral(database)} AND table_name = ${sqlLiteral(`o_${key}`)}`,
      );
      if (exists.getRows().length === 0) {
        work.viewBuilds++;
        await trackedBuild(connection, key, () =>
          connection.run(
            `CREATE TABLE IF NOT EXISTS ${name} AS SELECT * FROM ${table} ${where} ${order}`,
            params,
          ),
        );
      }
      const counted = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${name}`);
      return { name, rowCount: toNumber(counted.getRowObjectsJS()[0]?.n) };
    });
    const building = view;
    building.catch(() => {
      if (entry.orders.get(key) === building) entry.orders.delete(key);
    });
    entry.orders.set(key, view);
    dropOldViews(entry);
  } else {
    // Most recently used last.
    entry.orders.delete(key);
    entry.orders.set(key, view);
  }
  return view;
}

/** Drops the least recently used views past {@link MAX_ORDERS} (their disk is given back). */
function dropOldViews(entry: GridTable): void {
  while (entry.orders.size > MAX_ORDERS) {
    const [oldest, view] = entry.orders.entries().next().value as [string, Promise<OrderTable>];
    entry.orders.delete(oldest);
    view
      .then((built) =>
        withGridConnection((connection) => connection.run(`DROP TABLE IF EXISTS ${built.name}`)),
      )
      .catch(() => undefined);
  }
}

function textRows(
  rows: Record<string, unknown>[],
  columns: readonly { readonly name: string }[],
): Record<string, string | null>[] {
  return rows.map((row) => {
    const out: Record<string, string | null> = {};
    for (const column of columns) {
      const value = row[column.name];
      out[column.name] = value === null || value === undefined ? null : toText(value);
    }
    return out;
  });
}

/**
 * Opens a file for the grid: its layout (encoding, separator, header, DuckDB types, cached per
 * path, size and mtime) and its first {@link FIRST_ROWS} rows, read with `LIMIT` (no full
 * scan), then starts building its grid table in the background for paging, sorting and
 * filtering the whole file. The file is never modified. With `encoding` the file is read with
 * that encoding instead of the detected one (its layout and grid table cached apart).
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function openForGrid(path: string, encoding?: EncodingChoice): Promise<GridOpen> {
  const opened = await openFile(path, encoding);
  const sizeBytes = (await stat(path)).size;
  if (opened.columns.length === 0 || (await isEmptyCsv(path)))
    return { path, sizeBytes, opened, rows: [] };
  const rows = await queryCsv(path, () =>
    withGridConnection(async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT * FROM ${csvSource(opened, 'text')} LIMIT ${FIRST_ROWS}`,
        { path: opened.readPath },
      );
      return textRows(reader.getRowObjectsJS(), opened.columns);
    }),
  );
  // The grid table is built with DuckDB's threads; a failure is reported by the next page.
  gridTable(path, encoding).catch(() => undefined);
  return { path, sizeBytes, opened, rows };
}

/**
 * The select list of a page, every column as text aliased `c0`, `c1`... (the rows keep their
 * typed columns for ORDER BY: text sorts 9 > 10), and how the aliases map to the file's names.
 */
function selectList(opened: OpenedCsv): {
  names: string;
  aliased: { name: string; file: string }[];
} {
  return {
    names: opened.columns
      .map((column, index) => `${quoteIdentifier(column.name)}::VARCHAR AS c${index}`)
      .join(', '),
    aliased: opened.columns.map((column, index) => ({ name: `c${index}`, file: column.name })),
  };
}

/**
 * The file's pages read from the CSV while its grid table is built ({@link FileWindows}): the
 * same `read_csv` as the table's build (malformed rows skipped alike), in file order, so row
 * numbers are the table's.
 */
function fileWindows(entry: GridTable, path: string, opened: OpenedCsv): Promise<FileWindows> {
  const read = (offset: number, limit: number) => {
    work.csvPages++;
    const { names, aliased } = selectList(opened);
    return queryCsv(path, () =>
      withGridConnection(async (connection) => {
        const reader = await connection.runAndReadAll(
          `SELECT ${names} FROM ${csvSource(opened, 'ignore')} LIMIT ${limit} OFFSET ${offset}`,
          { path: opened.readPath },
        );
        return byColumnName(reader.getRowObjectsJS(), aliased);
      }),
    );
  };
  // The first window is sized by the bytes per line of the file's first 64 KB.
  entry.windows ??= readHead(opened.readPath, HEAD_SAMPLE_BYTES).then(
    (head) => new FileWindows(read, head.length / Math.max(1, countLines(head))),
    () => new FileWindows(read),
  );
  return entry.windows;
}

/** Bytes of the file's start that estimate its characters per row. */
const HEAD_SAMPLE_BYTES = 64 * 1024;

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let index = bytes.indexOf(10); index >= 0; index = bytes.indexOf(10, index + 1)) lines++;
  return lines;
}

/** Rows of aliased columns (`c0`...) keyed by the file's column names again. */
function byColumnName(
  rows: Record<string, unknown>[],
  aliased: readonly { readonly name: string; readonly file: string }[],
): Record<string, string | null>[] {
  return rows.map((row) => {
    const out: Record<string, string | null> = {};
    for (const column of aliased) {
      const value = row[column.name];
      out[column.file] = value === null || value === undefined ? null : toText(value);
    }
    return out;
  });
}

/** The WHERE clause of the filters, with their values bound as `$f<n>` / `$t<n>`. */
function whereClause(
  filters: readonly GridFilter[],
  columns: readonly { readonly name: string; readonly type: string }[],
  params: Record<string, string | number>,
): string {
  const parts = filters.map((filter, index) => {
    const column = columns.find((candidate) => candidate.name === filter.column);
    if (column === undefined)
      throw new AppError(
        'input.invalid',
        `The file has no column ${filter.column} to filter on; its columns are ${columns.map((c) => c.name).join(', ')}.`,
      );
    const quoted = quoteIdentifier(column.name);
    const text = `lower(${quoted}::VARCHAR)`;
    const key = `f${index}`;
    if (filter.type === 'blank') return `${quoted} IS NULL`;
    if (filter.type === 'notBlank') return `${quoted} IS NOT NULL`;
    const value = filter.value ?? '';
    const numeric = [
      'greaterThan',
      'greaterThanOrEqual',
      'lessThan',
      'lessThanOrEqual',
      'inRange',
    ].includes(filter.type);
    if (numeric || (isNumericColumnType(column.type) && typeof value === 'number')) {
      const number = Number(value);
      if (!Number.isFinite(number))
        throw new AppError(
          'input.invalid',
          `Filter ${filter.type} on ${column.name} needs a number; got "${String(value)}".`,
        );
      params[key] = number;
      const cell = `TRY_CAST(${quoted} AS DOUBLE)`;
      switch (filter.type) {
        case 'greaterThan':
          return `${cell} > $${key}`;
        case 'greaterThanOrEqual':
          return `${cell} >= $${key}`;
        case 'lessThan':
          return `${cell} < $${key}`;
        case 'lessThanOrEqual':
          return `${cell} <= $${key}`;
        case 'inRange':
          params[`t${index}`] = filter.valueTo ?? number;
          return `${cell} BETWEEN $${key} AND $t${index}`;
        case 'notEqual':
          return `(${cell} IS DISTINCT FROM $${key})`;
        default:
          return `${cell} = $${key}`;
      }
    }
    params[key] = String(value).toLowerCase();
    switch (filter.type) {
      case 'contains':
        return `contains(${text}, $${key})`;
      case 'notContains':
        return `(${quoted} IS NULL OR NOT contains(${text}, $${key}))`;
      case 'startsWith':
        return `starts_with(${text}, $${key})`;
      case 'endsWith':
        return `ends_with(${text}, $${key})`;
      case 'notEqual':
        return `(${quoted} IS NULL OR ${text} <> $${key})`;
      default:
        return `${text} = $${key}`;
    }
  });
  return parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`;
}

function orderClause(
  sort: readonly GridSort[],
  columns: readonly { readonly name: string }[],
  fallback: string | undefined,
): string {
  const parts = sort.map((entry) => {
    if (!columns.some((column) => column.name === entry.column))
      throw new AppError('input.invalid', `The file has no column ${entry.column} to sort on.`);
    return `${quoteIdentifier(entry.column)} ${entry.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  if (fallback !== undefined) parts.push(fallback);
  return parts.length === 0 ? '' : `ORDER BY ${parts.join(', ')}`;
}

/**
 * One page of the whole file for the grid (ag-grid's infinite row model): rows `offset` to
 * `offset + limit` after the filters and the sort, all through SQL. Pages come from the file's
 * grid table once built ({@link gridTable}; its row ids keep file order), by a range of row ids;
 * a sorted or filtered page comes from the view of that sort and those filters (built once by its
 * first page: ties keep file order; the next pages read rows by position). Until the table is
 * built, an unsorted, unfiltered page anywhere in the file is read straight from the CSV, in a
 * window of rows around it ({@link FileWindows}: the next blocks of a scroll come from memory),
 * unless the table is ready first; a page past the first {@link HEAD_ROWS} rows starts the
 * table. A sorted or filtered page waits for the table. `rowCount` is the number of matching
 * rows when known.
 *
 * @throws AppError `input.invalid` naming an unknown column or a filter value that is not a
 *   number; what {@link openFile} throws.
 */
export async function gridRows(
  path: string,
  query: {
    readonly offset: number;
    readonly limit: number;
    readonly sort?: readonly GridSort[];
    readonly filters?: readonly GridFilter[];
    /** Read with this encoding instead of the detected one. */
    readonly encoding?: EncodingChoice;
  },
): Promise<GridPage> {
  const opened = await openFile(path, query.encoding);
  if (opened.columns.length === 0) return { rows: [], rowCount: 0 };
  const sort = query.sort ?? [];
  const filters = query.filters ?? [];
  const limit = Math.max(1, Math.min(1000, Math.floor(query.limit)));
  const offset = Math.max(0, Math.floor(query.offset));
  const params: Record<string, string | number> = {};
  const where = whereClause(filters, opened.columns, params);
  const order = orderClause(sort, opened.columns, 'rowid');
  const entry = await tables.get(path, query.encoding);
  let built: string;
  if (sort.length === 0 && filters.length === 0) {
    const ready = await tableIfBuilt(path, query.encoding);
    if (ready === undefined) {
      // The head of the file never starts the table; a page past it does.
      const table = offset + limit <= HEAD_ROWS ? entry.table : gridTable(path, query.encoding);
      const fromFile = fileWindows(entry, path, opened).then((windows) =>
        windows.page(offset, limit),
      );
      if (table === undefined) return fromFile;
      // Whichever comes first: the page read from the file, or the table (a build that fails
      // leaves the page to the file).
      const first = await Promise.race([
        fromFile.then(() => 'file' as const),
        table.then(
          () => 'table' as const,
          () => 'file' as const,
        ),
      ]);
      if (first === 'file') return fromFile;
      built = await table;
    } else built = ready;
  } else built = await gridTable(path, query.encoding);
  const { names, aliased } = selectList(opened);
  const view =
    sort.length === 0 && filters.length === 0
      ? undefined
      : await orderTable(entry, built, where, order, params);
  return withGridConnection(async (connection) => {
    // Rows by position: a range of row ids, read from the row groups that hold it.
    const reader = await connection.runAndReadAll(
      `SELECT ${names} FROM ${view?.name ?? built} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`,
    );
    let rowCount = view?.rowCount;
    if (rowCount === undefined) {
      const counted = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${built}`);
      rowCount = toNumber(counted.getRowObjectsJS()[0]?.n);
    }
    return { rows: byColumnName(reader.getRowObjectsJS(), aliased), rowCount };
  });
}

/**
 * What the grid of a file is waiting for, under a sort and filters: `table` while the file's
 * rows are being copied into its grid database (sorted and filtered pages wait for it; unsorted
 * pages are read from the file meanwhile), `view` while the view of that sort and those filters
 * is being built (its first page waits for it), `none` when pages come at once (or nothing has
 * been asked yet). `percent` (0–100) is DuckDB's progress of that build when it reports one.
 *
 * @throws AppError as {@link gridRows} (`input.invalid` for an unknown column).
 */
export async function gridStatus(
  path: string,
  query: {
    readonly sort?: readonly GridSort[];
    readonly filters?: readonly GridFilter[];
    readonly encoding?: EncodingChoice;
  },
): Promise<GridStatus> {
  const opened = await openFile(path, query.encoding);
  if (opened.columns.length === 0) return { building: 'none' };
  const entry = await tables.get(path, query.encoding);
  if (entry.table === undefined) return { building: 'none' };
  const built = await tableIfBuilt(path, query.encoding).catch(() => null);
  if (built === null) return { building: 'none' };
  const withPercent = (building: 'table' | 'view', name: string): GridStatus => {
    const percent = buildPercent(name);
    return percent === undefined ? { building } : { building, percent };
  };
  if (built === undefined)
    return withPercent('table', `poc_grid_${await gridCacheKey(path, query.encoding)}`);
  const sort = query.sort ?? [];
  const filters = query.filters ?? [];
  if (sort.length === 0 && filters.length === 0) return { building: 'none' };
  const params: Record<string, string | number> = {};
  const key = viewKey(
    whereClause(filters, opened.columns, params),
    orderClause(sort, opened.columns, 'rowid'),
    params,
  );
  const view = entry.orders.get(key);
  if (view === undefined || !(await isPending(view))) return { building: 'none' };
  return withPercent('view', key);
}

/** See {@link gridStatus}. */
export interface GridStatus {
  readonly building: 'table' | 'view' | 'none';
  /** Done so far, 0–100, when DuckDB reports it. */
  readonly percent?: number;
}

/** True while `promise` has not settled (checked after the promise callbacks already due). */
export function isPending(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(true))),
  ]);
}
