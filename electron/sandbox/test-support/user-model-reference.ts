/**
 * The request path of the item-kNN user models (aws-user-personalization) as it was before its
 * work buffers (fresh catalogue-sized arrays per request, the history scored by `scoreHistory`,
 * the top-N heap sorted with a comparator), kept as the reference that
 * `recipes/user-model-answers.test.ts` and `bench/user-personalization-bench.ts` compare the
 * served answers with. Reads the model only through its serialised form (`toJSON`).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { decodeFloat32Array, decodeIndexArray } from '../recipes/codec.js';
import { encodeInteractions, UserHistories } from '../recipes/dataset.js';
import { itemKnnParams, userModelBlend } from '../recipes/index.js';
import { ItemKnnModel, trainItemKnnModel } from '../recipes/item-knn-model.js';
import type { ScoredItem } from '../recipes/index.js';
import { scoreHistory } from '../recipes/item-knn.js';
import type { NeighbourTable } from '../recipes/item-knn.js';
import type { BlendParams } from '../recipes/item-knn-model.js';
import { popularityOrder } from '../recipes/ranking.js';
import { REPEAT_DISTANCES, SequenceIndex } from '../recipes/sequence-knn.js';

/** The serialised parts of a model the reference reads (see `ItemKnnModel.toJSON`). */
export interface ModelParts {
  readonly itemIds: readonly string[];
  readonly counts: readonly number[];
  readonly table: NeighbourTable;
  readonly histories: UserHistories;
  readonly blend: BlendParams;
  readonly repeat: Float64Array;
  readonly sequence: SequenceIndex;
  readonly popular: Int32Array;
}

/**
 * aws-user-personalization trained on an interactions CSV (the POC MovieLens file) with the blend
 * its validation chooses there (user-kNN weight 0.6, movielens.test.ts), with the parts the
 * reference reads: what the answers test and the benchmark both compare.
 */
export function trainPocUserModel(csvPath: string): {
  rowCount: number;
  data: ReturnType<typeof encodeInteractions>;
  model: ItemKnnModel;
  parts: ModelParts;
} {
  const rows = parse<Record<string, string>>(readFileSync(csvPath), {
    columns: true,
    skip_empty_lines: true,
  });
  const data = encodeInteractions(
    rows.map((row) => ({
      userId: row.USER_ID ?? '',
      itemId: row.ITEM_ID ?? '',
      timestamp: Number(row.TIMESTAMP),
    })),
  );
  const recipe = 'aws-user-personalization';
  const model = trainItemKnnModel(recipe, data, itemKnnParams(recipe, {}), {
    ...userModelBlend(recipe, {}),
    userKnnWeight: 0.6,
  });
  return {
    rowCount: rows.length,
    data,
    model,
    parts: partsOf(model.toJSON() as Record<string, unknown>),
  };
}

/** Decodes the parts of `ItemKnnModel.toJSON()` output and builds the user-kNN index. */
export function partsOf(json: Record<string, unknown>): ModelParts {
  const itemIds = json.itemIds as string[];
  const counts = json.counts as number[];
  const histories = UserHistories.fromJSON(json.histories);
  return {
    itemIds,
    counts,
    table: {
      offsets: decodeIndexArray(json.offsets, 'offsets'),
      neighbours: decodeIndexArray(json.neighbours, 'neighbours'),
      similarities: decodeFloat32Array(json.similarities, 'similarities'),
    },
    histories,
    blend: json.blend as BlendParams,
    repeat: Float64Array.from(json.repeat as number[]),
    sequence: SequenceIndex.build(histories, itemIds.length),
    popular: popularityOrder(counts, itemIds),
  };
}

/** The blended, repeat-weighted score of every item for `history` (fresh arrays, as before). */
function referenceScoreAll(
  parts: ModelParts,
  history: readonly number[],
  excludeHistory: boolean,
  selfUser: number,
): Float64Array {
  const itemCount = parts.itemIds.length;
  const { scores } = scoreHistory(
    parts.table,
    itemCount,
    history,
    parts.blend.recencyHalfDistance,
    0,
  );
  const lambda = parts.blend.userKnnWeight;
  if (lambda > 0 && history.length > 0) {
    const user = new Float64Array(itemCount);
    parts.sequence.score(history, selfUser, parts.blend.sequence, user);
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
  const repeat = parts.blend.repeatModel && !excludeHistory ? parts.repeat : undefined;
  if (repeat === undefined && !excludeHistory) return scores;
  const distance = new Int32Array(itemCount).fill(-1);
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
        d < REPEAT_DISTANCES - 1 ? (repeat[d] ?? 0) : (repeat[REPEAT_DISTANCES - 1] ?? 0) / pooled;
  }
  return scores;
}

/**
 * GetRecommendations for a history (oldest first, item indexes) as answered before: reached items
 * by `selectTop` as it was (a bounded heap, then a comparator sort: score descending, index ascending), then the popularity back-fill.
 *
 * @param selfUser the requesting user's index among the training users, or -1
 */
export function referenceAnswer(
  parts: ModelParts,
  history: readonly number[],
  count: number,
  excludeHistory: boolean,
  selfUser: number,
): ScoredItem[] {
  const itemCount = parts.itemIds.length;
  const scores = referenceScoreAll(parts, history, excludeHistory, selfUser);
  const excluded = new Uint8Array(itemCount);
  if (excludeHistory) for (const item of history) excluded[item] = 1;
  let topCount = 1;
  for (const value of parts.counts) topCount = Math.max(topCount, value);
  let reachedTotal = 0;
  let lowest = Number.POSITIVE_INFINITY;
  let fillCountTotal = 0;
  const candidates: number[] = [];
  for (let item = 0; item < itemCount; item++) {
    if (excluded[item] === 1) continue;
    const score = scores[item] ?? 0;
    if (score > 0) {
      reachedTotal += score;
      lowest = Math.min(lowest, score);
      candidates.push(item);
    } else fillCountTotal += parts.counts[item] ?? 0;
  }
  const items = referenceSelectTop(scores, candidates, count);
  const fillPerCount = (Number.isFinite(lowest) ? lowest * 0.5 : 1) / topCount;
  const total = reachedTotal + fillPerCount * fillCountTotal;
  const share = (raw: number): number => (total > 0 ? raw / total : 0);
  const result = items.map((item) => ({
    itemId: parts.itemIds[item] ?? '',
    score: share(scores[item] ?? 0),
  }));
  const taken = new Set<number>(candidates);
  for (let item = 0; item < itemCount; item++) if (excluded[item] === 1) taken.add(item);
  for (const item of parts.popular) {
    if (result.length >= count) break;
    if (taken.has(item)) continue;
    result.push({
      itemId: parts.itemIds[item] ?? '',
      score: share((parts.counts[item] ?? 0) * fillPerCount),
    });
  }
  return result;
}

/** True when (scoreA, indexA) ranks before (scoreB, indexB). */
function ranksBefore(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && indexA < indexB);
}

/**
 * Selects the best `count` candidates by `scores[candidate]` with a bounded heap (O(n log count)).
 *
 * @param scores score of every index; candidates with score ≤ 0 or `excluded[index] === 1` are skipped
 * @param candidates indexes to consider (duplicates must not occur)
 * @param excluded optional 0/1 mask by index
 * @returns the selected indexes, best first
 */
function referenceSelectTop(
  scores: ArrayLike<number>,
  candidates: ArrayLike<number>,
  count: number,
  excluded?: Uint8Array,
): number[] {
  if (count <= 0) return [];
  // Min-heap on "rank": the root is the worst of the kept candidates.
  const heapIndex = new Int32Array(count);
  const heapScore = new Float64Array(count);
  let size = 0;
  for (let c = 0; c < candidates.length; c++) {
    const index = candidates[c] ?? 0;
    const score = scores[index] ?? 0;
    if (score <= 0 || (excluded !== undefined && excluded[index] === 1)) continue;
    if (size < count) {
      let position = size++;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!ranksBefore(heapScore[parent] ?? 0, heapIndex[parent] ?? 0, score, index)) break;
        heapIndex[position] = heapIndex[parent] ?? 0;
        heapScore[position] = heapScore[parent] ?? 0;
        position = parent;
      }
      heapIndex[position] = index;
      heapScore[position] = score;
    } else if (ranksBefore(score, index, heapScore[0] ?? 0, heapIndex[0] ?? 0)) {
      siftDownReplace(heapIndex, heapScore, size, index, score);
    }
  }
  const result = Array.from(heapIndex.subarray(0, size));
  return result.sort((a, b) => {
    const sa = scores[a] ?? 0;
    const sb = scores[b] ?? 0;
    return sa === sb ? a - b : sb - sa;
  });
}

function siftDownReplace(
  heapIndex: Int32Array,
  heapScore: Float64Array,
  size: number,
  index: number,
  score: number,
): void {
  let position = 0;
  for (;;) {
    const left = 2 * position + 1;
    if (left >= size) break;
    const right = left + 1;
    // The child that ranks worse moves up, keeping the worst at the root.
    let child = left;
    if (
      right < size &&
      ranksBefore(
        heapScore[left] ?? 0,
        heapIndex[left] ?? 0,
        heapScore[right] ?? 0,
        heapIndex[right] ?? 0,
      )
    ) {
      child = right;
    }
    if (!ranksBefore(score, index, heapScore[child] ?? 0, heapIndex[child] ?? 0)) break;
    heapIndex[position] = heapIndex[child] ?? 0;
    heapScore[position] = heapScore[child] ?? 0;
    position = child;
  }
  heapIndex[position] = index;
  heapScore[position] = score;
}
