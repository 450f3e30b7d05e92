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
  const rows = parse<Record<string, string>>(readFileSync(file), { columns: true, skip_empty_lines: true });
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
    const input: TrainInput = { interactions, catalogItemIds: [], hyperParameters: {}, seed, ...(idcg ? { idcg } : {}) };
    result = trainSolutionVersion(recipe, input);
    cache.set(key, result);
  }
  return result;
}

describe.skipIf(csvPath === undefined)(`MovieLens POC file (ANCHORS A2.1) ${csvPath === undefined ? missingDataReason(RELATIVE_PATH) : ''}`, () => {
  it('reads the whole file: 158,371 rows', () => {
    expect(interactions).toHaveLength(158_371);
  });

  it.each(['aws-user-personalization', 'aws-popularity-count', 'aws-sims', 'aws-personalized-ranking'])('%s: all 8 metrics lie in [0, 1]', (recipe) => {
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
    // Measured: NDCG@10 0.201 vs 0.138, coverage 0.066 vs 0.011.
    const ndcg = 'normalized_discounted_cumulative_gain_at_10';
    expect(meanOverSeeds('aws-user-personalization', ndcg)).toBeGreaterThan(1.25 * meanOverSeeds('aws-popularity-count', ndcg));
    expect(meanOverSeeds('aws-user-personalization', 'coverage')).toBeGreaterThan(3 * meanOverSeeds('aws-popularity-count', 'coverage'));
  });

  it('user-personalization lands near Personalize on A2.1 with the hits IDCG (ANCHORS A2.1, A3)', () => {
    // Personalize: NDCG@10 0.2687, P@10 0.0571, coverage 0.0791. Ours, mean of seeds 1..3:
    // 0.201 / 0.058 / 0.066 (single seeds 0.16–0.23; the held-out users vary, ANCHORS A3 ±0.04).
    // The lower bounds sit above popularity-count (0.138 / 0.038 / 0.011 on seeds 1..3) and plain
    // cosine item-kNN without recency or sequence weighting (0.138 / 0.043 / 0.033 on seeds 1..10).
    const ndcg = meanOverSeeds('aws-user-personalization', 'normalized_discounted_cumulative_gain_at_10');
    expect(ndcg).toBeGreaterThan(0.175);
    expect(ndcg).toBeLessThan(0.3);
    const precision = meanOverSeeds('aws-user-personalization', 'precision_at_10');
    expect(precision).toBeGreaterThan(0.045);
    expect(precision).toBeLessThan(0.09);
    const coverage = meanOverSeeds('aws-user-personalization', 'coverage');
    expect(coverage).toBeGreaterThan(0.045);
    expect(coverage).toBeLessThan(0.1);
  });

  it('sims lands near Personalize SIMS on A2.1 (NDCG@10 0.2234, coverage 0.1861) and is more diverse than user-personalization', () => {
    // Measured, mean of seeds 1..3: NDCG@10 0.186, coverage 0.103.
    const ndcg = meanOverSeeds('aws-sims', 'normalized_discounted_cumulative_gain_at_10');
    expect(ndcg).toBeGreaterThan(0.14);
    expect(ndcg).toBeLessThan(0.3);
    expect(meanOverSeeds('aws-sims', 'coverage')).toBeGreaterThan(1.2 * meanOverSeeds('aws-user-personalization', 'coverage'));
  });

  it("the 'relevant' IDCG convention gives clearly lower NDCG for the same recommendations", () => {
    const hits = train('aws-user-personalization', 1).metrics;
    const relevant = train('aws-user-personalization', 1, 'relevant').metrics;
    expect(relevant.precision_at_10).toBe(hits.precision_at_10);
    expect(relevant.coverage).toBe(hits.coverage);
    expect(relevant.normalized_discounted_cumulative_gain_at_10).toBeLessThan(0.6 * hits.normalized_discounted_cumulative_gain_at_10);
  });

  it('is deterministic per seed and the seed changes the held-out users', () => {
    const first = train('aws-user-personalization', 1).metrics;
    const again = trainSolutionVersion('aws-user-personalization', { interactions, catalogItemIds: [], hyperParameters: {}, seed: 1 });
    expect(again.metrics).toEqual(first);
    expect(train('aws-user-personalization', 2).metrics).not.toEqual(first);
  });

  it('recommend() returns 25 distinct items outside the user history, and a JSON round trip recommends the same', () => {
    const { model } = train('aws-user-personalization', 1);
    const restored = deserializeModel(JSON.parse(JSON.stringify(model.toJSON())));
    for (const userId of ['1', '414', '610']) {
      const seen = new Set(interactions.filter((record) => record.userId === userId).map((record) => record.itemId));
      const items = model.recommend({ userId, numResults: 25 });
      expect(items).toHaveLength(25);
      expect(new Set(items.map((item) => item.itemId)).size).toBe(25);
      expect(items.some((item) => seen.has(item.itemId))).toBe(false);
      expect(items.reduce((sum, item) => sum + item.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
      expect(restored.recommend({ userId, numResults: 25 })).toEqual(items);
    }
  });

  it("scores are shares (SPEC §3.1): a heavy user's top 25 sum to < 1, top score < 1, ranking unchanged", () => {
    // User 414 (4,116 interactions, the heaviest). The ids were recorded before scores became shares (when the top
    // score was exactly 1 and the 25 summed to 13.64): the ranking must not move.
    const before = ['179401', '122896', '182823', '122898', '122912', '193587', '180987', '188751', '193585', '176101'];
    const { model } = train('aws-user-personalization', 1);
    const items = model.recommend({ userId: '414', numResults: 25 });
    expect(items.slice(0, 10).map((item) => item.itemId)).toEqual(before);
    const sum = items.reduce((total, item) => total + item.score, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(sum).toBeLessThan(0.5);
    expect(items[0]?.score).toBeLessThan(1);
    expect(items[0]?.score).toBeGreaterThan(0);
    for (let k = 1; k < items.length; k++) expect(items[k]?.score).toBeLessThanOrEqual(items[k - 1]?.score ?? 1);
  });

  it('popularity-count scores are count shares: top 25 sum to < 1', () => {
    const { model } = train('aws-popularity-count', 1);
    const items = model.recommend({ userId: '414', numResults: 25 });
    expect(items).toHaveLength(25);
    const sum = items.reduce((total, item) => total + item.score, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(items[0]?.score).toBeLessThan(1);
    for (let k = 1; k < items.length; k++) expect(items[k]?.score).toBeLessThanOrEqual(items[k - 1]?.score ?? 1);
  });

  it('personalized-ranking scores over the input list sum to 1', () => {
    const { model } = train('aws-personalized-ranking', 1);
    const inputList = Array.from(new Set(interactions.slice(0, 2000).map((record) => record.itemId))).slice(0, 100);
    const ranking = model.rank?.({ userId: '414', inputList }) ?? [];
    expect(ranking).toHaveLength(inputList.length);
    const sum = ranking.reduce((total, item) => total + (item.score ?? 0), 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
  });
});
