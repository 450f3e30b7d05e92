import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../shared/errors.js';
import { delimiterName } from '../../shared/rules/dataset-rules.js';
import { findInvalidUtf8, iconvCommand, isEncodingError, readHead } from './encoding.js';

/** What DuckDB's `sniff_csv` detected about a file's layout. */
export interface CsvSniff {
  /** Column separator, e.g. `,`, `;`, `\t`, `|`, `::`. */
  readonly delimiter: string;
  /** True when DuckDB read the first line as a header. */
  readonly hasHeader: boolean;
  /** Columns as sniffed (header names, or `column0`... without a header). */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /**
   * Set when the separator was found only by asking DuckDB to try it (`::` is never
   * auto-detected): pass it to `read_csv` as `delim`.
   */
  readonly forcedDelimiter?: string;
  /** Quote and escape characters DuckDB detected (absent when it saw none). */
  readonly quote?: string;
  readonly escape?: string;
  /** strftime formats of DATE / TIMESTAMP columns DuckDB detected (absent for ISO or none). */
  readonly dateFormat?: string;
  readonly timestampFormat?: string;
}

/** Separators tried, in this order, when DuckDB's auto-detection finds a single column. */
export const ALTERNATE_DELIMITERS: readonly string[] = ['::', ';', '\t', '|'];

/** Quotes text as a SQL string literal. */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

interface SniffRow {
  readonly Delimiter: unknown;
  readonly HasHeader: unknown;
  readonly Columns: unknown;
  readonly Quote: unknown;
  readonly Escape: unknown;
  readonly DateFormat: unknown;
  readonly TimestampFormat: unknown;
}

/** A sniffed option, or undefined when DuckDB reports none (`(empty)`, NULL). */
function sniffedOption(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '(empty)' ? value : undefined;
}

/** DuckDB `encoding` option values for read_csv / sniff_csv. */
export type DuckDbEncoding = 'utf-8' | 'utf-16' | 'latin-1';

async function sniffOnce(
  connection: DuckDBConnection,
  filePath: string,
  options: { delimiter?: string; encoding: DuckDbEncoding },
): Promise<CsvSniff> {
  const extra = [
    options.delimiter === undefined ? '' : `, delim=${sqlLiteral(options.delimiter)}`,
    options.encoding === 'utf-8' ? '' : `, encoding=${sqlLiteral(options.encoding)}`,
    // A malformed row must not make the sniffer read the whole file as one column.
    ', ignore_errors=true',
  ];
  const reader = await connection.runAndReadAll(
    `SELECT Delimiter, HasHeader, Columns, Quote, Escape, DateFormat, TimestampFormat FROM sniff_csv($path${extra.join('')})`,
    { path: filePath },
  );
  const row = (reader.getRowObjectsJS()[0] ?? {}) as Partial<SniffRow>;
  const columns = Array.isArray(row.Columns)
    ? (row.Columns as { name?: unknown; type?: unknown }[]).map((column) => ({
        name: typeof column.name === 'string' ? column.name : '',
        type: typeof column.type === 'string' ? column.type : 'VARCHAR',
      }))
    : [];
  const found = {
    quote: sniffedOption(row.Quote),
    escape: sniffedOption(row.Escape),
    dateFormat: sniffedOption(row.DateFormat),
    timestampFormat: sniffedOption(row.TimestampFormat),
  };
  return {
    delimiter: typeof row.Delimiter === 'string' ? row.Delimiter : ',',
    hasHeader: row.HasHeader === true,
    columns,
    ...Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined)),
  };
}

/**
 * Runs DuckDB's `sniff_csv` on the file. When it finds a single column, asks DuckDB to try
 * each of {@link ALTERNATE_DELIMITERS} and keeps the one that splits the file into the most
 * columns (DuckDB never auto-detects multi-character separators such as `::`). Rows that do not
 * fit the layout are ignored while sniffing (they are reported as malformed rows later).
 * `latin1` picks the text encoding (`true` for Latin-1, or a DuckDB encoding name).
 *
 * @throws the DuckDB error as is (callers map encoding errors with {@link notUtf8Error}).
 */
export async function sniffCsv(
  connection: DuckDBConnection,
  filePath: string,
  latin1: boolean | DuckDbEncoding = false,
): Promise<CsvSniff> {
  const encoding: DuckDbEncoding =
    latin1 === true ? 'latin-1' : latin1 === false ? 'utf-8' : latin1;
  const sniffed = await sniffOnce(connection, filePath, { encoding });
  if (sniffed.columns.length > 1 && sniffed.delimiter === ',') return sniffed;
  if (sniffed.columns.length > 1) {
    // With bad rows ignored, `|` inside `::`-separated values can look like the separator.
    const doubleColon = await sniffOnce(connection, filePath, { delimiter: '::', encoding }).catch(
      (error: unknown) => {
        if (isEncodingError(error)) throw error;
        return undefined;
      },
    );
    return doubleColon !== undefined && doubleColon.columns.length >= sniffed.columns.length
      ? { ...doubleColon, delimiter: '::', forcedDelimiter: '::' }
      : sniffed;
  }
  let best: CsvSniff = sniffed;
  for (const delimiter of ALTERNATE_DELIMITERS) {
    const candidate = await sniffOnce(connection, filePath, { delimiter, encoding }).catch(
      (error: unknown) => {
        // DuckDB refuses a separator that does not fit the file ("Error when sniffing file"): not this one.
        if (isEncodingError(error)) throw error;
        return undefined;
      },
    );
    if (candidate !== undefined && candidate.columns.length > best.columns.length)
      best = { ...candidate, delimiter, forcedDelimiter: delimiter };
  }
  return best.columns.length > 1 ? best : { ...sniffed, delimiter: ',' };
}

/** True when the file holds no bytes besides a BOM and whitespace (after gunzip for .gz). */
export async function isEmptyCsv(filePath: string): Promise<boolean> {
  const head = await readHead(filePath, 4096);
  const body = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  return body.length < 4096 && body.toString('latin1').trim() === '';
}

/**
 * The `data.invalid` error for a file that is not UTF-8 (SPEC §5.1): names the first bad line
 * and byte (found by a byte scan, since DuckDB's "Original Line" is not reliable), says how to
 * convert it, and mentions a non-comma separator too when DuckDB detects one reading it as Latin-1.
 */
export async function notUtf8Error(
  filePath: string,
  cause: unknown,
  connection?: DuckDBConnection,
): Promise<AppError> {
  const bad = await findInvalidUtf8(filePath);
  const where =
    bad === undefined
      ? ''
      : ` Line ${bad.line} (byte ${bad.offset.toLocaleString('en-US')}${path.extname(filePath).toLowerCase() === '.gz' ? ' after gunzip' : ''}) holds 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}${bad.lineText === undefined ? '' : `: "${bad.lineText}"`}.`;
  let separator = '';
  if (connection !== undefined) {
    const sniff = await sniffCsv(connection, filePath, true).catch((error: unknown) => {
      // Best effort: without a Latin-1 sniff the message just omits the separator remark.
      if (error instanceof Error) return undefined;
      throw error;
    });
    if (sniff !== undefined && sniff.delimiter !== ',' && sniff.columns.length > 1) {
      separator = ` It is also separated by ${delimiterName(sniff.delimiter)}, not commas: re-export it comma-separated.`;
    }
  }
  return new AppError(
    'data.invalid',
    `${filePath} is not UTF-8 text (it looks like Latin-1/Windows-1252).${where} Personalize needs UTF-8 (a leading BOM is fine). ` +
      `Convert it, e.g. ${iconvCommand(filePath)}, or re-export it as "CSV UTF-8".${separator}`,
    {
      cause,
      details: {
        path: filePath,
        ...(bad === undefined ? {} : { line: bad.line, byte: bad.offset }),
      },
    },
  );
}
