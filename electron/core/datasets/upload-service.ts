import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../../../shared/errors.js';
import { mapAwsError } from '../aws/aws-errors.js';
import { throwIfAborted } from '../jobs/poller.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** Dataset types the POC uploads. */
export type UploadDatasetType = 'interactions' | 'items' | 'users';

/** An uploaded dataset file: local working copy and its `s3://` location. */
export interface UploadedFile {
  readonly datasetType: UploadDatasetType;
  /** The file the guide chose (maybe `.gz`). */
  readonly sourcePath: string;
  /** Plain CSV the studio reads (the original, or a decompressed copy of a `.gz`). */
  readonly localPath: string;
  /** `s3://<bucket>/<datasetType>.csv` */
  readonly s3Uri: string;
  readonly sizeBytes: number;
  /** Modification time of the chosen file when uploaded, epoch ms: identifies this version of it. */
  readonly sourceMtimeMs: number;
}

/**
 * Returns a plain-CSV path for `sourcePath`: the file itself, or for `*.gz` a decompressed
 * working copy under `workDir` (reused when newer than the source). The source is never modified.
 * @throws AppError `file.notFound`, `file.unreadable`
 */
export async function workingCopy(sourcePath: string, workDir: string): Promise<string> {
  const sourceStat = await stat(sourcePath).catch((error: unknown) => {
    throw new AppError('file.notFound', `File ${sourcePath} does not exist or cannot be read.`, {
      cause: error,
    });
  });
  if (!sourcePath.endsWith('.gz')) return sourcePath;
  await mkdir(workDir, { recursive: true });
  const target = path.join(workDir, path.basename(sourcePath, '.gz'));
  const existing = await stat(target).catch(() => undefined);
  if (existing !== undefined && existing.mtimeMs >= sourceStat.mtimeMs && existing.size > 0)
    return target;
  try {
    await pipeline(createReadStream(sourcePath), createGunzip(), createWriteStream(target));
  } catch (error) {
    throw new AppError(
      'file.unreadable',
      `Cannot decompress ${sourcePath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return target;
}

/** A file of the guide to upload: its dataset type and path. */
export interface FileToUpload {
  readonly datasetType: UploadDatasetType;
  readonly sourcePath: string;
  /** The version that was checked (size in bytes, mtime in epoch ms): another one is not uploaded. */
  readonly expected?: { readonly sizeBytes: number; readonly mtimeMs: number };
}

/** Bytes uploaded so far of all the files of one {@link uploadFiles} call. */
export interface UploadProgress {
  /** Bytes sent, summed over the files (working copies: decompressed size). */
  readonly uploadedBytes: number;
  /** Bytes of all the files. */
  readonly totalBytes: number;
  /** Base name of the file being uploaded (`interactions.csv.gz`). */
  readonly fileName: string;
}

/**
 * Uploads the guide's CSV files to the workspace's bucket with `@aws-sdk/lib-storage`
 * (multipart above 5 MB), key `<datasetType>.csv`. A file whose size or mtime differs from its
 * `expected` (checked) version is refused before any byte is sent (every file is checked, and
 * decompressed when `.gz`, before the first upload, so the total is known).
 * `onProgress` hears the bytes sent after each part (lib-storage's `httpUploadProgress`) and once
 * a file is done; a failing listener does not fail the upload.
 * @returns one {@link UploadedFile} per file, in order.
 * @throws AppError `file.*`, `aws.*`, `job.cancelled`.
 */
export async function uploadFiles(
  context: ServiceContext,
  files: readonly FileToUpload[],
  onProgress?: (progress: UploadProgress) => Promise<void>,
): Promise<UploadedFile[]> {
  const bucket = context.workspace.setup.bucket;
  const prepared: (FileToUpload & { localPath: string; size: number; sourceMtimeMs: number })[] =
    [];
  for (const file of files) {
    const { sourcePath, expected } = file;
    const version = await stat(sourcePath);
    if (
      expected !== undefined &&
      (version.size !== expected.sizeBytes || version.mtimeMs !== expected.mtimeMs)
    )
      throw new AppError(
        'data.invalid',
        `${sourcePath} changed after it was checked (now ${version.size.toLocaleString('en-US')} bytes, modified ${new Date(version.mtimeMs).toISOString()}); nothing was uploaded. Open the Data step to check the new version, then import again.`,
        { details: { path: sourcePath } },
      );
    await context.report(`Preparing ${path.basename(sourcePath)}`);
    const localPath = await workingCopy(sourcePath, context.workDir);
    throwIfAborted(context.signal);
    const { size } = await stat(localPath);
    prepared.push({ ...file, localPath, size, sourceMtimeMs: version.mtimeMs });
  }
  const totalBytes = prepared.reduce((sum, file) => sum + file.size, 0);
  let sentBefore = 0;
  const uploaded: UploadedFile[] = [];
  for (const { datasetType, sourcePath, localPath, size, sourceMtimeMs } of prepared) {
    const fileName = path.basename(sourcePath);
    const tell = (sentOfFile: number): void => {
      // Progress only: a report that fails (the job ended meanwhile) must not fail the upload.
      onProgress?.({
        uploadedBytes: sentBefore + Math.min(size, sentOfFile),
        totalBytes,
        fileName,
      }).catch(() => undefined);
    };
    tell(0);
    const key = `${datasetType}.csv`;
    const upload = new Upload({
      client: context.clients.s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: createReadStream(localPath),
        ContentType: 'text/csv',
      },
      queueSize: 4,
      partSize: 8 * 1024 * 1024,
    });
    upload.on('httpUploadProgress', (event) => tell(event.loaded ?? 0));
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
    sentBefore += size;
    await onProgress?.({ uploadedBytes: sentBefore, totalBytes, fileName }).catch(() => undefined);
    uploaded.push({
      datasetType,
      sourcePath,
      localPath,
      s3Uri: `s3://${bucket}/${key}`,
      sizeBytes: size,
      sourceMtimeMs,
    });
  }
  return uploaded;
}
