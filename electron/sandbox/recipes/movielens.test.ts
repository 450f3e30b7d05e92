/**
 * End-to-end recipe quality on the exact Personalize input behind ANCHORS A2.1
 * (../shared/data/personalize-poc-movielens-small), with the SPEC §7.1 split.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { deserializeModel, trainSolutionVersion } from './index.js';
import type { InteractionRecord, TrainInput, TrainResult } from './index.js';

const RELATIVE_PATH = 'personalize-poc-movielens-small/interactions.csv';
const csvPath = sharedDataPath(RELATIVE_PATH);

function loadInteractions(file: string): InteractionRecord[] {
  const rows = parse<Record<string, string>>(readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => ({
    userId: row.USER_ID ?? '',
    itemId: row.ITEM_ID ?? '',
    timestamp: Number(row.TIMESTAMP),
    eventType: row.EVENT_TYPE ?? '',
  }));
}

const interactions: InteractionRecord[] = csvPath === undefined ? [] : loadInteractions(csvPath);
const cache = new Map<string, TrainResult>();

/** Trains once per (recipe, seed, idcg) for all tests of this file. */
function train(recipe: string, seed: number, idcg?: 'hits' | 'relevant'): TrainResult {
  const key = `${recipe}/${seed}/${idcg ?? ''}`;
  let result = cache.get(key);
  if (result === undefined) {
    const input: TrainInput = {
      interactions,
      catalogItemIds: [],
      hyperParameters: {},
      seed,
      ...(idcg ? { idcg } : {}),
    };
    result = trainSolutionVersion(recipe, input);
    cache.set(key, result);
  }
  return result;
}

describe.skipIf(csvPath === undefined)(
  `MovieLens POC file (ANCHORS A2.1) ${csvPath === undefined ? missingDataReason(RELATIVE_PATH) : ''}`,
  // Tests that train several seeds take ~10 s on an idle machine; the bound leaves room for a busy one.
  { timeout: 180_000 },
  () => {
    it('reads the whole file: 158,371 rows', () => {
      expect(interactions).toHaveLength(158_371);
    });

    it.each([
      'aws-user-personalization',
      'aws-popularity-count',
      'aws-sims',
      'aws-personalized-ranking',
    ])('%s: all 8 metrics lie in [0, 1]', (recipe) => {
      const { metrics } = train(recipe, 1);
      expect(Object.keys(metrics)).toHaveLength(8);
      for (const value of Object.values(metrics)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    });

    const meanOverSeeds = (recipe: string, key: keyof TrainResult['metrics']): number =>
      [1, 2, 3].reduce((sum, seed) => sum + train(recipe, seed).metrics[key], 0) / 3;

    it('user-personalization clearly beats popularity on NDCG@10 and covers far more of the catalogue (seeds 1..3)', () => {
      // Measured with seen items kept (SPEC §3.1): NDCG@10 0.273 vs 0.087, coverage 0.086 vs 0.003.
      const ndcg = 'normalized_discounted_cumulative_gain_at_10';
      expect(meanOverSeeds('aws-user-personalization', ndcg)).toBeGreaterThan(
        2 * meanOverSeeds('aws-popularity-count', ndcg),
      );
      expect(meanOverSeeds('aws-user-personalization', 'coverage')).toBeGreaterThan(
        3 * meanOverSeeds('aws-popularity-count', 'coverage'),
      );
    });

    it('user-personalization lands near Personalize on A2.1 with the hits IDCG (ANCHORS A2.1, A3)', () => {
      // Personalize: NDCG@10 0.2687, P@10 0.0571, coverage 0.0791. Ours (item-kNN blended with the
      // sequence-aware user-kNN, seen items kept and ranked by the repeat model), mean of seeds 1..3:
      // 0.273 / 0.077 / 0.086. The lower bounds sit above the item-kNN alone (0.21 / 0.062 / 0.068
      // with seen items removed) and far above popularity-count (0.087 / 0.022 / 0.003).
      const ndcg = meanOverSeeds(
        'aws-user-personalization',
        'normalized_discounted_cumulative_gain_at_10',
      );
      expect(ndcg).toBeGreaterThan(0.25);
      expect(ndcg).toBeLessThan(0.3);
      const precision = meanOverSeeds('aws-user-personalization', 'precision_at_10');
      expect(precision).toBeGreaterThan(0.075);
      expect(precision).toBeLessThan(0.09);
      const coverage = meanOverSeeds('aws-user-personalization', 'coverage');
      expect(coverage).toBeGreaterThan(0.075);
      expect(coverage).toBeLessThan(0.095);
    });

    it('user-personalization keeps its sequence-aware user-kNN here: the validation carved from the training users finds that ordering helps (weight 0.6, not 0)', () => {
      for (const seed of [1, 2, 3]) {
        const { model } = train('aws-user-personalization', seed);
        const { blend } = model.toJSON() as { blend: { userKnnWeight: number } };
        expect(blend.userKnnWeight).toBe(0.6);
      }
    });

    it('sims on A2.1 (Personalize SIMS: NDCG@10 0.2234, coverage 0.1861): near Personalize on NDCG, far above popularity, coverage over its itemId queries', () => {
      // Measured, mean of seeds 1..3: NDCG@10 0.233, coverage 0.361 (0.356 / 0.363 / 0.363;
      // popularity-count 0.087 / 0.003). Coverage counts every query (the service's definition,
      // `coverageItemsOf`): each distinct input item of a held-out user asked for 25 related items.
      // One list per held-out user would give 0.087 and could not reach Personalize's 0.186:
      // 61 users × 25 items cover at most 1,525 of the 9,742 items (0.157).
      const ndcg = meanOverSeeds('aws-sims', 'normalized_discounted_cumulative_gain_at_10');
      expect(ndcg).toBeGreaterThan(0.21);
      expect(ndcg).toBeLessThan(0.26);
      const coverage = meanOverSeeds('aws-sims', 'coverage');
      expect(coverage).toBeGreaterThan(0.34);
      expect(coverage).toBeLessThan(0.38);
      expect(coverage).toBeGreaterThan(10 * meanOverSeeds('aws-popularity-count', 'coverage'));
    });

    it("the 'relevant' IDCG convention gives clearly lower NDCG for the same recommendations", () => {
      const hits = train('aws-user-personalization', 1).metrics;
      const relevant = train('aws-user-personalization', 1, 'relevant').metrics;
      expect(relevant.precision_at_10).toBe(hits.precision_at_10);
      expect(relevant.coverage).toBe(hits.coverage);
      expect(relevant.normalized_discounted_cumulative_gain_at_10).toBeLessThan(
        0.6 * hits.normalized_discounted_cumulative_gain_at_10,
      );
    });

    it('is deterministic per seed and the seed changes the held-out users', () => {
      const first = train('aws-user-personalization', 1).metrics;
      const again = trainSolutionVersion('aws-user-personalization', {
        interactions,
        catalogItemIds: [],
        hyperParameters: {},
        seed: 1,
      });
      expect(again.metrics).toEqual(first);
      expect(train('aws-user-personalization', 2).metrics).not.toEqual(first);
    });

    it('recommend() returns 25 distinct items (MovieLens users do not come back to a film, so the repeat model ranks none of theirs in the top 25), and a JSON round trip recommends the same', () => {
      const { model } = train('aws-user-personalization', 1);
      const restored = deserializeModel(JSON.parse(JSON.stringify(model.toJSON())));
      for (const userId of ['1', '414', '610']) {
        const seen = new Set(
          interactions.filter((record) => record.userId === userId).map((record) => record.itemId),
        );
        const items = model.recommend({ userId, numResults: 25 });
        expect(items).toHaveLength(25);
        expect(new Set(items.map((item) => item.itemId)).size).toBe(25);
        expect(items.some((item) => seen.has(item.itemId))).toBe(false);
        expect(items.reduce((sum, item) => sum + item.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
        expect(restored.recommend({ userId, numResults: 25 })).toEqual(items);
      }
    });

    it("scores are shares (SPEC §3.1): a heavy user's top 25 sum to < 1, top score < 1, descending", () => {
      // User 414 (4,116 interactions, the heaviest).
      const { model } = train('aws-user-personalization', 1);
      const items = model.recommend({ userId: '414', numResults: 25 });
      expect(items).toHaveLength(25);
      const sum = items.reduce((total, item) => total + item.score, 0);
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
      expect(sum).toBeLessThan(0.5);
      expect(items[0]?.score).toBeLessThan(1);
      expect(items[0]?.score).toBeGreaterThan(0);
      for (let k = 1; k < items.length; k++)
        expect(items[k]?.score).toBeLessThanOrEqual(items[k - 1]?.score ?? 1);
    });

    it('popularity-count scores are count shares: top 25 sum to < 1', () => {
      const { model } = train('aws-popularity-count', 1);
      const items = model.recommend({ userId: '414', numResults: 25 });
      expect(items).toHaveLength(25);
      const sum = items.reduce((total, item) => total + item.score, 0);
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
      expect(items[0]?.score).toBeLessThan(1);
      for (let k = 1; k < items.length; k++)
        expect(items[k]?.score).toBeLessThanOrEqual(items[k - 1]?.score ?? 1);
    });

    it('personalized-ranking is evaluated on a shared list of 50 popular items (coverage ≤ 50 / 9,477), unlike user-personalization', () => {
      // Measured, mean of seeds 1..3: NDCG@10 0.200, coverage 0.0053 (Personalize 0.0707 / 0.0038).
      expect(meanOverSeeds('aws-personalized-ranking', 'coverage')).toBeLessThanOrEqual(
        50 / 9477 + 1e-12,
      );
      const ndcg = meanOverSeeds(
        'aws-personalized-ranking',
        'normalized_discounted_cumulative_gain_at_10',
      );
      expect(ndcg).toBeGreaterThan(0.15);
      expect(ndcg).toBeLessThan(0.25);
    });

    it('personalized-ranking scores over the input list sum to 1', () => {
      const { model } = train('aws-personalized-ranking', 1);
      const inputList = Array.from(
        new Set(interactions.slice(0, 2000).map((record) => record.itemId)),
      ).slice(0, 100);
      const ranking = model.rank?.({ userId: '414', inputList }) ?? [];
      expect(ranking).toHaveLength(inputList.length);
      const sum = ranking.reduce((total, item) => total + (item.score ?? 0), 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
    });
  },
);
