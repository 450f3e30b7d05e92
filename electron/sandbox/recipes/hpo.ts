/**
 * Hyperparameter optimisation of a solution (`performHPO` with `solutionConfig.hpoConfig`, SPEC
 * §2.12, §6.2): a seeded random search over the given ranges. Each candidate is trained on the
 * evaluation split's training users less a validation tenth of them and scored on that validation
 * tenth (SPEC §7.1 protocol), so the held-out test users that GetSolutionMetrics reports never
 * choose the hyperparameters. Pure: the caller supplies the train-and-score function.
 */
import type { MetricKey } from '../../../shared/personalize.js';
import { METRIC_KEYS } from '../../../shared/personalize.js';
import { createRandom } from '../evaluation/random.js';

/** Largest `hpoResourceConfig.maxNumberOfTrainingJobs` (SPEC §6.2 HPO limits). */
export const MAX_HPO_TRAINING_JOBS = 40;
/** Training jobs when `hpoResourceConfig.maxNumberOfTrainingJobs` is absent [choice]. */
export const DEFAULT_HPO_TRAINING_JOBS = 8;
/** Metric the search maximises unless `hpoObjective.metricName` names another of SPEC §7.3 [choice]. */
export const DEFAULT_HPO_METRIC: MetricKey = 'normalized_discounted_cumulative_gain_at_10';

/** An integer or continuous range of `hpoConfig.algorithmHyperParameterRanges`. */
export interface NumericRange {
  readonly name: string;
  readonly minValue: number;
  readonly maxValue: number;
  readonly integer: boolean;
}

/** A categorical range of `hpoConfig.algorithmHyperParameterRanges`. */
export interface CategoricalRange {
  readonly name: string;
  readonly values: readonly string[];
}

/** `solutionConfig.hpoConfig`, validated. */
export interface HpoPlan {
  readonly numeric: readonly NumericRange[];
  readonly categorical: readonly CategoricalRange[];
  /** Candidates to train, 1..{@link MAX_HPO_TRAINING_JOBS}. */
  readonly trainingJobs: number;
  /** Metric to maximise (a SPEC §7.3 key). */
  readonly metric: MetricKey;
}

/** One candidate's hyperparameters (strings, as `algorithmHyperParameters` carries them). */
export type Candidate = Readonly<Record<string, string>>;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function finite(value: unknown, label: string): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`hpoConfig ${label} must be a number.`);
  return number;
}

/**
 * Reads `solutionConfig.hpoConfig`: `algorithmHyperParameterRanges.{integer,continuous}HyperParameterRanges`
 * (`{name, minValue, maxValue}`), `.categoricalHyperParameterRanges` (`{name, values}`),
 * `hpoResourceConfig.maxNumberOfTrainingJobs` (string, 1..40, default 8) and
 * `hpoObjective.metricName` (a SPEC §7.3 key, default NDCG@10; `type` must be `Maximize` when given).
 *
 * @throws Error naming the offending field (minValue above maxValue, a range without a name,
 *   more than 40 jobs, an unknown metric)
 */
export function readHpoPlan(hpoConfig: unknown): HpoPlan {
  const config = record(hpoConfig);
  const ranges = record(config.algorithmHyperParameterRanges);
  const numeric: NumericRange[] = [];
  for (const [key, integer] of [
    ['integerHyperParameterRanges', true],
    ['continuousHyperParameterRanges', false],
  ] as const) {
    for (const range of list(ranges[key])) {
      const name = typeof range.name === 'string' ? range.name : '';
      if (name === '') throw new Error(`hpoConfig ${key} entry without a name.`);
      const minValue = finite(range.minValue, `${name}.minValue`);
      const maxValue = finite(range.maxValue, `${name}.maxValue`);
      if (minValue > maxValue)
        throw new Error(`hpoConfig ${name}: minValue ${minValue} is above maxValue ${maxValue}.`);
      numeric.push({ name, minValue, maxValue, integer });
    }
  }
  const categorical: CategoricalRange[] = [];
  for (const range of list(ranges.categoricalHyperParameterRanges)) {
    const name = typeof range.name === 'string' ? range.name : '';
    const values = Array.isArray(range.values)
      ? range.values.filter((value): value is string => typeof value === 'string')
      : [];
    if (name === '' || values.length === 0)
      throw new Error('hpoConfig categoricalHyperParameterRanges entries need a name and values.');
    categorical.push({ name, values });
  }
  const resource = record(config.hpoResourceConfig);
  const jobsText = resource.maxNumberOfTrainingJobs;
  const trainingJobs =
    jobsText === undefined
      ? DEFAULT_HPO_TRAINING_JOBS
      : Math.round(finite(jobsText, 'hpoResourceConfig.maxNumberOfTrainingJobs'));
  if (trainingJobs < 1 || trainingJobs > MAX_HPO_TRAINING_JOBS)
    throw new Error(
      `hpoConfig hpoResourceConfig.maxNumberOfTrainingJobs must be 1..${MAX_HPO_TRAINING_JOBS}.`,
    );
  const objective = record(config.hpoObjective);
  if (objective.type !== undefined && objective.type !== 'Maximize')
    throw new Error('hpoConfig hpoObjective.type must be Maximize.');
  const metricName = objective.metricName ?? DEFAULT_HPO_METRIC;
  if (typeof metricName !== 'string' || !(METRIC_KEYS as readonly string[]).includes(metricName))
    throw new Error(
      `hpoConfig hpoObjective.metricName ${JSON.stringify(metricName)} is not a metric.`,
    );
  return { numeric, categorical, trainingJobs, metric: metricName as MetricKey };
}

/**
 * The candidates of a plan: the first is the base hyperparameters as given (so the search never
 * ends worse than no search on the validation users), the others are seeded random draws, uniform
 * in each numeric range (integers inclusive) and each categorical list, over `base`.
 */
export function hpoCandidates(plan: HpoPlan, base: Candidate, seed: number): Candidate[] {
  const random = createRandom(seed);
  const candidates: Candidate[] = [{ ...base }];
  for (let job = 1; job < plan.trainingJobs; job++) {
    const candidate: Record<string, string> = { ...base };
    for (const range of plan.numeric) {
      const draw = range.minValue + random() * (range.maxValue - range.minValue);
      candidate[range.name] = range.integer
        ? String(Math.min(range.maxValue, Math.floor(draw + random())))
        : String(Number(draw.toFixed(6)));
    }
    for (const range of plan.categorical)
      candidate[range.name] =
        range.values[Math.floor(random() * range.values.length)] ?? range.values[0] ?? '';
    candidates.push(candidate);
  }
  return candidates;
}

/** Result of {@link runHpoSearch}. */
export interface HpoOutcome {
  /** The best candidate's hyperparameters: DescribeSolutionVersion's `tunedHPOParams.algorithmHyperParameters`. */
  readonly best: Candidate;
  /** Validation score of every candidate, in order. */
  readonly scores: readonly number[];
}

/**
 * Trains and scores every candidate of `plan` with `score` (higher is better; ties keep the
 * earlier candidate) and returns the best. Only the hyperparameters named by the plan's ranges
 * are reported in `best`, as the service reports them.
 */
export function runHpoSearch(
  plan: HpoPlan,
  base: Candidate,
  seed: number,
  score: (candidate: Candidate) => number,
): HpoOutcome {
  const candidates = hpoCandidates(plan, base, seed);
  const scores = candidates.map(score);
  let best = 0;
  for (let k = 1; k < scores.length; k++) if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
  const chosen = candidates[best] ?? base;
  const names = new Set([...plan.numeric, ...plan.categorical].map((range) => range.name));
  return {
    best: Object.fromEntries(Object.entries(chosen).filter(([name]) => names.has(name))),
    scores,
  };
}
