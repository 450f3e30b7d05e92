/**
 * `aws-popularity-count` (SPEC §6.1): recommends the items with the most interaction rows, the
 * baseline Personalize's docs recommend comparing against (ANCHORS A1).
 */
import type { EncodedInteractions } from './dataset.js';
import { UserHistories } from './dataset.js';
import type { RecommendRequest, ScoredItem, TrainedModel } from './types.js';
import { readItemCounts, readStringArray } from './codec.js';
import { popularityOrder } from './ranking.js';

/** `format` tag of a serialised {@link PopularityModel}. */
export const POPULARITY_FORMAT = 'popularity-count/1';

/**
 * Most-interacted items, the same list for every user (SPEC §3.1: seen items are not removed).
 *
 * Scores are shares, count / total count of the items that could be recommended, in (0, 1],
 * descending; equal counts rank by item id.
 */
export class PopularityModel implements TrainedModel {
  private readonly order: Int32Array;
  private readonly itemIndex: Map<string, number>;
  /** Sum of all interaction counts. */
  private readonly totalCount: number;

  /**
   * @param itemIds item id per item index
   * @param counts interaction rows per item index
   * @param histories users' histories (for excluding seen items)
   */
  constructor(
    readonly recipe: string,
    private readonly itemIds: readonly string[],
    private readonly counts: readonly number[],
    private readonly histories: UserHistories,
  ) {
    this.order = popularityOrder(counts, itemIds);
    let totalCount = 0;
    for (const count of counts) totalCount += count;
    this.totalCount = totalCount;
    this.itemIndex = new Map(itemIds.map((itemId, index) => [itemId, index]));
  }

  /** Item indexes by descending count, ties by ascending item id (read-only: the model's own order). */
  get rankedIndexes(): Int32Array {
    return this.order;
  }

  /**
   * Top `numResults` items. The user's own history is not removed (SPEC §3.1: only a filter
   * removes items a user already interacted with); `userId`, `itemId` and `extraHistory` do not
   * change a popularity ranking.
   */
  recommend(request: RecommendRequest): ScoredItem[] {
    return this.recommendExcluding(new Set<number>(), request.numResults);
  }

  /**
   * Top `count` items for a history of item ids (the offline evaluation's entry point): exactly
   * what GetRecommendations answers. With `excludeHistory` the history's items are skipped, as an
   * "unwatched" filter would.
   */
  recommendForItemIds(
    history: readonly string[],
    count: number,
    excludeHistory = false,
  ): ScoredItem[] {
    const excluded = new Set<number>();
    if (excludeHistory) {
      for (const itemId of history) {
        const item = this.itemIndex.get(itemId);
        if (item !== undefined) excluded.add(item);
      }
    }
    return this.recommendExcluding(excluded, count);
  }

  /**
   * Top `count` items whose index is not in `excluded`; each score is the item's share of the
   * interaction counts of all items not in `excluded` (count / total), so the returned scores sum
   * to ≤ 1.
   *
   * @param excluded item indexes to skip
   */
  recommendExcluding(excluded: ReadonlySet<number>, count: number): ScoredItem[] {
    let total = this.totalCount;
    for (const item of excluded) total -= this.counts[item] ?? 0;
    return this.indexesExcluding(excluded, count).map((item) => ({
      itemId: this.itemIds[item] ?? '',
      score: total > 0 ? (this.counts[item] ?? 0) / total : 0,
    }));
  }

  /**
   * Item indexes of the top `count` items not in `excluded`, most popular first.
   *
   * @param excluded item indexes to skip
   */
  indexesExcluding(excluded: ReadonlySet<number>, count: number): number[] {
    const result: number[] = [];
    for (const item of this.order) {
      if (result.length >= count) break;
      if (!excluded.has(item)) result.push(item);
    }
    return result;
  }

  /** JSON form: `{format, recipe, itemIds, counts: number[], histories}`. */
  toJSON(): unknown {
    return {
      format: POPULARITY_FORMAT,
      recipe: this.recipe,
      itemIds: this.itemIds,
      counts: this.counts,
      histories: this.histories.toJSON(),
    };
  }

  /**
   * Restores {@link PopularityModel.toJSON} output.
   *
   * @throws Error when a field is missing or malformed
   */
  static fromJSON(json: Record<string, unknown>): PopularityModel {
    const itemIds = readStringArray(json.itemIds, 'itemIds');
    const counts = readItemCounts(json.counts, itemIds.length);
    return new PopularityModel(
      String(json.recipe),
      itemIds,
      counts,
      UserHistories.fromJSON(json.histories),
    );
  }
}

/** Trains {@link PopularityModel} on encoded interactions. */
export function trainPopularity(recipe: string, data: EncodedInteractions): PopularityModel {
  return new PopularityModel(recipe, data.itemIds, Array.from(data.itemCounts), data.histories);
}
