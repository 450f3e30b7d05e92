import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../../shared/guide.js';
import type {
  KSplits,
  LocalEvaluation,
  SolutionsOverview,
} from '../../../../shared/ipc/solutions.js';
import { METRIC_KEYS } from '../../../../shared/personalize.js';
import {
  dashboardCsv,
  dashboardRows,
  explainMetric,
  liftText,
  metricWarnings,
  summaryMetrics,
  type DashboardRow,
} from './metrics.js';

function metrics(value: number, overrides: Partial<Metrics> = {}): Metrics {
  return {
    ...(Object.fromEntries(METRIC_KEYS.map((key) => [key, value])) as Metrics),
    ...overrides,
  };
}

function evaluation(m: Metrics, halfWidth: number): LocalEvaluation {
  return {
    source: 'sandbox',
    users: 61,
    level: 0.95,
    resamples: 1000,
    seed: 1,
    metrics: Object.fromEntries(
      METRIC_KEYS.map((key) => [
        key,
        { value: m[key], lower: m[key] - halfWidth, upper: m[key] + halfWidth },
      ]),
    ) as LocalEvaluation['metrics'],
    evaluatedAtMs: 0,
    durationMs: 0,
  };
}

function row(
  overrides: Partial<DashboardRow> & Pick<DashboardRow, 'key' | 'metrics'>,
): DashboardRow {
  return {
    label: `${overrides.key} · v1`,
    recipe: 'aws-user-personalization',
    solutionName: overrides.key,
    solutionVersionArn: `arn:${overrides.key}`,
    isBaseline: false,
    isCurrentData: true,
    hyperParameters: [],
    ...overrides,
  };
}

const up = metrics(0.27, { coverage: 0.08, mean_reciprocal_rank_at_25: 0.19 });
const pop = metrics(0.12, { coverage: 0.003, mean_reciprocal_rank_at_25: 0.2 });
const personalized = row({
  key: 'aws-user-personalization',
  metrics: up,
  evaluation: evaluation(up, 0.03),
});
const baseline = row({
  key: 'aws-popularity-count',
  recipe: 'aws-popularity-count',
  isBaseline: true,
  metrics: pop,
  evaluation: evaluation(pop, 0.03),
});

describe('dashboardRows', () => {
  it('keys the guide version of each recipe by the recipe, others by solution and version, baseline last', () => {
    const version = (arn: string, value: number) => ({
      solutionVersionArn: arn,
      shortId: arn.slice(-4),
      status: 'ACTIVE',
      metrics: metrics(value),
      isCurrentData: true,
    });
    const overview: SolutionsOverview = {
      targetKind: 'sandbox',
      solutions: [
        {
          solutionArn: 's1',
          name: 'poc-popularity-count',
          recipe: 'aws-popularity-count',
          algorithmHyperParameters: {},
          featureTransformationParameters: {},
          versions: [version('s1/pop1', 0.1)],
        },
        {
          solutionArn: 's2',
          name: 'poc-sims-2',
          recipe: 'aws-sims',
          algorithmHyperParameters: { min_cointeraction_count: '8' },
          featureTransformationParameters: {},
          versions: [
            version('s2/aaa2', 0.2),
            { ...version('s2/aaa1', 0.3), status: 'CREATE FAILED' },
          ],
        },
      ],
    };
    const rows = dashboardRows(overview, [
      { recipe: 'aws-popularity-count', solutionArn: 's1', solutionVersionArn: 's1/pop1' },
    ]);
    expect(rows.map((r) => [r.key, r.label, r.isBaseline])).toEqual([
      ['poc-sims-2-aaa2', 'poc-sims-2 · aaa2', false],
      ['aws-popularity-count', 'poc-popularity-count · pop1', true],
    ]);
    expect(rows[0]?.hyperParameters).toEqual(['min_cointeraction_count=8']);
  });
});

describe('metricWarnings', () => {
  it('says where the baseline wins and where the 95% intervals overlap', () => {
    const warnings = metricWarnings([personalized, baseline]);
    expect(warnings.map((w) => [w.kind, w.metrics])).toEqual([
      ['baselineWins', ['mean_reciprocal_rank_at_25']],
    ]);
    expect(warnings[0]?.text).toBe(
      'The popularity baseline scores higher than aws-user-personalization · v1 on MRR@25.',
    );
    const wide = { ...personalized, evaluation: evaluation(up, 0.2) };
    const overlap = metricWarnings([wide, baseline]).find((w) => w.kind === 'overlap');
    expect(overlap?.metrics).toContain('normalized_discounted_cumulative_gain_at_10');
    expect(overlap?.text).toMatch(/with 61 test users that difference may be split noise/u);
  });

  it('compares the k-split means once both the version and the baseline were repeated, and says so', () => {
    const kSplits = (m: Metrics, sd: number): KSplits => ({
      splits: 5,
      seeds: [1, 2, 3, 4, 5],
      users: [61, 61, 61, 61, 61],
      metrics: Object.fromEntries(
        METRIC_KEYS.map((key) => [key, { mean: m[key], sd, min: m[key] - sd, max: m[key] + sd }]),
      ) as KSplits['metrics'],
      values: [m, m, m, m, m],
      evaluatedAtMs: 0,
      durationMs: 0,
    });
    // On the single split the baseline wins MRR@25; over 5 splits it wins precision@5 instead.
    const upMeans = metrics(0.27, { precision_at_5: 0.1 });
    const repeated = { ...personalized, kSplits: kSplits(upMeans, 0.01) };
    const repeatedBaseline = { ...baseline, kSplits: kSplits(metrics(0.12), 0.01) };
    const warnings = metricWarnings([repeated, repeatedBaseline]);
    expect(warnings.map((w) => [w.kind, w.metrics])).toEqual([
      ['baselineWins', ['precision_at_5']],
    ]);
    expect(warnings[0]?.text).toMatch(/\(means over 5 and 5 splits\)/u);
    const noisy = { ...repeated, kSplits: kSplits(upMeans, 0.2) };
    const overlap = metricWarnings([noisy, repeatedBaseline]).find((w) => w.kind === 'overlap');
    expect(overlap?.metrics).toContain('normalized_discounted_cumulative_gain_at_10');
    expect(overlap?.text).toMatch(/mean ± standard deviation over 5 and 5 splits/u);
    // Only one side repeated: the single split's comparison stays.
    expect(metricWarnings([repeated, baseline]).map((w) => w.metrics)).toEqual([
      ['mean_reciprocal_rank_at_25'],
    ]);
    expect(summaryMetrics(repeated)).toEqual({ metrics: upMeans, splits: 5 });
    expect(summaryMetrics(personalized)).toEqual({ metrics: up, splits: 1 });
  });

  it('marks a version trained on other data than the baseline', () => {
    const older = { ...personalized, isCurrentData: false };
    expect(metricWarnings([older, baseline]).map((w) => w.kind)).toEqual(['otherData']);
  });
});

describe('explanations', () => {
  it('say what the numbers mean for a user and the lift over the baseline', () => {
    expect(explainMetric('precision_at_10', 0.08, 61)).toBe(
      'P@10 0.0800: of the top 10 recommended to each of the 61 test users, 0.8 on average were items the user went on to interact with (in the held-out newest 10% of their history).',
    );
    expect(explainMetric('normalized_discounted_cumulative_gain_at_10', 0.27, 61)).toMatch(
      /^NDCG@10 0\.2700: a user whose top 10 contains items they went on to interact with scores by how high those sit .* about 27% of the best possible/u,
    );
    expect(explainMetric('mean_reciprocal_rank_at_25', 0.25, 61)).toMatch(
      /at position 4\.0 on average/u,
    );
    expect(liftText(0.27, 0.12)).toBe('2.3× the popularity baseline (0.1200)');
    expect(liftText(0.3584, 0.0226)).toBe('16× the popularity baseline (0.0226)');
    expect(liftText(0.27, 0)).toBe('the baseline scores 0');
    expect(liftText(0.27, undefined)).toBe('no baseline trained yet');
  });
});

describe('dashboardCsv', () => {
  it('writes one row per version with intervals, test users and lift, formula cells escaped', () => {
    const hostile = { ...personalized, solutionName: '=HYPERLINK("http://x")' };
    const text = dashboardCsv([hostile, baseline]);
    const records = parse<Record<string, string>>(text, { columns: true });
    expect(records).toHaveLength(2);
    expect(records[0]?.solution).toBe('\'=HYPERLINK("http://x")');
    expect(records[0]?.test_users).toBe('61');
    expect(records[0]?.interval_source).toBe('sandbox');
    expect(Number(records[0]?.normalized_discounted_cumulative_gain_at_10)).toBe(0.27);
    expect(Number(records[0]?.normalized_discounted_cumulative_gain_at_10_lower95)).toBeCloseTo(
      0.24,
      12,
    );
    expect(records[0]?.normalized_discounted_cumulative_gain_at_10_lift_over_baseline).toBe('2.25');
    expect(records[1]?.is_baseline).toBe('true');
  });
});
