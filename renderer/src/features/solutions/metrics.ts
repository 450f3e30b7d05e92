import { METRIC_KEYS, METRIC_LABELS, type MetricKey } from '../../../../shared/personalize.js';
import type { Metrics, GuideSolution } from '../../../../shared/guide.js';

/** A solution that has metrics. */
export type EvaluatedSolution = GuideSolution & { readonly metrics: Metrics };

/** The solutions whose version has metrics, in GuideView order. */
export function evaluatedSolutions(solutions: readonly GuideSolution[]): EvaluatedSolution[] {
  return solutions.filter(
    (solution): solution is EvaluatedSolution => solution.metrics !== undefined,
  );
}

/**
 * Best (highest) value per metric among the evaluated solutions; all 8 metrics are
 * "higher is better". A metric is missing when no solution has a finite value for it.
 */
export function bestByMetric(
  solutions: readonly EvaluatedSolution[],
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
