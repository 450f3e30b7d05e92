import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../../shared/guide.js';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import { intervalAxisMax, intervalChartOption, metricsChartOption } from './MetricsChart.js';

function row(label: string, base: number, isBaseline = false) {
  const metrics = Object.fromEntries(
    METRIC_KEYS.map((key, index) => [key, base + index / 100]),
  ) as Metrics;
  return { label, metrics, isBaseline };
}

describe('metricsChartOption', () => {
  const rows = [
    row('poc-user-personalization · a1', 0.2),
    row('poc-popularity-count · b2', 0.1, true),
  ];

  it('draws one series per version with its own 8 metrics, in table order, the baseline grey', () => {
    const option = metricsChartOption(rows);
    expect(option.series.map((series) => series.name)).toEqual([
      'poc-user-personalization · a1',
      'poc-popularity-count · b2',
    ]);
    expect(option.series[0]?.data).toEqual([0.2, 0.21, 0.22, 0.23, 0.24, 0.25, 0.26, 0.27]);
    expect(option.series[1]?.itemStyle.color).toBe('#8d99a8');
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

  it('draws its tooltip on the canvas (the CSP refuses inline styles) and animates unless asked not to', () => {
    expect(metricsChartOption(rows).tooltip.renderMode).toBe('richText');
    expect(metricsChartOption(rows).animation).toBe(true);
    expect(metricsChartOption(rows, false, false).animation).toBe(false);
  });
});

describe('intervalChartOption', () => {
  it('draws each version bar with its 95% interval whisker and the baseline line', () => {
    const ndcg = 'normalized_discounted_cumulative_gain_at_10';
    const evaluated = {
      ...row('up', 0.2),
      evaluation: {
        source: 'sandbox' as const,
        users: 61,
        level: 0.95,
        resamples: 1000,
        seed: 1,
        evaluatedAtMs: 0,
        durationMs: 0,
        metrics: Object.fromEntries(
          METRIC_KEYS.map((key) => [key, { value: 0.23, lower: 0.15, upper: 0.31 }]),
        ) as never,
      },
    };
    const option = intervalChartOption([evaluated, row('pop', 0.1, true)], ndcg);
    expect(option.xAxis.data).toEqual(['up', 'pop']);
    expect(option.series[0]?.data.map((d) => (d as { value: number }).value)).toEqual([0.23, 0.13]);
    // Without an evaluation the whisker collapses onto the value.
    expect(option.series[1]?.data).toEqual([
      [0, 0.15, 0.31],
      [1, 0.13, 0.13],
    ]);
    expect(option.series[0]).toMatchObject({ markLine: { data: [{ yAxis: 0.13 }] } });
    // The axis reaches above the highest whisker (0.31), not only the highest bar (0.23).
    expect(option.yAxis.max).toBe(0.35);
  });
});

describe('intervalAxisMax', () => {
  it('rounds just above the highest upper bound, at most 1', () => {
    expect(intervalAxisMax([0.12, 0.2317, 0.341])).toBe(0.4);
    expect(intervalAxisMax([0.01, 0.0492, 0.0775])).toBe(0.085);
    expect(intervalAxisMax([0.004, 0.0061])).toBe(0.0065);
    expect(intervalAxisMax([0.9, 0.99])).toBe(1);
    expect(intervalAxisMax([0, 0])).toBeUndefined();
  });
});
