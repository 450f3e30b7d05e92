import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';
import { folderMessage } from './duckdb.js';

interface Entry<T> {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly value: Promise<T>;
}

/**
 * Caches a value derived from a customer file (an index, per-user counts), one per path, rebuilt
 * when the file's size or mtime changes (the key is path, size, mtime).
 *
 * A failed build is forgotten so that the next call tries again; concurrent callers share one
 * build. Holds only what `build` returns, never the file's rows.
 */
export class FileCache<T> {
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
   * `variant` (e.g. the encoding the user chose) is part of the key: each variant of one file
   * has its own entry, so a value built for one encoding is never returned for another.
   *
   * @throws AppError `file.notFound` "<describe> <path> does not exist. Check the path or pick
   *   the file again."; `file.unreadable` when the path names a folder; whatever `build` throws.
   */
  async get(filePath: string, variant?: string): Promise<T> {
    const fileStat = await stat(filePath).catch((error: unknown) => {
      throw new AppError(
        'file.notFound',
        `${this.describe} ${filePath} does not exist. Check the path or pick the file again.`,
        {
          cause: error,
          details: { path: filePath },
        },
      );
    });
    if (!fileStat.isFile())
      throw new AppError('file.unreadable', folderMessage(filePath), {
        details: { path: filePath },
      });
    const key = variant === undefined ? filePath : `${filePath}\u0000${variant}`;
    const cached = this.entries.get(key);
    if (cached?.mtimeMs === fileStat.mtimeMs && cached.sizeBytes === fileStat.size)
      return cached.value;
    const entry: Entry<T> = {
      sizeBytes: fileStat.size,
      mtimeMs: fileStat.mtimeMs,
      value: this.build(filePath),
    };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  /** Forgets every entry (the next {@link get} builds again). */
  clear(): void {
    this.entries.clear();
  }
}
