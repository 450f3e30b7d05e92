// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import type { Metrics } from '../../../../shared/guide.js';
import { MetricsTable } from './MetricsTable.js';
import type { EvaluatedSolution } from './metrics.js';

function metrics(value: number): Metrics {
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, value])) as Metrics;
}

afterEach(cleanup);

describe('MetricsTable', () => {
  it('shows one row per recipe, 4 decimals, and marks the best value of each metric', () => {
    const solutions: EvaluatedSolution[] = [
      {
        recipe: 'aws-user-personalization',
        solutionArn: 'a',
        metrics: { ...metrics(0.31234), coverage: 0.05 },
      },
      {
        recipe: 'aws-popularity-count',
        solutionArn: 'b',
        metrics: { ...metrics(0.1), coverage: 0.4 },
      },
    ];
    render(<MetricsTable solutions={solutions} />);
    const table = screen.getByRole('table', { name: 'Solution metrics' });
    expect(within(table).getByRole('columnheader', { name: 'NDCG@10' })).toBeTruthy();
    const best = screen.getByTestId('metric-aws-user-personalization-precision_at_10');
    expect(best.textContent).toContain('0.3123');
    expect(best.dataset.best).toBe('true');
    expect(
      screen.getByTestId('metric-aws-popularity-count-precision_at_10').dataset.best,
    ).toBeUndefined();
    expect(screen.getByTestId('metric-aws-popularity-count-coverage').dataset.best).toBe('true');
  });

  it('explains under the table why metrics vary between training runs', () => {
    render(
      <MetricsTable
        solutions={[{ recipe: 'aws-popularity-count', solutionArn: 'b', metrics: metrics(0.1) }]}
      />,
    );
    expect(screen.getByTestId('metrics-variance-note').textContent).toBe(
      'Each solution version is evaluated on a random 10% of users (their newest 10% of interactions are held out), as Amazon Personalize does; expect differences of a few hundredths between runs. Compare recipes trained together.',
    );
  });
});
