import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';

/**
 * Reads and parses a JSON file.
 *
 * Returns `undefined` when the file does not exist.
 * @throws AppError `file.unreadable` when the file exists but is not valid JSON.
 */
export async function readJsonFile(filePath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('file.unreadable', `Cannot read ${filePath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError(
      'file.unreadable',
      `${filePath} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Writes `value` as pretty JSON atomically: a temp file beside the target, then `rename`.
 *
 * A crash mid-write leaves either the old or the new content, never half a file.
 * Creates the parent directory when missing, unless `canCreateParent` is false (a file that
 * belongs in a folder someone else owns, such as a workspace's: a deleted folder is not
 * recreated, the write fails with ENOENT).
 */
export async function writeJsonFileAtomic(
  filePath: string,
  value: unknown,
  options: { readonly canCreateParent?: boolean } = {},
): Promise<void> {
  if (options.canCreateParent !== false) await mkdir(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  await rename(temporary, filePath);
}

/**
 * Serialises async writers: each `run` starts after the previous one settled.
 *
 * Used so that concurrent state changes reach the disk in the order they were made.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; resolves/rejects with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
