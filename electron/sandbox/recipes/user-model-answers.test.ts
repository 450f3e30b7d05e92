/**
 * GetRecommendations answers of aws-user-personalization (item-kNN blended with the
 * sequence-aware user-kNN, repeat model on) on the POC MovieLens interactions: the request path
 * with reused work buffers and the heap-ordered top-N answers exactly what the catalogue scoring
 * written out below answers (the request path as it was before those buffers: fresh arrays per
 * request, the history scored by `scoreHistory`, the reached items sorted in full), items and
 * scores bit for bit, for every 10th user, with and without the user's own items, call after call.
 * The user-kNN votes come from `SequenceIndex.score`, which sequence-knn.test.ts pins against
 * its plain algorithm.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { decodeFloat32Array, decodeIndexArray } from './codec.js';
import { encodeInteractions, UserHistories } from './dataset.js';
import { itemKnnParams, userModelBlend } from './index.js';
import type { ScoredItem } from './index.js';
import { scoreHistory } from './item-knn.js';
import type { NeighbourTable } from './item-knn.js';
import type { BlendParams } from './item-knn-model.js';
import { trainItemKnnModel } from './item-knn-model.js';
import { popularityOrder } from './ranking.js';
import { REPEAT_DISTANCES, SequenceIndex } from './sequence-knn.js';

const POC_FILE = 'personalize-poc-movielens-small/interactions.csv';
const pocPath = sharedDataPath(POC_FILE);

/** The serialised parts of a model the reference reads (see `ItemKnnModel.toJSON`). */
interface ModelParts {
  readonly itemIds: readonly string[];
  readonly counts: readonly number[];
  readonly table: NeighbourTable;
  readonly histories: UserHistories;
  readonly blend: BlendParams;
  readonly repeat: Float64Array;
  readonly sequence: SequenceIndex;
  readonly popular: Int32Array;
}

function partsOf(json: Record<string, unknown>): ModelParts {
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

/** GetRecommendations for a history: reached items fully sorted, then the popularity back-fill. */
function referenceAnswer(
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
  const items = [...candidates]
    .sort((a, b) => {
      const sa = scores[a] ?? 0;
      const sb = scores[b] ?? 0;
      return sa === sb ? a - b : sb - sa;
    })
    .slice(0, count);
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

describe.skipIf(pocPath === undefined)(
  `aws-user-personalization answers on the MovieLens POC file (ANCHORS A2.1) ${pocPath === undefined ? missingDataReason(POC_FILE) : ''}`,
  { timeout: 180_000 },
  () => {
    /** The POC model and its parts, built once on first use (not when the file is missing). */
    let built:
      | {
          data: ReturnType<typeof encodeInteractions>;
          model: ReturnType<typeof trainItemKnnModel>;
          parts: ModelParts;
          users: string[];
        }
      | undefined;
    const setup = (): NonNullable<typeof built> => {
      if (built !== undefined) return built;
      const rows = parse<Record<string, string>>(readFileSync(pocPath ?? ''), {
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
      // The blend the POC file's validation chooses (weight 0.6, movielens.test.ts).
      const model = trainItemKnnModel(recipe, data, itemKnnParams(recipe, {}), {
        ...userModelBlend(recipe, {}),
        userKnnWeight: 0.6,
      });
      const parts = partsOf(model.toJSON() as Record<string, unknown>);
      const users = data.histories.userIds.filter((_, index) => index % 10 === 0);
      built = { data, model, parts, users };
      return built;
    };

    it('answers every 10th user (500 and 25 results, with and without the unwatched exclusion) as the catalogue scoring did', () => {
      const { data, model, parts, users } = setup();
      expect(data.histories.size).toBe(610);
      expect(users).toHaveLength(61);
      expect(parts.blend.userKnnWeight).toBe(0.6);
      let reachedEverywhere = 0;
      for (const userId of users) {
        const user = data.histories.indexOf(userId);
        const history = Array.from(data.histories.historyOf(user));
        const served = model.recommend({ userId, numResults: 500, extraHistory: [] });
        const expected = referenceAnswer(parts, history, 500, false, user);
        expect(served).toEqual(expected);
        if (served.length === 500 && (served.at(-1)?.score ?? 0) > 0) reachedEverywhere++;
        expect(model.recommendForUser(userId, 25, true)).toEqual(
          referenceAnswer(parts, history, 25, true, user),
        );
        expect(model.recommend({ userId, numResults: 25 })).toEqual(expected.slice(0, 25));
      }
      expect(reachedEverywhere).toBe(61);
    });

    it('answers a history with real-time events and a new user’s history as before, and a whole catalogue with the back-fill', () => {
      const { data, model, parts, users } = setup();
      const userId = users[3] ?? '';
      const user = data.histories.indexOf(userId);
      const extra = [data.itemIds[5] ?? '', data.itemIds[900] ?? '', data.itemIds[5] ?? ''];
      const history = [...Array.from(data.histories.historyOf(user)), 5, 900, 5];
      expect(model.recommend({ userId, numResults: 100, extraHistory: extra })).toEqual(
        referenceAnswer(parts, history, 100, false, user),
      );
      const newcomer = [17, 3, 250, 17];
      const catalogue = data.itemIds.length + 5;
      expect(
        model.recommendForItemIds(
          newcomer.map((item) => data.itemIds[item] ?? ''),
          catalogue,
        ),
      ).toEqual(referenceAnswer(parts, newcomer, catalogue, false, -1));
      expect(
        model.recommendForItemIds(
          newcomer.map((item) => data.itemIds[item] ?? ''),
          catalogue,
          true,
        ),
      ).toEqual(referenceAnswer(parts, newcomer, catalogue, true, -1));
    });
  },
);
