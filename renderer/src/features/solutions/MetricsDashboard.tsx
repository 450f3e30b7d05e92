import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { useRef, useState } from 'react';
import type { Metrics } from '../../../../shared/guide.js';
import { METRIC_KEYS, METRIC_LABELS, type MetricKey } from '../../../../shared/personalize.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import {
  baselineOf,
  dashboardCsv,
  explainMetric,
  formatMetric,
  liftText,
  metricWarnings,
  summaryMetrics,
  type DashboardRow,
} from './metrics.js';
import { IntervalChart, MetricsChart } from './MetricsChart.js';
import { MetricsTable } from './MetricsTable.js';

/** Metrics the interval chart can show, with the one a consultant reads first. */
const CHART_METRICS: readonly MetricKey[] = [
  'normalized_discounted_cumulative_gain_at_10',
  'precision_at_10',
  'mean_reciprocal_rank_at_25',
  'coverage',
];

/** Saves `content` as a file through the browser's download (no file is written by the core). */
function download(fileName: string, href: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** `poc-metrics-2026-12-01T23-40` for export file names. */
function stampedName(prefix: string): string {
  return `${prefix}-metrics-${new Date().toISOString().slice(0, 16).replaceAll(':', '-')}`;
}

/** Where the intervals come from, in one sentence. */
function sourceText(rows: readonly DashboardRow[], targetKind: 'sandbox' | 'aws'): string {
  const sources = new Set(rows.map((row) => row.evaluation?.source).filter((s) => s !== undefined));
  if (sources.size === 0) return 'The intervals appear once the studio has evaluated the versions.';
  if (targetKind === 'aws')
    return "Metrics are Amazon Personalize's (GetSolutionMetrics). The intervals and test-user counts come from a local evaluation of the same recipe family on the same files: its split is not the service's, so its interval is a guide to the spread, not a bound on the service's number.";
  if (sources.has('local'))
    return "Metrics are the Local sandbox's. Intervals marked local come from a local evaluation of the same recipe on the same files that did not reproduce the sandbox's values.";
  return "Metrics are the Local sandbox's (GetSolutionMetrics). The intervals are bootstrapped over the same held-out test users, from the same split and model.";
}

/**
 * The metrics dashboard (issue items 5 and 6): every trained version side by side with the
 * popularity baseline — warnings first, then the interval chart of one metric and the chart of
 * all metrics, the plain-words explanations with the lift over the baseline, the table with
 * intervals and test users, CSV and PNG export, and the optional evaluation on k splits.
 */
export function MetricsDashboard({
  rows,
  targetKind,
  prefix,
  isBusy,
  onEvaluateSplits,
  evaluateError,
  isEvaluating,
}: {
  rows: readonly DashboardRow[];
  targetKind: 'sandbox' | 'aws';
  prefix: string;
  isBusy: boolean;
  onEvaluateSplits: (splits: number) => void;
  evaluateError: unknown;
  isEvaluating: boolean;
}) {
  const [metric, setMetric] = useState<MetricKey>('normalized_discounted_cumulative_gain_at_10');
  const [splits, setSplits] = useState('5');
  const chart = useRef<ReactEChartsCore>(null);
  const baseline = baselineOf(rows);
  const warnings = metricWarnings(rows);
  // Once every version was repeated on k splits, the summary quotes the k-split means.
  const isSplitSummary = rows.length > 0 && rows.every((row) => row.kSplits !== undefined);
  const summaryOf = (row: DashboardRow): Metrics =>
    isSplitSummary ? summaryMetrics(row).metrics : row.metrics;
  const leader = rows
    .filter((row) => !row.isBaseline)
    .sort((a, b) => summaryOf(b)[metric] - summaryOf(a)[metric])[0];
  const splitCount = Number(splits);
  const isSplitsValid = Number.isInteger(splitCount) && splitCount >= 2 && splitCount <= 20;
  const withSplits = rows.filter((row) => row.kSplits !== undefined);

  const exportCsv = (): void => {
    const url = URL.createObjectURL(new Blob([dashboardCsv(rows)], { type: 'text/csv' }));
    download(`${stampedName(prefix)}.csv`, url);
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const exportImage = (): void => {
    const instance = chart.current?.getEchartsInstance();
    if (instance === undefined) return;
    download(
      `${stampedName(prefix)}-${METRIC_LABELS[metric].replace('@', '-at-')}.png`,
      instance.getDataURL({ type: 'png', pixelRatio: 2 }),
    );
  };

  return (
    <SpaceBetween size="l">
      <Container
        header={
          <Header
            variant="h2"
            description={sourceText(rows, targetKind)}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button iconName="download" onClick={exportCsv}>
                  Export CSV
                </Button>
                <Button iconName="download" onClick={exportImage}>
                  Export chart image
                </Button>
              </SpaceBetween>
            }
          >
            Metrics dashboard
          </Header>
        }
      >
        <SpaceBetween size="m">
          {baseline === undefined ? (
            <Alert type="info" header="No baseline yet">
              Train aws-popularity-count too: it shows what personalization adds over recommending
              the most popular items to everyone.
            </Alert>
          ) : null}
          {warnings.length === 0 ? null : (
            <div data-testid="metric-warnings" data-count={warnings.length}>
              <Alert type="warning" header="Read these numbers with care">
                <ul>
                  {warnings.map((warning) => (
                    <li key={`${warning.kind}-${warning.rowKey}`} data-kind={warning.kind}>
                      {warning.text}
                    </li>
                  ))}
                </ul>
              </Alert>
            </div>
          )}
          <SegmentedControl
            label="Metric of the chart"
            selectedId={metric}
            onChange={({ detail }) => setMetric(detail.selectedId as MetricKey)}
            options={CHART_METRICS.map((key) => ({ id: key, text: METRIC_LABELS[key] }))}
          />
          <IntervalChart ref={chart} rows={rows} metric={metric} />
          {leader === undefined ? null : (
            <Box variant="p" data-testid="metric-explanation">
              {isSplitSummary
                ? `Means over ${leader.kSplits?.splits ?? 0} splits (Repeat the evaluation on k splits). `
                : null}
              <strong>{leader.label}</strong>:{' '}
              {explainMetric(metric, summaryOf(leader)[metric], leader.evaluation?.users)} That is{' '}
              {liftText(
                summaryOf(leader)[metric],
                baseline === undefined ? undefined : summaryOf(baseline)[metric],
              )}
              .
            </Box>
          )}
          <ExpandableSection headerText="All metrics side by side" defaultExpanded>
            <MetricsChart rows={rows} />
          </ExpandableSection>
          <ExpandableSection headerText="What each metric means" data-testid="metric-glossary">
            <ColumnLayout columns={2} variant="text-grid">
              {METRIC_KEYS.map((key) => {
                const row = leader ?? rows[0];
                return row === undefined ? null : (
                  <div key={key} data-testid={`explain-${key}`}>
                    <Box variant="h4">{METRIC_LABELS[key]}</Box>
                    <Box variant="p">
                      {explainMetric(key, row.metrics[key], row.evaluation?.users)} ({row.label}:{' '}
                      {liftText(row.metrics[key], baseline?.metrics[key])}.)
                    </Box>
                  </div>
                );
              })}
            </ColumnLayout>
          </ExpandableSection>
        </SpaceBetween>
      </Container>
      <MetricsTable rows={rows} />
      <Container
        header={
          <Header
            variant="h2"
            description="One split holds out 10% of users; another split gives other numbers. Repeating the evaluation on k fresh splits shows whether a difference between two recipes is real or split noise. It runs in the studio, on the imported files."
          >
            Repeat the evaluation on k splits
          </Header>
        }
      >
        <SpaceBetween size="m">
          <SpaceBetween direction="horizontal" size="s" alignItems="end">
            <FormField
              label="Splits (k)"
              constraintText="2 to 20; each split trains every version's recipe once."
              errorText={isSplitsValid ? undefined : 'Enter a whole number from 2 to 20.'}
            >
              <Input
                type="number"
                value={splits}
                onChange={({ detail }) => setSplits(detail.value)}
              />
            </FormField>
            <Button
              disabled={!isSplitsValid || isBusy || rows.length === 0}
              loading={isEvaluating}
              onClick={() => onEvaluateSplits(splitCount)}
            >
              Repeat on {isSplitsValid ? splitCount : 'k'} splits
            </Button>
          </SpaceBetween>
          {evaluateError === null || evaluateError === undefined ? null : (
            <ErrorAlert header="The evaluation could not start" error={evaluateError} />
          )}
          {withSplits.length === 0 ? (
            <Box color="text-body-secondary">Not run yet.</Box>
          ) : (
            <div data-testid="ksplit-table">
              <Table
                variant="embedded"
                ariaLabels={{ tableLabel: 'Metrics over k splits' }}
                items={withSplits}
                trackBy="solutionVersionArn"
                columnDefinitions={[
                  { id: 'version', header: 'Version', isRowHeader: true, cell: (row) => row.label },
                  { id: 'splits', header: 'Splits', cell: (row) => row.kSplits?.splits ?? '' },
                  ...METRIC_KEYS.map((key) => ({
                    id: key,
                    header: `${METRIC_LABELS[key]} mean ± sd`,
                    cell: (row: DashboardRow) => {
                      const stat = row.kSplits?.metrics[key];
                      return stat === undefined ? (
                        '—'
                      ) : (
                        <span
                          data-testid={`ksplit-${row.key}-${key}`}
                          data-mean={stat.mean}
                          data-sd={stat.sd}
                        >
                          {formatMetric(stat.mean)} ± {formatMetric(stat.sd)}
                        </span>
                      );
                    },
                  })),
                ]}
              />
            </div>
          )}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
