import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type MetricKey } from '../../../shared/personalize.js';
import type { BootstrapMetrics } from '../../sandbox/evaluation/bootstrap.js';
import { seedFromArn } from '../../sandbox/training.js';
import { isSameAsService, summariseSplits } from './local-evaluation.js';
import { splitSeeds } from './solutions-service.js';

function run(value: number, users = 61): BootstrapMetrics {
  return {
    users,
    level: 0.95,
    resamples: 1000,
    metrics: Object.fromEntries(
      METRIC_KEYS.map((key) => [key, { value, lower: value - 0.05, upper: value + 0.05 }]),
    ) as Record<MetricKey, { value: number; lower: number; upper: number }>,
  };
}

describe('summariseSplits', () => {
  it('reports mean, sample standard deviation, min and max per metric', () => {
    const summary = summariseSplits([run(0.2), run(0.25), run(0.3)], [1, 2, 3], {
      evaluatedAtMs: 10,
      durationMs: 5,
    });
    const ndcg = summary.metrics.normalized_discounted_cumulative_gain_at_10;
    expect(ndcg.mean).toBeCloseTo(0.25, 12);
    // sqrt(((0.05)² + 0 + (0.05)²) / 2) = 0.05
    expect(ndcg.sd).toBeCloseTo(0.05, 12);
    expect([ndcg.min, ndcg.max]).toEqual([0.2, 0.3]);
    expect(summary).toMatchObject({ splits: 3, seeds: [1, 2, 3], users: [61, 61, 61] });
    expect(summary.values.map((row) => row.coverage)).toEqual([0.2, 0.25, 0.3]);
  });

  it('gives a spread of 0 for a single split', () => {
    const summary = summariseSplits([run(0.2)], [7], { evaluatedAtMs: 0, durationMs: 0 });
    expect(summary.metrics.precision_at_5.sd).toBe(0);
  });
});

describe('isSameAsService', () => {
  it('is true only when every metric equals the service value', () => {
    const service = Object.fromEntries(METRIC_KEYS.map((key) => [key, 0.2])) as Record<
      MetricKey,
      number
    >;
    expect(isSameAsService(run(0.2), service)).toBe(true);
    expect(isSameAsService(run(0.2), { ...service, coverage: 0.21 })).toBe(false);
    expect(isSameAsService(run(0.2), undefined)).toBe(false);
  });
});

describe('splitSeeds', () => {
  const arn = 'arn:aws:personalize:us-east-1:000000000000:solution/poc-popularity-count/1a2b3c4d';

  it("starts with the version's own split (the single evaluation's seed), then fresh ones", () => {
    expect(splitSeeds(arn, 1)).toEqual([seedFromArn(arn)]);
    const seeds = splitSeeds(arn, 5);
    expect(seeds[0]).toBe(seedFromArn(arn));
    expect(new Set(seeds).size).toBe(5);
    expect(splitSeeds(arn, 5)).toEqual(seeds);
  });
});
