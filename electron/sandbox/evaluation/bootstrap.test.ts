import { describe, expect, it } from 'vitest';
import { bootstrapOfflineMetrics, quantile } from './bootstrap.js';
import { computeOfflineMetrics } from './metrics.js';
import type { EvaluatedUser } from './metrics.js';

/** A user whose 25 recommendations hold a relevant item at `hitAt` (1-based), or none when 0. */
function user(name: string, hitAt: number): EvaluatedUser {
  const recommended = Array.from({ length: 25 }, (_, i) => `${name}-miss${i + 1}`);
  if (hitAt > 0) recommended[hitAt - 1] = `${name}-hit`;
  return { recommended, relevant: [`${name}-hit`] };
}

describe('quantile (type 7)', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.025)).toBe(0.25);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('bootstrapOfflineMetrics', () => {
  const users = Array.from({ length: 60 }, (_, k) => user(`u${k}`, k % 3 === 0 ? 1 : 0));

  it('reports the same values as computeOfflineMetrics, the user count, level and draws', () => {
    const result = bootstrapOfflineMetrics(users, { catalogSize: 2000 });
    const plain = computeOfflineMetrics(users, { catalogSize: 2000 });
    for (const [key, interval] of Object.entries(result.metrics))
      expect(interval.value).toBe(plain[key as keyof typeof plain]);
    expect(result.users).toBe(60);
    expect(result.level).toBe(0.95);
    expect(result.resamples).toBe(1000);
  });

  it('brackets a hit rate of 1/3 over 60 users like the binomial: about ±0.12 (normal approximation ±0.119)', () => {
    const { mean_reciprocal_rank_at_25: mrr, precision_at_5: p5 } = bootstrapOfflineMetrics(users, {
      catalogSize: 2000,
    }).metrics;
    expect(mrr.value).toBeCloseTo(1 / 3, 12);
    expect(mrr.lower).toBeLessThan(mrr.value);
    expect(mrr.upper).toBeGreaterThan(mrr.value);
    const halfWidth = (mrr.upper - mrr.lower) / 2;
    expect(halfWidth).toBeGreaterThan(0.09);
    expect(halfWidth).toBeLessThan(0.15);
    // Precision@5 of these users is (reciprocal rank) / 5 per user, so its bounds are a fifth of MRR's.
    expect(p5.lower).toBeCloseTo(mrr.lower / 5, 12);
    expect(p5.upper).toBeCloseTo(mrr.upper / 5, 12);
  });

  it('is deterministic per seed and changes with the seed', () => {
    const varied = Array.from({ length: 40 }, (_, k) => user(`v${k}`, (k * 7) % 13));
    const first = bootstrapOfflineMetrics(
      varied,
      { catalogSize: 2000 },
      { seed: 7, resamples: 200 },
    );
    expect(
      bootstrapOfflineMetrics(varied, { catalogSize: 2000 }, { seed: 7, resamples: 200 }),
    ).toEqual(first);
    const other = bootstrapOfflineMetrics(
      varied,
      { catalogSize: 2000 },
      { seed: 8, resamples: 200 },
    );
    expect(other.metrics.normalized_discounted_cumulative_gain_at_25).not.toEqual(
      first.metrics.normalized_discounted_cumulative_gain_at_25,
    );
  });

  it('collapses to the value when every user scores the same, and to zeros without users', () => {
    const same = Array.from({ length: 10 }, (_, k) => user(`s${k}`, 2));
    const { normalized_discounted_cumulative_gain_at_10: ndcg } = bootstrapOfflineMetrics(same, {
      catalogSize: 500,
    }).metrics;
    // One hit at rank 2 per user; the 'hits' ideal moves it to rank 1: ln 2 / ln 3.
    const value = Math.log(2) / Math.log(3);
    expect(ndcg.value).toBeCloseTo(value, 12);
    expect(ndcg.lower).toBeCloseTo(value, 12);
    expect(ndcg.upper).toBeCloseTo(value, 12);
    const empty = bootstrapOfflineMetrics([], { catalogSize: 500 });
    expect(empty.users).toBe(0);
    expect(empty.metrics.precision_at_10).toEqual({ value: 0, lower: 0, upper: 0 });
  });

  it('a wider level gives a wider interval', () => {
    const narrow = bootstrapOfflineMetrics(users, { catalogSize: 2000 }, { level: 0.8 }).metrics
      .mean_reciprocal_rank_at_25;
    const wide = bootstrapOfflineMetrics(users, { catalogSize: 2000 }, { level: 0.99 }).metrics
      .mean_reciprocal_rank_at_25;
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
  });
  it('resamples coverage over each user’s coverage items when given (RELATED_ITEMS queries)', () => {
    const users: EvaluatedUser[] = [
      { recommended: ['a'], relevant: ['a'], coverageItems: ['a', 'b', 'c', 'd'] },
    ];
    const result = bootstrapOfflineMetrics(users, { catalogSize: 8 }, { resamples: 20 });
    expect(result.metrics.coverage.value).toBe(0.5);
    expect(result.metrics.coverage.lower).toBe(0.5);
    expect(result.metrics.coverage.upper).toBe(0.5);
  });
});
