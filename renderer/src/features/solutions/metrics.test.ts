import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import type { Metrics, GuideSolution } from '../../../../shared/guide.js';
import {
  bestByMetric,
  evaluatedSolutions,
  formatMetric,
  isBest,
  METRIC_COLUMNS,
} from './metrics.js';

function metrics(value: number, overrides: Partial<Metrics> = {}): Metrics {
  return {
    ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, value])) as Metrics),
    ...overrides,
  };
}

const personalized: GuideSolution = {
  recipe: 'aws-user-personalization',
  solutionArn: 'a',
  metrics: metrics(0.3, { coverage: 0.1 }),
};
const popularity: GuideSolution = {
  recipe: 'aws-popularity-count',
  solutionArn: 'b',
  metrics: metrics(0.2, { coverage: 0.05 }),
};
const untrained: GuideSolution = { recipe: 'x', solutionArn: 'c', status: 'CREATE IN_PROGRESS' };

describe('metrics table logic', () => {
  it('keeps only solutions with metrics', () => {
    expect(evaluatedSolutions([personalized, untrained, popularity]).map((s) => s.recipe)).toEqual([
      'aws-user-personalization',
      'aws-popularity-count',
    ]);
  });

  it('finds the best value per metric (higher is better)', () => {
    const best = bestByMetric(evaluatedSolutions([personalized, popularity]));
    expect(best.coverage).toBe(0.1);
    expect(best.precision_at_25).toBe(0.3);
    expect(isBest(best, 'precision_at_25', 0.3)).toBe(true);
    expect(isBest(best, 'precision_at_25', 0.2)).toBe(false);
  });

  it('marks ties as best for every tied recipe and ignores non-finite values', () => {
    const a: GuideSolution = {
      recipe: 'a',
      solutionArn: 'a',
      metrics: metrics(0.5, { coverage: Number.NaN }),
    };
    const b: GuideSolution = {
      recipe: 'b',
      solutionArn: 'b',
      metrics: metrics(0.5, { coverage: 0.2 }),
    };
    const best = bestByMetric(evaluatedSolutions([a, b]));
    expect(isBest(best, 'precision_at_5', 0.5)).toBe(true);
    expect(best.coverage).toBe(0.2);
  });

  it('formats with 4 decimals and has one column per metric in METRIC_KEYS order', () => {
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(0)).toBe('0.0000');
    expect(formatMetric(Number.NaN)).toBe('—');
    expect(METRIC_COLUMNS.map((column) => column.label)).toEqual([
      'Coverage',
      'MRR@25',
      'NDCG@5',
      'NDCG@10',
      'NDCG@25',
      'P@5',
      'P@10',
      'P@25',
    ]);
  });
});
