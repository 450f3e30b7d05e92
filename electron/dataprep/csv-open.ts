import type { DuckDBConnection } from '@duckdb/node-api';
import type { DetectedEncoding } from '../../shared/rules/dataset-rules.js';
import type { EncodingChoice } from '../../shared/ipc/data.js';
import { sniffCsv, sqlLiteral, type CsvSniff, type DuckDbEncoding } from './csv-format.js';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { toText } from './duckdb.js';
import { findInvalidUtf8, openBytes, readHead } from './encoding.js';

/** Bytes read from the start of a file to detect its encoding and header. */
const HEAD_BYTES = 64 * 1024;

/** The text encoding of a file, as detected from its first bytes. */
export interface EncodingGuess {
  readonly encoding: DetectedEncoding;
  /** What DuckDB's `read_csv` is told (`utf-8`, `utf-16`, `latin-1`). */
  readonly duckdb: DuckDbEncoding;
  /** UTF-16's byte order (`le`: little endian, `be`: big endian), from the BOM or the zero bytes. */
  readonly byteOrder?: 'le' | 'be';
}

/**
 * Detects the encoding from the first bytes: a UTF-8 BOM; a UTF-16 BOM (`FF FE` little endian,
 * `FE FF` big endian), or without one the zero bytes of ASCII text in UTF-16 (at odd offsets:
 * little endian, at even offsets: big endian); bytes that are not UTF-8 (Latin-1, or
 * Windows-1252 when bytes 0x80–0x9F occur, which Latin-1 uses only for control characters);
 * UTF-8 otherwise.
 */
export function detectEncoding(head: Buffer): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8-bom', duckdb: 'utf-8' };
  if (head[0] === 0xff && head[1] === 0xfe)
    return { encoding: 'utf-16', duckdb: 'utf-16', byteOrder: 'le' };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { encoding: 'utf-16', duckdb: 'utf-16', byteOrder: 'be' };
  const sample = head.subarray(0, Math.min(head.length, 200));
  let oddZeros = 0;
  let evenZeros = 0;
  for (let index = 0; index < sample.length; index++)
    if (sample[index] === 0) {
      if (index % 2 === 1) oddZeros++;
      else evenZeros++;
    }
  if (sample.length >= 8 && Math.max(oddZeros, evenZeros) >= sample.length / 4)
    return {
      encoding: 'utf-16',
      duckdb: 'utf-16',
      byteOrder: oddZeros >= evenZeros ? 'le' : 'be',
    };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', duckdb: 'utf-8' };
  } catch {
    return latinGuess(head);
  }
}

function latinGuess(bytes: Buffer): EncodingGuess {
  return bytes.some((byte) => byte >= 0x80 && byte <= 0x9f)
    ? { encoding: 'windows-1252', duckdb: 'latin-1' }
    : { encoding: 'latin-1', duckdb: 'latin-1' };
}

/** A CSV file opened for queries: layout, encoding, header and the `read_csv` options. */
export interface OpenedCsv {
  /** The customer's file. */
  readonly path: string;
  /**
   * The file DuckDB reads: `path`, or for Windows-1252 (which DuckDB's Latin-1 decoder
   * refuses) a UTF-8 copy in the temporary folder; the customer's file is never modified.
   */
  readonly readPath: string;
  readonly encoding: EncodingGuess;
  /** The encoding the user chose instead of the detected one, when one was. */
  readonly chosenEncoding?: EncodingChoice;
  /** First line and text that is not UTF-8, for Latin-1 files. */
  readonly encodingExample?: { readonly line: number; readonly text: string };
  readonly sniff: CsvSniff;
  /** Separator passed to read_csv. */
  readonly delimiter: string;
  /** The header line's names are wrapped in double quotes. */
  readonly quotedHeader: boolean;
  /** Columns and DuckDB types (after a full-file type sniff when `fullSample`). */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly fullSample: boolean;
  /**
   * The read_csv options that fix the layout and the column types (`auto_detect=false,
   * columns={...}`), so that later scans skip DuckDB's sniffer (costly on wide files).
   */
  readonly dialect?: string;
}

/**
 * The `read_csv(...)` table expression of an opened file over the bound `$path`; the first line
 * is the header unless the sniff found none.
 *
 * `mode` `rejects` stores malformed rows in the temporary tables `<rejects>_errors` and
 * `<rejects>_scans` of this connection (one scan only); `ignore` skips them; `text` reads every
 * column as VARCHAR (values as written), skipping malformed rows.
 */
export function csvSource(
  file: Pick<OpenedCsv, 'delimiter' | 'encoding' | 'fullSample' | 'dialect' | 'columns'> &
    Partial<Pick<OpenedCsv, 'sniff'>>,
  mode: 'ignore' | 'text' | { readonly rejects: string },
): string {
  // A file without a header row (DuckDB's sniff says so) keeps its first line as data.
  const header = file.sniff === undefined || file.sniff.hasHeader;
  const options = [`header=${header}`, `delim=${sqlLiteral(file.delimiter)}`];
  if (file.encoding.duckdb !== 'utf-8')
    options.push(`encoding=${sqlLiteral(file.encoding.duckdb)}`);
  if (file.dialect !== undefined) {
    options.push(file.dialect);
    const types = file.columns.map(
      (column) =>
        `${sqlLiteral(column.name)}: ${sqlLiteral(mode === 'text' ? 'VARCHAR' : column.type)}`,
    );
    options.push(`columns={${types.join(', ')}}`);
  } else if (mode === 'text') {
    options.push('all_varchar=true');
  } else if (file.fullSample) {
    options.push('sample_size=-1');
  }
  if (typeof mode === 'object')
    options.push(
      `store_rejects=true, rejects_table=${sqlLiteral(`${mode.rejects}_errors`)}, rejects_scan=${sqlLiteral(`${mode.rejects}_scans`)}`,
    );
  else options.push('ignore_errors=true');
  return `read_csv($path, ${options.join(', ')})`;
}

async function describe(
  connection: DuckDBConnection,
  source: string,
  path: string,
): Promise<{ name: string; type: string }[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`, { path });
  return reader
    .getRowObjectsJS()
    .map((row) => ({ name: toText(row.column_name), type: toText(row.column_type) }));
}

/** The fixed layout options of a sniffed file: quote, escape and date formats, sniffer off. */
function dialectOf(sniff: CsvSniff): string {
  const quote = sniff.quote ?? '"';
  const options = [
    'auto_detect=false',
    `quote=${sqlLiteral(quote)}`,
    `escape=${sqlLiteral(sniff.escape ?? quote)}`,
  ];
  if (sniff.dateFormat !== undefined) options.push(`dateformat=${sqlLiteral(sniff.dateFormat)}`);
  if (sniff.timestampFormat !== undefined)
    options.push(`timestampformat=${sqlLiteral(sniff.timestampFormat)}`);
  return options.join(', ');
}

/** Encodings {@link utf8Copy} transcodes from (WHATWG labels of TextDecoder). */
type TranscodeFrom = 'windows-1252' | 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * How a file is read when the user chose `choice`: natively by DuckDB (`utf-8` on a file whose
 * head is UTF-8, `latin-1`, `utf-16le` on a file with the UTF-16 LE BOM), otherwise from a UTF-8
 * copy transcoded with TextDecoder (invalid bytes become U+FFFD).
 */
function chosenRead(
  choice: EncodingChoice,
  detected: EncodingGuess,
  head: Buffer,
): { encoding: EncodingGuess; transcode?: TranscodeFrom } {
  switch (choice) {
    case 'utf-8':
      return detected.duckdb === 'utf-8'
        ? { encoding: detected }
        : { encoding: { encoding: 'utf-8', duckdb: 'utf-8' }, transcode: 'utf-8' };
    case 'latin-1':
      return { encoding: { encoding: 'latin-1', duckdb: 'latin-1' } };
    case 'windows-1252':
      return {
        encoding: { encoding: 'windows-1252', duckdb: 'latin-1' },
        transcode: 'windows-1252',
      };
    case 'utf-16le':
      return head[0] === 0xff && head[1] === 0xfe
        ? { encoding: { encoding: 'utf-16', duckdb: 'utf-16', byteOrder: 'le' } }
        : {
            encoding: { encoding: 'utf-16', duckdb: 'utf-16', byteOrder: 'le' },
            transcode: 'utf-16le',
          };
    case 'utf-16be':
      return {
        encoding: { encoding: 'utf-16', duckdb: 'utf-16', byteOrder: 'be' },
        transcode: 'utf-16be',
      };
  }
}

/** The select's choice for a detected encoding (UTF-16 split by its byte order mark). */
export function encodingChoiceOf(
  opened: Pick<OpenedCsv, 'encoding' | 'chosenEncoding'>,
  head?: Buffer,
): EncodingChoice {
  if (opened.chosenEncoding !== undefined) return opened.chosenEncoding;
  switch (opened.encoding.encoding) {
    case 'utf-16':
      return opened.encoding.byteOrder === 'be' || (head?.[0] === 0xfe && head[1] === 0xff)
        ? 'utf-16be'
        : 'utf-16le';
    case 'latin-1':
      return 'latin-1';
    case 'windows-1252':
      return 'windows-1252';
    default:
      return 'utf-8';
  }
}

/**
 * A UTF-8 copy of a Windows-1252 file in the temporary folder, named by a hash of the path,
 * size and mtime (so an unchanged file is transcoded once); gzip is decompressed on the way.
 */
async function utf8Copy(path: string, from: TranscodeFrom = 'windows-1252'): Promise<string> {
  const info = await stat(path);
  const variant = from === 'windows-1252' ? '' : `\u0000${from}`;
  const key = createHash('sha256')
    .update(`${path}\u0000${info.size}\u0000${info.mtimeMs}${variant}`)
    .digest('hex')
    .slice(0, 24);
  const folder = join(tmpdir(), 'poc-studio-transcoded');
  const target = join(folder, `${key}.csv`);
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined) return target;
  await mkdir(folder, { recursive: true });
  const partial = `${target}.${process.pid}.part`;
  // Not fatal: bytes that are not valid in `from` become U+FFFD, as an editor shows them.
  const decoder = new TextDecoder(from);
  const transcode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
  });
  await pipeline(openBytes(path), transcode, createWriteStream(partial));
  await rename(partial, target);
  return target;
}

function headerLine(head: Buffer, encoding: EncodingGuess): string {
  let text: string;
  if (encoding.duckdb === 'utf-16' || encoding.byteOrder !== undefined) {
    const even = Buffer.from(head.subarray(0, head.length - (head.length % 2)));
    text = (encoding.byteOrder === 'be' ? even.swap16() : even).toString('utf16le');
  } else if (encoding.duckdb === 'latin-1') text = head.toString('latin1');
  else text = head.toString('utf8');
  return (text.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0] ?? '').trim();
}

/**
 * Opens a CSV for queries: detects the encoding from its first 64 KB (and, when `latin1` is
 * set, because a later byte was not UTF-8, reads it as Latin-1), sniffs the separator and
 * header (malformed rows ignored), and lists its columns with DuckDB's types.
 *
 * @throws the DuckDB error as is (run inside `queryCsv` to map it to an AppError).
 */
export async function openCsv(
  connection: DuckDBConnection,
  path: string,
  options: {
    readonly fullSample?: boolean;
    readonly latin1?: boolean;
    /** Read with this encoding instead of the detected one (no detection, no fallback). */
    readonly encoding?: EncodingChoice;
  } = {},
): Promise<OpenedCsv> {
  const head = await readHead(path, HEAD_BYTES);
  if (options.encoding !== undefined) {
    const chosen = chosenRead(options.encoding, detectEncoding(head), head);
    const readPath = chosen.transcode === undefined ? path : await utf8Copy(path, chosen.transcode);
    const readEncoding: EncodingGuess =
      readPath === path ? chosen.encoding : { ...chosen.encoding, duckdb: 'utf-8' };
    return layoutOf(connection, path, readPath, head, chosen.encoding, readEncoding, undefined, {
      fullSample: options.fullSample === true,
      chosenEncoding: options.encoding,
    });
  }
  let encoding = detectEncoding(head);
  if (options.latin1 === true && encoding.duckdb === 'utf-8') encoding = latinGuess(head);
  let encodingExample: OpenedCsv['encodingExample'];
  if (encoding.duckdb === 'latin-1') {
    const bad = await findInvalidUtf8(path);
    if (bad !== undefined) {
      encodingExample = { line: bad.line, text: bad.lineText ?? '' };
      if (encoding.encoding === 'latin-1' && bad.byte >= 0x80 && bad.byte <= 0x9f)
        encoding = { encoding: 'windows-1252', duckdb: 'latin-1' };
    }
  }
  // DuckDB decodes neither Windows-1252 nor big-endian UTF-16: they are read from a UTF-8 copy.
  const readPath =
    encoding.encoding === 'windows-1252'
      ? await utf8Copy(path)
      : encoding.byteOrder === 'be'
        ? await utf8Copy(path, 'utf-16be')
        : path;
  const readEncoding: EncodingGuess =
    readPath === path ? encoding : { ...encoding, duckdb: 'utf-8' };
  return layoutOf(connection, path, readPath, head, encoding, readEncoding, encodingExample, {
    fullSample: options.fullSample === true,
  });
}

/** Sniffs the separator, header and columns of a file whose encoding is settled. */
async function layoutOf(
  connection: DuckDBConnection,
  path: string,
  readPath: string,
  head: Buffer,
  encoding: EncodingGuess,
  readEncoding: EncodingGuess,
  encodingExample: OpenedCsv['encodingExample'],
  options: { readonly fullSample: boolean; readonly chosenEncoding?: EncodingChoice },
): Promise<OpenedCsv> {
  const sniff = await sniffCsv(connection, readPath, readEncoding.duckdb);
  const delimiter = sniff.forcedDelimiter ?? sniff.delimiter;
  const fullSample = options.fullSample;
  const base = { delimiter, encoding: readEncoding, fullSample, columns: [] };
  // The sniff already typed the columns from its sample; a full-file sniff needs DESCRIBE.
  const columns =
    fullSample || sniff.columns.length === 0
      ? await describe(connection, csvSource(base, 'ignore'), readPath)
      : sniff.columns;
  const line = headerLine(head, encoding);
  const quotedHeader =
    sniff.hasHeader &&
    columns.length > 0 &&
    line.startsWith('"') &&
    line.split(delimiter).every((part) => /^\s*".*"\s*$/u.test(part));
  // Duplicate header names: DuckDB renames them (A, A_1); the explicit column list keeps that.
  const dialect = columns.length > 0 ? dialectOf(sniff) : undefined;
  return {
    path,
    readPath,
    encoding: readEncoding,
    ...(options.chosenEncoding === undefined ? {} : { chosenEncoding: options.chosenEncoding }),
    ...(encodingExample === undefined ? {} : { encodingExample }),
    sniff,
    delimiter,
    quotedHeader,
    columns,
    fullSample,
    ...(dialect === undefined ? {} : { dialect }),
  };
}
