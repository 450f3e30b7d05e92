/**
 * The serving model of the item-kNN recipes (`aws-user-personalization`, `aws-sims`,
 * `aws-personalized-ranking`): neighbour table, optional sequence-aware user-kNN blend, repeat
 * model, popularity fallback and user histories, serialisable to compact JSON.
 */
import type { EncodedInteractions } from './dataset.js';
import { UserHistories } from './dataset.js';
import type {
  RankedItem,
  RankRequest,
  RecommendRequest,
  ScoredItem,
  TrainedModel,
} from './types.js';
import type { ItemKnnParams, NeighbourTable } from './item-knn.js';
import { accumulateHistoryScores, DEFAULT_ITEM_KNN_PARAMS, trainItemKnn } from './item-knn.js';
import {
  decodeFloat32Array,
  decodeIndexArray,
  encodeIndexArray,
  encodeTypedArray,
  readItemCounts,
  readStringArray,
} from './codec.js';
import { PopularityModel } from './popularity.js';
import { selectTop } from './ranking.js';
import type { SequenceKnnParams } from './sequence-knn.js';
import {
  DEFAULT_SEQUENCE_KNN_PARAMS,
  learnRepeatModel,
  REPEAT_DISTANCES,
  SequenceIndex,
} from './sequence-knn.js';

/** `format` tag of a serialised {@link ItemKnnModel}. */
export const ITEM_KNN_FORMAT = 'item-knn/2';

/**
 * `format` tag of models saved before the blend and the repeat model (`recencyHalfDistance` at the
 * top level, no `blend`): still restored, as item-kNN alone, so persisted campaigns keep serving.
 */
export const LEGACY_ITEM_KNN_FORMAT = 'item-knn/1';

/** Keeps the item ids it returns true for (a request's filter). */
type ItemFilter = (itemId: string) => boolean;

/** RELATED_ITEMS recipes (SPEC §3.1 rule 3): `itemId` alone decides the answer. */
const RELATED_ITEMS_RECIPES: ReadonlySet<string> = new Set(['aws-sims', 'aws-similar-items']);

/** Fallback scores sit below every model score: at most this share of the lowest one. */
const FALLBACK_SCALE = 0.5;
/** In rankings, popularity breaks ties among items the model does not reach (share of a full score). */
const RANKING_POPULARITY_WEIGHT = 1e-3;

/** How the item-kNN scores are combined at request time; part of the serialised model. */
export interface BlendParams {
  /** Recency half distance of the item-kNN scoring (see {@link ItemKnnParams.recencyHalfDistance}). */
  readonly recencyHalfDistance: number;
  /** Weight λ of the sequence-aware user-kNN in [0, 1]: score = (1 − λ) · itemKnn/max + λ · userKnn/max. */
  readonly userKnnWeight: number;
  /** Knobs of the user-kNN (used when `userKnnWeight` > 0). */
  readonly sequence: SequenceKnnParams;
  /** Rank history items by the learned repeat model (true) or by the blended score alone (false). */
  readonly repeatModel: boolean;
}

/** Blend defaults: item-kNN alone, no repeat model (what `aws-sims` and unconfigured callers get). */
export const DEFAULT_BLEND_PARAMS: BlendParams = {
  recencyHalfDistance: DEFAULT_ITEM_KNN_PARAMS.recencyHalfDistance,
  userKnnWeight: 0,
  sequence: DEFAULT_SEQUENCE_KNN_PARAMS,
  repeatModel: false,
};

/**
 * Item-kNN recommendations with popularity back-fill.
 *
 * - `{userId}` (user-personalization): scores the user's history plus `extraHistory`; items the
 *   user already interacted with stay where the model ranks them (SPEC §3.1: only a filter removes
 *   them) — with the repeat model, at the learned chance that the user comes back to them.
 * - `{itemId}` (sims, or user-personalization without a known user): neighbours of the item (never the item itself).
 * - Unknown user with no usable history, or unknown item: most popular items (SPEC §3.1).
 *
 * Scores are shares: each item's score over the summed scores of every recommendable item, so all
 * of them sum to 1 and the returned ones to ≤ 1; descending.
 */
export class ItemKnnModel implements TrainedModel {
  private readonly itemIndex: Map<string, number>;
  private readonly popularity: PopularityModel;
  /** Largest interaction count (≥ 1). */
  private readonly topCount: number;
  private sequenceIndex: SequenceIndex | undefined;
  /** Item indexes by popularity (the back-fill order), shared with {@link PopularityModel}. */
  private readonly popularOrder: Int32Array;
  /** Sum of every item's interaction count, in item index order (the cold back-fill's total). */
  private readonly countTotal: number;
  /** The related-items answers of every item, built on the first item request. */
  private related: RelatedItemsIndex | undefined;
  /** Scratch marks of the back-fill walk, one per item: `stamp[item] === generation` = taken. */
  private stamp: Int32Array | undefined;
  private generation = 0;
  /**
   * Work buffers of {@link ItemKnnModel.scoreAll} and {@link ItemKnnModel.recommendForHistory},
   * one slot per item, reused by every request (they run synchronously): the scores returned by
   * `scoreAll` live here until the next call.
   */
  private work:
    | {
        readonly scores: Float64Array;
        readonly user: Float64Array;
        readonly distance: Int32Array;
        readonly excluded: Uint8Array;
        readonly candidates: Int32Array;
      }
    | undefined;

  /**
   * @param itemIds item id per item index
   * @param counts interaction rows per item index (popularity back-fill)
   * @param table neighbour lists by item index
   * @param histories users' histories, oldest first
   * @param blend request-time combination, see {@link BlendParams}
   * @param repeat learned repeat shares by distance (see `learnRepeatModel`); empty without a repeat model
   */
  constructor(
    readonly recipe: string,
    private readonly itemIds: readonly string[],
    private readonly counts: readonly number[],
    private readonly table: NeighbourTable,
    private readonly histories: UserHistories,
    private readonly blend: BlendParams,
    private readonly repeat: Float64Array,
  ) {
    this.itemIndex = new Map(itemIds.map((itemId, index) => [itemId, index]));
    this.popularity = new PopularityModel(recipe, itemIds, counts, histories);
    this.popularOrder = this.popularity.rankedIndexes;
    // A loop, not Math.max(...counts): spreading 100k+ arguments overflows the stack.
    let topCount = 1;
    let countTotal = 0;
    for (const count of counts) {
      topCount = Math.max(topCount, count);
      countTotal += count;
    }
    this.topCount = topCount;
    this.countTotal = countTotal;
  }

  /**
   * See {@link TrainedModel.answersWithoutScoring}: an `itemId` the model knows, asked of a model
   * without the user-kNN, when the item decides the answer (related items, or no usable history);
   * an unknown item of a related-items model; no usable history at all.
   */
  answersWithoutScoring(request: Omit<RecommendRequest, 'numResults'>): boolean {
    const user = request.userId === undefined ? -1 : this.histories.indexOf(request.userId);
    const noHistory = user < 0 && this.indexesOf(request.extraHistory ?? []).length === 0;
    const related = RELATED_ITEMS_RECIPES.has(this.recipe);
    if (request.itemId !== undefined && (related || noHistory)) {
      if (this.itemIndex.has(request.itemId)) return this.blend.userKnnWeight <= 0;
      if (related) return true;
    }
    return noHistory;
  }

  /**
   * See {@link TrainedModel.recommendMatching}: the related-items answer of a known item (model
   * without the user-kNN) and the cold answer walk their precomputed order and build only the
   * items `keep` lets through; other requests are scored (undefined).
   */
  recommendMatching(request: RecommendRequest, keep: ItemFilter): ScoredItem[] | undefined {
    // The branches of `recommend`, answering only those that read precomputed lists.
    const { history } = this.historyOf(request.userId, request.extraHistory);
    const related = RELATED_ITEMS_RECIPES.has(this.recipe);
    if (request.itemId !== undefined && (related || history.length === 0)) {
      const item = this.itemIndex.get(request.itemId);
      if (item !== undefined)
        return this.blend.userKnnWeight <= 0
          ? this.relatedTo(item, request.numResults, keep)
          : undefined;
      if (related) return this.coldAnswer(request.numResults, keep);
    }
    if (history.length === 0) return this.coldAnswer(request.numResults, keep);
    return undefined;
  }

  /** See the class comment. */
  recommend(request: RecommendRequest): ScoredItem[] {
    const { history, user } = this.historyOf(request.userId, request.extraHistory);
    const related = RELATED_ITEMS_RECIPES.has(this.recipe);
    const useItem = request.itemId !== undefined && (related || history.length === 0);
    if (useItem) {
      const item = this.itemIndex.get(request.itemId ?? '');
      // Related items: the neighbours of the item alone; the item itself is not its own answer.
      if (item !== undefined) {
        // Without the user-kNN the answer depends on the item alone: read it from the index.
        if (this.blend.userKnnWeight <= 0) return this.relatedTo(item, request.numResults);
        return this.recommendForHistory([item], request.numResults, true, -1, false);
      }
      if (related) return this.coldAnswer(request.numResults);
    }
    if (history.length === 0) return this.coldAnswer(request.numResults);
    return this.recommendForHistory(history, request.numResults, false, user);
  }

  /**
   * What {@link ItemKnnModel.recommendForHistory} answers for the history `[item]` with the
   * item excluded and no repeat model (the related-items answer, SPEC §3.1), read from
   * {@link RelatedItemsIndex}: the item's reached neighbours best first, then the popularity
   * back-fill. Same items and scores, bit for bit; per request it allocates only the answer.
   */
  private relatedTo(item: number, count: number, keep?: ItemFilter): ScoredItem[] {
    const related = (this.related ??= buildRelatedItemsIndex(
      this.table,
      this.counts,
      this.topCount,
      this.countTotal,
    ));
    const start = related.offsets[item] ?? 0;
    const end = related.offsets[item + 1] ?? 0;
    const total = related.totals[item] ?? 0;
    const share = (raw: number): number => (total > 0 ? raw / total : 0);
    const result: ScoredItem[] = [];
    for (let e = start; e < end && result.length < count; e++) {
      const itemId = this.itemIds[related.items[e] ?? 0] ?? '';
      if (keep !== undefined && !keep(itemId)) continue;
      result.push({ itemId, score: share(related.scores[e] ?? 0) });
    }
    if (result.length >= count) return result;
    const stamp = this.nextStamp();
    const mark = this.generation;
    stamp[item] = mark;
    for (let e = start; e < end; e++) stamp[related.items[e] ?? 0] = mark;
    const fillPerCount = related.fillPerCount[item] ?? 0;
    for (const filler of this.popularOrder) {
      if (result.length >= count) break;
      if (stamp[filler] === mark) continue;
      const itemId = this.itemIds[filler] ?? '';
      if (keep !== undefined && !keep(itemId)) continue;
      result.push({ itemId, score: share((this.counts[filler] ?? 0) * fillPerCount) });
    }
    return result;
  }

  /**
   * What {@link ItemKnnModel.recommendForHistory} answers for an empty history (a cold user, an
   * unknown item of a related-items model; SPEC §3.1): the model reaches no item, so the most
   * popular items, each scored its count over the summed counts of the catalogue.
   */
  private coldAnswer(count: number, keep?: ItemFilter): ScoredItem[] {
    const fillPerCount = 1 / this.topCount;
    const total = fillPerCount * this.countTotal;
    const result: ScoredItem[] = [];
    for (const item of this.popularOrder) {
      if (result.length >= count) break;
      const itemId = this.itemIds[item] ?? '';
      if (keep !== undefined && !keep(itemId)) continue;
      const raw = (this.counts[item] ?? 0) * fillPerCount;
      result.push({ itemId, score: total > 0 ? raw / total : 0 });
    }
    return result;
  }

  /** The request work buffers (see {@link ItemKnnModel.work}), allocated on first use. */
  private workBuffers(): NonNullable<ItemKnnModel['work']> {
    const itemCount = this.itemIds.length;
    return (this.work ??= {
      scores: new Float64Array(itemCount),
      user: new Float64Array(itemCount),
      distance: new Int32Array(itemCount),
      excluded: new Uint8Array(itemCount),
      candidates: new Int32Array(itemCount),
    });
  }

  /** The scratch marks with a fresh generation (reset when the counter would overflow). */
  private nextStamp(): Int32Array {
    if (this.stamp === undefined || this.generation >= 0x7fffffff) {
      this.stamp = new Int32Array(this.itemIds.length);
      this.generation = 0;
    }
    this.generation++;
    return this.stamp;
  }

  /**
   * GetPersonalizedRanking (SPEC §3.2): `inputList` by descending model score for the user's
   * history (plus a small popularity share so every known item scores above 0), scores normalised
   * to sum to 1; ties keep input order; items the model has never seen follow without a score.
   */
  rank(request: RankRequest): RankedItem[] {
    const { history, user } = this.historyOf(request.userId, request.extraHistory);
    return this.rankForHistory(history, request.inputList, user);
  }

  /**
   * {@link ItemKnnModel.rank} for a history of item indexes (the offline evaluation's entry point
   * for personalized-ranking).
   *
   * @param selfUser the requesting user's index among the training users, or -1
   */
  rankForHistory(
    history: readonly number[],
    inputList: readonly string[],
    selfUser = -1,
  ): RankedItem[] {
    const scores = this.scoreAll(history, false, selfUser, this.blend.repeatModel);
    const known: { itemId: string; raw: number; order: number }[] = [];
    const unknown: RankedItem[] = [];
    const seen = new Set<string>();
    let best = 0;
    for (const itemId of inputList) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) best = Math.max(best, scores[item] ?? 0);
    }
    for (const itemId of inputList) {
      if (seen.has(itemId)) continue;
      seen.add(itemId);
      const item = this.itemIndex.get(itemId);
      if (item === undefined) {
        unknown.push({ itemId });
        continue;
      }
      const model = best > 0 ? (scores[item] ?? 0) / best : 0;
      known.push({
        itemId,
        raw: model + (RANKING_POPULARITY_WEIGHT * (this.counts[item] ?? 0)) / this.topCount,
        order: known.length,
      });
    }
    known.sort((a, b) => (b.raw === a.raw ? a.order - b.order : b.raw - a.raw));
    const total = known.reduce((sum, entry) => sum + entry.raw, 0);
    return [
      ...known.map((entry) => ({ itemId: entry.itemId, score: entry.raw / total })),
      ...unknown,
    ];
  }

  /**
   * Recommendations for a history of item ids, oldest first (the offline evaluation's entry point):
   * exactly what GetRecommendations answers for a user with this history. Unknown item ids are
   * ignored. History items stay where the model ranks them (SPEC §3.1) unless `excludeHistory`
   * (what an "unwatched" filter does).
   */
  recommendForItemIds(
    history: readonly string[],
    count: number,
    excludeHistory = false,
  ): ScoredItem[] {
    return this.recommendForHistory(this.indexesOf(history), count, excludeHistory, -1);
  }

  /**
   * What GetRecommendations answers for a known training user (`userId`), optionally without the
   * user's own items (`excludeHistory`, an "unwatched" filter): the entry point of protocols whose
   * test users are training users (e.g. the Microsoft Recommenders split, ANCHORS B). The user is
   * never its own neighbour in the user-kNN.
   */
  recommendForUser(userId: string, count: number, excludeHistory = false): ScoredItem[] {
    const { history, user } = this.historyOf(userId, undefined);
    return this.recommendForHistory(history, count, excludeHistory, user);
  }

  /** Item indexes of the known ids among `itemIds`, in order. */
  indexesOf(itemIds: readonly string[]): number[] {
    const indexes: number[] = [];
    for (const itemId of itemIds) {
      const item = this.itemIndex.get(itemId);
      if (item !== undefined) indexes.push(item);
    }
    return indexes;
  }

  private historyOf(
    userId: string | undefined,
    extraHistory: readonly string[] | undefined,
  ): { history: number[]; user: number } {
    const history: number[] = [];
    const user = userId === undefined ? -1 : this.histories.indexOf(userId);
    if (user >= 0) for (const item of this.histories.historyOf(user)) history.push(item);
    history.push(...this.indexesOf(extraHistory ?? []));
    return { history, user };
  }

  /**
   * The model's score of every item for a history (0 = not reached): the blended item-kNN /
   * user-kNN score of new items, scaled to the learned chance (1 − ρ) that the next item is new
   * when the repeat model is on, and for history items their learned repeat share by recency.
   */
  private scoreAll(
    history: readonly number[],
    excludeHistory: boolean,
    selfUser: number,
    useRepeat: boolean,
  ): Float64Array {
    const itemCount = this.itemIds.length;
    const work = this.workBuffers();
    const scores = work.scores;
    scores.fill(0);
    const marks = this.nextStamp();
    accumulateHistoryScores(
      this.table,
      itemCount,
      history,
      this.blend.recencyHalfDistance,
      scores,
      marks,
      this.generation,
    );
    const lambda = this.blend.userKnnWeight;
    if (lambda > 0 && history.length > 0) {
      this.sequenceIndex ??= SequenceIndex.build(this.histories, itemCount);
      const user = work.user;
      user.fill(0);
      this.sequenceIndex.score(history, selfUser, this.blend.sequence, user);
      let maxItem = 0;
      let maxUser = 0;
      for (let j = 0; j < itemCount; j++) {
        maxItem = Math.max(maxItem, scores[j] ?? 0);
        maxUser = Math.max(maxUser, user[j] ?? 0);
      }
      const itemScale = maxItem > 0 ? (1 - lambda) / maxItem : 0;
      const userScale = maxUser > 0 ? lambda / maxUser : 0;
      for (let j = 0; j < itemCount; j++)
        scores[j] = (scores[j] ?? 0) * itemScale + (user[j] ?? 0) * userScale;
    }
    const repeat = useRepeat && !excludeHistory && this.repeat.length > 0 ? this.repeat : undefined;
    if (repeat === undefined && !excludeHistory) return scores;
    // Distance of each distinct history item from the newest one.
    const distance = work.distance;
    distance.fill(-1);
    let distinct = 0;
    for (let k = history.length - 1; k >= 0; k--) {
      const item = history[k] ?? -1;
      if (item < 0 || item >= itemCount || (distance[item] ?? -1) >= 0) continue;
      distance[item] = distinct++;
    }
    if (repeat === undefined) {
      for (let j = 0; j < itemCount; j++) if ((distance[j] ?? -1) >= 0) scores[j] = 0;
      return scores;
    }
    let repeatRate = 0;
    for (const share of repeat) repeatRate += share;
    let newTotal = 0;
    for (let j = 0; j < itemCount; j++) if ((distance[j] ?? -1) < 0) newTotal += scores[j] ?? 0;
    const newScale = newTotal > 0 ? (1 - repeatRate) / newTotal : 0;
    const pooled = Math.max(1, distinct - (REPEAT_DISTANCES - 1));
    for (let j = 0; j < itemCount; j++) {
      const d = distance[j] ?? -1;
      if (d < 0) scores[j] = (scores[j] ?? 0) * newScale;
      else
        scores[j] =
          d < REPEAT_DISTANCES - 1
            ? (repeat[d] ?? 0)
            : (repeat[REPEAT_DISTANCES - 1] ?? 0) / pooled;
    }
    return scores;
  }

  /**
   * Ranks reached items by model score, then popularity back-fill below the lowest reached score,
   * and reports each item's share of the summed scores of every item that could be recommended
   * (the whole catalogue, less the history when `excludeHistory`): the full list sums to 1, so the
   * returned top `count` sum to ≤ 1 (SPEC §3.1 `score`).
   */
  private recommendForHistory(
    history: readonly number[],
    count: number,
    excludeHistory: boolean,
    selfUser: number,
    useRepeat = this.blend.repeatModel,
  ): ScoredItem[] {
    const itemCount = this.itemIds.length;
    const scores = this.scoreAll(history, excludeHistory, selfUser, useRepeat);
    const work = this.workBuffers();
    const excluded = work.excluded;
    if (excludeHistory)
      for (const item of history) if (item >= 0 && item < itemCount) excluded[item] = 1;
    // Back-fill score per interaction count: half the lowest reached score per top count, so
    // fillers only ever follow all reached items.
    let reachedTotal = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let fillCountTotal = 0;
    const reached = work.candidates;
    let reachedCount = 0;
    for (let item = 0; item < itemCount; item++) {
      if (excluded[item] === 1) continue;
      const score = scores[item] ?? 0;
      if (score > 0) {
        reachedTotal += score;
        lowest = Math.min(lowest, score);
        reached[reachedCount++] = item;
      } else {
        fillCountTotal += this.counts[item] ?? 0;
      }
    }
    const candidates = reached.subarray(0, reachedCount);
    const items = selectTop(scores, candidates, count);
    const fillPerCount = (Number.isFinite(lowest) ? lowest * FALLBACK_SCALE : 1) / this.topCount;
    const total = reachedTotal + fillPerCount * fillCountTotal;
    const share = (raw: number): number => (total > 0 ? raw / total : 0);
    const result: ScoredItem[] = items.map((item) => ({
      itemId: this.itemIds[item] ?? '',
      score: share(scores[item] ?? 0),
    }));
    if (excludeHistory)
      for (const item of history) if (item >= 0 && item < itemCount) excluded[item] = 0;
    if (result.length >= count) return result;
    const taken = new Set<number>(candidates);
    if (excludeHistory)
      for (const item of history) if (item >= 0 && item < itemCount) taken.add(item);
    for (const item of this.popularity.indexesExcluding(taken, count - result.length)) {
      result.push({
        itemId: this.itemIds[item] ?? '',
        score: share((this.counts[item] ?? 0) * fillPerCount),
      });
    }
    return result;
  }

  /**
   * User segments of a USER_SEGMENTATION version (batch segment jobs, SPEC §2.19): for each set
   * of item ids, every training user's affinity to it, the summed model score of the set's items
   * for the user's history relative to the user's best-scored item (the blended item-kNN /
   * user-kNN score, history items kept, no repeat model; 0 for items the model never saw). Bulk
   * data of the last training only, as the service documents for segments. Measured on the POC
   * MovieLens files, the 40 users with the highest affinity to Toy Story (item 1) have 1.6× the
   * average user's share of Animation in their history (`batch-segments.itest.ts`).
   *
   * @returns `userIds` (training users, in index order) and one score per user for each set
   */
  segmentAffinities(itemSets: readonly (readonly string[])[]): {
    userIds: readonly string[];
    scores: Float64Array[];
  } {
    const userCount = this.histories.size;
    const sets = itemSets.map((itemIds) => this.indexesOf(itemIds));
    const scores = sets.map(() => new Float64Array(userCount));
    for (let user = 0; user < userCount; user++) {
      const history = Array.from(this.histories.historyOf(user));
      const all = this.scoreAll(history, false, user, false);
      sets.forEach((items, index) => {
        let sum = 0;
        for (const item of items) sum += all[item] ?? 0;
        const target = scores[index];
        if (target) target[user] = sum;
      });
    }
    return { userIds: this.histories.userIds, scores };
  }

  /**
   * JSON form: `{format, recipe, itemIds, counts, blend, repeat, offsets, neighbours, similarities, histories}`;
   * index arrays as {@link encodeIndexArray} text, similarities as base64 Float32. ≈ 7.4 MB for the A2.1 data.
   */
  toJSON(): unknown {
    return {
      format: ITEM_KNN_FORMAT,
      recipe: this.recipe,
      itemIds: this.itemIds,
      counts: this.counts,
      blend: this.blend,
      repeat: Array.from(this.repeat),
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
    if (
      table.offsets.length !== itemIds.length + 1 ||
      table.neighbours.length !== table.similarities.length
    ) {
      throw new Error('Serialised model neighbour table does not match its items.');
    }
    const blend =
      json.format === LEGACY_ITEM_KNN_FORMAT
        ? {
            ...DEFAULT_BLEND_PARAMS,
            recencyHalfDistance:
              typeof json.recencyHalfDistance === 'number' ? json.recencyHalfDistance : 0,
          }
        : readBlend(json.blend);
    const repeat =
      Array.isArray(json.repeat) && json.repeat.every((value) => typeof value === 'number')
        ? Float64Array.from(json.repeat)
        : new Float64Array(0);
    return new ItemKnnModel(
      String(json.recipe),
      itemIds,
      counts,
      table,
      UserHistories.fromJSON(json.histories),
      blend,
      repeat,
    );
  }
}

/**
 * Every item's related-items answer, precomputed (CSR over item indexes): the reached neighbours
 * of item i (similarity > 0, never i itself) are `items[offsets[i] .. offsets[i + 1]]`, best
 * first (higher similarity, then lower index, as `selectTop`), with their raw scores; `totals[i]`
 * is the share denominator (reached scores summed in item index order, plus the back-fill's
 * `fillPerCount[i]` per interaction of every other item), exactly as
 * {@link ItemKnnModel.recommendForHistory} computes them for the history `[i]`.
 */
interface RelatedItemsIndex {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly scores: Float64Array;
  readonly totals: Float64Array;
  readonly fillPerCount: Float64Array;
}

/**
 * Builds {@link RelatedItemsIndex} from the neighbour table: O(entries · log entries per item),
 * ≈ 1 million entries (≈ 12 MB) for the A2.1 MovieLens POC file. The back-fill's interaction
 * total is the catalogue's less the item's and its neighbours' counts (integer counts: exact).
 *
 * @param countTotal every item's count summed in item index order
 */
function buildRelatedItemsIndex(
  table: NeighbourTable,
  counts: readonly number[],
  topCount: number,
  countTotal: number,
): RelatedItemsIndex {
  const itemCount = table.offsets.length - 1;
  const offsets = new Int32Array(itemCount + 1);
  const items = new Int32Array(table.neighbours.length);
  const scores = new Float64Array(table.neighbours.length);
  const totals = new Float64Array(itemCount);
  const fillPerCount = new Float64Array(itemCount);
  const score = new Float64Array(itemCount);
  const seen = new Int32Array(itemCount).fill(-1);
  let written = 0;
  for (let i = 0; i < itemCount; i++) {
    // Neighbour scores for the history [i] (recency weight 1), summed as `scoreHistory` does.
    const touched: number[] = [];
    for (let e = table.offsets[i] ?? 0, end = table.offsets[i + 1] ?? 0; e < end; e++) {
      const j = table.neighbours[e] ?? 0;
      if (seen[j] !== i) {
        seen[j] = i;
        score[j] = 0;
        touched.push(j);
      }
      score[j] = (score[j] ?? 0) + 1 * (table.similarities[e] ?? 0);
    }
    const reached = touched.filter((j) => j !== i && (score[j] ?? 0) > 0).sort((a, b) => a - b);
    let reachedTotal = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let fillCountTotal = countTotal - (counts[i] ?? 0);
    for (const j of reached) {
      reachedTotal += score[j] ?? 0;
      lowest = Math.min(lowest, score[j] ?? 0);
      fillCountTotal -= counts[j] ?? 0;
    }
    const fill = (Number.isFinite(lowest) ? lowest * FALLBACK_SCALE : 1) / topCount;
    fillPerCount[i] = fill;
    totals[i] = reachedTotal + fill * fillCountTotal;
    reached.sort((a, b) => {
      const sa = score[a] ?? 0;
      const sb = score[b] ?? 0;
      return sa === sb ? a - b : sb - sa;
    });
    for (const j of reached) {
      items[written] = j;
      scores[written] = score[j] ?? 0;
      written++;
    }
    offsets[i + 1] = written;
  }
  return {
    offsets,
    items: items.slice(0, written),
    scores: scores.slice(0, written),
    totals,
    fillPerCount,
  };
}

function readBlend(value: unknown): BlendParams {
  if (typeof value !== 'object' || value === null)
    throw new Error('Serialised model field blend is not an object.');
  const record = value as Record<string, unknown>;
  const sequence = (
    typeof record.sequence === 'object' && record.sequence !== null ? record.sequence : {}
  ) as Record<string, unknown>;
  const number = (source: Record<string, unknown>, key: string, fallback: number): number =>
    typeof source[key] === 'number' ? source[key] : fallback;
  const defaults = DEFAULT_SEQUENCE_KNN_PARAMS;
  return {
    recencyHalfDistance: number(
      record,
      'recencyHalfDistance',
      DEFAULT_BLEND_PARAMS.recencyHalfDistance,
    ),
    userKnnWeight: number(record, 'userKnnWeight', 0),
    repeatModel: record.repeatModel === true,
    sequence: {
      historyLength: number(sequence, 'historyLength', defaults.historyLength),
      recencyHalfDistance: number(sequence, 'recencyHalfDistance', defaults.recencyHalfDistance),
      neighbourCount: number(sequence, 'neighbourCount', defaults.neighbourCount),
      window: number(sequence, 'window', defaults.window),
      positionHalfDistance: number(sequence, 'positionHalfDistance', defaults.positionHalfDistance),
      lengthPenalty: number(sequence, 'lengthPenalty', defaults.lengthPenalty),
      popularityDiscount: number(sequence, 'popularityDiscount', defaults.popularityDiscount),
    },
  };
}

/**
 * Trains an {@link ItemKnnModel} on encoded interactions.
 *
 * @param overrides parameters replacing {@link DEFAULT_ITEM_KNN_PARAMS}
 * @param blend request-time combination replacing {@link DEFAULT_BLEND_PARAMS} (its
 *   `recencyHalfDistance` follows `overrides` unless given)
 */
export function trainItemKnnModel(
  recipe: string,
  data: EncodedInteractions,
  overrides: Partial<ItemKnnParams> = {},
  blend: Partial<BlendParams> = {},
): ItemKnnModel {
  const params: ItemKnnParams = { ...DEFAULT_ITEM_KNN_PARAMS, ...overrides };
  const table = trainItemKnn(data, params);
  const fullBlend: BlendParams = {
    ...DEFAULT_BLEND_PARAMS,
    recencyHalfDistance: params.recencyHalfDistance,
    ...blend,
  };
  const repeat = fullBlend.repeatModel
    ? learnRepeatModel(data.histories, data.times, data.itemIds.length)
    : new Float64Array(0);
  return new ItemKnnModel(
    recipe,
    data.itemIds,
    Array.from(data.itemCounts),
    table,
    data.histories,
    fullBlend,
    repeat,
  );
}

/**
 * An {@link ItemKnnModel} over a neighbour table built elsewhere (e.g. `aws-similar-items`' blend
 * of co-occurrence and metadata).
 *
 * @param blend request-time combination replacing {@link DEFAULT_BLEND_PARAMS}
 */
export function itemKnnModelFromTable(
  recipe: string,
  data: EncodedInteractions,
  table: NeighbourTable,
  blend: Partial<BlendParams> = {},
): ItemKnnModel {
  const fullBlend: BlendParams = { ...DEFAULT_BLEND_PARAMS, ...blend };
  const repeat = fullBlend.repeatModel
    ? learnRepeatModel(data.histories, data.times, data.itemIds.length)
    : new Float64Array(0);
  return new ItemKnnModel(
    recipe,
    data.itemIds,
    Array.from(data.itemCounts),
    table,
    data.histories,
    fullBlend,
    repeat,
  );
}
