import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { AppError } from '../../../shared/errors.js';
import { FileDerivedCache } from '../data/file-derived-cache.js';

/** Interactions per USER_ID of one interactions file. */
export type UserHistoryCounts = ReadonlyMap<string, number>;

/** A user of the interactions file and its number of interactions. */
export interface UserHistory {
  userId: string;
  historyCount: number;
}

/** Users to try in Explore: the heaviest, a few light ones, and ids absent from the file. */
export interface UserShortcuts {
  heavy: UserHistory[];
  light: UserHistory[];
  cold: string[];
}

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

  /**
   * Shortcut users of `filePath`: see {@link pickUserShortcuts}.
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID column).
   */
  async shortcuts(filePath: string, count = 3): Promise<UserShortcuts> {
    return pickUserShortcuts(await this.load(filePath), count);
  }
}

/**
 * Picks shortcut users from `counts`, deterministically (ties by user id):
 * heavy = the `count` users with the most interactions; light = `count` users with 2–3
 * interactions (or else those with the fewest interactions ≥ 2), never one already heavy;
 * cold = one id the file does not name (`new-customer-1`, `new-customer-2`, …).
 */
export function pickUserShortcuts(counts: UserHistoryCounts, count = 3): UserShortcuts {
  const byId = (a: UserHistory, b: UserHistory): number => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  const users = [...counts].map(([userId, historyCount]) => ({ userId, historyCount }));
  const heavy = [...users].sort((a, b) => b.historyCount - a.historyCount || byId(a, b)).slice(0, count);
  const heavyIds = new Set(heavy.map((user) => user.userId));
  const candidates = users.filter((user) => user.historyCount >= 2 && !heavyIds.has(user.userId));
  const inRange = candidates.filter((user) => user.historyCount <= 3).sort(byId);
  const light =
    inRange.length >= count
      ? inRange.slice(0, count)
      : [...inRange, ...candidates.filter((user) => user.historyCount > 3).sort((a, b) => a.historyCount - b.historyCount || byId(a, b))].slice(0, count);
  let n = 1;
  while (counts.has(`new-customer-${n}`)) n += 1;
  return { heavy, light, cold: [`new-customer-${n}`] };
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
