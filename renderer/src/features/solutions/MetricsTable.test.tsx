// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Metrics } from '../../../../shared/guide.js';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import { METRICS_VARIANCE_NOTE, MetricsTable } from './MetricsTable.js';
import type { DashboardRow } from './metrics.js';

function metrics(value: number): Metrics {
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, value])) as Metrics;
}

function row(key: string, m: Metrics, extra: Partial<DashboardRow> = {}): DashboardRow {
  return {
    key,
    label: `${key} · v1`,
    recipe: key,
    solutionName: key,
    solutionVersionArn: `arn:${key}`,
    isBaseline: key === 'aws-popularity-count',
    metrics: m,
    isCurrentData: true,
    hyperParameters: [],
    ...extra,
  };
}

afterEach(cleanup);

describe('MetricsTable', () => {
  it('shows one row per version, 4 decimals with the interval, test users, and marks the best value', () => {
    const personalized = { ...metrics(0.31234), coverage: 0.05 };
    render(
      <MetricsTable
        rows={[
          row('aws-user-personalization', personalized, {
            evaluation: {
              source: 'sandbox',
              users: 61,
              level: 0.95,
              resamples: 1000,
              seed: 1,
              evaluatedAtMs: 0,
              durationMs: 0,
              metrics: Object.fromEntries(
                METRIC_KEYS.map((key) => [
                  key,
                  { value: personalized[key], lower: 0.25, upper: 0.37 },
                ]),
              ) as never,
            },
          }),
          row('aws-popularity-count', { ...metrics(0.1), coverage: 0.4 }, { isCurrentData: false }),
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Solution metrics' });
    expect(within(table).getByRole('columnheader', { name: 'NDCG@10' })).toBeTruthy();
    const best = screen.getByTestId('metric-aws-user-personalization-precision_at_10');
    expect(best.textContent).toContain('0.3123');
    expect(best.textContent).toContain('[0.2500–0.3700]');
    expect(best.dataset.best).toBe('true');
    expect(best.dataset.lower).toBe('0.25');
    expect(screen.getByTestId('test-users-aws-user-personalization').textContent).toBe('61');
    expect(
      screen.getByTestId('metric-aws-popularity-count-precision_at_10').dataset.best,
    ).toBeUndefined();
    expect(screen.getByTestId('metric-aws-popularity-count-coverage').dataset.best).toBe('true');
    // Coverage is a count over all test users: no bootstrap interval.
    expect(
      screen.getByTestId('metric-aws-user-personalization-coverage').dataset.lower,
    ).toBeUndefined();
    expect(screen.getByTestId('other-data-aws-popularity-count')).toBeTruthy();
    expect(screen.getByTestId('metrics-variance-note').textContent).toBe(METRICS_VARIANCE_NOTE);
  });
});
