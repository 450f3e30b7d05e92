/**
 * The user-kNN scoring of the user models on the POC MovieLens interactions: the request-time
 * version (work buffers reused, neighbours selected with a bounded heap, matches found through
 * the postings) scores bit-identically to the plain algorithm written out below, call after call.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { encodeInteractions, type UserHistories } from './dataset.js';
import {
  DEFAULT_SEQUENCE_KNN_PARAMS,
  SequenceIndex,
  type SequenceKnnParams,
} from './sequence-knn.js';

const RELATIVE_PATH = 'personalize-poc-movielens-small/interactions.csv';
const csvPath = sharedDataPath(RELATIVE_PATH);

/** The user-kNN as documented in sequence-knn.ts, without any shortcut (Map, full sort, scans). */
function referenceScores(
  histories: UserHistories,
  itemCount: number,
  history: ArrayLike<number>,
  selfUser: number,
  params: SequenceKnnParams,
): Float64Array {
  const sequences: number[][] = [];
  const holders = new Int32Array(itemCount);
  for (let user = 0; user < histories.size; user++) {
    const distinct = [...new Set(histories.historyOf(user))];
    sequences.push(distinct);
    for (const item of distinct) holders[item] = (holders[item] ?? 0) + 1;
  }
  const queryWeight = new Map<number, number>();
  for (let k = history.length - 1; k >= 0 && queryWeight.size < params.historyLength; k--) {
    const item = history[k] ?? -1;
    if (item < 0 || item >= itemCount || queryWeight.has(item)) continue;
    queryWeight.set(item, 1 / (1 + queryWeight.size / params.recencyHalfDistance));
  }
  const shared = new Float64Array(histories.size);
  const touched: number[] = [];
  for (const [item, weight] of queryWeight)
    sequences.forEach((sequence, user) => {
      if (user === selfUser || !sequence.includes(item)) return;
      if (shared[user] === 0) touched.push(user);
      shared[user] = (shared[user] ?? 0) + weight;
    });
  for (const user of touched)
    shared[user] =
      (shared[user] ?? 0) /
      Math.pow(Math.max(1, sequences[user]?.length ?? 0), params.lengthPenalty);
  touched.sort((a, b) => (shared[b] ?? 0) - (shared[a] ?? 0) || a - b);
  const votes = new Float64Array(itemCount);
  for (const user of touched.slice(0, params.neighbourCount)) {
    const sequence = sequences[user] ?? [];
    sequence.forEach((matched, p) => {
      const weight = queryWeight.get(matched);
      if (weight === undefined) return;
      for (let k = 1; k <= params.window && p + k < sequence.length; k++) {
        const item = sequence[p + k] ?? 0;
        votes[item] =
          (votes[item] ?? 0) +
          (shared[user] ?? 0) * weight * (1 / (1 + (k - 1) / params.positionHalfDistance));
      }
    });
  }
  const scores = new Float64Array(itemCount);
  for (let item = 0; item < itemCount; item++)
    if ((votes[item] ?? 0) !== 0)
      scores[item] =
        (votes[item] ?? 0) / Math.pow(Math.max(1, holders[item] ?? 0), params.popularityDiscount);
  return scores;
}

describe.skipIf(csvPath === undefined)(
  `SequenceIndex.score on the POC interactions ${csvPath === undefined ? missingDataReason(RELATIVE_PATH) : ''}`,
  () => {
    const rows = parse<Record<string, string>>(readFileSync(csvPath ?? ''), { columns: true });
    const data = encodeInteractions(
      rows.map((row) => ({
        userId: row.USER_ID ?? '',
        itemId: row.ITEM_ID ?? '',
        timestamp: Number(row.TIMESTAMP),
      })),
    );
    const itemCount = data.itemIds.length;
    const index = SequenceIndex.build(data.histories, itemCount);
    const users = Array.from({ length: 12 }, (_, k) => Math.floor((k * data.histories.size) / 12));
    const score = (
      history: ArrayLike<number>,
      selfUser: number,
      params: SequenceKnnParams,
    ): Float64Array => {
      const scores = new Float64Array(itemCount);
      index.score(history, selfUser, params, scores);
      return scores;
    };

    it('scores exactly as the plain algorithm, for training users and for a new history', () => {
      expect(data.histories.size).toBe(610);
      for (const user of users) {
        const history = data.histories.historyOf(user);
        const scores = score(history, user, DEFAULT_SEQUENCE_KNN_PARAMS);
        expect(scores.filter((value) => value > 0).length).toBeGreaterThan(0);
        expect(scores).toEqual(
          referenceScores(data.histories, itemCount, history, user, DEFAULT_SEQUENCE_KNN_PARAMS),
        );
      }
      const newcomer = [3, 7, 7, 11, 250, 3];
      expect(score(newcomer, -1, DEFAULT_SEQUENCE_KNN_PARAMS)).toEqual(
        referenceScores(data.histories, itemCount, newcomer, -1, DEFAULT_SEQUENCE_KNN_PARAMS),
      );
    });

    it('leaves nothing behind between calls, and follows changed knobs', () => {
      const first = data.histories.historyOf(users[1] ?? 0);
      const before = score(first, users[1] ?? 0, DEFAULT_SEQUENCE_KNN_PARAMS);
      for (const user of users)
        score(data.histories.historyOf(user), user, DEFAULT_SEQUENCE_KNN_PARAMS);
      expect(score(first, users[1] ?? 0, DEFAULT_SEQUENCE_KNN_PARAMS)).toEqual(before);
      const other: SequenceKnnParams = {
        ...DEFAULT_SEQUENCE_KNN_PARAMS,
        neighbourCount: 10,
        lengthPenalty: 0.7,
        popularityDiscount: 0.1,
        historyLength: 5,
      };
      const changed = score(first, users[1] ?? 0, other);
      expect(changed).not.toEqual(before);
      expect(changed).toEqual(
        referenceScores(data.histories, itemCount, first, users[1] ?? 0, other),
      );
      expect(score(first, users[1] ?? 0, DEFAULT_SEQUENCE_KNN_PARAMS)).toEqual(before);
    });

    it('an empty or unknown history gets no votes', () => {
      const scores = new Float64Array(itemCount);
      expect(index.score([], -1, DEFAULT_SEQUENCE_KNN_PARAMS, scores)).toBe(0);
      expect(index.score([-1, itemCount + 5], -1, DEFAULT_SEQUENCE_KNN_PARAMS, scores)).toBe(0);
      expect(scores.every((value) => value === 0)).toBe(true);
    });
  },
);
