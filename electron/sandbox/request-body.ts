/**
 * Request bodies read with a size cap: small protocol bodies into memory, object uploads
 * streamed to a file (so that a 400 MB PutObject never sits in the process's memory).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** 1 MiB. */
const MIB = 1024 * 1024;

/**
 * Largest JSON body of a control-plane, runtime or events call: 1 MiB.
 *
 * The service documents no request size limit (SPEC §10 leaves it open); its largest valid
 * inputs are far smaller (CreateSchema's `schema` ≤ 20,000 characters, 200 tags of ≤ 384
 * characters, PutEvents 10 events of ≤ 10 KB, GetPersonalizedRanking 500 item ids of ≤ 256
 * characters; shapes.json and SPEC §9), so 1 MiB refuses nothing a real call can send.
 */
export const JSON_BODY_LIMIT_BYTES = MIB;

/**
 * Largest non-object S3 body (XML: DeleteObjects, CompleteMultipartUpload, policies, tags): 2 MiB.
 *
 * S3 answers `MaxMessageLengthExceeded` for larger request messages; its largest XML inputs are
 * DeleteObjects (1,000 keys of ≤ 1,024 bytes) and CompleteMultipartUpload (10,000 parts).
 */
export const S3_XML_BODY_LIMIT_BYTES = 2 * MIB;

/** Largest PutObject / UploadPart body: 5 GiB, S3's single-upload and part maximum (`EntityTooLarge`). */
export const S3_OBJECT_LIMIT_BYTES = 5 * 1024 * MIB;

/** Largest STS / IAM Query or SSO body: 1 MiB (IAM's largest input, a policy document, is ≤ 131,072 characters). */
export const FORM_BODY_LIMIT_BYTES = MIB;

/** Thrown when a body grows beyond its cap while being read. */
export class BodyTooLargeError extends Error {
  /** Records the cap that was exceeded, in bytes. */
  constructor(readonly limitBytes: number) {
    super(`Request body larger than ${limitBytes} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Thrown when an `aws-chunked` body's framing is broken. */
export class ChunkFramingError extends Error {}

/** The declared `Content-Length`, or `undefined` (chunked transfer encoding, or none). */
export function declaredLength(request: http.IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  if (header === undefined) return undefined;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Reads the whole body into memory.
 *
 * @throws BodyTooLargeError as soon as more than `limitBytes` arrived (the rest is drained,
 *   never kept).
 */
export function readBodyLimited(
  request: http.IncomingMessage,
  limitBytes: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isOver = false;
    request.on('data', (chunk: Buffer) => {
      if (isOver) return;
      size += chunk.length;
      if (size > limitBytes) {
        isOver = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!isOver) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/** Size (bytes) and MD5 of a body written to a file. */
export interface StreamedBody {
  readonly path: string;
  readonly sizeBytes: number;
  readonly md5: Buffer;
}

/**
 * Decodes `aws-chunked` framing on the fly: `<hex size>[;chunk-signature=..]\r\n<bytes>\r\n`
 * repeated, a zero-size chunk, then trailer headers (`x-amz-checksum-crc32:...`), dropped.
 */
class AwsChunkedDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private state: 'header' | 'data' | 'dataEnd' | 'trailer' = 'header';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.drain();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(
      this.state === 'trailer' ? null : new ChunkFramingError('The aws-chunked body is truncated.'),
    );
  }

  private drain(): void {
    for (;;) {
      if (this.state === 'trailer') {
        this.pending = Buffer.alloc(0);
        return;
      }
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'dataEnd';
        continue;
      }
      if (this.pending.length < 2) return;
      if (this.state === 'dataEnd') {
        if (this.pending.subarray(0, 2).toString('latin1') === '\r\n')
          this.pending = this.pending.subarray(2);
        this.state = 'header';
        continue;
      }
      const lineEnd = this.pending.indexOf('\r\n');
      if (lineEnd < 0) {
        if (this.pending.length > 4096)
          throw new ChunkFramingError('Bad aws-chunked chunk header.');
        return;
      }
      const header = this.pending.subarray(0, lineEnd).toString('latin1');
      const size = Number.parseInt(header.split(';')[0] ?? '', 16);
      if (!Number.isFinite(size) || size < 0)
        throw new ChunkFramingError(`Bad aws-chunked chunk header: ${header.slice(0, 40)}`);
      this.pending = this.pending.subarray(lineEnd + 2);
      if (size === 0) {
        this.state = 'trailer';
        continue;
      }
      this.remaining = size;
      this.state = 'data';
    }
  }
}

/** Counts and hashes what passes through; fails beyond `limitBytes`. */
class Meter extends Transform {
  readonly hash = createHash('md5');
  sizeBytes = 0;

  /** A meter failing after `limitBytes` bytes. */
  constructor(private readonly limitBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sizeBytes += chunk.length;
    if (this.sizeBytes > this.limitBytes) {
      callback(new BodyTooLargeError(this.limitBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Streams the body to `filePath` (its folder is created), decoding `aws-chunked` framing when
 * `isAwsChunked`; the size limit applies to the decoded bytes.
 *
 * @throws BodyTooLargeError beyond `limitBytes`; ChunkFramingError for broken framing; I/O errors.
 */
export async function streamBodyToFile(
  request: http.IncomingMessage,
  filePath: string,
  isAwsChunked: boolean,
  limitBytes: number,
): Promise<StreamedBody> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const meter = new Meter(limitBytes);
  const out = createWriteStream(filePath);
  if (isAwsChunked) await pipeline(request, new AwsChunkedDecoder(), meter, out);
  else await pipeline(request, meter, out);
  return { path: filePath, sizeBytes: meter.sizeBytes, md5: meter.hash.digest() };
}
