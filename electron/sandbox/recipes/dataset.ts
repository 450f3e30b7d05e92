/**
 * Integer encoding of interactions shared by all recipes: items and users get dense indexes, and
 * each user's history is a time-ordered run of item indexes in one Int32Array (CSR layout), so the
 * hot loops never touch strings.
 */
import type { InteractionRecord } from './types.js';
import { decodeIndexArray, encodeIndexArray, readStringArray } from './codec.js';
import type { PackedArray } from './codec.js';

/** Interactions encoded for training. */
export interface EncodedInteractions {
  /** Item id of each item index, in order of first appearance. */
  readonly itemIds: readonly string[];
  /** Interaction rows per item index (the popularity count). */
  readonly itemCounts: Float64Array;
  /** Every user's history, oldest first (repeats kept). */
  readonly histories: UserHistories;
  /** Timestamp (epoch seconds) of each entry of `histories.items`, same layout. */
  readonly times: Float64Array;
}

/** Time-ordered item histories of users, indexable by user id; serialisable. */
export class UserHistories {
  private readonly userIndex: Map<string, number>;

  /**
   * @param userIds user id of each user index
   * @param offsets length userIds.length + 1; user u's items are items[offsets[u] .. offsets[u+1])
   * @param items item indexes, each user's run oldest first
   */
  constructor(
    readonly userIds: readonly string[],
    readonly offsets: Int32Array,
    readonly items: Int32Array,
  ) {
    this.userIndex = new Map(userIds.map((userId, index) => [userId, index]));
  }

  /** Index of `userId`, or -1 when the user has no interactions. */
  indexOf(userId: string): number {
    return this.userIndex.get(userId) ?? -1;
  }

  /** The item indexes of user index `user`, oldest first (a view, not a copy). */
  historyOf(user: number): Int32Array {
    return this.items.subarray(this.offsets[user] ?? 0, this.offsets[user + 1] ?? 0);
  }

  /** Number of users. */
  get size(): number {
    return this.userIds.length;
  }

  /** JSON form: `{userIds: string[], offsets, items}`, the arrays as {@link encodeIndexArray} packs. */
  toJSON(): { userIds: readonly string[]; offsets: PackedArray; items: PackedArray } {
    return {
      userIds: this.userIds,
      offsets: encodeIndexArray(this.offsets),
      items: encodeIndexArray(this.items),
    };
  }

  /**
   * Restores {@link UserHistories.toJSON} output.
   *
   * @throws Error when a field is missing or malformed
   */
  static fromJSON(json: unknown): UserHistories {
    const record = (json ?? {}) as Record<string, unknown>;
    const userIds = readStringArray(record.userIds, 'histories.userIds');
    const offsets = decodeIndexArray(record.offsets, 'histories.offsets');
    if (offsets.length !== userIds.length + 1)
      throw new Error('Serialised model histories.offsets has the wrong length.');
    return new UserHistories(userIds, offsets, decodeIndexArray(record.items, 'histories.items'));
  }
}

/**
 * Interactions held column by column (no per-row objects): row r is user `userIds[users[r]]`,
 * item `itemIds[items[r]]` at `timestamps[r]` (epoch seconds). About 16 bytes per row plus the id
 * dictionaries, against ≈ 450 bytes for an {@link InteractionRecord}.
 */
export interface InteractionColumns {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly timestamps: Float64Array;
}

/**
 * Encodes interactions: item indexes in order of first appearance, users in order of first
 * appearance, each history sorted by `timestamp` (ties keep input order).
 */
export function encodeInteractions(
  interactions: readonly InteractionRecord[],
): EncodedInteractions {
  return encodeColumns(toColumns(interactions));
}

/** Dictionary-encodes records into {@link InteractionColumns} (ids in order of first appearance). */
export function toColumns(interactions: readonly InteractionRecord[]): InteractionColumns {
  const itemIndex = new Map<string, number>();
  const itemIds: string[] = [];
  const userIndex = new Map<string, number>();
  const userIds: string[] = [];
  const items = new Int32Array(interactions.length);
  const users = new Int32Array(interactions.length);
  const timestamps = new Float64Array(interactions.length);
  for (let row = 0; row < interactions.length; row++) {
    const record = interactions[row] as InteractionRecord;
    let item = itemIndex.get(record.itemId);
    if (item === undefined) {
      item = itemIds.length;
      itemIndex.set(record.itemId, item);
      itemIds.push(record.itemId);
    }
    let user = userIndex.get(record.userId);
    if (user === undefined) {
      user = userIds.length;
      userIndex.set(record.userId, user);
      userIds.push(record.userId);
    }
    items[row] = item;
    users[row] = user;
    timestamps[row] = record.timestamp;
  }
  return { userIds, itemIds, users, items, timestamps };
}

/**
 * Encodes columns for training (see {@link encodeInteractions}); every id of the dictionaries
 * becomes an index even without rows. O(rows · log(longest history)) time, typed arrays only.
 */
export function encodeColumns(columns: InteractionColumns): EncodedInteractions {
  const { userIds, itemIds } = columns;
  const rowItem = columns.items;
  const rowUser = columns.users;
  const rowTime = columns.timestamps;
  const rowCount = rowItem.length;
  const itemCounts = new Float64Array(itemIds.length);
  for (const item of rowItem) itemCounts[item] = (itemCounts[item] ?? 0) + 1;

  const offsets = new Int32Array(userIds.length + 1);
  for (const user of rowUser) offsets[user + 1] = (offsets[user + 1] ?? 0) + 1;
  for (let user = 0; user < userIds.length; user++)
    offsets[user + 1] = (offsets[user + 1] ?? 0) + (offsets[user] ?? 0);
  const cursor = offsets.slice(0, userIds.length);
  const rowsByUser = new Int32Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const user = rowUser[row] ?? 0;
    rowsByUser[cursor[user] ?? 0] = row;
    cursor[user] = (cursor[user] ?? 0) + 1;
  }
  const items = new Int32Array(rowCount);
  const times = new Float64Array(rowCount);
  for (let user = 0; user < userIds.length; user++) {
    const start = offsets[user] ?? 0;
    const end = offsets[user + 1] ?? 0;
    // Rows are in input order within a user; ordering by (time, row) keeps that order for ties.
    const rows = rowsByUser.subarray(start, end);
    let sorted = true;
    for (let k = 1; k < rows.length && sorted; k++)
      sorted = (rowTime[rows[k - 1] ?? 0] ?? 0) <= (rowTime[rows[k] ?? 0] ?? 0);
    if (!sorted) rows.sort((a, b) => (rowTime[a] ?? 0) - (rowTime[b] ?? 0) || a - b);
    for (let k = 0; k < rows.length; k++) {
      items[start + k] = rowItem[rows[k] ?? 0] ?? 0;
      times[start + k] = rowTime[rows[k] ?? 0] ?? 0;
    }
  }
  return { itemIds, itemCounts, histories: new UserHistories(userIds, offsets, items), times };
}
