import { describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import type { Metrics } from '../../../../shared/guide.js';
import { metricsChartOption } from './MetricsChart.js';
import type { EvaluatedSolution } from './metrics.js';

function solution(recipe: string, base: number): EvaluatedSolution {
  const metrics = Object.fromEntries(
    METRIC_KEYS.map((key, index) => [key, base + index / 100]),
  ) as Metrics;
  return {
    recipe,
    solutionArn: `arn:aws:personalize:us-east-1:123456789012:solution/${recipe}`,
    metrics,
  };
}

describe('metricsChartOption', () => {
  const solutions = [
    solution('aws-user-personalization', 0.2),
    solution('aws-popularity-count', 0.1),
  ];

  it('draws one series per recipe with its own 8 metrics, in table order', () => {
    const option = metricsChartOption(solutions);
    expect(option.series.map((series) => series.name)).toEqual([
      'aws-user-personalization',
      'aws-popularity-count',
    ]);
    expect(option.series[0]?.data).toEqual([0.2, 0.21, 0.22, 0.23, 0.24, 0.25, 0.26, 0.27]);
    expect(option.series[1]?.data).toEqual([0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17]);
    expect(option.xAxis.data).toEqual([
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

  it('draws its tooltip on the canvas (the CSP refuses inline styles)', () => {
    expect(metricsChartOption(solutions).tooltip.renderMode).toBe('richText');
  });

  it('animates bars unless the user asked for reduced motion', () => {
    expect(metricsChartOption(solutions).animation).toBe(true);
    expect(metricsChartOption(solutions, false, true).animation).toBe(false);
  });
});
