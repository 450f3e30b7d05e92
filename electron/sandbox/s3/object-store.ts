import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file.js';
import { S3Error } from '../errors.js';

/** Metadata of one stored object. `etag` includes its quotes; times in epoch ms. */
export interface ObjectMeta {
  readonly key: string;
  readonly sizeBytes: number;
  readonly etag: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  /** File name of the object's bytes under the bucket folder. */
  readonly file: string;
}

const bucketFileSchema = z.object({
  createdAtMs: z.number(),
  objects: z.record(
    z.string(),
    z.object({ key: z.string(), sizeBytes: z.number(), etag: z.string(), lastModifiedMs: z.number(), contentType: z.string(), file: z.string() }),
  ),
});

interface Bucket {
  readonly name: string;
  readonly createdAtMs: number;
  readonly objects: Map<string, ObjectMeta>;
}

/** Bucket naming rules of S3 (3..63 chars, lower-case letters, digits, dots, hyphens). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u;

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
      this.buckets.set(entry.name, { name: entry.name, createdAtMs: parsed.createdAtMs, objects: new Map(Object.entries(parsed.objects)) });
    }
  }

  /** Buckets by name, with creation time (epoch ms). */
  listBuckets(): { name: string; createdAtMs: number }[] {
    return [...this.buckets.values()].map((bucket) => ({ name: bucket.name, createdAtMs: bucket.createdAtMs })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** True if the bucket exists. */
  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  /** Creates a bucket. @throws S3Error `InvalidBucketName` (400), `BucketAlreadyOwnedByYou` (409). */
  async createBucket(bucket: string): Promise<void> {
    if (!BUCKET_NAME.test(bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, `/${bucket}`);
    if (this.buckets.has(bucket)) {
      throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, `/${bucket}`);
    }
    const created: Bucket = { name: bucket, createdAtMs: Date.now(), objects: new Map() };
    this.buckets.set(bucket, created);
    await this.saveIndex(created);
  }

  /** Deletes an empty bucket. @throws S3Error `NoSuchBucket` (404), `BucketNotEmpty` (409). */
  async deleteBucket(bucket: string): Promise<void> {
    const found = this.requireBucket(bucket);
    if (found.objects.size > 0) throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, `/${bucket}`);
    this.buckets.delete(bucket);
    await rm(path.join(this.root, bucket), { recursive: true, force: true });
  }

  /** Objects of a bucket sorted by key (UTF-8 binary order, as S3). @throws `NoSuchBucket`. */
  listObjects(bucket: string, prefix: string): ObjectMeta[] {
    const found = this.requireBucket(bucket);
    return [...found.objects.values()].filter((object) => object.key.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  /** Metadata of one object. @throws S3Error `NoSuchBucket`, `NoSuchKey` (404). */
  headObject(bucket: string, key: string): ObjectMeta {
    const meta = this.requireBucket(bucket).objects.get(key);
    if (!meta) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, `/${bucket}/${key}`);
    return meta;
  }

  /** Absolute path of an object's bytes. @throws like {@link headObject}. */
  objectPath(bucket: string, key: string): string {
    return path.join(this.root, bucket, this.headObject(bucket, key).file);
  }

  /** Stores an object (replacing any earlier one); returns its metadata. @throws `NoSuchBucket`. */
  async putObject(bucket: string, key: string, body: Uint8Array, contentType: string, etag?: string): Promise<ObjectMeta> {
    const found = this.requireBucket(bucket);
    const file = `${createHash('sha256').update(key).digest('hex')}.bin`;
    await writeFileAtomic(path.join(this.root, bucket, file), body);
    const meta: ObjectMeta = {
      key,
      sizeBytes: body.byteLength,
      etag: etag ?? `"${createHash('md5').update(body).digest('hex')}"`,
      lastModifiedMs: Date.now(),
      contentType,
      file,
    };
    found.objects.set(key, meta);
    await this.saveIndex(found);
    return meta;
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
    const folder = path.join(this.root, '.uploads', uploadId);
    await mkdir(folder, { recursive: true });
    return folder;
  }

  /** Removes a multipart upload's parts. */
  async removeUploadFolder(uploadId: string): Promise<void> {
    await rm(path.join(this.root, '.uploads', uploadId), { recursive: true, force: true });
  }

  /** Writes a scratch file (multipart part) and returns its path. */
  async writePart(uploadId: string, partNumber: number, body: Uint8Array): Promise<string> {
    const partPath = path.join(await this.uploadFolder(uploadId), `${partNumber}-${randomUUID()}.part`);
    await writeFile(partPath, body);
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
      const body = JSON.stringify({ createdAtMs: bucket.createdAtMs, objects: Object.fromEntries(bucket.objects) });
      await writeFileAtomic(path.join(this.root, bucket.name, 'bucket.json'), body);
    });
    this.indexWrites = next.catch((error: unknown) => console.error('sandbox: S3 index write failed', error));
    return next;
  }
}
