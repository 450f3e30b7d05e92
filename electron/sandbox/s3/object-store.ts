import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file.js';
import { S3Error } from '../errors.js';
import type { StreamedUpload } from '../http-types.js';
import { invalidBucketName, isValidBucketName } from './paths.js';

/** One S3 tag (bucket or object), in the order it was put. */
export interface S3Tag {
  readonly key: string;
  readonly value: string;
}

/** Metadata of one stored object. `etag` includes its quotes; times in epoch ms. */
export interface ObjectMeta {
  readonly key: string;
  readonly sizeBytes: number;
  readonly etag: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  /** File name of the object's bytes under the bucket folder. */
  readonly file: string;
  /** User metadata (`x-amz-meta-<name>`, names lower-case without the prefix). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Object tags (PutObjectTagging, `x-amz-tagging`). */
  readonly tags?: readonly S3Tag[];
}

/** Optional parts of an object beyond its bytes and content type. */
export interface ObjectExtras {
  readonly metadata?: Readonly<Record<string, string>>;
  readonly tags?: readonly S3Tag[];
}

/** The four S3 Block Public Access flags of a bucket. */
export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

/** A bucket's default encryption rule (`AES256` = SSE-S3, `aws:kms`, `aws:kms:dsse`). */
export interface BucketEncryption {
  readonly algorithm: string;
  readonly kmsKeyId?: string;
  readonly bucketKeyEnabled: boolean;
}

/**
 * Bucket sub-resources kept with the bucket (in its `bucket.json`).
 *
 * `region` is the bucket's LocationConstraint resolved (`us-east-1` when none was given);
 * `policy` the policy text exactly as put; absent members mean "not configured".
 */
export interface BucketAttributes {
  readonly region: string;
  readonly policy?: string;
  readonly tags?: readonly S3Tag[];
  readonly publicAccessBlock?: PublicAccessBlock;
  readonly encryption: BucketEncryption;
}

/**
 * The default encryption of every bucket: SSE-S3 (`AES256`), as S3 applies to all buckets
 * since 2023-01-05 ("Amazon S3 now automatically encrypts all new objects"). DeleteBucketEncryption
 * resets to it, so `ServerSideEncryptionConfigurationNotFoundError` is never answered.
 */
export const DEFAULT_ENCRYPTION: BucketEncryption = {
  algorithm: 'AES256',
  bucketKeyEnabled: false,
};

/**
 * Block Public Access of a new bucket: all four flags on, as S3 sets them on every new bucket
 * since April 2023. DeletePublicAccessBlock removes them (then `NoSuchPublicAccessBlockConfiguration`).
 */
export const DEFAULT_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

const tagSchema = z.object({ key: z.string(), value: z.string() });

const bucketFileSchema = z.object({
  createdAtMs: z.number(),
  // Optional so that bucket files written before these sub-resources existed still load.
  region: z.string().optional(),
  policy: z.string().optional(),
  tags: z.array(tagSchema).optional(),
  publicAccessBlock: z
    .object({
      blockPublicAcls: z.boolean(),
      ignorePublicAcls: z.boolean(),
      blockPublicPolicy: z.boolean(),
      restrictPublicBuckets: z.boolean(),
    })
    .optional(),
  encryption: z
    .object({
      algorithm: z.string(),
      kmsKeyId: z.string().optional(),
      bucketKeyEnabled: z.boolean(),
    })
    .optional(),
  objects: z.record(
    z.string(),
    z.object({
      key: z.string(),
      sizeBytes: z.number(),
      etag: z.string(),
      lastModifiedMs: z.number(),
      contentType: z.string(),
      file: z.string(),
      metadata: z.record(z.string(), z.string()).optional(),
      tags: z.array(tagSchema).optional(),
    }),
  ),
});

interface Bucket {
  readonly name: string;
  readonly createdAtMs: number;
  readonly objects: Map<string, ObjectMeta>;
  attributes: BucketAttributes;
}

function objectFile(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}.bin`;
}

function withExtras(extras: ObjectExtras): ObjectExtras {
  return {
    ...(extras.metadata !== undefined && Object.keys(extras.metadata).length > 0
      ? { metadata: extras.metadata }
      : {}),
    ...(extras.tags !== undefined && extras.tags.length > 0 ? { tags: extras.tags } : {}),
  };
}

/** Folder of multipart part files, one sub-folder per open upload. */
const UPLOADS_FOLDER = '.uploads';
/** Folder of request bodies being received (PutObject, UploadPart) before they are placed. */
const INCOMING_FOLDER = '.incoming';

function isStreamed(body: Uint8Array | StreamedUpload): body is StreamedUpload {
  return !(body instanceof Uint8Array);
}

function isEnoent(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** `NoSuchBucket` (404). */
export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, `/${bucket}`);
}

/**
 * The sandbox's S3 store: buckets are folders under `<dataDir>/s3/`, each with a `bucket.json`
 * index (written atomically) and one file per object (named by a hash of the key, so any key
 * is safe on disk).
 */
export class ObjectStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly root: string;
  private indexWrites: Promise<void> = Promise.resolve();

  /** Creates a store under `<dataDir>/s3` (call {@link load} first). */
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 's3');
  }

  /** Reads every bucket index from disk. */
  async load(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    // Open multipart uploads live in memory only, so after a restart (or a crash) every part
    // file and half-received upload is an orphan: nothing can complete it any more.
    await rm(path.join(this.root, UPLOADS_FOLDER), { recursive: true, force: true });
    await rm(path.join(this.root, INCOMING_FOLDER), { recursive: true, force: true });
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      let text: string;
      try {
        text = await readFile(path.join(this.root, entry.name, 'bucket.json'), 'utf8');
      } catch (error) {
        if (isEnoent(error)) continue;
        throw error;
      }
      const parsed = bucketFileSchema.parse(JSON.parse(text));
      const attributes: BucketAttributes = {
        region: parsed.region ?? 'us-east-1',
        encryption: parsed.encryption ?? DEFAULT_ENCRYPTION,
        ...(parsed.policy === undefined ? {} : { policy: parsed.policy }),
        ...(parsed.tags === undefined ? {} : { tags: parsed.tags }),
        ...(parsed.publicAccessBlock === undefined
          ? {}
          : { publicAccessBlock: parsed.publicAccessBlock }),
      };
      this.buckets.set(entry.name, {
        name: entry.name,
        createdAtMs: parsed.createdAtMs,
        objects: new Map(Object.entries(parsed.objects)),
        attributes,
      });
    }
  }

  /** Buckets by name, with creation time (epoch ms). */
  listBuckets(): { name: string; createdAtMs: number }[] {
    return [...this.buckets.values()]
      .map((bucket) => ({ name: bucket.name, createdAtMs: bucket.createdAtMs }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** True if the bucket exists. */
  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  /**
   * Creates a bucket in `region` (default `us-east-1`) with the S3 defaults of a new bucket
   * ({@link DEFAULT_ENCRYPTION}, {@link DEFAULT_PUBLIC_ACCESS_BLOCK}).
   *
   * @throws S3Error `InvalidBucketName` (400), `BucketAlreadyOwnedByYou` (409).
   */
  async createBucket(bucket: string, region = 'us-east-1'): Promise<void> {
    if (!isValidBucketName(bucket)) throw invalidBucketName(bucket);
    if (this.buckets.has(bucket)) {
      throw new S3Error(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        409,
        `/${bucket}`,
      );
    }
    const attributes: BucketAttributes = {
      region,
      encryption: DEFAULT_ENCRYPTION,
      publicAccessBlock: DEFAULT_PUBLIC_ACCESS_BLOCK,
    };
    const created: Bucket = {
      name: bucket,
      createdAtMs: Date.now(),
      objects: new Map(),
      attributes,
    };
    this.buckets.set(bucket, created);
    await this.saveIndex(created);
  }

  /** Sub-resources of a bucket (region, policy, tags, ...). @throws S3Error `NoSuchBucket` (404). */
  bucketAttributes(bucket: string): BucketAttributes {
    return this.requireBucket(bucket).attributes;
  }

  /**
   * Changes sub-resources of a bucket (members set to `undefined` are removed) and persists them.
   *
   * @throws S3Error `NoSuchBucket` (404).
   */
  async updateBucketAttributes(bucket: string, change: Partial<BucketAttributes>): Promise<void> {
    const found = this.requireBucket(bucket);
    const merged = Object.entries({ ...found.attributes, ...change }).filter(
      ([, value]) => value !== undefined,
    );
    // Every key comes from BucketAttributes, and `region`/`encryption` are never set to undefined.
    found.attributes = Object.fromEntries(merged) as unknown as BucketAttributes;
    await this.saveIndex(found);
  }

  /** Deletes an empty bucket. @throws S3Error `NoSuchBucket` (404), `BucketNotEmpty` (409). */
  async deleteBucket(bucket: string): Promise<void> {
    const found = this.requireBucket(bucket);
    if (found.objects.size > 0)
      throw new S3Error(
        'BucketNotEmpty',
        'The bucket you tried to delete is not empty',
        409,
        `/${bucket}`,
      );
    this.buckets.delete(bucket);
    await rm(path.join(this.root, bucket), { recursive: true, force: true });
  }

  /** Objects of a bucket sorted by key (UTF-8 binary order, as S3). @throws `NoSuchBucket`. */
  listObjects(bucket: string, prefix: string): ObjectMeta[] {
    const found = this.requireBucket(bucket);
    return [...found.objects.values()]
      .filter((object) => object.key.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  /** Metadata of one object. @throws S3Error `NoSuchBucket`, `NoSuchKey` (404). */
  headObject(bucket: string, key: string): ObjectMeta {
    const meta = this.requireBucket(bucket).objects.get(key);
    if (!meta)
      throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, `/${bucket}/${key}`);
    return meta;
  }

  /** Absolute path of an object's bytes. @throws like {@link headObject}. */
  objectPath(bucket: string, key: string): string {
    return path.join(this.root, bucket, this.headObject(bucket, key).file);
  }

  /** A fresh path under `<dataDir>/s3/.incoming/` for a request body being received (swept by {@link load}). */
  incomingPath(): string {
    return path.join(this.root, INCOMING_FOLDER, `${randomUUID()}.body`);
  }

  /**
   * Stores an object (replacing any earlier one); returns its metadata. `body` is bytes, or a
   * streamed upload whose file (under the data dir) is moved into place.
   *
   * @throws `NoSuchBucket`.
   */
  async putObject(
    bucket: string,
    key: string,
    body: Uint8Array | StreamedUpload,
    contentType: string,
    etag?: string,
    extras: ObjectExtras = {},
  ): Promise<ObjectMeta> {
    const found = this.requireBucket(bucket);
    const file = objectFile(key);
    const target = path.join(this.root, bucket, file);
    if (isStreamed(body)) await rename(body.path, target);
    else await writeFileAtomic(target, body);
    const md5Hex = isStreamed(body)
      ? body.md5.toString('hex')
      : createHash('md5').update(body).digest('hex');
    const meta: ObjectMeta = {
      key,
      sizeBytes: isStreamed(body) ? body.sizeBytes : body.byteLength,
      etag: etag ?? `"${md5Hex}"`,
      lastModifiedMs: Date.now(),
      contentType,
      file,
      ...withExtras(extras),
    };
    found.objects.set(key, meta);
    await this.saveIndex(found);
    return meta;
  }

  /**
   * CopyObject: copies the bytes of `source` to `target` (replacing any object there) with
   * the given content type and extras; the ETag is the MD5 of the bytes (a copy of a multipart
   * object gets a plain ETag, as in S3). Copying onto itself only rewrites the metadata.
   *
   * @throws S3Error `NoSuchBucket`, `NoSuchKey` (404).
   */
  async copyObject(
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
    contentType: string,
    extras: ObjectExtras,
  ): Promise<ObjectMeta> {
    const from = this.headObject(source.bucket, source.key);
    const found = this.requireBucket(target.bucket);
    const sourcePath = path.join(this.root, source.bucket, from.file);
    const file = objectFile(target.key);
    const targetPath = path.join(this.root, target.bucket, file);
    if (sourcePath !== targetPath) {
      const temp = `${targetPath}.${randomUUID()}.tmp`;
      await copyFile(sourcePath, temp);
      await rename(temp, targetPath);
    }
    const bytes = await readFile(targetPath);
    const meta: ObjectMeta = {
      key: target.key,
      sizeBytes: bytes.byteLength,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      lastModifiedMs: Date.now(),
      contentType,
      file,
      ...withExtras(extras),
    };
    found.objects.set(target.key, meta);
    await this.saveIndex(found);
    return meta;
  }

  /** Replaces an object's tags (empty list = none). @throws S3Error `NoSuchBucket`, `NoSuchKey` (404). */
  async setObjectTags(bucket: string, key: string, tags: readonly S3Tag[]): Promise<void> {
    const meta = this.headObject(bucket, key);
    const found = this.requireBucket(bucket);
    const { tags: _previous, ...rest } = meta;
    found.objects.set(key, tags.length === 0 ? rest : { ...rest, tags });
    await this.saveIndex(found);
  }

  /** Deletes an object; a missing key is not an error (S3 semantics). @throws `NoSuchBucket`. */
  async deleteObject(bucket: string, key: string): Promise<void> {
    const found = this.requireBucket(bucket);
    const meta = found.objects.get(key);
    if (!meta) return;
    found.objects.delete(key);
    await this.saveIndex(found);
    await rm(path.join(this.root, bucket, meta.file), { force: true });
  }

  /** Folder for multipart parts of one upload (created). */
  async uploadFolder(uploadId: string): Promise<string> {
    const folder = path.join(this.root, UPLOADS_FOLDER, uploadId);
    await mkdir(folder, { recursive: true });
    return folder;
  }

  /** Removes a multipart upload's parts. */
  async removeUploadFolder(uploadId: string): Promise<void> {
    await rm(path.join(this.root, UPLOADS_FOLDER, uploadId), { recursive: true, force: true });
  }

  /** Writes (or, for a streamed upload, moves) a multipart part file and returns its path. */
  async writePart(
    uploadId: string,
    partNumber: number,
    body: Uint8Array | StreamedUpload,
  ): Promise<string> {
    const partPath = path.join(
      await this.uploadFolder(uploadId),
      `${partNumber}-${randomUUID()}.part`,
    );
    if (isStreamed(body)) await rename(body.path, partPath);
    else await writeFile(partPath, body);
    return partPath;
  }

  private requireBucket(bucket: string): Bucket {
    const found = this.buckets.get(bucket);
    if (!found) throw noSuchBucket(bucket);
    return found;
  }

  /** Writes a bucket index; writes are serialised and each one snapshots the newest state. */
  private saveIndex(bucket: Bucket): Promise<void> {
    const next = this.indexWrites.then(async () => {
      if (this.buckets.get(bucket.name) !== bucket) return;
      const body = JSON.stringify({
        createdAtMs: bucket.createdAtMs,
        ...bucket.attributes,
        objects: Object.fromEntries(bucket.objects),
      });
      await writeFileAtomic(path.join(this.root, bucket.name, 'bucket.json'), body);
    });
    this.indexWrites = next.catch((error: unknown) =>
      console.error('sandbox: S3 index write failed', error),
    );
    return next;
  }
}
