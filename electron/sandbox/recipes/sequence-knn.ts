/**
 * Sequence-aware user-kNN and the repeat model shared by the item-kNN recipes.
 *
 * User-kNN: the query user's newest `historyLength` distinct items, weighted by recency, are
 * matched against the training users' sequences; the `neighbourCount` users sharing the most
 * weight vote for the items that came *after* a matched item in their own sequence (within
 * `window` steps), each vote weighing user similarity × recency of the matched item × a
 * positional decay. Sequences are each user's distinct items in order of first interaction.
 *
 * Repeat model: how often a user's next interaction is an item already in the history, by how
 * recent that item is, learned from the training users. It lets the model rank items the user
 * already interacted with where it predicts them (SPEC §3.1: the service does not remove them
 * unless a filter says so).
 */
import type { UserHistories } from './dataset.js';
import { selectTop } from './ranking.js';

/** Knobs of the sequence-aware user-kNN (defaults in {@link DEFAULT_SEQUENCE_KNN_PARAMS}). */
export interface SequenceKnnParams {
  /** Distinct newest items of the query history that are matched. */
  readonly historyLength: number;
  /** Query item at distance d from the newest weighs 1 / (1 + d / this). */
  readonly recencyHalfDistance: number;
  /** Neighbour users kept. */
  readonly neighbourCount: number;
  /** Steps after a matched item that receive a vote. */
  readonly window: number;
  /** A vote k steps after the match weighs 1 / (1 + (k − 1) / this). */
  readonly positionHalfDistance: number;
  /** User similarity = shared weight / (distinct items of the neighbour)^this. */
  readonly lengthPenalty: number;
  /** An item's votes are divided by (users holding it)^this: higher values favour less popular items (coverage). */
  readonly popularityDiscount: number;
}

/**
 * Defaults of `aws-user-personalization`, tuned on split seeds 101..105 of the A2.1 MovieLens POC
 * file (blend weight 0.6 with the item-kNN): NDCG@10 0.282, MRR@25 0.237, coverage 0.083 there;
 * the benchmark reports seeds 1..5, which were not used to tune. On seeds 101..110, 30 history
 * items or 80 neighbours moved NDCG@10 / MRR@25 by under 0.01 (within the split noise of about
 * ±0.05 per seed) and cost coverage. Then, on seeds 101..120 and confirmed on 201..220: votes
 * reaching 200 steps after a match instead of 50 and the newest 15 items instead of 20 moved
 * MRR@25 0.257 → 0.264 and 0.231 → 0.237, NDCG@10 0.304 → 0.308 and 0.276 → 0.281, coverage
 * 0.083 → 0.084 and 0.082 → 0.083 (a sharper positional decay, 10 or 5, scored lower).
 * Then the popularity discount: on seeds 301..316 (not benchmark seeds), 0.35 instead of 0.4 moved
 * MRR@25 0.250 → 0.256, NDCG@10 0.292 → 0.297, coverage 0.084 → 0.080 (0.3: MRR 0.260 but
 * coverage 0.076, below Personalize's 0.079; a sharper recency, 2 or 1.5, a sharper positional
 * decay, 10, and a length penalty of 0.2 or 0.5 all scored lower there). On the benchmark seeds
 * 1..5 it gave MRR@25 0.239 → 0.244, NDCG@10 0.282 → 0.286, coverage 0.085 → 0.081.
 * `historyLength` follows the recipe's `bptt`, `neighbourCount` its `hidden_dimension` (see
 * `userModelBlend` in index.ts).
 */
export const DEFAULT_SEQUENCE_KNN_PARAMS: SequenceKnnParams = {
  historyLength: 15,
  recencyHalfDistance: 3,
  neighbourCount: 50,
  window: 200,
  positionHalfDistance: 20,
  lengthPenalty: 0.3,
  popularityDiscount: 0.35,
};

/** Training users' distinct-item sequences (CSR) and, per item, the users and positions holding it. */
export class SequenceIndex {
  /** Longest distinct-item sequence of a training user. */
  private readonly longest: number;

  private constructor(
    private readonly offsets: Int32Array,
    private readonly items: Int32Array,
    private readonly postingOffsets: Int32Array,
    private readonly postingUsers: Int32Array,
    private readonly postingPositions: Int32Array,
  ) {
    let longest = 0;
    for (let user = 0; user + 1 < offsets.length; user++)
      longest = Math.max(longest, (offsets[user + 1] ?? 0) - (offsets[user] ?? 0));
    this.longest = longest;
  }

  /**
   * Builds the index from user histories (oldest first): O(rows) time and memory.
   *
   * @param itemCount number of item indexes
   */
  static build(histories: UserHistories, itemCount: number): SequenceIndex {
    const userCount = histories.size;
    const offsets = new Int32Array(userCount + 1);
    const items = new Int32Array(histories.items.length);
    const lastUser = new Int32Array(itemCount).fill(-1);
    const postingCounts = new Int32Array(itemCount + 1);
    let cursor = 0;
    for (let user = 0; user < userCount; user++) {
      for (const item of histories.historyOf(user)) {
        if (item < 0 || item >= itemCount || lastUser[item] === user) continue;
        lastUser[item] = user;
        items[cursor++] = item;
        postingCounts[item + 1] = (postingCounts[item + 1] ?? 0) + 1;
      }
      offsets[user + 1] = cursor;
    }
    for (let i = 0; i < itemCount; i++)
      postingCounts[i + 1] = (postingCounts[i + 1] ?? 0) + (postingCounts[i] ?? 0);
    const fill = postingCounts.slice(0, itemCount);
    const postingUsers = new Int32Array(cursor);
    const postingPositions = new Int32Array(cursor);
    for (let user = 0; user < userCount; user++) {
      const start = offsets[user] ?? 0;
      for (let e = start, end = offsets[user + 1] ?? 0; e < end; e++) {
        const item = items[e] ?? 0;
        const slot = fill[item] ?? 0;
        fill[item] = slot + 1;
        postingUsers[slot] = user;
        postingPositions[slot] = e - start;
      }
    }
    return new SequenceIndex(
      offsets,
      items.slice(0, cursor),
      postingCounts,
      postingUsers,
      postingPositions,
    );
  }

  /**
   * Per-request work buffers, reused: `score` runs synchronously and leaves them as it found them
   * (zeros), so GetRecommendations allocates nothing per user or item.
   */
  private scratch:
    | {
        readonly weightOf: Float64Array;
        readonly shared: Float64Array;
        readonly votes: Float64Array;
        readonly voted: Int32Array;
        readonly rankOf: Int32Array;
      }
    | undefined;
  /** (distinct items of user)^lengthPenalty per user, for the penalty it was computed with. */
  private lengthNorm: { readonly penalty: number; readonly values: Float64Array } | undefined;
  /** (users holding item)^popularityDiscount per item, for the discount it was computed with. */
  private holderNorm: { readonly discount: number; readonly values: Float64Array } | undefined;

  /**
   * Adds the user-kNN votes for a history to `scores` (one slot per item index) and returns the
   * number of items that received a vote.
   *
   * @param history item indexes, oldest first (repeats allowed)
   * @param selfUser index of the requesting user among the training users (skipped), or -1
   */
  score(
    history: ArrayLike<number>,
    selfUser: number,
    params: SequenceKnnParams,
    scores: Float64Array,
  ): number {
    const userCount = this.offsets.length - 1;
    const itemCount = this.postingOffsets.length - 1;
    const scratch = (this.scratch ??= {
      weightOf: new Float64Array(itemCount),
      shared: new Float64Array(userCount),
      votes: new Float64Array(itemCount),
      voted: new Int32Array(itemCount),
      rankOf: new Int32Array(userCount),
    });
    const { weightOf, shared, votes, voted } = scratch;
    // Newest distinct items and their recency weights (> 0), newest first.
    const queryItems: number[] = [];
    for (let k = history.length - 1; k >= 0 && queryItems.length < params.historyLength; k--) {
      const item = history[k] ?? -1;
      if (item < 0 || item >= itemCount || (weightOf[item] ?? 0) > 0) continue;
      const distance = queryItems.length;
      weightOf[item] =
        params.recencyHalfDistance > 0 ? 1 / (1 + distance / params.recencyHalfDistance) : 1;
      queryItems.push(item);
    }
    if (queryItems.length === 0) return 0;
    const touched: number[] = [];
    for (const item of queryItems) {
      const weight = weightOf[item] ?? 0;
      for (
        let e = this.postingOffsets[item] ?? 0, end = this.postingOffsets[item + 1] ?? 0;
        e < end;
        e++
      ) {
        const user = this.postingUsers[e] ?? 0;
        if (user === selfUser) continue;
        if (shared[user] === 0) touched.push(user);
        shared[user] = (shared[user] ?? 0) + weight;
      }
    }
    const lengthNorm = this.lengthNormFor(params.lengthPenalty);
    for (const user of touched) shared[user] = (shared[user] ?? 0) / (lengthNorm[user] ?? 1);
    // The best neighbourCount by shared weight, ties by lower index (what a full sort would keep).
    const neighbours = selectTop(shared, touched, params.neighbourCount);
    const position = new Float64Array(params.window + 1);
    for (let k = 1; k <= params.window; k++)
      position[k] =
        params.positionHalfDistance > 0 ? 1 / (1 + (k - 1) / params.positionHalfDistance) : 1;
    // Each neighbour's matched positions (query items in its sequence), found through the
    // postings instead of a scan of the whole sequence, visited as a scan would: neighbours in
    // rank order, positions ascending (so the votes add up in the same order).
    const rankOf = scratch.rankOf;
    neighbours.forEach((user, rank) => {
      rankOf[user] = rank + 1;
    });
    const stride = this.longest + 1;
    const matches: number[] = [];
    for (const item of queryItems) {
      for (
        let e = this.postingOffsets[item] ?? 0, end = this.postingOffsets[item + 1] ?? 0;
        e < end;
        e++
      ) {
        const rank = rankOf[this.postingUsers[e] ?? 0] ?? 0;
        if (rank > 0) matches.push((rank - 1) * stride + (this.postingPositions[e] ?? 0));
      }
    }
    const ordered = Float64Array.from(matches).sort();
    let reached = 0;
    const items = this.items;
    for (const match of ordered) {
      const rank = Math.floor(match / stride);
      const user = neighbours[rank] ?? 0;
      const similarity = shared[user] ?? 0;
      const start = this.offsets[user] ?? 0;
      const end = this.offsets[user + 1] ?? 0;
      const p = start + (match - rank * stride);
      const base = similarity * (weightOf[items[p] ?? 0] ?? 0);
      for (let k = 1, q = p + 1; k <= params.window && q < end; k++, q++) {
        const item = items[q] ?? 0;
        if (votes[item] === 0) voted[reached++] = item;
        votes[item] = (votes[item] ?? 0) + base * (position[k] ?? 0);
      }
    }
    for (const user of neighbours) rankOf[user] = 0;
    const holderNorm =
      params.popularityDiscount > 0 ? this.holderNormFor(params.popularityDiscount) : undefined;
    for (let v = 0; v < reached; v++) {
      const item = voted[v] ?? 0;
      const vote = votes[item] ?? 0;
      votes[item] = 0;
      if (vote === 0) continue;
      scores[item] = (scores[item] ?? 0) + (holderNorm ? vote / (holderNorm[item] ?? 1) : vote);
    }
    for (const item of queryItems) weightOf[item] = 0;
    for (const user of touched) shared[user] = 0;
    return reached;
  }

  private lengthNormFor(penalty: number): Float64Array {
    if (this.lengthNorm?.penalty === penalty) return this.lengthNorm.values;
    const userCount = this.offsets.length - 1;
    const values = new Float64Array(userCount);
    for (let user = 0; user < userCount; user++) {
      const length = (this.offsets[user + 1] ?? 0) - (this.offsets[user] ?? 0);
      values[user] = Math.pow(Math.max(1, length), penalty);
    }
    this.lengthNorm = { penalty, values };
    return values;
  }

  private holderNormFor(discount: number): Float64Array {
    if (this.holderNorm?.discount === discount) return this.holderNorm.values;
    const itemCount = this.postingOffsets.length - 1;
    const values = new Float64Array(itemCount);
    for (let item = 0; item < itemCount; item++) {
      const holders = (this.postingOffsets[item + 1] ?? 0) - (this.postingOffsets[item] ?? 0);
      values[item] = Math.pow(Math.max(1, holders), discount);
    }
    this.holderNorm = { discount, values };
    return values;
  }
}

/** Repeat distances the repeat model distinguishes; older repeats share the last slot. */
export const REPEAT_DISTANCES = 50;

/**
 * Learns the repeat model from training histories: a repeat is an interaction with an item the
 * user interacted with at an earlier second (rows of the same second are one moment, e.g. the
 * `click` and `watch` rows one rating produces, and are not a return to the item). Entry d (< {@link REPEAT_DISTANCES} − 1) is
 * the share of all interactions that repeat the item d distinct items back from the newest
 * (0 = the newest item); the last entry pools every older distance and is spread evenly over
 * those items when scoring. The sum is the overall repeat rate ρ.
 */
export function learnRepeatModel(
  histories: UserHistories,
  times: Float64Array,
  itemCount: number,
): Float64Array {
  const counts = new Float64Array(REPEAT_DISTANCES);
  const lastPosition = new Int32Array(itemCount).fill(-1);
  const lastTime = new Float64Array(itemCount);
  const owner = new Int32Array(itemCount).fill(-1);
  let rows = 0;
  for (let user = 0; user < histories.size; user++) {
    const history = histories.historyOf(user);
    const base = histories.offsets[user] ?? 0;
    for (let t = 0; t < history.length; t++) {
      const item = history[t] ?? 0;
      const time = times[base + t] ?? 0;
      rows++;
      if (owner[item] === user && time > (lastTime[item] ?? 0)) {
        // Distinct items interacted with since this item's last interaction, capped.
        const from = lastPosition[item] ?? 0;
        let distance = 0;
        for (let p = t - 1; p > from && distance < REPEAT_DISTANCES - 1; p--) {
          const other = history[p] ?? 0;
          if (owner[other] === user && lastPosition[other] === p) distance++;
        }
        counts[distance] = (counts[distance] ?? 0) + 1;
      }
      owner[item] = user;
      lastPosition[item] = t;
      lastTime[item] = time;
    }
  }
  if (rows > 0) for (let d = 0; d < counts.length; d++) counts[d] = (counts[d] ?? 0) / rows;
  return counts;
}
