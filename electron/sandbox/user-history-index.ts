/**
 * Each user's interactions by event type, oldest first, as the runtime's filters read them
 * (SPEC §8.2 rule 9, §8.3), built straight from an {@link InteractionTable}'s typed columns: one
 * offsets array per user over the rows sorted by (user, time, row) and the Int32 item and event
 * type codes of those rows (compressed sparse rows). A user's lists are made only when asked for.
 */
import { rowCount, type InteractionTable } from './recipes/interaction-table.js';

/** Event type (lower-case, '' for none) → item ids, oldest first. */
export type HistoryByType = Map<string, string[]>;

/**
 * Per-user history: the table's rows in CSR form, plus what was appended since (PutEvents).
 * Rows of a user with the same timestamp keep their table order (a stable sort by time).
 */
export class UserHistoryIndex {
  private readonly userCodes = new Map<string, number>();
  /** Row range of user code u: `offsets[u] .. offsets[u + 1]` of the columns below. */
  private readonly offsets: Int32Array;
  private readonly itemCodes: Int32Array;
  /** Event type code per sorted row (-1: none); absent when the table has no event types. */
  private readonly eventCodes: Int32Array | undefined;
  private readonly itemIds: readonly string[];
  /** Event type of each code, lower-cased. */
  private readonly eventTypes: readonly string[];
  /** Lists made so far (on request or on append), kept current by {@link append}. */
  private readonly made = new Map<string, HistoryByType>();

  /**
   * Indexes `table` (empty when omitted): O(rows) plus a time sort of each user's rows that are
   * not in time order already; 12 bytes per row (offsets, item codes, event codes).
   */
  constructor(table?: InteractionTable) {
    const users = table?.userIds ?? [];
    const n = table === undefined ? 0 : rowCount(table);
    users.forEach((userId, code) => this.userCodes.set(userId, code));
    this.itemIds = table?.itemIds ?? [];
    this.eventTypes = (table?.eventTypes ?? []).map((eventType) => eventType.toLowerCase());
    const offsets = new Int32Array(users.length + 1);
    this.offsets = offsets;
    this.itemCodes = new Int32Array(n);
    this.eventCodes = table?.eventTypeCodes !== undefined ? new Int32Array(n) : undefined;
    if (table === undefined || n === 0) return;
    for (let row = 0; row < n; row++) {
      const user = table.users[row] ?? 0;
      offsets[user + 1] = (offsets[user + 1] ?? 0) + 1;
    }
    for (let user = 0; user < users.length; user++)
      offsets[user + 1] = (offsets[user + 1] ?? 0) + (offsets[user] ?? 0);
    const cursor = offsets.slice(0, users.length);
    const order = new Int32Array(n);
    for (let row = 0; row < n; row++) {
      const user = table.users[row] ?? 0;
      order[cursor[user] ?? 0] = row;
      cursor[user] = (cursor[user] ?? 0) + 1;
    }
    const times = table.timestamps;
    for (let user = 0; user < users.length; user++) {
      const rows = order.subarray(offsets[user] ?? 0, offsets[user + 1] ?? 0);
      let sorted = true;
      for (let k = 1; k < rows.length && sorted; k++)
        sorted = (times[rows[k - 1] ?? 0] ?? 0) <= (times[rows[k] ?? 0] ?? 0);
      // Rows are in table order within a user, so ties on time keep it (stable).
      if (!sorted) rows.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
    }
    const codes = table.eventTypeCodes;
    for (let k = 0; k < n; k++) {
      const row = order[k] ?? 0;
      this.itemCodes[k] = table.items[row] ?? 0;
      if (this.eventCodes !== undefined) this.eventCodes[k] = codes?.[row] ?? -1;
    }
  }

  /** The user's lists by event type (lower-case), oldest first; undefined for a user without any. */
  get(userId: string): HistoryByType | undefined {
    const made = this.made.get(userId);
    if (made !== undefined) return made;
    const user = this.userCodes.get(userId);
    if (user === undefined) return undefined;
    const byType: HistoryByType = new Map();
    const end = this.offsets[user + 1] ?? 0;
    for (let k = this.offsets[user] ?? 0; k < end; k++) {
      const code = this.eventCodes?.[k] ?? -1;
      const eventType = code >= 0 ? (this.eventTypes[code] ?? '') : '';
      let items = byType.get(eventType);
      if (items === undefined) {
        items = [];
        byType.set(eventType, items);
      }
      items.push(this.itemIds[this.itemCodes[k] ?? 0] ?? '');
    }
    this.made.set(userId, byType);
    return byType;
  }

  /** Appends one interaction after the user's others (`eventType` as received; '' for none). */
  append(userId: string, eventType: string, itemId: string): void {
    let byType = this.get(userId);
    if (byType === undefined) {
      byType = new Map();
      this.made.set(userId, byType);
    }
    const key = eventType.toLowerCase();
    let items = byType.get(key);
    if (items === undefined) {
      items = [];
      byType.set(key, items);
    }
    items.push(itemId);
  }

  /** Every user with interactions: the table's, then those appended since. */
  userIds(): string[] {
    const out = [...this.userCodes.keys()];
    for (const userId of this.made.keys()) if (!this.userCodes.has(userId)) out.push(userId);
    return out;
  }
}
