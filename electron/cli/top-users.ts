import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { AppError } from '../../shared/errors.js';

/**
 * The `count` most active USER_IDs of an interactions CSV (`.csv` or `.csv.gz`), most
 * interactions first, ties by id: real users to ask recommendations for.
 * @throws AppError `file.unreadable`, `data.invalid` (no USER_ID column).
 */
export async function topUsers(filePath: string, count: number): Promise<string[]> {
  const counts = new Map<string, number>();
  let source: Readable = createReadStream(filePath);
  if (filePath.endsWith('.gz')) source = source.pipe(createGunzip());
  try {
    for await (const record of source.pipe(parse({ columns: true, bom: true, skip_empty_lines: true })) as AsyncIterable<Record<string, string>>) {
      const userId = record.USER_ID;
      if (userId === undefined) throw new AppError('data.invalid', `${filePath} has no USER_ID column.`);
      counts.set(userId, (counts.get(userId) ?? 0) + 1);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('file.unreadable', `Cannot read ${filePath}: ${(error as Error).message}`, { cause: error });
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([userId]) => userId);
}
