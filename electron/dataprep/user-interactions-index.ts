import { AppError } from '../../shared/errors.js';
import { isEmptyCsv } from './csv-format.js';
import { openTextCsv } from './csv-text.js';
import { resolveColumn } from './data-checks.js';
import { queryCsv, quoteIdentifier, toNumber, toText, withConnection } from './duckdb.js';

/** One interaction of a user as the index holds it (see {@link UserInteractionsTable.of}). */
export interface IndexedInteraction {
  /** ITEM_ID, as written in the file. */
  readonly itemId: string;
  /** TIMESTAMP in epoch seconds; absent when the file has none or the cell is not a number. */
  readonly timestamp?: number;
  /** EVENT_TYPE as written; absent when the file has no EVENT_TYPE column or the cell is empty. */
  readonly eventType?: string;
}

/** An event type of an interactions file and its number of rows. */
export interface EventTypeCount {
  readonly value: string;
  readonly count: number;
}

/**
 * Every interaction of an interactions file, grouped by user, in typed arrays: item and event
 * type codes (Int32, dictionary-encoded), timestamps (Float64, NaN when absent) and, per user,
 * the range of its rows. Built by one DuckDB scan sorted by user then recency; a user's list is
 * made only when asked for. About 16 bytes per row plus one string per distinct value.
 */
export interface UserInteractionsTable {
  /** Event types of the file with their row counts, most frequent first (ties by value). */
  readonly eventTypes: readonly EventTypeCount[];
  /** Whether the file has an EVENT_TYPE column. */
  readonly hasEventType: boolean;
  /** Number of rows with a USER_ID. */
  readonly rowCount: number;
  /**
   * The interactions of `userId`, most recent first (as {@link UserHistoryIndex.history}
   * orders them: TIMESTAMP descending, ties by ITEM_ID then EVENT_TYPE, rows without a numeric
   * TIMESTAMP last; without a TIMESTAMP column, the last rows of the file first). Empty for a
   * user the file does not name.
   */
  of(userId: string): IndexedInteraction[];
}

function column(columns: readonly string[], canonical: string): string | undefined {
  return resolveColumn(
    columns.map((name) => ({ name })),
    canonical,
  );
}

/** Grows a list of codes into a dictionary: value → code. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}

/**
 * Reads every interaction of `filePath` into a {@link UserInteractionsTable} (one DuckDB scan).
 *
 * @throws AppError `data.invalid` (no USER_ID or ITEM_ID column, not UTF-8, not parseable as
 *   CSV); the caller (a FileCache) has checked that the path names a file.
 */
export async function readUserInteractionsTable(filePath: string): Promise<UserInteractionsTable> {
  const empty: UserInteractionsTable = {
    eventTypes: [],
    hasEventType: false,
    rowCount: 0,
    of: () => [],
  };
  if (await isEmptyCsv(filePath)) return empty;
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, filePath);
      const user = column(columns, 'USER_ID');
      const item = column(columns, 'ITEM_ID');
      if (user === undefined || item === undefined)
        throw new AppError(
          'data.invalid',
          `${filePath} has no ${user === undefined ? 'USER_ID' : 'ITEM_ID'} column.`,
          { details: { path: filePath } },
        );
      const timestamp = column(columns, 'TIMESTAMP');
      const eventType = column(columns, 'EVENT_TYPE');
      const quotedUser = quoteIdentifier(user);
      const selects = [
        `${quotedUser} AS u`,
        `${quoteIdentifier(item)} AS i`,
        timestamp === undefined
          ? 'NULL::DOUBLE AS t'
          : `TRY_CAST(${quoteIdentifier(timestamp)} AS DOUBLE) AS t`,
        eventType === undefined
          ? 'NULL::VARCHAR AS e'
          : `nullif(${quoteIdentifier(eventType)}, '') AS e`,
        'row_number() OVER () AS r',
      ];
      // Same order as UserHistoryIndex.history: recency, then ITEM_ID, then EVENT_TYPE; without timestamps, file order backwards.
      const order =
        timestamp === undefined ? 'u, r DESC' : 'u, t DESC NULLS LAST, i, e NULLS LAST, r DESC';
      const result = await connection.stream(
        `SELECT u, i, t, e FROM (SELECT ${selects.join(', ')} FROM ${source} WHERE ${quotedUser} IS NOT NULL AND ${quotedUser} <> '') ORDER BY ${order}`,
        { path: filePath },
      );
      const items = new Dictionary();
      const events = new Dictionary();
      const itemCodes: number[] = [];
      const eventCodes: number[] = [];
      const times: number[] = [];
      const ranges = new Map<string, { start: number; end: number }>();
      let current: { start: number; end: number } | undefined;
      let currentUser: string | undefined;
      for await (const rows of result.yieldRowsJs()) {
        for (const [u, i, t, e] of rows) {
          const userId = toText(u);
          if (userId !== currentUser) {
            current = { start: itemCodes.length, end: itemCodes.length };
            ranges.set(userId, current);
            currentUser = userId;
          }
          itemCodes.push(items.code(toText(i)));
          eventCodes.push(e === null || e === undefined ? -1 : events.code(toText(e)));
          times.push(t === null || t === undefined ? Number.NaN : toNumber(t));
          if (current !== undefined) current.end = itemCodes.length;
        }
      }
      const itemArray = Int32Array.from(itemCodes);
      const eventArray = Int32Array.from(eventCodes);
      const timeArray = Float64Array.from(times);
      const counts = new Array<number>(events.values.length).fill(0);
      for (const code of eventArray) if (code >= 0) counts[code] = (counts[code] ?? 0) + 1;
      const eventTypes = events.values
        .map((value, code) => ({ value, count: counts[code] ?? 0 }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      return {
        eventTypes,
        hasEventType: eventType !== undefined,
        rowCount: itemArray.length,
        of: (userId: string) => {
          const range = ranges.get(userId);
          if (range === undefined) return [];
          const out: IndexedInteraction[] = [];
          for (let row = range.start; row < range.end; row += 1) {
            const time = timeArray[row] ?? Number.NaN;
            const code = eventArray[row] ?? -1;
            out.push({
              itemId: items.values[itemArray[row] ?? 0] ?? '',
              ...(Number.isNaN(time) ? {} : { timestamp: time }),
              ...(code < 0 ? {} : { eventType: events.values[code] ?? '' }),
            });
          }
          return out;
        },
      };
    }),
  );
}
