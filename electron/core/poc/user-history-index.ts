import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { AppError } from '../../../shared/errors.js';
import { FileDerivedCache } from '../files/file-derived-cache.js';

/** Interactions per USER_ID of one interactions file. */
export type UserHistoryCounts = ReadonlyMap<string, number>;

/**
 * Lazily built index USER_ID → number of interactions of an interactions CSV (`.csv` or
 * `.csv.gz`), to tell a known user from a cold one beside recommendations. One pass over the
 * file on first use, then one map look-up per question; rebuilt when the file's mtime changes.
 */
export class UserHistoryIndex {
  private readonly cache = new FileDerivedCache<UserHistoryCounts>(countUsers, 'Interactions file');

  /**
   * Interactions of `userId` in `filePath` (0 for a user the file does not name).
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID column).
   */
  async count(filePath: string, userId: string): Promise<number> {
    const counts = await this.load(filePath);
    return counts.get(userId) ?? 0;
  }

  /**
   * The counts of every user of `filePath`.
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID column).
   */
  async load(filePath: string): Promise<UserHistoryCounts> {
    return this.cache.get(filePath);
  }
}

async function countUsers(filePath: string): Promise<UserHistoryCounts> {
  const counts = new Map<string, number>();
  let source: Readable = createReadStream(filePath);
  if (filePath.endsWith('.gz')) source = source.pipe(createGunzip());
  // Rows as arrays (no object per row): the header row gives the USER_ID column's position.
  const parser = source.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
  let column = -1;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (column < 0) {
        column = row.findIndex((name) => name.trim().toUpperCase() === 'USER_ID');
        if (column < 0) throw new AppError('data.invalid', `${filePath} has no USER_ID column.`);
        continue;
      }
      const userId = row[column];
      if (userId !== undefined && userId !== '') counts.set(userId, (counts.get(userId) ?? 0) + 1);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('file.unreadable', `Cannot read ${filePath}: ${(error as Error).message}`, { cause: error });
  }
  return counts;
}
