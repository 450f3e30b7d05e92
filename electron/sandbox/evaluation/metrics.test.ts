import { describe, expect, it } from 'vitest';
import {
  computeOfflineMetrics,
  coverage,
  ndcgAtK,
  precisionAtK,
  reciprocalRankAtK,
} from './metrics.js';

/** A ranked list whose positions listed in `hitPositions` (1-based) hold relevant items r1, r2, … */
function rankedWithHits(
  length: number,
  hitPositions: readonly number[],
): { ranked: string[]; relevant: Set<string> } {
  const ranked = Array.from({ length }, (_, i) => `miss${i + 1}`);
  const relevant = new Set<string>();
  hitPositions.forEach((position, n) => {
    ranked[position - 1] = `r${n + 1}`;
    relevant.add(`r${n + 1}`);
  });
  return { ranked, relevant };
}

describe('per-user metrics, ANCHORS A1 worked example (hits at ranks 2 and 5, 2 relevant items, K = 5)', () => {
  const { ranked, relevant } = rankedWithHits(25, [2, 5]);

  it('reciprocal rank is 0.5', () => {
    expect(reciprocalRankAtK(ranked, relevant, 25)).toBe(0.5);
  });

  it('precision@5 is 0.4', () => {
    expect(precisionAtK(ranked, relevant, 5)).toBe(0.4);
  });

  it('NDCG@5 is 0.6241 under both IDCG conventions (they agree when every relevant item is hit)', () => {
    expect(ndcgAtK(ranked, relevant, 5, 'hits')).toBeCloseTo(0.6241, 4);
    expect(ndcgAtK(ranked, relevant, 5, 'relevant')).toBeCloseTo(0.6241, 4);
  });
});

describe('MRR@25, SPEC §7.2 example', () => {
  it('hits {4,10}, {2,4,12}, {6} give (1/4 + 1/2 + 1/6) / 3 = 0.3056', () => {
    const users = [[4, 10], [2, 4, 12], [6]].map((hits) => {
      const { ranked, relevant } = rankedWithHits(25, hits);
      return { recommended: ranked, relevant: [...relevant] };
    });
    const metrics = computeOfflineMetrics(users, { catalogSize: 100 });
    expect(metrics.mean_reciprocal_rank_at_25).toBeCloseTo(0.3056, 4);
  });

  it('ignores hits below rank 25', () => {
    const { ranked, relevant } = rankedWithHits(30, [26]);
    expect(reciprocalRankAtK(ranked, relevant, 25)).toBe(0);
  });
});

describe('IDCG conventions', () => {
  it("differ when relevant items are missed: one hit at rank 1 of 3 relevant → 'hits' 1, 'relevant' 1/(1 + 1/log2 3 + 1/log2 4)", () => {
    const { ranked } = rankedWithHits(25, [1]);
    const relevant = new Set(['r1', 'elsewhere1', 'elsewhere2']);
    expect(ndcgAtK(ranked, relevant, 10, 'hits')).toBe(1);
    const idealRelevant = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAtK(ranked, relevant, 10, 'relevant')).toBeCloseTo(1 / idealRelevant, 12);
    expect(ndcgAtK(ranked, relevant, 10, 'relevant')).toBeCloseTo(0.4693, 4);
  });

  it("'relevant' caps the ideal at K: 10 relevant, hits at 1..5 of K = 5 → 1", () => {
    const { ranked, relevant } = rankedWithHits(25, [1, 2, 3, 4, 5, 20, 21, 22, 23, 24]);
    expect(ndcgAtK(ranked, relevant, 5, 'relevant')).toBeCloseTo(1, 12);
  });

  it("defaults to 'hits' (ANCHORS A3) in computeOfflineMetrics and takes 'relevant' on request", () => {
    const users = [
      { recommended: rankedWithHits(25, [3]).ranked, relevant: ['r1', 'x', 'y', 'z'] },
    ];
    const byDefault = computeOfflineMetrics(users, { catalogSize: 50 });
    const relevantIdcg = computeOfflineMetrics(users, { catalogSize: 50, idcg: 'relevant' });
    expect(byDefault.normalized_discounted_cumulative_gain_at_5).toBeCloseTo(
      Math.log(2) / Math.log(4),
      12,
    );
    expect(relevantIdcg.normalized_discounted_cumulative_gain_at_5).toBeLessThan(
      byDefault.normalized_discounted_cumulative_gain_at_5,
    );
  });

  it('NDCG is 0 without hits', () => {
    const { ranked } = rankedWithHits(25, []);
    expect(ndcgAtK(ranked, new Set(['a']), 25, 'hits')).toBe(0);
    expect(ndcgAtK(ranked, new Set(['a']), 25, 'relevant')).toBe(0);
  });
});

describe('precision and coverage', () => {
  it('precision divides by K even when fewer relevant items exist', () => {
    const { ranked, relevant } = rankedWithHits(25, [1]);
    expect(precisionAtK(ranked, relevant, 10)).toBe(0.1);
    expect(precisionAtK(ranked, relevant, 25)).toBe(0.04);
  });

  it('coverage counts distinct recommended items over the catalogue', () => {
    expect(
      coverage(
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
        10,
      ),
    ).toBe(0.3);
    expect(coverage([], 0)).toBe(0);
  });

  it('computeOfflineMetrics cuts lists to 25 and returns the 8 SPEC §7.3 keys', () => {
    const { ranked, relevant } = rankedWithHits(40, [30]);
    const metrics = computeOfflineMetrics([{ recommended: ranked, relevant: [...relevant] }], {
      catalogSize: 100,
    });
    expect(Object.keys(metrics).sort()).toEqual([
      'coverage',
      'mean_reciprocal_rank_at_25',
      'normalized_discounted_cumulative_gain_at_10',
      'normalized_discounted_cumulative_gain_at_25',
      'normalized_discounted_cumulative_gain_at_5',
      'precision_at_10',
      'precision_at_25',
      'precision_at_5',
    ]);
    expect(metrics.coverage).toBe(0.25);
    expect(metrics.precision_at_25).toBe(0);
  });

  it('coverage counts every query of a user when coverageItems is given (RELATED_ITEMS: one itemId query per input item), not only the scored list', () => {
    const users = [
      { recommended: ['a', 'b'], relevant: ['b'], coverageItems: ['a', 'b', 'c', 'd', 'e'] },
      { recommended: ['a', 'f'], relevant: ['x'] },
    ];
    const metrics = computeOfflineMetrics(users, { catalogSize: 10 });
    // {a..e} from the first user's queries, {a, f} from the second's list: 6 of 10.
    expect(metrics.coverage).toBe(0.6);
    expect(metrics.precision_at_5).toBe(0.1);
    expect(
      computeOfflineMetrics(
        users.map(({ recommended, relevant }) => ({ recommended, relevant })),
        { catalogSize: 10 },
      ).coverage,
    ).toBe(0.3);
  });
});

describe('SPEC §7.2 worked examples as exact values', () => {
  it('hits at ranks 2 and 5 of 2 relevant items: RR 0.5, P@5 0.4, NDCG@5 = (1/ln 3 + 1/ln 6) / (1/ln 2 + 1/ln 3) = 0.6241', () => {
    const { ranked, relevant } = rankedWithHits(25, [2, 5]);
    const metrics = computeOfflineMetrics([{ recommended: ranked, relevant: [...relevant] }], {
      catalogSize: 25,
    });
    expect(metrics.mean_reciprocal_rank_at_25).toBe(0.5);
    expect(metrics.precision_at_5).toBe(0.4);
    const exact = (1 / Math.log(3) + 1 / Math.log(6)) / (1 / Math.log(2) + 1 / Math.log(3));
    expect(metrics.normalized_discounted_cumulative_gain_at_5).toBe(exact);
    expect(Number(metrics.normalized_discounted_cumulative_gain_at_5.toFixed(4))).toBe(0.6241);
    // The log base cancels: the same value with log2.
    const base2 = (1 / Math.log2(3) + 1 / Math.log2(6)) / (1 / Math.log2(2) + 1 / Math.log2(3));
    expect(metrics.normalized_discounted_cumulative_gain_at_5).toBeCloseTo(base2, 14);
  });

  it('MRR example: hits {4,10}, {2,4,12}, {6} give exactly (1/4 + 1/2 + 1/6) / 3, 0.3056 to 4 places', () => {
    const users = [[4, 10], [2, 4, 12], [6]].map((hits) => {
      const { ranked, relevant } = rankedWithHits(25, hits);
      return { recommended: ranked, relevant: [...relevant] };
    });
    const { mean_reciprocal_rank_at_25: mrr } = computeOfflineMetrics(users, { catalogSize: 100 });
    expect(mrr).toBe((1 / 4 + 1 / 2 + 1 / 6) / 3);
    expect(Number(mrr.toFixed(4))).toBe(0.3056);
  });
});
