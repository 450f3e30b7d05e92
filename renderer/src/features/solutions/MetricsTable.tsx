import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import {
  bestByMetric,
  formatMetric,
  isBest,
  METRIC_COLUMNS,
  type EvaluatedSolution,
} from './metrics.js';

/** Why two training runs give slightly different metrics (SPEC §7.1), shown under the table. */
export const METRICS_VARIANCE_NOTE =
  'Each solution version is evaluated on a random 10% of users (their newest 10% of interactions are held out), as Amazon Personalize does; expect differences of a few hundredths between runs. Compare recipes trained together.';

/**
 * Offline metrics: one row per recipe, one column per metric (4 decimals); the best value of
 * each metric is bold and marked "best" (also for screen readers). A note under the table says
 * why metrics vary between runs.
 */
export function MetricsTable({ solutions }: { solutions: readonly EvaluatedSolution[] }) {
  const best = bestByMetric(solutions);
  return (
    <div data-testid="metrics-table" data-row-count={solutions.length}>
      <Table
        header={
          <Header
            variant="h2"
            description="Higher is better for every metric. The best value per metric is in bold green."
          >
            Metrics
          </Header>
        }
        ariaLabels={{ tableLabel: 'Solution metrics' }}
        items={[...solutions]}
        trackBy="recipe"
        wrapLines={false}
        columnDefinitions={[
          {
            id: 'recipe',
            header: 'Recipe',
            cell: (solution) => solution.recipe,
            isRowHeader: true,
          },
          ...METRIC_COLUMNS.map(({ key, label }) => ({
            id: key,
            header: label,
            cell: (solution: EvaluatedSolution) => {
              const value = solution.metrics[key];
              const text = formatMetric(value);
              return isBest(best, key, value) ? (
                <strong
                  data-testid={`metric-${solution.recipe}-${key}`}
                  data-value={value}
                  data-best="true"
                  title="Best value"
                >
                  <Box variant="span" color="text-status-success" fontWeight="bold">
                    {text}
                  </Box>
                  <span className="visually-hidden" style={{ position: 'absolute', left: -10000 }}>
                    {' '}
                    (best)
                  </span>
                </strong>
              ) : (
                <span data-testid={`metric-${solution.recipe}-${key}`} data-value={value}>
                  {text}
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
