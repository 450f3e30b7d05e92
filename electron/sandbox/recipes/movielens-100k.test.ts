/**
 * Algorithmic sanity outside the Personalize protocol (ANCHORS G3, section B): Microsoft
 * Recommenders' ML-100k setup, a per-user random 75/25 split, top 10 excluding training items,
 * IDCG over the true test items. SAR scores nDCG@10 ≈ 0.38 / P@10 ≈ 0.33 there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { computeOfflineMetrics } from '../evaluation/metrics.js';
import { createRandom, seededShuffle } from '../evaluation/random.js';
import { encodeInteractions } from './dataset.js';
import { trainItemKnnModel } from './item-knn-model.js';
import { trainPopularity } from './popularity.js';
import type { InteractionRecord } from './types.js';

const RELATIVE_PATH = 'movielens-100k/u.data';
const dataPath = sharedDataPath(RELATIVE_PATH);

/** u.data rows (`user \t item \t rating \t timestamp`), every rating as an interaction. */
function loadRatings(file: string): InteractionRecord[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [userId = '', itemId = '', , timestamp = '0'] = line.split('\t');
      return { userId, itemId, timestamp: Number(timestamp) };
    });
}

describe.skipIf(dataPath === undefined)(
  `ML-100k, Recommenders protocol (ANCHORS G3) ${dataPath === undefined ? missingDataReason(RELATIVE_PATH) : ''}`,
  () => {
    it('item-kNN approaches SAR (nDCG@10 ≈ 0.38, P@10 ≈ 0.33) and popularity stays far below', () => {
      const ratings = loadRatings(dataPath ?? '');
      expect(ratings).toHaveLength(100_000);
      const byUser = new Map<string, InteractionRecord[]>();
      for (const rating of ratings) {
        const rows = byUser.get(rating.userId) ?? [];
        rows.push(rating);
        byUser.set(rating.userId, rows);
      }
      const random = createRandom(42);
      const train: InteractionRecord[] = [];
      const histories = new Map<string, string[]>();
      const tests = new Map<string, string[]>();
      for (const [userId, rows] of byUser) {
        const shuffled = seededShuffle(rows, random);
        const cut = Math.round(shuffled.length * 0.75);
        const kept = shuffled.slice(0, cut);
        train.push(...kept);
        histories.set(
          userId,
          [...kept].sort((a, b) => a.timestamp - b.timestamp).map((row) => row.itemId),
        );
        tests.set(
          userId,
          shuffled.slice(cut).map((row) => row.itemId),
        );
      }
      const data = encodeInteractions(train);
      // Recommenders' remove_seen=True: the training items are filtered out, as an "unwatched" filter would.
      const evaluate = (model: {
        recommendForItemIds(
          history: readonly string[],
          count: number,
          excludeHistory: boolean,
        ): { itemId: string }[];
      }) =>
        computeOfflineMetrics(
          [...tests].map(([userId, relevant]) => ({
            recommended: model
              .recommendForItemIds(histories.get(userId) ?? [], 10, true)
              .map((item) => item.itemId),
            relevant,
          })),
          { catalogSize: 1682, idcg: 'relevant' },
        );
      // Measured: item-kNN 0.368 / 0.314, popularity 0.246 / 0.223.
      const knn = evaluate(trainItemKnnModel('aws-user-personalization', data));
      const popular = evaluate(trainPopularity('aws-popularity-count', data));
      expect(knn.normalized_discounted_cumulative_gain_at_10).toBeGreaterThan(0.35);
      expect(knn.normalized_discounted_cumulative_gain_at_10).toBeLessThan(0.39);
      expect(knn.precision_at_10).toBeGreaterThan(0.3);
      expect(knn.precision_at_10).toBeLessThan(0.33);
      expect(popular.normalized_discounted_cumulative_gain_at_10).toBeLessThan(0.3);
    });
  },
);
