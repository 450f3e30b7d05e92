import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors.js';
import { notUtf8Error } from './csv-format.js';
import { isEncodingError } from './encoding.js';

/** Memory a job's DuckDB instance may hold before it spills to disk (DuckDB's `memory_limit`). */
export const JOB_MEMORY_LIMIT = '1GB';

let instancePromise: Promise<DuckDBInstance> | undefined;

/**
 * The one in-memory DuckDB instance of this process, created on first use.
 *
 * Reused by every dataprep call; each call opens its own short-lived connection on it.
 */
export function getDuckDbInstance(): Promise<DuckDBInstance> {
  instancePromise ??= DuckDBInstance.create(':memory:');
  return instancePromise;
}

/**
 * Runs `work` with a fresh connection on the shared instance and closes it afterwards.
 */
export async function withConnection<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await getDuckDbInstance();
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}

/**
 * Runs one job's queries (a validation's or a profile's scans) with a connection on a DuckDB
 * instance of its own, closed with the connection afterwards: what the job's hash tables and
 * buffers held is given back when it ends, instead of staying with the process's shared
 * instance (measured by bench/validate-bench.ts: resident memory before and after a job).
 * Temporary tables live only as long as the job. The instance holds at most
 * {@link JOB_MEMORY_LIMIT}; past it DuckDB spills its hash tables to a folder in the temporary
 * directory (a 20-million-row file's distinct timestamps), so a job stays under 2 GB.
 */
export async function withJobConnection<T>(
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: JOB_MEMORY_LIMIT,
    temp_directory: join(tmpdir(), 'poc-studio-duckdb-spill'),
  });
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Quotes a column name as a DuckDB identifier (`"a""b"`). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The `read_csv(...)` table expression over the bound parameter `$path`.
 *
 * The path is never spliced into SQL: callers bind it as `{ path }`. `fullSample` makes
 * DuckDB sniff types over the whole file (slower; used when a value past the default sample
 * does not fit the sniffed type). `delimiter` forces a separator DuckDB does not detect on
 * its own (`::`, see sniffCsv).
 */
export function readCsvExpression(fullSample: boolean, delimiter?: string): string {
  const delim = delimiter === undefined ? '' : `, delim='${delimiter.replaceAll("'", "''")}'`;
  return `read_csv($path, header=true, all_varchar=false${delim}${fullSample ? ', sample_size=-1' : ''})`;
}

/**
 * The `read_csv(...)` table expression over the bound parameter `$path` with every column read
 * as text (`all_varchar`): values exactly as written in the file (no type sniffing, so no
 * conversion errors), empty cells as NULL. `delimiter` as in {@link readCsvExpression}.
 */
export function readCsvTextExpression(delimiter?: string): string {
  const delim = delimiter === undefined ? '' : `, delim='${delimiter.replaceAll("'", "''")}'`;
  return `read_csv($path, header=true, all_varchar=true${delim})`;
}

/** Message of {@link AppError} `file.notFound` for a path where nothing exists. */
export function fileNotFoundMessage(filePath: string): string {
  return `${filePath} does not exist. Check the path or pick the file again.`;
}

/** Message of {@link AppError} `file.unreadable` for a path that names a folder. */
export function folderMessage(filePath: string): string {
  return `${filePath} is a folder, not a CSV file. Pick a .csv or .csv.gz file.`;
}

/**
 * Checks that `filePath` names a readable regular file; DuckDB then reads it (.csv or .csv.gz).
 * The one place that words these errors: the app (data.preview) and the CLI (validate) both
 * show its messages.
 *
 * @throws AppError `file.notFound` "<path> does not exist. Check the path or pick the file
 *   again."; `file.unreadable` "<path> is a folder, not a CSV file. Pick a .csv or .csv.gz file."
 */
export async function assertCsvFile(filePath: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(filePath)).isFile();
  } catch (error) {
    throw new AppError('file.notFound', fileNotFoundMessage(filePath), {
      cause: error,
      details: { path: filePath },
    });
  }
  if (!isFile)
    throw new AppError('file.unreadable', folderMessage(filePath), { details: { path: filePath } });
}

function isConversionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Conversion Error|Could not convert/i.test(message);
}

/**
 * Runs a query built over {@link readCsvExpression}, retrying once with a full-file type sniff
 * when DuckDB's sampled types do not fit a later value; maps read failures to AppErrors.
 *
 * @throws AppError `data.invalid` when the file is not UTF-8 (naming the first bad line and
 *   byte and how to convert it) or DuckDB cannot parse it as CSV (quoting), naming the path.
 */
export async function queryCsv<T>(
  filePath: string,
  run: (fullSample: boolean) => Promise<T>,
): Promise<T> {
  try {
    try {
      return await run(false);
    } catch (error) {
      if (!isConversionError(error)) throw error;
      return await run(true);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isEncodingError(error))
      throw await withConnection((connection) => notUtf8Error(filePath, error, connection));
    const firstLines = (error instanceof Error ? error.message : String(error))
      .split('\n')
      .slice(0, 3)
      .join(' ');
    throw new AppError(
      'data.invalid',
      `Could not read ${filePath} as a CSV with a header row: ${firstLines}. Check the quoting on that line, or re-export the file as UTF-8, comma-separated, with a header row.`,
      { cause: error, details: { path: filePath } },
    );
  }
}

/** Converts DuckDB's numeric results (BigInt for BIGINT/HUGEINT) to a JS number; null → 0. */
export function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  return 0;
}

/** Converts a DuckDB JS value to text: strings as-is, numbers and booleans printed, others as JSON. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * Columns of the CSV bound as `$path`, with DuckDB's sniffed types (`BIGINT`, `VARCHAR`, ...).
 */
export async function describeCsv(
  connection: DuckDBConnection,
  path: string,
  fullSample: boolean,
  delimiter?: string,
): Promise<{ name: string; type: string }[]> {
  const reader = await connection.runAndReadAll(
    `DESCRIBE SELECT * FROM ${readCsvExpression(fullSample, delimiter)}`,
    { path },
  );
  return reader
    .getRowObjectsJS()
    .map((row) => ({ name: toText(row.column_name), type: toText(row.column_type) }));
}
