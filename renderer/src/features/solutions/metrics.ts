import { csvRow } from '../../../../shared/csv-cell.js';
import type { GuideSolution, Metrics } from '../../../../shared/guide.js';
import type {
  KSplits,
  LocalEvaluation,
  SolutionsOverview,
} from '../../../../shared/ipc/solutions.js';
import { METRIC_KEYS, METRIC_LABELS, type MetricKey } from '../../../../shared/personalize.js';
import { BASELINE_RECIPE } from '../../../../shared/rules/recipes.js';

/** A solution that has metrics. */
export type EvaluatedSolution = GuideSolution & { readonly metrics: Metrics };

/** The solutions whose version has metrics, in GuideView order. */
export function evaluatedSolutions(solutions: readonly GuideSolution[]): EvaluatedSolution[] {
  return solutions.filter(
    (solution): solution is EvaluatedSolution => solution.metrics !== undefined,
  );
}

/** One trained version as a row of the dashboard. */
export interface DashboardRow {
  /**
   * Key of the row's test ids (`metric-<key>-<metric>`): the recipe for the version the guide
   * follows of each recipe (its newest solution's latest version), else `<solution>-<version>`.
   */
  readonly key: string;
  /** "poc-sims · 1a2b3c4d". */
  readonly label: string;
  readonly recipe: string;
  readonly solutionName: string;
  readonly solutionVersionArn: string;
  readonly isBaseline: boolean;
  readonly metrics: Metrics;
  readonly evaluation?: LocalEvaluation | undefined;
  readonly kSplits?: KSplits | undefined;
  /** False when trained on other imports than the newest versions. */
  readonly isCurrentData: boolean;
  readonly createdAtMs?: number | undefined;
  /** Non-default hyperparameters of its solution, `name=value`. */
  readonly hyperParameters: readonly string[];
}

/**
 * Every ACTIVE version with metrics, one row each: personalized recipes first (by solution
 * age, newest version first), the popularity baseline last.
 * @param guideSolutions the guide's latest version per recipe (their rows are keyed by recipe)
 */
export function dashboardRows(
  overview: SolutionsOverview | undefined,
  guideSolutions: readonly GuideSolution[],
): DashboardRow[] {
  const guideVersions = new Map(
    guideSolutions.flatMap((solution) =>
      solution.solutionVersionArn === undefined
        ? []
        : [[solution.solutionVersionArn, solution.recipe] as const],
    ),
  );
  const rows: DashboardRow[] = [];
  for (const solution of overview?.solutions ?? []) {
    for (const version of solution.versions) {
      if (version.status !== 'ACTIVE' || version.metrics === undefined) continue;
      const hyperParameters = Object.entries({
        ...solution.algorithmHyperParameters,
        ...solution.featureTransformationParameters,
      }).map(([name, value]) => `${name}=${value}`);
      rows.push({
        key: guideVersions.get(version.solutionVersionArn) ?? `${solution.name}-${version.shortId}`,
        label: `${solution.name} · ${version.shortId}`,
        recipe: solution.recipe,
        solutionName: solution.name,
        solutionVersionArn: version.solutionVersionArn,
        isBaseline: solution.recipe === BASELINE_RECIPE,
        metrics: version.metrics,
        evaluation: version.evaluation,
        kSplits: version.kSplits,
        isCurrentData: version.isCurrentData,
        createdAtMs: version.createdAtMs,
        hyperParameters,
      });
    }
  }
  return [...rows.filter((row) => !row.isBaseline), ...rows.filter((row) => row.isBaseline)];
}

/** The baseline to compare with: the newest popularity-count version on the current data. */
export function baselineOf(rows: readonly DashboardRow[]): DashboardRow | undefined {
  const baselines = rows
    .filter((row) => row.isBaseline)
    .sort(
      (a, b) =>
        Number(b.isCurrentData) - Number(a.isCurrentData) ||
        (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0),
    );
  return baselines[0];
}

/**
 * Best (highest) value per metric among the rows; all 8 metrics are "higher is better". A
 * metric is missing when no row has a finite value for it.
 */
export function bestByMetric(
  solutions: readonly { readonly metrics: Metrics }[],
): Partial<Record<MetricKey, number>> {
  const best: Partial<Record<MetricKey, number>> = {};
  for (const key of METRIC_KEYS) {
    for (const solution of solutions) {
      const value = solution.metrics[key];
      if (!Number.isFinite(value)) continue;
      const current = best[key];
      if (current === undefined || value > current) best[key] = value;
    }
  }
  return best;
}

/** True when `value` is the best of its metric (ties are all best). */
export function isBest(
  best: Partial<Record<MetricKey, number>>,
  key: MetricKey,
  value: number,
): boolean {
  return best[key] !== undefined && value === best[key];
}

/** A metric value as the table shows it: 4 decimals. */
export function formatMetric(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : '—';
}

/** Columns of the metrics table: key and label, in METRIC_KEYS order. */
export const METRIC_COLUMNS: ReadonlyArray<{ readonly key: MetricKey; readonly label: string }> =
  METRIC_KEYS.map((key) => ({
    key,
    label: METRIC_LABELS[key],
  }));

/** One warning of the dashboard about a version against the baseline. */
export interface MetricWarning {
  readonly kind: 'baselineWins' | 'overlap' | 'otherData';
  readonly rowKey: string;
  readonly text: string;
  readonly metrics: readonly MetricKey[];
}

function labels(keys: readonly MetricKey[]): string {
  return keys.map((key) => METRIC_LABELS[key]).join(', ');
}

/**
 * The values the dashboard's summary quotes for a row: the means over the k splits once the
 * evaluation was repeated (`kSplits`), else the single split's metrics (GetSolutionMetrics).
 * `splits` is the number of splits behind them (1 for the single split).
 */
export function summaryMetrics(row: Pick<DashboardRow, 'metrics' | 'kSplits'>): {
  readonly metrics: Metrics;
  readonly splits: number;
} {
  if (row.kSplits === undefined) return { metrics: row.metrics, splits: 1 };
  const kSplits = row.kSplits;
  return {
    metrics: Object.fromEntries(
      METRIC_KEYS.map((key) => [key, kSplits.metrics[key].mean]),
    ) as Metrics,
    splits: kSplits.splits,
  };
}

/**
 * Warnings a consultant must see before quoting a number: for each personalized version, the
 * metrics where the popularity baseline scores higher, the metrics whose 95% intervals overlap
 * the baseline's (the difference may be split noise), and versions trained on other data than
 * the baseline (their numbers do not compare). Once both the version and the baseline were
 * repeated on k splits, the comparison uses the k-split means, and "overlap" means their
 * mean ± standard deviation ranges overlap; the text says so.
 */
export function metricWarnings(rows: readonly DashboardRow[]): MetricWarning[] {
  const baseline = baselineOf(rows);
  if (baseline === undefined) return [];
  const warnings: MetricWarning[] = [];
  for (const row of rows) {
    if (row.isBaseline) continue;
    if (row.isCurrentData !== baseline.isCurrentData) {
      warnings.push({
        kind: 'otherData',
        rowKey: row.key,
        metrics: [],
        text: `${row.label} was trained on other data than the baseline ${baseline.label}: their metrics do not compare. Train both again on the same import.`,
      });
      continue;
    }
    const rowSplits = row.kSplits;
    const baselineSplits = baseline.kSplits;
    if (rowSplits !== undefined && baselineSplits !== undefined) {
      const wins = METRIC_KEYS.filter(
        (key) => baselineSplits.metrics[key].mean > rowSplits.metrics[key].mean,
      );
      const over = `over ${rowSplits.splits} and ${baselineSplits.splits} splits`;
      if (wins.length > 0)
        warnings.push({
          kind: 'baselineWins',
          rowKey: row.key,
          metrics: wins,
          text: `The popularity baseline scores higher than ${row.label} on ${labels(wins)} (means ${over}).`,
        });
      const overlaps = METRIC_KEYS.filter((key) => {
        const a = rowSplits.metrics[key];
        const b = baselineSplits.metrics[key];
        return (
          key !== 'coverage' &&
          !wins.includes(key) &&
          a.mean - a.sd <= b.mean + b.sd &&
          b.mean - b.sd <= a.mean + a.sd
        );
      });
      if (overlaps.length > 0)
        warnings.push({
          kind: 'overlap',
          rowKey: row.key,
          metrics: overlaps,
          text: `The mean ± standard deviation ${over} of ${row.label} and the baseline overlap on ${labels(overlaps)}: that difference may be split noise.`,
        });
      continue;
    }
    const wins = METRIC_KEYS.filter((key) => baseline.metrics[key] > row.metrics[key]);
    if (wins.length > 0)
      warnings.push({
        kind: 'baselineWins',
        rowKey: row.key,
        metrics: wins,
        text: `The popularity baseline scores higher than ${row.label} on ${labels(wins)}.`,
      });
    const a = row.evaluation?.metrics;
    const b = baseline.evaluation?.metrics;
    if (a === undefined || b === undefined) continue;
    const overlaps = METRIC_KEYS.filter(
      (key) =>
        key !== 'coverage' &&
        !wins.includes(key) &&
        a[key].lower <= b[key].upper &&
        b[key].lower <= a[key].upper,
    );
    if (overlaps.length > 0)
      warnings.push({
        kind: 'overlap',
        rowKey: row.key,
        metrics: overlaps,
        text: `The 95% intervals of ${row.label} and the baseline overlap on ${labels(overlaps)}: with ${row.evaluation?.users ?? 0} test users that difference may be split noise. Repeat the evaluation on k splits to tell.`,
      });
  }
  return warnings;
}

/** "2.1× the popularity baseline (0.1302)", or why there is no ratio. */
export function liftText(value: number, baseline: number | undefined): string {
  if (baseline === undefined) return 'no baseline trained yet';
  if (baseline <= 0) return `the baseline scores 0`;
  const ratio = value / baseline;
  return `${ratio.toFixed(ratio >= 10 ? 0 : 1)}× the popularity baseline (${formatMetric(baseline)})`;
}

/**
 * What a metric value means for a user, in plain words (SPEC §7.2 definitions, NDCG as
 * Personalize normalises it: by the hits found).
 */
export function explainMetric(key: MetricKey, value: number, users: number | undefined): string {
  const who = users === undefined ? 'the test users' : `the ${users} test users`;
  const shown = formatMetric(value);
  switch (key) {
    case 'precision_at_5':
    case 'precision_at_10':
    case 'precision_at_25': {
      const k = Number(key.split('_').pop());
      return `P@${k} ${shown}: of the top ${k} recommended to each of ${who}, ${(value * k).toFixed(1)} on average were items the user went on to interact with (in the held-out newest 10% of their history).`;
    }
    case 'normalized_discounted_cumulative_gain_at_5':
    case 'normalized_discounted_cumulative_gain_at_10':
    case 'normalized_discounted_cumulative_gain_at_25': {
      const k = Number(key.split('_').pop());
      return `NDCG@${k} ${shown}: a user whose top ${k} contains items they went on to interact with scores by how high those sit (1 when they fill the first places, less further down); a user with none scores 0. ${shown} is the average over ${who}: about ${Math.round(value * 100)}% of the best possible, counting the users who got no hit as 0.`;
    }
    case 'mean_reciprocal_rank_at_25':
      return `MRR@25 ${shown}: 1 / the position of the first relevant item in a user's top 25 (0 if none), averaged over ${who}. ${value > 0 ? `${shown} is like finding the first right item at position ${(1 / value).toFixed(1)} on average.` : 'No user found a relevant item.'}`;
    case 'coverage':
      return `Coverage ${shown}: ${Math.round(value * 100)}% of the catalogue (items in the interactions and Items files) appears in at least one test user's top 25. Low coverage means the same few items for everyone.`;
    default:
      return shown;
  }
}

/** One number with its interval as the table shows it: `0.2712 [0.2101–0.3340]`. */
export function formatInterval(value: number, lower?: number, upper?: number): string {
  if (lower === undefined || upper === undefined) return formatMetric(value);
  return `${formatMetric(value)} [${formatMetric(lower)}–${formatMetric(upper)}]`;
}

/**
 * The dashboard as CSV (RFC 4180, formula-looking cells escaped by shared/csv-cell.ts): one row
 * per version with its metrics, 95% interval bounds, test users, the source of the intervals,
 * the k-split mean and spread when run, the lift over the baseline and whether it trained on
 * the current data.
 */
export function dashboardCsv(rows: readonly DashboardRow[]): string {
  const baseline = baselineOf(rows);
  const header = [
    'solution',
    'version_arn',
    'recipe',
    'hyperparameters',
    'is_baseline',
    'current_data',
    'test_users',
    'interval_source',
    ...METRIC_KEYS.flatMap((key) => [
      key,
      `${key}_lower95`,
      `${key}_upper95`,
      `${key}_lift_over_baseline`,
      `${key}_ksplit_mean`,
      `${key}_ksplit_sd`,
    ]),
    'ksplits',
  ];
  const lines = [csvRow(header)];
  for (const row of rows) {
    lines.push(
      csvRow([
        row.solutionName,
        row.solutionVersionArn,
        row.recipe,
        row.hyperParameters.join(' '),
        row.isBaseline,
        row.isCurrentData,
        row.evaluation?.users,
        row.evaluation?.source,
        ...METRIC_KEYS.flatMap((key) => {
          const base = baseline?.metrics[key];
          return [
            row.metrics[key],
            key === 'coverage' ? undefined : row.evaluation?.metrics[key].lower,
            key === 'coverage' ? undefined : row.evaluation?.metrics[key].upper,
            base === undefined || base <= 0
              ? undefined
              : Number((row.metrics[key] / base).toFixed(4)),
            row.kSplits?.metrics[key].mean,
            row.kSplits?.metrics[key].sd,
          ];
        }),
        row.kSplits?.splits,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
