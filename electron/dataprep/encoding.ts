import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Where the first byte that is not valid UTF-8 sits in a file (after gunzip for .gz). */
export interface InvalidUtf8 {
  /** 1-based line of the file. */
  readonly line: number;
  /** 0-based byte offset from the start of the (decompressed) file. */
  readonly offset: number;
  /** The offending byte. */
  readonly byte: number;
  /** Start of that line decoded as Latin-1 (at most 80 characters), when it is in the same chunk. */
  readonly lineText?: string;
}

/** True when `filePath` names a gzip file by its extension. */
export function isGzipPath(filePath: string): boolean {
  return path.extname(filePath).toLowerCase() === '.gz';
}

/** Opens the file as a byte stream, gunzipping `.gz` files. */
export function openBytes(filePath: string, end?: number): Readable {
  const raw = createReadStream(filePath, end === undefined || isGzipPath(filePath) ? {} : { end });
  return isGzipPath(filePath) ? raw.pipe(createGunzip()) : raw;
}

/**
 * The first `limit` bytes of the file (decompressed for `.gz`); fewer when the file is shorter.
 */
export async function readHead(filePath: string, limit: number): Promise<Buffer> {
  const stream = openBytes(filePath, limit - 1);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    total += buffer.length;
    if (total >= limit) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, limit);
}

/** Continuation bytes a lead byte needs, and the allowed range of the first continuation byte. */
function leadRule(byte: number): { need: number; low: number; high: number } | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return { need: 1, low: 0x80, high: 0xbf };
  if (byte === 0xe0) return { need: 2, low: 0xa0, high: 0xbf };
  if (byte === 0xed) return { need: 2, low: 0x80, high: 0x9f };
  if (byte >= 0xe1 && byte <= 0xef) return { need: 2, low: 0x80, high: 0xbf };
  if (byte === 0xf0) return { need: 3, low: 0x90, high: 0xbf };
  if (byte === 0xf4) return { need: 3, low: 0x80, high: 0x8f };
  if (byte >= 0xf1 && byte <= 0xf3) return { need: 3, low: 0x80, high: 0xbf };
  return undefined;
}

/**
 * Finds the first byte of the file that breaks UTF-8 (a byte-level scan, not a CSV parse).
 *
 * Returns `undefined` when the whole file is valid UTF-8. Used only after DuckDB has reported
 * an encoding error, to name the line and byte it does not report reliably.
 */
export async function findInvalidUtf8(filePath: string): Promise<InvalidUtf8 | undefined> {
  let line = 1;
  let offset = 0;
  let need = 0;
  let low = 0x80;
  let high = 0xbf;
  let leadOffset = 0;
  let leadLine = 1;
  let leadByte = 0;
  const stream = openBytes(filePath);
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      let lineStart = 0;
      for (let index = 0; index < bytes.length; index++, offset++) {
        const byte = bytes[index] ?? 0;
        if (need > 0) {
          if (byte >= low && byte <= high) {
            need--;
            low = 0x80;
            high = 0xbf;
            continue;
          }
          return describe(bytes, lineStart, leadLine, leadOffset, leadByte);
        }
        if (byte === 0x0a) {
          line++;
          lineStart = index + 1;
          continue;
        }
        if (byte < 0x80) continue;
        const rule = leadRule(byte);
        if (rule === undefined) return describe(bytes, lineStart, line, offset, byte);
        ({ need, low, high } = rule);
        leadOffset = offset;
        leadLine = line;
        leadByte = byte;
      }
    }
  } finally {
    stream.destroy();
  }
  return need > 0 ? { line: leadLine, offset: leadOffset, byte: leadByte } : undefined;
}

function describe(
  bytes: Buffer,
  lineStart: number,
  line: number,
  offset: number,
  byte: number,
): InvalidUtf8 {
  const newline = bytes.indexOf(0x0a, lineStart);
  const end = Math.min(newline === -1 ? bytes.length : newline, lineStart + 80);
  const lineText = bytes.subarray(lineStart, end).toString('latin1').replace(/\r$/, '');
  return { line, offset, byte, lineText };
}

/** The shell command that converts the file to UTF-8 beside the original. */
export function iconvCommand(filePath: string): string {
  const base = path
    .basename(filePath)
    .replace(/\.gz$/i, '')
    .replace(/(\.[^.]*)?$/, '-utf8$1');
  const quoted = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;
  const target = quoted(path.join(path.dirname(filePath), base));
  return isGzipPath(filePath)
    ? `gunzip -c ${quoted(filePath)} | iconv -f latin1 -t utf-8 > ${target}`
    : `iconv -f latin1 -t utf-8 ${quoted(filePath)} > ${target}`;
}

/** True when DuckDB's error says the file is not valid UTF-8. */
export function isEncodingError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /not utf-8 encoded|Invalid unicode/i.test(message);
}
