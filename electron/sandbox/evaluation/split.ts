/**
 * The offline-evaluation split of SPEC §7.1 (ANCHORS A1): 90% of users train, 10% are held out;
 * each held-out user's oldest 90% of interactions is the model's input and the newest 10% is
 * what it should predict. Pure and seeded.
 */
import type { InteractionRecord } from '../recipes/types.js';
import type { InteractionTable } from '../recipes/interaction-table.js';
import { selectRows } from '../recipes/interaction-table.js';
import { createRandom, seededShuffle } from './random.js';

/** Share of users held out for testing (SPEC §7.1). */
export const TEST_USER_FRACTION = 0.1;
/** Share of a held-out user's interactions, oldest first, given to the model as history (SPEC §7.1). */
export const HISTORY_FRACTION = 0.9;

/** One held-out user of the split. */
export interface TestUser {
  readonly userId: string;
  /** Item ids of the oldest 90% of the user's interactions, oldest first (repeats kept). */
  readonly history: readonly string[];
  /** Distinct item ids of the newest 10% of the user's interactions (T_u of SPEC §7.2), oldest first. */
  readonly relevant: readonly string[];
}

/** Result of {@link splitForEvaluation}. */
export interface EvaluationSplit {
  /** Every interaction of the training users (90% of users), in input order. */
  readonly train: readonly InteractionRecord[];
  /** The held-out users, in shuffled (seeded) order. */
  readonly testUsers: readonly TestUser[];
}

/**
 * Splits interactions for offline evaluation as SPEC §7.1 describes.
 *
 * - Users are sorted by id, then shuffled with `seed`, so the result does not depend on input order.
 * - round(10% of all users) users (at least 1) are held out, chosen among users with at least 2
 *   interactions (a held-out user needs both a history and something to predict).
 * - A held-out user's interactions are ordered by `timestamp` (ties keep input order); the first
 *   floor(90% of n) form the history and the remaining n − floor(0.9·n) ≥ 1 the relevant items.
 *
 * @param interactions all interactions after event-type filtering (SPEC §7.1 last bullet)
 * @param seed any number; equal seeds give equal splits
 */
export function splitForEvaluation(
  interactions: readonly InteractionRecord[],
  seed: number,
): EvaluationSplit {
  const byUser = new Map<string, number[]>();
  for (let index = 0; index < interactions.length; index++) {
    const userId = (interactions[index] as InteractionRecord).userId;
    let rows = byUser.get(userId);
    if (rows === undefined) {
      rows = [];
      byUser.set(userId, rows);
    }
    rows.push(index);
  }
  const userIds = [...byUser.keys()].sort(compareStrings);
  const shuffled = seededShuffle(userIds, createRandom(seed));
  const wanted = Math.max(1, Math.round(userIds.length * TEST_USER_FRACTION));

  const testUserIds = new Set<string>();
  const testUsers: TestUser[] = [];
  for (const userId of shuffled) {
    if (testUsers.length >= wanted) break;
    const rows = byUser.get(userId) ?? [];
    if (rows.length < 2) continue;
    testUserIds.add(userId);
    testUsers.push(splitUserHistory(userId, rows, interactions));
  }
  const train = interactions.filter((record) => !testUserIds.has(record.userId));
  return { train, testUsers };
}

function splitUserHistory(
  userId: string,
  rows: readonly number[],
  interactions: readonly InteractionRecord[],
): TestUser {
  // Array.prototype.sort is stable, so equal timestamps keep input order.
  const ordered = rows
    .map((index) => interactions[index] as InteractionRecord)
    .sort((a, b) => a.timestamp - b.timestamp);
  // The epsilon guards against 0.9·n landing just below a whole number in floating point.
  const historyLength = Math.floor(ordered.length * HISTORY_FRACTION + 1e-9);
  const history = ordered.slice(0, historyLength).map((record) => record.itemId);
  const relevant = [...new Set(ordered.slice(historyLength).map((record) => record.itemId))];
  return { userId, history, relevant };
}

/** Result of {@link splitTableForEvaluation}: {@link EvaluationSplit} with the training rows as a table. */
export interface TableSplit {
  /** Every interaction of the training users, in input order, dictionaries re-indexed by first appearance. */
  readonly train: InteractionTable;
  /** The held-out users, in shuffled (seeded) order. */
  readonly testUsers: readonly TestUser[];
}

/**
 * {@link splitForEvaluation} on typed columns (no per-row objects): the same held-out users,
 * histories and relevant items for the same rows and seed, and `train` equal to
 * `tableFromRecords(splitForEvaluation(records, seed).train)`. Users of the dictionary without
 * rows are ignored. O(rows + users · log users) time.
 */
export function splitTableForEvaluation(table: InteractionTable, seed: number): TableSplit {
  const rows = table.users.length;
  const userCount = table.userIds.length;
  const offsets = new Int32Array(userCount + 1);
  for (let row = 0; row < rows; row++) {
    const user = table.users[row] ?? 0;
    offsets[user + 1] = (offsets[user + 1] ?? 0) + 1;
  }
  const present: number[] = [];
  for (let user = 0; user < userCount; user++) if ((offsets[user + 1] ?? 0) > 0) present.push(user);
  for (let user = 0; user < userCount; user++)
    offsets[user + 1] = (offsets[user + 1] ?? 0) + (offsets[user] ?? 0);
  const cursor = offsets.slice(0, userCount);
  const rowsByUser = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const user = table.users[row] ?? 0;
    rowsByUser[cursor[user] ?? 0] = row;
    cursor[user] = (cursor[user] ?? 0) + 1;
  }
  const ids = table.userIds;
  present.sort((a, b) => compareStrings(ids[a] ?? '', ids[b] ?? ''));
  const shuffled = seededShuffle(present, createRandom(seed));
  const wanted = Math.max(1, Math.round(present.length * TEST_USER_FRACTION));
  const held = new Uint8Array(userCount);
  const testUsers: TestUser[] = [];
  for (const user of shuffled) {
    if (testUsers.length >= wanted) break;
    const start = offsets[user] ?? 0;
    const end = offsets[user + 1] ?? 0;
    if (end - start < 2) continue;
    held[user] = 1;
    // Rows are in input order; a stable sort by time keeps that order for ties.
    const ordered = Array.from(rowsByUser.subarray(start, end)).sort(
      (a, b) => (table.timestamps[a] ?? 0) - (table.timestamps[b] ?? 0) || a - b,
    );
    const historyLength = Math.floor(ordered.length * HISTORY_FRACTION + 1e-9);
    const itemOf = (row: number): string => table.itemIds[table.items[row] ?? 0] ?? '';
    testUsers.push({
      userId: ids[user] ?? '',
      history: ordered.slice(0, historyLength).map(itemOf),
      relevant: [...new Set(ordered.slice(historyLength).map(itemOf))],
    });
  }
  const keep = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) keep[row] = held[table.users[row] ?? 0] === 1 ? 0 : 1;
  return { train: selectRows(table, keep), testUsers };
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Result of {@link stratifiedSplitByItem}. */
export interface StratifiedSplit {
  /** The training interactions (each item's first `ratio` share after the shuffle). */
  readonly train: readonly InteractionRecord[];
  /** Per user, the item ids of their test interactions, in split order. */
  readonly tests: ReadonlyMap<string, readonly string[]>;
}

/**
 * The Microsoft Recommenders benchmark split (ANCHORS B, `python_stratified_split(ratio=0.75,
 * filter_by="item", seed=42)` in spirit): each item's interactions, in input order, are shuffled
 * with one seeded source shared across items (items in order of first appearance) and the first
 * round(ratio · n) go to training, the rest to testing. Not the service's protocol (SPEC §7.1):
 * for comparing with published numbers only.
 *
 * @param ratio training share in (0, 1), e.g. 0.75
 */
export function stratifiedSplitByItem(
  interactions: readonly InteractionRecord[],
  ratio: number,
  seed: number,
): StratifiedSplit {
  const byItem = new Map<string, InteractionRecord[]>();
  for (const record of interactions) {
    const rows = byItem.get(record.itemId);
    if (rows === undefined) byItem.set(record.itemId, [record]);
    else rows.push(record);
  }
  const random = createRandom(seed);
  const train: InteractionRecord[] = [];
  const tests = new Map<string, string[]>();
  for (const rows of byItem.values()) {
    const shuffled = seededShuffle(rows, random);
    const cut = Math.round(shuffled.length * ratio);
    for (let k = 0; k < shuffled.length; k++) {
      const record = shuffled[k] as InteractionRecord;
      if (k < cut) {
        train.push(record);
        continue;
      }
      const list = tests.get(record.userId);
      if (list === undefined) tests.set(record.userId, [record.itemId]);
      else list.push(record.itemId);
    }
  }
  return { train, tests };
}
