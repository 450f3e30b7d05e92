import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { ReactNode } from 'react';
import {
  bestByMetric,
  formatMetric,
  isBest,
  METRIC_COLUMNS,
  type DashboardRow,
} from './metrics.js';

/** Why two training runs give different metrics (SPEC §7.1), shown under the table. */
export const METRICS_VARIANCE_NOTE =
  'Each solution version is evaluated on a random 10% of users (their newest 10% of interactions are held out), as Amazon Personalize does; the bracket is the 95% interval over those test users (none for coverage, a count over all of them). Compare versions trained on the same data.';

/**
 * Offline metrics: one row per version (the baseline last), one column per metric with 4
 * decimals and its 95% interval; the best value of each metric is bold and marked "best"
 * (also for screen readers). Versions on other data are badged.
 */
export function MetricsTable({
  rows,
  actions,
}: {
  rows: readonly DashboardRow[];
  actions?: ReactNode;
}) {
  const best = bestByMetric(rows);
  return (
    <div data-testid="metrics-table" data-row-count={rows.length}>
      <Table
        header={
          <Header
            variant="h2"
            actions={actions}
            description="Higher is better for every metric. The best value per metric is in bold green; brackets are 95% intervals."
          >
            Metrics
          </Header>
        }
        ariaLabels={{ tableLabel: 'Solution metrics' }}
        items={[...rows]}
        trackBy="solutionVersionArn"
        wrapLines
        columnDefinitions={[
          {
            id: 'version',
            header: 'Version',
            isRowHeader: true,
            cell: (row) => (
              <SpaceBetween size="xxs">
                <span>{row.label}</span>
                <SpaceBetween direction="horizontal" size="xxs">
                  {row.isBaseline ? <Badge color="grey">Baseline</Badge> : null}
                  {row.isCurrentData ? null : (
                    <span data-testid={`other-data-${row.key}`}>
                      <Badge color="red">Other data</Badge>
                    </span>
                  )}
                </SpaceBetween>
              </SpaceBetween>
            ),
          },
          { id: 'recipe', header: 'Recipe', cell: (row) => row.recipe },
          {
            id: 'users',
            header: 'Test users',
            cell: (row) => (
              <span data-testid={`test-users-${row.key}`} data-version-arn={row.solutionVersionArn}>
                {row.evaluation?.users ?? '—'}
              </span>
            ),
          },
          ...METRIC_COLUMNS.map(({ key, label }) => ({
            id: key,
            header: label,
            cell: (row: DashboardRow) => {
              const value = row.metrics[key];
              // Coverage counts distinct items over all test users, not a mean per user: no
              // bootstrap interval (a resample repeats users and so always sees fewer items).
              const interval = key === 'coverage' ? undefined : row.evaluation?.metrics[key];
              const attributes = {
                'data-testid': `metric-${row.key}-${key}`,
                'data-value': value,
                ...(interval === undefined
                  ? {}
                  : { 'data-lower': interval.lower, 'data-upper': interval.upper }),
              };
              const bracket =
                interval === undefined ? null : (
                  <Box variant="small" color="text-body-secondary" display="block">
                    [{formatMetric(interval.lower)}–{formatMetric(interval.upper)}]
                  </Box>
                );
              return isBest(best, key, value) ? (
                <strong {...attributes} data-best="true" title="Best value">
                  <Box variant="span" color="text-status-success" fontWeight="bold">
                    {formatMetric(value)}
                  </Box>
                  <span className="visually-hidden" style={{ position: 'absolute', left: -10000 }}>
                    {' '}
                    (best)
                  </span>
                  {bracket}
                </strong>
              ) : (
                <span {...attributes}>
                  {formatMetric(value)}
                  {bracket}
                </span>
              );
            },
          })),
        ]}
        footer={
          <Box variant="small" color="text-body-secondary" data-testid="metrics-variance-note">
            {METRICS_VARIANCE_NOTE}
          </Box>
        }
      />
    </div>
  );
}
