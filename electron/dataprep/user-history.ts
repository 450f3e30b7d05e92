import { AppError } from '../../shared/errors.js';
import { isEmptyCsv } from './csv-format.js';
import { openTextCsv } from './csv-text.js';
import { resolveColumn } from './data-checks.js';
import {
  assertCsvFile,
  queryCsv,
  quoteIdentifier,
  toNumber,
  toText,
  withConnection,
} from './duckdb.js';
import { FileCache } from './file-cache.js';
import {
  readUserInteractionsTable,
  type EventTypeCount,
  type IndexedInteraction,
  type UserInteractionsTable,
} from './user-interactions-index.js';

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

/** One interaction of a user, as the interactions file holds it. */
export interface UserInteraction {
  /** ITEM_ID, as written in the file. */
  readonly itemId: string;
  /** TIMESTAMP in epoch seconds; absent when the file has no TIMESTAMP column or the cell is empty or not a number. */
  readonly timestamp?: number;
  /** EVENT_TYPE; absent when the file has no EVENT_TYPE column or the cell is empty. */
  readonly eventType?: string;
  /** EVENT_VALUE; absent when the file has no EVENT_VALUE column or the cell is empty or not a number. */
  readonly eventValue?: number;
}

/** The history of one user: its number of interactions and the most recent of them. */
export interface UserInteractions {
  readonly userId: string;
  /** All interactions of the user in the file (0 for a user the file does not name). */
  readonly historyCount: number;
  /** At most the requested number of interactions, most recent first (see {@link UserHistoryIndex.history}). */
  readonly interactions: readonly UserInteraction[];
}

function noUserIdColumn(filePath: string): AppError {
  return new AppError('data.invalid', `${filePath} has no USER_ID column.`, {
    details: { path: filePath },
  });
}

function column(columns: readonly string[], canonical: string): string | undefined {
  return resolveColumn(
    columns.map((name) => ({ name })),
    canonical,
  );
}

/** SQL condition that keeps rows with a USER_ID (an empty cell is no user). */
function hasUser(quotedUser: string): string {
  return `${quotedUser} IS NOT NULL AND ${quotedUser} <> ''`;
}

/**
 * Per-user interaction counts of an interactions CSV, aggregated by DuckDB (one GROUP BY scan,
 * one JS entry per user, none per row). USER_ID is found by header name, case-insensitively;
 * values are compared as written (text). An empty file has no users.
 */
async function countUsers(filePath: string): Promise<UserHistoryCounts> {
  // FileCache has checked that the path names a file.
  if (await isEmptyCsv(filePath)) return new Map();
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, filePath);
      const user = column(columns, 'USER_ID');
      if (user === undefined) throw noUserIdColumn(filePath);
      const quoted = quoteIdentifier(user);
      const reader = await connection.runAndReadAll(
        `SELECT ${quoted} AS user_id, count(*) AS n FROM ${source} WHERE ${hasUser(quoted)} GROUP BY ${quoted}`,
        { path: filePath },
      );
      const [ids = [], counts = []] = reader.getColumnsJS();
      const out = new Map<string, number>();
      ids.forEach((id, index) => out.set(toText(id), toNumber(counts[index])));
      return out;
    }),
  );
}

/**
 * Lazily built index USER_ID → number of interactions of an interactions CSV (`.csv` or
 * `.csv.gz`, any separator DuckDB reads), to tell a known user from a cold one beside
 * recommendations. One DuckDB scan of the file on first use, then one map look-up per question;
 * rebuilt when the file's size or mtime changes. Holds one entry per user, never the rows.
 */
export class UserHistoryIndex {
  private readonly cache = new FileCache<UserHistoryCounts>(countUsers, 'Interactions file');
  private readonly tables = new FileCache<UserInteractionsTable>(
    readUserInteractionsTable,
    'Interactions file',
  );

  /**
   * Every interaction of `userId` in `filePath`, most recent first (the order of
   * {@link history}), from an index of the whole file built by one DuckDB scan on first use
   * and kept until the file changes: one look-up per call, no scan (the filter dry run asks
   * this on every request).
   *
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID or ITEM_ID
   *   column, not UTF-8, or not parseable as CSV).
   */
  async allInteractions(filePath: string, userId: string): Promise<IndexedInteraction[]> {
    return (await this.tables.get(filePath)).of(userId);
  }

  /**
   * The event types of `filePath` with their row counts, most frequent first (ties by value),
   * from the same index as {@link allInteractions}; `hasEventType` is false when the file has
   * no EVENT_TYPE column (then `eventTypes` is empty).
   *
   * @throws AppError as {@link allInteractions}.
   */
  async eventTypes(
    filePath: string,
  ): Promise<{ hasEventType: boolean; eventTypes: readonly EventTypeCount[] }> {
    const table = await this.tables.get(filePath);
    return { hasEventType: table.hasEventType, eventTypes: table.eventTypes };
  }

  /**
   * Interactions of `userId` in `filePath` (0 for a user the file does not name).
   *
   * @throws AppError `file.notFound`, `file.unreadable` (a folder), `data.invalid` (no USER_ID
   *   column, not UTF-8, or not parseable as CSV).
   */
  async count(filePath: string, userId: string): Promise<number> {
    const counts = await this.load(filePath);
    return counts.get(userId) ?? 0;
  }

  /**
   * The counts of every user of `filePath` (the same map until the file changes).
   *
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (as {@link count}).
   */
  async load(filePath: string): Promise<UserHistoryCounts> {
    return this.cache.get(filePath);
  }

  /**
   * Shortcut users of `filePath`: see {@link pickUserShortcuts}.
   *
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (as {@link count}).
   */
  async shortcuts(filePath: string, count = 3): Promise<UserShortcuts> {
    return pickUserShortcuts(await this.load(filePath), count);
  }

  /**
   * The `limit` most recent interactions of `userId` in `filePath`, with its total count.
   *
   * Most recent first: by TIMESTAMP (epoch seconds, read as a number) descending, ties by ITEM_ID
   * then EVENT_TYPE; rows whose TIMESTAMP is empty or not a number come last. Without a TIMESTAMP
   * column the last rows of the file come first. `timestamp`, `eventType` and `eventValue` are
   * set when the file has that column (found case-insensitively) and the cell holds a value.
   * Runs one filtered DuckDB scan per call (the rows are not cached); a user the file does not
   * name has no interactions.
   *
   * @param limit 1 or more (20 by default).
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no USER_ID or ITEM_ID
   *   column, not UTF-8, or not parseable as CSV).
   */
  async history(filePath: string, userId: string, limit = 20): Promise<UserInteractions> {
    const historyCount = await this.count(filePath, userId);
    if (historyCount === 0) return { userId, historyCount, interactions: [] };
    const interactions = await readUserInteractions(
      filePath,
      userId,
      Math.max(1, Math.floor(limit)),
    );
    return { userId, historyCount, interactions };
  }
}

async function readUserInteractions(
  filePath: string,
  userId: string,
  limit: number,
): Promise<UserInteraction[]> {
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, filePath);
      const user = column(columns, 'USER_ID');
      if (user === undefined) throw noUserIdColumn(filePath);
      const item = column(columns, 'ITEM_ID');
      if (item === undefined)
        throw new AppError('data.invalid', `${filePath} has no ITEM_ID column.`, {
          details: { path: filePath },
        });
      const timestamp = column(columns, 'TIMESTAMP');
      const eventType = column(columns, 'EVENT_TYPE');
      const eventValue = column(columns, 'EVENT_VALUE');
      const selects = [`${quoteIdentifier(item)} AS item_id`];
      if (timestamp !== undefined)
        selects.push(`TRY_CAST(${quoteIdentifier(timestamp)} AS DOUBLE) AS ts`);
      if (eventType !== undefined) selects.push(`${quoteIdentifier(eventType)} AS event_type`);
      if (eventValue !== undefined)
        selects.push(`TRY_CAST(${quoteIdentifier(eventValue)} AS DOUBLE) AS event_value`);
      const where = `${quoteIdentifier(user)} = $userId`;
      // Without timestamps, file order (DuckDB keeps insertion order) read backwards is the best guess of recency.
      const order =
        timestamp === undefined
          ? ''
          : ` ORDER BY ts DESC NULLS LAST, item_id${eventType === undefined ? '' : ', event_type NULLS LAST'} LIMIT ${limit}`;
      const reader = await connection.runAndReadAll(
        `SELECT ${selects.join(', ')} FROM ${source} WHERE ${where}${order}`,
        { path: filePath, userId },
      );
      const rows = reader.getRowObjectsJS();
      const recent = timestamp === undefined ? rows.reverse().slice(0, limit) : rows;
      return recent.map((row) => ({
        itemId: toText(row.item_id),
        ...(row.ts === null || row.ts === undefined ? {} : { timestamp: toNumber(row.ts) }),
        ...(row.event_type === null || row.event_type === undefined
          ? {}
          : { eventType: toText(row.event_type) }),
        ...(row.event_value === null || row.event_value === undefined
          ? {}
          : { eventValue: toNumber(row.event_value) }),
      }));
    }),
  );
}

/**
 * The `count` users with the most interactions in an interactions CSV, most first, ties by id
 * (code-point order): real users to ask recommendations for. One DuckDB GROUP BY with a top-N;
 * nothing is cached. Rows with an empty USER_ID are not counted; an empty file has no users.
 *
 * @throws AppError `file.notFound`, `file.unreadable` (a folder), `data.invalid` (no USER_ID
 *   column, not UTF-8, or not parseable as CSV).
 */
export async function mostActiveUsers(filePath: string, count: number): Promise<UserHistory[]> {
  await assertCsvFile(filePath);
  const limit = Math.max(0, Math.floor(count));
  if (limit === 0 || (await isEmptyCsv(filePath))) return [];
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, filePath);
      const user = column(columns, 'USER_ID');
      if (user === undefined) throw noUserIdColumn(filePath);
      const quoted = quoteIdentifier(user);
      const reader = await connection.runAndReadAll(
        `SELECT ${quoted} AS user_id, count(*) AS n FROM ${source} WHERE ${hasUser(quoted)} GROUP BY ${quoted} ORDER BY n DESC, user_id COLLATE C LIMIT ${limit}`,
        { path: filePath },
      );
      return reader
        .getRowObjectsJS()
        .map((row) => ({ userId: toText(row.user_id), historyCount: toNumber(row.n) }));
    }),
  );
}

/**
 * Picks shortcut users from `counts`, deterministically (ties by user id, code-point order):
 * heavy = the `count` users with the most interactions; light = `count` users with 2–3
 * interactions (or else those with the fewest interactions ≥ 2), never one already heavy;
 * cold = one id the file does not name (`new-customer-1`, `new-customer-2`, …).
 */
export function pickUserShortcuts(counts: UserHistoryCounts, count = 3): UserShortcuts {
  const byId = (a: UserHistory, b: UserHistory): number =>
    a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
  const users = [...counts].map(([userId, historyCount]) => ({ userId, historyCount }));
  const heavy = [...users]
    .sort((a, b) => b.historyCount - a.historyCount || byId(a, b))
    .slice(0, count);
  const heavyIds = new Set(heavy.map((user) => user.userId));
  const candidates = users.filter((user) => user.historyCount >= 2 && !heavyIds.has(user.userId));
  const inRange = candidates.filter((user) => user.historyCount <= 3).sort(byId);
  const light =
    inRange.length >= count
      ? inRange.slice(0, count)
      : [
          ...inRange,
          ...candidates
            .filter((user) => user.historyCount > 3)
            .sort((a, b) => a.historyCount - b.historyCount || byId(a, b)),
        ].slice(0, count);
  let n = 1;
  while (counts.has(`new-customer-${n}`)) n += 1;
  return { heavy, light, cold: [`new-customer-${n}`] };
}
