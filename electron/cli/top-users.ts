import { mostActiveUsers } from '../dataprep/index.js';

/**
 * The `count` most active USER_IDs of an interactions CSV (`.csv` or `.csv.gz`), most
 * interactions first, ties by id: real users to ask recommendations for. Read with DuckDB
 * (see `mostActiveUsers` of dataprep).
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID column, not
 *   UTF-8, or not parseable as CSV).
 */
export async function topUsers(filePath: string, count: number): Promise<string[]> {
  return (await mostActiveUsers(filePath, count)).map((user) => user.userId);
}
