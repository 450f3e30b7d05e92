/**
 * Sequence- and recency-aware item-kNN on implicit feedback, the engine behind
 * `aws-user-personalization` and `aws-sims`.
 *
 * Training: for every item pair (i, j) sharing users, C_ij = Σ_u a_u · w_ui · w_uj · s(|p_ui − p_uj|),
 * where w is the user's interaction count with the item, p the item's position in the user's
 * sequence (by last interaction), s a proximity decay and a_u damps very active users. Similarity
 * sim(i→j) = C_ij / (N_i^0.5 · N_j^β) with N the item's self-weight, so β > 0.5 discounts popular
 * targets. Only the top `neighbourCount` neighbours of each item are kept (compact model).
 * Scoring a user: Σ over distinct history items h of r(h) · sim(h→j), where r favours recent items.
 */
import type { EncodedInteractions, UserHistories } from './dataset.js';
import { selectTop } from './ranking.js';

/** Tunable knobs of {@link trainItemKnn}; all optional with the defaults of {@link DEFAULT_ITEM_KNN_PARAMS}. */
export interface ItemKnnParams {
  /** Neighbours kept per item. */
  readonly neighbourCount: number;
  /** Exponent β of the target item's norm (0.5 = cosine; higher discounts popular items). */
  readonly popularityDiscount: number;
  /** Sequence distance (positions) at which a co-occurrence weighs half; 0 disables the decay. */
  readonly sequenceHalfDistance: number;
  /** History distance from the newest item (positions) at which an item weighs half when scoring. */
  readonly recencyHalfDistance: number;
  /** Damping exponent for active users: a_u = 1 / (1 + n_u)^this (n_u = distinct items). */
  readonly userActivityDamping: number;
  /**
   * Only each user's newest this-many distinct items enter the co-occurrence counts (0 = all).
   * Bounds the O(Σ n_u²) cost, like Personalize's `max_user_history_length_percentile` (SPEC §6.2).
   */
  readonly maxHistoryLength: number;
  /**
   * Pairs shared by fewer users than this are dropped (`aws-sims` `min_cointeraction_count`,
   * SPEC §6.2); 0 or 1 keeps every pair.
   */
  readonly minCoInteractions: number;
}

/**
 * Defaults of `aws-user-personalization`, chosen on the SPEC §7.1 split of the A2.1 MovieLens POC
 * data (mean over seeds 1..10, 'hits' IDCG): NDCG@10 0.221, P@10 0.065, coverage 0.068, against
 * 0.126 / 0.034 / 0.011 for popularity-count. 200 neighbours scored the same within noise.
 */
export const DEFAULT_ITEM_KNN_PARAMS: ItemKnnParams = {
  neighbourCount: 100,
  popularityDiscount: 0.45,
  sequenceHalfDistance: 10,
  recencyHalfDistance: 3,
  userActivityDamping: 0,
  maxHistoryLength: 500,
  minCoInteractions: 0,
};

/** The trained neighbour lists (CSR): item i's neighbours are at offsets[i] .. offsets[i+1]. */
export interface NeighbourTable {
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  /** Float32, so that a serialised model scores bit-identically after restore. */
  readonly similarities: Float32Array;
}

/** Distinct items per user, ordered by last interaction, with interaction counts as weights. */
interface UserItemMatrix {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly weights: Float64Array;
}

function distinctByLastInteraction(
  histories: UserHistories,
  itemCount: number,
  maxLength: number,
): UserItemMatrix {
  const limit = maxLength > 0 ? maxLength : Number.POSITIVE_INFINITY;
  const offsets = new Int32Array(histories.size + 1);
  const items = new Int32Array(histories.items.length);
  const weights = new Float64Array(histories.items.length);
  const slot = new Int32Array(itemCount).fill(-1);
  let cursor = 0;
  for (let user = 0; user < histories.size; user++) {
    const history = histories.historyOf(user);
    const start = cursor;
    // Walk newest → oldest so that the first sighting is the last interaction; reverse afterwards.
    for (let k = history.length - 1; k >= 0; k--) {
      const item = history[k] ?? 0;
      const at = slot[item] ?? -1;
      if (at >= start) {
        weights[at] = (weights[at] ?? 0) + 1;
      } else if (cursor - start < limit) {
        slot[item] = cursor;
        items[cursor] = item;
        weights[cursor] = 1;
        cursor++;
      }
    }
    items.subarray(start, cursor).reverse();
    weights.subarray(start, cursor).reverse();
    offsets[user + 1] = cursor;
  }
  return { offsets, items: items.slice(0, cursor), weights: weights.slice(0, cursor) };
}

/** Half-life style decay table: value at distance d is 1 / (1 + d / half), or 1 everywhere when half ≤ 0. */
function decayTable(length: number, half: number): Float64Array {
  const table = new Float64Array(Math.max(1, length));
  for (let d = 0; d < table.length; d++) table[d] = half > 0 ? 1 / (1 + d / half) : 1;
  return table;
}

/**
 * Trains the neighbour table on encoded interactions.
 *
 * Cost: O(Σ_u n_u²) multiply-adds (≈ 56 M on the 158k-row MovieLens POC file) plus a heap of
 * `neighbourCount` per item; memory O(items · neighbourCount).
 */
export function trainItemKnn(data: EncodedInteractions, params: ItemKnnParams): NeighbourTable {
  const itemCount = data.itemIds.length;
  const matrix = distinctByLastInteraction(data.histories, itemCount, params.maxHistoryLength);
  const userCount = data.histories.size;

  let longest = 0;
  const activity = new Float64Array(userCount);
  for (let user = 0; user < userCount; user++) {
    const length = (matrix.offsets[user + 1] ?? 0) - (matrix.offsets[user] ?? 0);
    longest = Math.max(longest, length);
    activity[user] = 1 / Math.pow(1 + length, params.userActivityDamping);
  }
  const proximity = decayTable(longest, params.sequenceHalfDistance);

  // Transpose: for each item, its (user, position, weight) entries.
  const itemOffsets = new Int32Array(itemCount + 1);
  for (const item of matrix.items) itemOffsets[item + 1] = (itemOffsets[item + 1] ?? 0) + 1;
  for (let i = 0; i < itemCount; i++)
    itemOffsets[i + 1] = (itemOffsets[i + 1] ?? 0) + (itemOffsets[i] ?? 0);
  const fill = itemOffsets.slice(0, itemCount);
  const entryUser = new Int32Array(matrix.items.length);
  const entryPosition = new Int32Array(matrix.items.length);
  const entryWeight = new Float64Array(matrix.items.length);
  const norm = new Float64Array(itemCount);
  for (let user = 0; user < userCount; user++) {
    const start = matrix.offsets[user] ?? 0;
    const end = matrix.offsets[user + 1] ?? 0;
    for (let e = start; e < end; e++) {
      const item = matrix.items[e] ?? 0;
      const weight = matrix.weights[e] ?? 0;
      const slot = fill[item] ?? 0;
      fill[item] = slot + 1;
      entryUser[slot] = user;
      entryPosition[slot] = e - start;
      entryWeight[slot] = weight;
      norm[item] = (norm[item] ?? 0) + (activity[user] ?? 0) * weight * weight;
    }
  }
  const sourceNorm = new Float64Array(itemCount);
  const targetNorm = new Float64Array(itemCount);
  for (let i = 0; i < itemCount; i++) {
    sourceNorm[i] = Math.sqrt(norm[i] ?? 0);
    targetNorm[i] = Math.pow(norm[i] ?? 0, params.popularityDiscount);
  }

  const accumulator = new Float64Array(itemCount);
  const coUsers = new Int32Array(itemCount);
  const minCo = params.minCoInteractions;
  const stamp = new Int32Array(itemCount).fill(-1);
  const touched = new Int32Array(itemCount);
  const offsets = new Int32Array(itemCount + 1);
  const neighbours = new Int32Array(itemCount * params.neighbourCount);
  const similarities = new Float32Array(itemCount * params.neighbourCount);
  // Locals keep the hot loop free of property loads.
  const userOffsets = matrix.offsets;
  const userItems = matrix.items;
  const userWeights = matrix.weights;
  let written = 0;
  for (let i = 0; i < itemCount; i++) {
    let touchedCount = 0;
    for (let e = itemOffsets[i] ?? 0, endEntry = itemOffsets[i + 1] ?? 0; e < endEntry; e++) {
      const user = entryUser[e] ?? 0;
      const position = entryPosition[e] ?? 0;
      const base = (activity[user] ?? 0) * (entryWeight[e] ?? 0);
      const start = userOffsets[user] ?? 0;
      const end = userOffsets[user + 1] ?? 0;
      const anchor = start + position;
      for (let f = start; f < end; f++) {
        const j = userItems[f] ?? 0;
        if (j === i) continue;
        const value =
          base * (userWeights[f] ?? 0) * (proximity[f > anchor ? f - anchor : anchor - f] ?? 0);
        if (stamp[j] !== i) {
          stamp[j] = i;
          accumulator[j] = value;
          coUsers[j] = 1;
          touched[touchedCount++] = j;
        } else {
          accumulator[j] = (accumulator[j] ?? 0) + value;
          coUsers[j] = (coUsers[j] ?? 0) + 1;
        }
      }
    }
    const candidates = touched.subarray(0, touchedCount);
    for (const j of candidates) {
      accumulator[j] =
        minCo > 1 && (coUsers[j] ?? 0) < minCo
          ? 0
          : (accumulator[j] ?? 0) / ((sourceNorm[i] ?? 1) * (targetNorm[j] ?? 1));
    }
    for (const j of selectTop(accumulator, candidates, params.neighbourCount)) {
      neighbours[written] = j;
      similarities[written] = accumulator[j] ?? 0;
      written++;
    }
    offsets[i + 1] = written;
  }
  return {
    offsets,
    neighbours: neighbours.slice(0, written),
    similarities: similarities.slice(0, written),
  };
}

/**
 * Scores every item for a history: Σ over distinct history items h (newest weighs most) of
 * r(h) · sim(h→j), with r(h) = 1 / (1 + d / recencyHalfDistance) and d the number of distinct
 * items seen after h.
 *
 * History items keep the score their neighbours give them (SPEC §3.1: the service does not
 * remove items a user already interacted with unless a filter says so); `excludeHistory` drops
 * them, as an "unwatched" filter would.
 *
 * @param history item indexes, oldest first (repeats allowed)
 * @returns item indexes of the best `count` items (score > 0), best first, and the raw score of every item
 */
export function scoreHistory(
  table: NeighbourTable,
  itemCount: number,
  history: ArrayLike<number>,
  recencyHalfDistance: number,
  count: number,
  excludeHistory = false,
): { items: number[]; scores: Float64Array } {
  const scores = new Float64Array(itemCount);
  const inHistory = new Uint8Array(itemCount);
  const candidates: number[] = [];
  const seen = new Uint8Array(itemCount);
  let distanceFromNewest = 0;
  for (let k = history.length - 1; k >= 0; k--) {
    const item = history[k] ?? -1;
    if (item < 0 || item >= itemCount || inHistory[item] === 1) continue;
    inHistory[item] = 1;
    const weight = recencyHalfDistance > 0 ? 1 / (1 + distanceFromNewest / recencyHalfDistance) : 1;
    distanceFromNewest++;
    for (let e = table.offsets[item] ?? 0, end = table.offsets[item + 1] ?? 0; e < end; e++) {
      const j = table.neighbours[e] ?? 0;
      if (seen[j] === 0) {
        seen[j] = 1;
        candidates.push(j);
      }
      scores[j] = (scores[j] ?? 0) + weight * (table.similarities[e] ?? 0);
    }
  }
  return {
    items: selectTop(scores, candidates, count, excludeHistory ? inHistory : undefined),
    scores,
  };
}

/**
 * Adds {@link scoreHistory}'s raw scores for `history` to `scores` (zeros on entry for the same
 * result), with the same additions in the same order, without allocating: `marks` (one slot per
 * item, reused across calls) records the distinct history items with `stamp`, which must differ
 * from every value `marks` already holds (the caller's request counter).
 *
 * @param history item indexes, oldest first (repeats allowed)
 */
export function accumulateHistoryScores(
  table: NeighbourTable,
  itemCount: number,
  history: ArrayLike<number>,
  recencyHalfDistance: number,
  scores: Float64Array,
  marks: Int32Array,
  stamp: number,
): void {
  const { offsets, neighbours, similarities } = table;
  let distanceFromNewest = 0;
  for (let k = history.length - 1; k >= 0; k--) {
    const item = history[k] ?? -1;
    if (item < 0 || item >= itemCount || marks[item] === stamp) continue;
    marks[item] = stamp;
    const weight = recencyHalfDistance > 0 ? 1 / (1 + distanceFromNewest / recencyHalfDistance) : 1;
    distanceFromNewest++;
    for (let e = offsets[item] ?? 0, end = offsets[item + 1] ?? 0; e < end; e++) {
      const j = neighbours[e] ?? 0;
      scores[j] = (scores[j] ?? 0) + weight * (similarities[e] ?? 0);
    }
  }
}
