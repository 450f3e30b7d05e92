import type { EncodingChoice } from '../../shared/ipc/data.js';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors.js';
import { isNumericColumnType } from '../../shared/rules/dataset-rules.js';
import { sqlLiteral } from './csv-format.js';
import { csvSource, type OpenedCsv } from './csv-open.js';
import { queryCsv, quoteIdentifier, toNumber, toText, withConnection } from './duckdb.js';
import { isEmptyCsv } from './csv-format.js';
import { FileCache } from './file-cache.js';
import { openFile } from './validate-csv.js';

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

/** A file's rows in a table of the grid's on-disk DuckDB database, with its 1-based row numbers. */
interface GridTable {
  table?: Promise<string>;
}

const tables = new FileCache<GridTable>(() => Promise.resolve({}), 'File');

let attached: Promise<void> | undefined;

/**
 * Attaches the grid's on-disk database (one per process, in the temporary folder, removed at
 * exit): the grid's tables live on disk, so a 20-million-row file costs disk, not memory.
 */
function attachGridDatabase(connection: DuckDBConnection): Promise<void> {
  attached ??= (async () => {
    const folder = join(tmpdir(), 'poc-studio-grid');
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${process.pid}.duckdb`);
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
    await connection.run(`ATTACH ${sqlLiteral(file)} AS poc_grid`);
    process.once('exit', () => {
      rmSync(file, { force: true });
      rmSync(`${file}.wal`, { force: true });
    });
  })();
  attached.catch(() => (attached = undefined));
  return attached;
}

async function tableName(path: string, encoding?: EncodingChoice): Promise<string> {
  const info = await stat(path);
  const variant = encoding === undefined ? '' : `\u0000${encoding}`;
  return `t_${createHash('sha256').update(`${path}\u0000${info.size}\u0000${info.mtimeMs}${variant}`).digest('hex').slice(0, 20)}`;
}

/**
 * The file's grid table (`poc_grid.t_<hash of path, size, mtime>`): every readable row with
 * `__rn`, its 1-based row number in file order, built on first use with DuckDB's own threads
 * (the JS thread only awaits) and kept while the file is unchanged.
 *
 * @throws AppError as {@link openFile}, or `data.invalid` when DuckDB cannot read the rows.
 */
export async function gridTable(path: string, encoding?: EncodingChoice): Promise<string> {
  const entry = await tables.get(path, encoding);
  if (entry.table === undefined) {
    const building = (async () => {
      const opened = await openFile(path, encoding);
      const name = await tableName(path, encoding);
      await queryCsv(path, () =>
        withConnection(async (connection) => {
          await attachGridDatabase(connection);
          await connection.run(
            `CREATE OR REPLACE TABLE poc_grid.${name} AS SELECT row_number() OVER () AS __rn, * FROM ${csvSource(opened, 'ignore')}`,
            { path: opened.readPath },
          );
        }),
      );
      return `poc_grid.${name}`;
    })();
    entry.table = building;
    building.catch(() => {
      if (entry.table === building) entry.table = undefined;
    });
  }
  return entry.table;
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
    withConnection(async (connection) => {
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
 * grid table once built ({@link gridTable}; row numbers keep file order); before that,
 * unsorted, unfiltered pages are read straight from the file with `LIMIT / OFFSET`, and a sorted
 * or filtered page waits for the table. `rowCount` is the number of matching rows when known.
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
  const order = orderClause(sort, opened.columns, '__rn');
  const built =
    sort.length === 0 && filters.length === 0
      ? await tableIfBuilt(path, query.encoding)
      : await gridTable(path, query.encoding);
  // Aliased c0, c1...: ORDER BY must see the typed columns, not their text (which sorts 9 > 10).
  const names = opened.columns
    .map((column, index) => `${quoteIdentifier(column.name)}::VARCHAR AS c${index}`)
    .join(', ');
  const aliased = opened.columns.map((column, index) => ({ name: `c${index}`, file: column.name }));
  return queryCsv(path, () =>
    withConnection(async (connection) => {
      if (built === undefined) {
        const reader = await connection.runAndReadAll(
          `SELECT ${names} FROM ${csvSource(opened, 'ignore')} LIMIT ${limit} OFFSET ${offset}`,
          { path: opened.readPath },
        );
        const rows = byColumnName(reader.getRowObjectsJS(), aliased);
        return rows.length < limit ? { rows, rowCount: offset + rows.length } : { rows };
      }
      const pageSql =
        sort.length === 0 && filters.length === 0
          ? `SELECT ${names} FROM ${built} WHERE __rn > ${offset} AND __rn <= ${offset + limit} ORDER BY __rn`
          : `SELECT ${names} FROM ${built} ${where} ${order} LIMIT ${limit} OFFSET ${offset}`;
      const reader = await connection.runAndReadAll(pageSql, params);
      const counted = await connection.runAndReadAll(
        `SELECT count(*) AS n FROM ${built} ${where}`,
        params,
      );
      return {
        rows: byColumnName(reader.getRowObjectsJS(), aliased),
        rowCount: toNumber(counted.getRowObjectsJS()[0]?.n),
      };
    }),
  );
}
