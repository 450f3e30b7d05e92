/**
 * Bootstrap 95% intervals of the offline metrics over the held-out users (issue: honest
 * uncertainty next to each GetSolutionMetrics value). With about 61 held-out users on the A2.1
 * MovieLens data (SPEC §7.1: 10% of 610 users), one split's NDCG@10 moves by several hundredths
 * from one split to the next; the interval says how much.
 *
 * Method: percentile bootstrap. Draw the held-out users with replacement `resamples` times (same
 * count as the original), recompute each metric on every draw exactly as `computeOfflineMetrics`
 * does (plain means of the per-user values; coverage from the distinct items of the drawn users'
 * lists), and report the (1 − level)/2 and (1 + level)/2 quantiles of the draws. Seeded, so equal
 * inputs give equal intervals. A draw repeats some users and misses others, so its coverage
 * (distinct items) is lower than the value's: the coverage interval shows the spread and can sit
 * below the value.
 */
import type { MetricKey } from '../../../shared/personalize.js';
import { METRIC_KEYS } from '../../../shared/personalize.js';
import type { EvaluatedUser, OfflineMetricOptions } from './metrics.js';
import {
  computeOfflineMetrics,
  coverageItemsOf,
  DEFAULT_IDCG,
  EVALUATION_LIST_LENGTH,
  ndcgAtK,
  precisionAtK,
  reciprocalRankAtK,
} from './metrics.js';
import { createRandom } from './random.js';

/** One metric with its bootstrap interval; all three values in [0, 1]. */
export interface MetricInterval {
  /** The metric on all held-out users (what GetSolutionMetrics reports). */
  readonly value: number;
  /** Lower end of the interval (quantile (1 − level)/2 of the bootstrap draws). */
  readonly lower: number;
  /** Upper end of the interval (quantile (1 + level)/2 of the bootstrap draws). */
  readonly upper: number;
}

/** Result of {@link bootstrapOfflineMetrics}. */
export interface BootstrapMetrics {
  /** Number of held-out users the metrics average over. */
  readonly users: number;
  /** Confidence level of the intervals, e.g. 0.95. */
  readonly level: number;
  /** Number of bootstrap draws. */
  readonly resamples: number;
  /** Every SPEC §7.3 metric with its interval. */
  readonly metrics: Readonly<Record<MetricKey, MetricInterval>>;
}

/** Options of {@link bootstrapOfflineMetrics}; defaults: 1000 draws, level 0.95, seed 1. */
export interface BootstrapOptions {
  readonly resamples?: number;
  readonly level?: number;
  readonly seed?: number;
}

/** Default number of bootstrap draws. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;

/**
 * Quantile `q` in [0, 1] of sorted values, linear between order statistics (type 7, the default
 * of R and NumPy).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] ?? 0;
  return low + (position - below) * ((sorted[above] ?? 0) - low);
}

/**
 * Offline metrics of `users` (as `computeOfflineMetrics`) with a percentile-bootstrap interval
 * per metric over the held-out users (see the module comment). With no users every value and
 * bound is 0.
 *
 * @param users the evaluated held-out users (recommendations and relevant items)
 * @param options catalogue size and IDCG convention, as for `computeOfflineMetrics`
 */
export function bootstrapOfflineMetrics(
  users: readonly EvaluatedUser[],
  options: OfflineMetricOptions,
  bootstrap: BootstrapOptions = {},
): BootstrapMetrics {
  const resamples = Math.max(1, Math.round(bootstrap.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES));
  const level = Math.min(0.999, Math.max(0.5, bootstrap.level ?? 0.95));
  const random = createRandom(bootstrap.seed ?? 1);
  const values = computeOfflineMetrics(users, options);
  const idcg = options.idcg ?? DEFAULT_IDCG;
  // Per-user values of the averaged metrics, and each user's list for coverage.
  const perUser = users.map((user) => {
    const ranked = user.recommended.slice(0, EVALUATION_LIST_LENGTH);
    const relevant = new Set(user.relevant);
    return {
      covered: coverageItemsOf(user),
      values: {
        mean_reciprocal_rank_at_25: reciprocalRankAtK(ranked, relevant, 25),
        normalized_discounted_cumulative_gain_at_5: ndcgAtK(ranked, relevant, 5, idcg),
        normalized_discounted_cumulative_gain_at_10: ndcgAtK(ranked, relevant, 10, idcg),
        normalized_discounted_cumulative_gain_at_25: ndcgAtK(ranked, relevant, 25, idcg),
        precision_at_5: precisionAtK(ranked, relevant, 5),
        precision_at_10: precisionAtK(ranked, relevant, 10),
        precision_at_25: precisionAtK(ranked, relevant, 25),
      },
    };
  });
  const draws = Object.fromEntries(METRIC_KEYS.map((key) => [key, [] as number[]])) as Record<
    MetricKey,
    number[]
  >;
  const count = perUser.length;
  if (count > 0) {
    for (let draw = 0; draw < resamples; draw++) {
      const sums: Record<string, number> = {};
      const distinct = new Set<string>();
      for (let k = 0; k < count; k++) {
        const user = perUser[Math.floor(random() * count)];
        if (user === undefined) continue;
        for (const [key, value] of Object.entries(user.values))
          sums[key] = (sums[key] ?? 0) + value;
        for (const itemId of user.covered) distinct.add(itemId);
      }
      for (const key of METRIC_KEYS) {
        if (key === 'coverage')
          draws.coverage.push(
            options.catalogSize > 0 ? Math.min(1, distinct.size / options.catalogSize) : 0,
          );
        else draws[key].push((sums[key] ?? 0) / count);
      }
    }
  }
  const metrics = Object.fromEntries(
    METRIC_KEYS.map((key) => {
      const sorted = draws[key].sort((a, b) => a - b);
      return [
        key,
        {
          value: values[key],
          lower: quantile(sorted, (1 - level) / 2),
          upper: quantile(sorted, (1 + level) / 2),
        },
      ];
    }),
  ) as Record<MetricKey, MetricInterval>;
  return { users: count, level, resamples, metrics };
}
