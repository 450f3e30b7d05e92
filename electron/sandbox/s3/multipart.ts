import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { S3Error } from '../errors.js';
import type { SandboxResponse, StreamedUpload } from '../http-types.js';
import { noSuchBucket, type ObjectStore } from './object-store.js';
import { escapeXml, parseXml, xmlResponse } from './xml.js';

interface UploadPart {
  readonly path: string;
  readonly etag: string;
  readonly md5: Buffer;
}

interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly parts: Map<number, UploadPart>;
}

function noSuchUpload(): S3Error {
  return new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
  );
}

/**
 * Multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
 * AbortMultipartUpload), as `@aws-sdk/lib-storage` uses them above 5 MB.
 *
 * Parts are files under `<dataDir>/s3/.uploads/<uploadId>/`; open uploads live in memory and are
 * lost on restart (S3 clients then get `NoSuchUpload`), and the store's load sweeps their parts.
 */
export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();

  /** Uses `store` for part files and the final object. */
  constructor(private readonly store: ObjectStore) {}

  /** CreateMultipartUpload (`POST /bucket/key?uploads`). @throws `NoSuchBucket`. */
  create(bucket: string, key: string, contentType: string | undefined): SandboxResponse {
    if (!this.store.hasBucket(bucket)) throw noSuchBucket(bucket);
    const uploadId = randomUUID().replace(/-/gu, '');
    this.uploads.set(uploadId, {
      bucket,
      key,
      contentType: contentType ?? 'application/octet-stream',
      parts: new Map(),
    });
    return xmlResponse(
      `<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
    );
  }

  /** UploadPart (`PUT ?partNumber=N&uploadId=ID`), part numbers 1..10000. @throws `NoSuchUpload`, `InvalidArgument`. */
  async uploadPart(
    bucket: string,
    query: URLSearchParams,
    body: Buffer | StreamedUpload,
  ): Promise<SandboxResponse> {
    const upload = this.uploads.get(query.get('uploadId') ?? '');
    if (upload?.bucket !== bucket) throw noSuchUpload();
    const partNumber = Number(query.get('partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw new S3Error(
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive',
        400,
      );
    }
    const md5 = Buffer.isBuffer(body) ? createHash('md5').update(body).digest() : body.md5;
    const uploadId = query.get('uploadId') ?? '';
    const partPath = await this.store.writePart(uploadId, partNumber, body);
    const etag = `"${md5.toString('hex')}"`;
    upload.parts.set(partNumber, { path: partPath, etag, md5 });
    return { status: 200, headers: { etag } };
  }

  /**
   * CompleteMultipartUpload (`POST ?uploadId=ID`, XML list of parts in ascending order).
   *
   * The object's ETag is `"<md5 of the part md5s>-<count>"` as in S3.
   *
   * @throws `NoSuchUpload`, `MalformedXML`, `InvalidPart` (unknown part or ETag mismatch),
   *   `InvalidPartOrder`.
   */
  async complete(
    bucket: string,
    key: string,
    query: URLSearchParams,
    body: Buffer,
  ): Promise<SandboxResponse> {
    const uploadId = query.get('uploadId') ?? '';
    const upload = this.uploads.get(uploadId);
    if (upload?.bucket !== bucket || upload.key !== key) throw noSuchUpload();
    const listed = (
      parseXml(body).CompleteMultipartUpload as
        { Part?: { PartNumber?: unknown; ETag?: unknown }[] } | undefined
    )?.Part;
    if (!listed || listed.length === 0) {
      throw new S3Error(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        400,
      );
    }
    const chosen: UploadPart[] = [];
    let previous = 0;
    for (const entry of listed) {
      const partNumber = Number(entry.PartNumber);
      if (partNumber <= previous)
        throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order.', 400);
      previous = partNumber;
      const part = upload.parts.get(partNumber);
      const etag = typeof entry.ETag === 'string' ? entry.ETag : '';
      if (!part || (etag !== '' && etag.replace(/"/gu, '') !== part.etag.replace(/"/gu, ''))) {
        throw new S3Error(
          'InvalidPart',
          'One or more of the specified parts could not be found.',
          400,
        );
      }
      chosen.push(part);
    }
    // Parts are concatenated file to file, never held in memory together.
    const joined = this.store.incomingPath();
    await mkdir(path.dirname(joined), { recursive: true });
    const out = createWriteStream(joined);
    try {
      for (const part of chosen) await pipeline(createReadStream(part.path), out, { end: false });
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      out.destroy();
      await rm(joined, { force: true });
      throw error;
    }
    const etag = `"${createHash('md5')
      .update(Buffer.concat(chosen.map((part) => part.md5)))
      .digest('hex')}-${chosen.length}"`;
    await this.store.putObject(
      bucket,
      key,
      { path: joined, sizeBytes: out.bytesWritten, md5: Buffer.alloc(0) },
      upload.contentType,
      etag,
    );
    this.uploads.delete(uploadId);
    await this.store.removeUploadFolder(uploadId);
    return xmlResponse(
      `<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>/${escapeXml(bucket)}/${escapeXml(key)}</Location><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></CompleteMultipartUploadResult>`,
    );
  }

  /** AbortMultipartUpload (`DELETE ?uploadId=ID`). @throws `NoSuchUpload`. */
  async abort(query: URLSearchParams): Promise<SandboxResponse> {
    const uploadId = query.get('uploadId') ?? '';
    if (!this.uploads.delete(uploadId)) throw noSuchUpload();
    await this.store.removeUploadFolder(uploadId);
    return { status: 204 };
  }
}
