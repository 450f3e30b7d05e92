/**
 * The serving model of the item-kNN recipes (`aws-user-personalization`, `aws-sims`): neighbour
 * table, popularity fallback and user histories, serialisable to compact JSON.
 */
import type { EncodedInteractions } from './dataset.js';
import { UserHistories } from './dataset.js';
import type { RankedItem, RankRequest, RecommendRequest, ScoredItem, TrainedModel } from './types.js';
import type { ItemKnnParams, NeighbourTable } from './item-knn.js';
import { DEFAULT_ITEM_KNN_PARAMS, scoreHistory, trainItemKnn } from './item-knn.js';
import { decodeFloat32Array, decodeIndexArray, encodeIndexArray, encodeTypedArray, readItemCounts, readStringArray } from './codec.js';
import { PopularityModel } from './popularity.js';

/** `format` tag of a serialised {@link ItemKnnModel}. */
export const ITEM_KNN_FORMAT = 'item-knn/1';

/** Fallback scores sit below every kNN score: at most this share of the lowest one. */
const FALLBACK_SCALE = 0.5;
/** In rankings, popularity breaks ties among items the neighbours do not reach (share of a full kNN score). */
const RANKING_POPULARITY_WEIGHT = 1e-3;

/**
 * Item-kNN recommendations with popularity back-fill.
 *
 * - `{userId}` (user-personalization): scores the user's history plus `extraHistory`, excludes it.
 * - `{itemId}` (sims, or user-personalization without a known user): neighbours of the item.
 * - Unknown user with no usable history: most popular items.
 * Scores are shares: each item's raw score over the summed raw scores of every recommendable item
 * (all items outside the history), so all of them sum to 1 and the returned ones to ≤ 1; descending.
 */
export class ItemKnnModel implements TrainedModel {
  private readonly itemIndex: Map<string, number>;
  private readonly popularity: PopularityModel;
  /** Largest interaction count (≥ 1). */
  private readonly topCount: number;

  /**
   * @param itemIds item id per item index
   * @param counts interaction rows per item index (popularity back-fill)
   * @param table neighbour lists by item index
   * @param histories users' histories, oldest first
   * @param recencyHalfDistance see {@link ItemKnnParams.recencyHalfDistance}
   */
  constructor(
    readonly recipe: string,
    private readonly itemIds: readonly string[],
    private readonly counts: readonly number[],
    private readonly table: NeighbourTable,
    private readonly histories: UserHistories,
    private readonly recencyHalfDistance: number,
  ) {
    this.itemIndex = new Map(itemIds.map((itemId, index) => [itemId, index]));
    this.popularity = new PopularityModel(recipe, itemIds, counts, histories);
    // A loop, not Math.max(...counts): spreading 100k+ arguments overflows the stack.
    let topCount = 1;
    for (const count of counts) topCount = Math.max(topCount, count);
    this.topCount = topCount;
  }

  /** See the class comment. */
  recommend(request: RecommendRequest): ScoredItem[] {
    const history: number[] = [];
    const user = request.userId === undefined ? -1 : this.histories.indexOf(request.userId);
    if (user >= 0) for (const item of this.histories.historyOf(user)) history.push(item);
    for (const itemId of request.extraHistory ?? []) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) history.push(item);
    }
    const useItem = request.itemId !== undefined && (this.recipe === 'aws-sims' || history.length === 0);
    if (useItem) {
      const item = this.itemIndex.get(request.itemId ?? '');
      if (item !== undefined) history.push(item);
    }
    return this.recommendForHistory(history, request.numResults);
  }

  /**
   * GetPersonalizedRanking (SPEC §3.2): `inputList` by descending kNN score of the user's history
   * (plus a small popularity share so every known item scores above 0), scores normalised to sum
   * to 1; ties keep input order; items the model has never seen follow without a score.
   */
  rank(request: RankRequest): RankedItem[] {
    const history: number[] = [];
    const user = this.histories.indexOf(request.userId);
    if (user >= 0) for (const item of this.histories.historyOf(user)) history.push(item);
    for (const itemId of request.extraHistory ?? []) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) history.push(item);
    }
    const { scores } = scoreHistory(this.table, this.itemIds.length, history, this.recencyHalfDistance, 0);
    const known: { itemId: string; raw: number; order: number }[] = [];
    const unknown: RankedItem[] = [];
    const seen = new Set<string>();
    let bestKnn = 0;
    for (const itemId of request.inputList) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) bestKnn = Math.max(bestKnn, scores[item] ?? 0);
    }
    const topCount = this.topCount;
    for (const itemId of request.inputList) {
      if (seen.has(itemId)) continue;
      seen.add(itemId);
      const item = this.itemIndex.get(itemId);
      if (item === undefined) {
        unknown.push({ itemId });
        continue;
      }
      const knn = bestKnn > 0 ? (scores[item] ?? 0) / bestKnn : 0;
      known.push({ itemId, raw: knn + (RANKING_POPULARITY_WEIGHT * (this.counts[item] ?? 0)) / topCount, order: known.length });
    }
    known.sort((a, b) => (b.raw === a.raw ? a.order - b.order : b.raw - a.raw));
    const total = known.reduce((sum, entry) => sum + entry.raw, 0);
    return [...known.map((entry) => ({ itemId: entry.itemId, score: entry.raw / total })), ...unknown];
  }

  /**
   * Recommendations for a history of item ids, oldest first (the offline evaluation's entry point).
   * Unknown item ids are ignored; history items are never recommended.
   */
  recommendForItemIds(history: readonly string[], count: number): ScoredItem[] {
    const indexes: number[] = [];
    for (const itemId of history) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) indexes.push(item);
    }
    return this.recommendForHistory(indexes, count);
  }

  /**
   * Ranks as before (kNN-reached items by raw score, then popularity back-fill below the lowest
   * reached score) and reports each item's share of the summed raw scores of every item the user
   * could be recommended (all items outside the history): the full list sums to 1, so the
   * returned top `count` sum to ≤ 1 (SPEC §3.1 `score`).
   */
  private recommendForHistory(history: readonly number[], count: number): ScoredItem[] {
    const itemCount = this.itemIds.length;
    const { items, scores } = scoreHistory(this.table, itemCount, history, this.recencyHalfDistance, count);
    const excluded = new Uint8Array(itemCount);
    for (const item of history) if (item >= 0 && item < itemCount) excluded[item] = 1;
    // Back-fill raw score per interaction count: half the lowest reached kNN score per top count,
    // exactly the previous best-normalised fillers (which only ever followed all reached items).
    let knnTotal = 0;
    let lowestKnn = Number.POSITIVE_INFINITY;
    let fillCountTotal = 0;
    for (let item = 0; item < itemCount; item++) {
      if (excluded[item] === 1) continue;
      const knn = scores[item] ?? 0;
      if (knn > 0) {
        knnTotal += knn;
        lowestKnn = Math.min(lowestKnn, knn);
      } else {
        fillCountTotal += this.counts[item] ?? 0;
      }
    }
    const fillPerCount = (Number.isFinite(lowestKnn) ? lowestKnn * FALLBACK_SCALE : 1) / this.topCount;
    const total = knnTotal + fillPerCount * fillCountTotal;
    const share = (raw: number): number => (total > 0 ? raw / total : 0);
    const result: ScoredItem[] = items.map((item) => ({ itemId: this.itemIds[item] ?? '', score: share(scores[item] ?? 0) }));
    if (result.length >= count) return result;
    const taken = new Set<number>([...history, ...items]);
    for (const item of this.popularity.indexesExcluding(taken, count - result.length)) {
      result.push({ itemId: this.itemIds[item] ?? '', score: share((this.counts[item] ?? 0) * fillPerCount) });
    }
    return result;
  }

  /**
   * JSON form: `{format, recipe, itemIds, counts, recencyHalfDistance, offsets, neighbours, similarities, histories}`;
   * index arrays as {@link encodeIndexArray} text, similarities as base64 Float32. ≈ 7.4 MB for the A2.1 data.
   */
  toJSON(): unknown {
    return {
      format: ITEM_KNN_FORMAT,
      recipe: this.recipe,
      itemIds: this.itemIds,
      counts: this.counts,
      recencyHalfDistance: this.recencyHalfDistance,
      offsets: encodeIndexArray(this.table.offsets),
      neighbours: encodeIndexArray(this.table.neighbours),
      similarities: encodeTypedArray(this.table.similarities),
      histories: this.histories.toJSON(),
    };
  }

  /**
   * Restores {@link ItemKnnModel.toJSON} output.
   *
   * @throws Error when a field is missing or malformed
   */
  static fromJSON(json: Record<string, unknown>): ItemKnnModel {
    const itemIds = readStringArray(json.itemIds, 'itemIds');
    const counts = readItemCounts(json.counts, itemIds.length);
    const table: NeighbourTable = {
      offsets: decodeIndexArray(json.offsets, 'offsets'),
      neighbours: decodeIndexArray(json.neighbours, 'neighbours'),
      similarities: decodeFloat32Array(json.similarities, 'similarities'),
    };
    if (table.offsets.length !== itemIds.length + 1 || table.neighbours.length !== table.similarities.length) {
      throw new Error('Serialised model neighbour table does not match its items.');
    }
    const recency = typeof json.recencyHalfDistance === 'number' ? json.recencyHalfDistance : 0;
    return new ItemKnnModel(String(json.recipe), itemIds, counts, table, UserHistories.fromJSON(json.histories), recency);
  }
}

/**
 * Trains an {@link ItemKnnModel} on encoded interactions.
 *
 * @param overrides parameters replacing {@link DEFAULT_ITEM_KNN_PARAMS}
 */
export function trainItemKnnModel(recipe: string, data: EncodedInteractions, overrides: Partial<ItemKnnParams> = {}): ItemKnnModel {
  const params: ItemKnnParams = { ...DEFAULT_ITEM_KNN_PARAMS, ...overrides };
  const table = trainItemKnn(data, params);
  return new ItemKnnModel(recipe, data.itemIds, Array.from(data.itemCounts), table, data.histories, params.recencyHalfDistance);
}
