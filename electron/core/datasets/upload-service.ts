import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../../../shared/errors.js';
import { mapAwsError } from '../aws/aws-errors.js';
import { throwIfAborted } from '../jobs/poller.js';
import type { PocContext } from './poc-context.js';

/** Dataset types the POC uploads. */
export type UploadDatasetType = 'interactions' | 'items';

/** An uploaded dataset file: local working copy and its `s3://` location. */
export interface UploadedFile {
  readonly datasetType: UploadDatasetType;
  /** The file chosen in PocState.files (maybe `.gz`). */
  readonly sourcePath: string;
  /** Plain CSV the studio reads (the original, or a decompressed copy of a `.gz`). */
  readonly localPath: string;
  /** `s3://<bucket>/<datasetType>.csv` */
  readonly s3Uri: string;
  readonly sizeBytes: number;
}

/**
 * Returns a plain-CSV path for `sourcePath`: the file itself, or for `*.gz` a decompressed
 * working copy under `workDir` (reused when newer than the source). The source is never modified.
 * @throws AppError `file.notFound`, `file.unreadable`
 */
export async function workingCopy(sourcePath: string, workDir: string): Promise<string> {
  const sourceStat = await stat(sourcePath).catch((error: unknown) => {
    throw new AppError('file.notFound', `File ${sourcePath} does not exist or cannot be read.`, { cause: error });
  });
  if (!sourcePath.endsWith('.gz')) return sourcePath;
  await mkdir(workDir, { recursive: true });
  const target = path.join(workDir, path.basename(sourcePath, '.gz'));
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && existing.mtimeMs >= sourceStat.mtimeMs && existing.size > 0) return target;
  try {
    await pipeline(createReadStream(sourcePath), createGunzip(), createWriteStream(target));
  } catch (error) {
    throw new AppError('file.unreadable', `Cannot decompress ${sourcePath}: ${(error as Error).message}`, { cause: error });
  }
  return target;
}

/**
 * Uploads the POC's CSV files to its bucket with `@aws-sdk/lib-storage` (multipart above 5 MB).
 *
 * Uploads `interactions` (required) and `items` (when chosen) from PocState.files.
 * @returns one {@link UploadedFile} per uploaded type.
 * @throws AppError `poc.notReady` (no bucket / no interactions file), `file.*`, `aws.*`.
 */
export async function uploadPocFiles(context: PocContext): Promise<UploadedFile[]> {
  const state = context.getState();
  const bucket = state.bucket;
  if (bucket === undefined) throw new AppError('poc.notReady', 'The POC has no bucket yet: run the environment step first.');
  if (state.files.interactions === undefined) throw new AppError('poc.notReady', 'Choose an interactions file first.');
  const chosen: [UploadDatasetType, string][] = [['interactions', state.files.interactions]];
  if (state.files.items !== undefined) chosen.push(['items', state.files.items]);
  const uploaded: UploadedFile[] = [];
  for (const [datasetType, sourcePath] of chosen) {
    await context.report(`Uploading ${path.basename(sourcePath)}`);
    const localPath = await workingCopy(sourcePath, context.workDir);
    throwIfAborted(context.signal);
    const key = `${datasetType}.csv`;
    const { size } = await stat(localPath);
    const upload = new Upload({
      client: context.clients.s3,
      params: { Bucket: bucket, Key: key, Body: createReadStream(localPath), ContentType: 'text/csv' },
      queueSize: 4,
      partSize: 8 * 1024 * 1024,
    });
    const onAbort = (): void => {
      upload.abort().catch(() => {
        // Cancelling anyway: a failed abort leaves at most an incomplete multipart upload, which teardown removes with the bucket.
      });
    };
    context.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await upload.done();
    } catch (error) {
      throwIfAborted(context.signal);
      throw mapAwsError(error, `Upload s3://${bucket}/${key}`);
    } finally {
      context.signal?.removeEventListener('abort', onAbort);
    }
    throwIfAborted(context.signal);
    uploaded.push({ datasetType, sourcePath, localPath, s3Uri: `s3://${bucket}/${key}`, sizeBytes: size });
  }
  return uploaded;
}
