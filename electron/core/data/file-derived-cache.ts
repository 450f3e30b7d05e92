import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.js';

interface Entry<T> {
  readonly mtimeMs: number;
  readonly value: Promise<T>;
}

/**
 * Caches a value derived from a file (an index, counts), one per path, rebuilt when the file's
 * mtime changes. A failed build is forgotten so that the next call tries again. Concurrent
 * callers share one build.
 */
export class FileDerivedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * @param build reads the file and derives the value (may throw AppError).
   * @param describe what the file is, for the not-found message ("Items file").
   */
  constructor(
    private readonly build: (filePath: string) => Promise<T>,
    private readonly describe: string,
  ) {}

  /**
   * The value derived from `filePath`, built on first use or after the file changed.
   * @throws AppError `file.notFound` when the file does not exist; whatever `build` throws.
   */
  async get(filePath: string): Promise<T> {
    const fileStat = await stat(filePath).catch((error: unknown) => {
      throw new AppError('file.notFound', `${this.describe} ${filePath} does not exist. Check the path or pick the file again.`, {
        cause: error,
        details: { path: filePath },
      });
    });
    const cached = this.entries.get(filePath);
    if (cached?.mtimeMs === fileStat.mtimeMs) return cached.value;
    const value = this.build(filePath);
    this.entries.set(filePath, { mtimeMs: fileStat.mtimeMs, value });
    value.catch(() => this.entries.delete(filePath));
    return value;
  }
}
