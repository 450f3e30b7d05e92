import { z } from 'zod';
import { MetricsSchema } from '../guide.js';
import { METRIC_KEYS, type MetricKey } from '../personalize.js';
import { STUDIO_RECIPES } from '../rules/recipes.js';
import { JobStarted, WorkspaceRef } from './common.js';

/** Solution names: SPEC §2.1 (`^[a-zA-Z0-9][a-zA-Z0-9\-_]*`, at most 63 characters). */
export const SolutionNameSchema = z
  .string()
  .max(63)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u,
    'Use letters, digits, - and _ (starting with a letter or digit).',
  );

/**
 * One training the consultant asks for: a new solution of `recipe` with these hyperparameters,
 * or — with `solutionArn` — a new FULL version of an existing solution (its own configuration).
 */
export const TrainRunSchema = z.object({
  recipe: z.enum(STUDIO_RECIPES),
  /** Train a new version of this solution instead of creating one. */
  solutionArn: z.string().optional(),
  /** Name of the new solution; default `<prefix>-<recipe>[-n]`. */
  name: SolutionNameSchema.optional(),
  /** Hyperparameter values by name (SPEC §6.2, strings); empty or absent = the documented default. */
  hyperParameters: z.record(z.string(), z.string()).default({}),
});
/** See {@link TrainRunSchema}. */
export type TrainRun = z.infer<typeof TrainRunSchema>;

/** One metric with its 95% bootstrap interval over the held-out users; all in [0, 1]. */
export const MetricIntervalSchema = z.object({
  value: z.number(),
  lower: z.number(),
  upper: z.number(),
});

const metricRecord = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(METRIC_KEYS.map((key) => [key, schema])) as Record<MetricKey, T>);

/**
 * The studio's evaluation of a solution version: the SPEC §7.1 split, the recipe trained on 90%
 * of users, each metric with a percentile-bootstrap interval over the held-out users.
 *
 * `source` says where it was computed: `sandbox` when it reproduces the Local sandbox's own
 * evaluation exactly (same split seed, same model: its values equal GetSolutionMetrics'), `local`
 * when it is a local evaluation of the same recipe family on the same files (an AWS workspace, or
 * a sandbox run that did not reproduce the service's values) — its split is not the service's.
 */
export const LocalEvaluationSchema = z.object({
  source: z.enum(['sandbox', 'local']),
  /** Number of held-out (test) users the metrics average over. */
  users: z.number().int(),
  /** Confidence level, 0.95. */
  level: z.number(),
  resamples: z.number().int(),
  seed: z.number(),
  metrics: metricRecord(MetricIntervalSchema),
  /** When it finished, epoch ms, and how long it took, ms. */
  evaluatedAtMs: z.number(),
  durationMs: z.number(),
});
/** See {@link LocalEvaluationSchema}. */
export type LocalEvaluation = z.infer<typeof LocalEvaluationSchema>;

/** Mean and spread of one metric over k splits. */
export const SplitStatisticSchema = z.object({
  mean: z.number(),
  /** Sample standard deviation over the splits (n − 1). */
  sd: z.number(),
  min: z.number(),
  max: z.number(),
});

/** The "repeat the evaluation on k splits" result of a version: one split per seed. */
export const KSplitsSchema = z.object({
  splits: z.number().int(),
  seeds: z.array(z.number()),
  /** Held-out users of each split. */
  users: z.array(z.number().int()),
  metrics: metricRecord(SplitStatisticSchema),
  /** The metric values of every split, in `seeds` order. */
  values: z.array(metricRecord(z.number())),
  evaluatedAtMs: z.number(),
  durationMs: z.number(),
});
/** See {@link KSplitsSchema}. */
export type KSplits = z.infer<typeof KSplitsSchema>;

/** The imported data a version was trained on (the latest ACTIVE imports at training time). */
export const TrainingDataSchema = z.object({
  interactionsImportJobArn: z.string(),
  interactionsFile: z.string(),
  interactionsMtimeMs: z.number().optional(),
  interactionsRows: z.number().optional(),
  itemsImportJobArn: z.string().optional(),
  itemsFile: z.string().optional(),
  itemsMtimeMs: z.number().optional(),
});
/** See {@link TrainingDataSchema}. */
export type TrainingData = z.infer<typeof TrainingDataSchema>;

/** One solution version as the dashboard shows it. */
export const SolutionVersionViewSchema = z.object({
  solutionVersionArn: z.string(),
  /** The last part of the ARN, e.g. `a1b2c3d4`. */
  shortId: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  trainingMode: z.string().optional(),
  /** When the service created it, epoch ms; when it last changed status. */
  createdAtMs: z.number().optional(),
  lastUpdatedAtMs: z.number().optional(),
  /** What the studio is doing for it now: `train` (the service trains), `split`/`train`/`evaluate` of the studio's evaluation. */
  phase: z.string().optional(),
  metrics: MetricsSchema.optional(),
  evaluation: LocalEvaluationSchema.optional(),
  /** Why the studio's evaluation could not run, when it failed. */
  evaluationError: z.string().optional(),
  kSplits: KSplitsSchema.optional(),
  data: TrainingDataSchema.optional(),
  /** False when it was trained on other files (or another import) than the newest versions. */
  isCurrentData: z.boolean(),
});
/** See {@link SolutionVersionViewSchema}. */
export type SolutionVersionView = z.infer<typeof SolutionVersionViewSchema>;

/** One solution: its recipe, configuration and versions (newest first). */
export const SolutionViewSchema = z.object({
  solutionArn: z.string(),
  name: z.string(),
  recipe: z.string(),
  status: z.string().optional(),
  createdAtMs: z.number().optional(),
  algorithmHyperParameters: z.record(z.string(), z.string()),
  featureTransformationParameters: z.record(z.string(), z.string()),
  versions: z.array(SolutionVersionViewSchema),
});
/** See {@link SolutionViewSchema}. */
export type SolutionView = z.infer<typeof SolutionViewSchema>;

/** Every solution of the guide's dataset group, oldest first. */
export const SolutionsOverviewSchema = z.object({
  solutions: z.array(SolutionViewSchema),
  /** The data the newest trained version used: versions on other data are marked. */
  currentData: TrainingDataSchema.optional(),
  /** Target of the workspace: where the metrics and the intervals come from. */
  targetKind: z.enum(['sandbox', 'aws']),
});
/** See {@link SolutionsOverviewSchema}. */
export type SolutionsOverview = z.infer<typeof SolutionsOverviewSchema>;

/** Facts of the imported interactions (and items) that decide which recipes fit. */
export const DataStatsSchema = z.object({
  interactions: z.number().int(),
  users: z.number().int(),
  items: z.number().int(),
  /** Users with at least 2 interactions (SPEC §5.5: at least 25 needed). */
  usersWithTwo: z.number().int(),
  medianInteractionsPerItem: z.number(),
  medianInteractionsPerUser: z.number(),
  /** Share of items with exactly one interaction, 0..1. */
  singleInteractionItemShare: z.number(),
  /** Newest TIMESTAMP, epoch seconds; its age in days at the time of the check. */
  newestTimestamp: z.number(),
  newestAgeDays: z.number(),
  /** Interactions in the last 7 days before the newest one. */
  lastWeekInteractions: z.number().int(),
  /** Rows of the imported Items file; absent without one. */
  itemRows: z.number().int().optional(),
});
/** See {@link DataStatsSchema}. */
export type DataStats = z.infer<typeof DataStatsSchema>;

/** How well a recipe fits the data: the level and the reasons, in plain words. */
export const RecipeFitSchema = z.object({
  recipe: z.string(),
  level: z.enum(['good', 'caution', 'poor']),
  reasons: z.array(z.string()),
});
/** See {@link RecipeFitSchema}. */
export type RecipeFit = z.infer<typeof RecipeFitSchema>;

/** Channels of the `solutions` domain: solutions, versions, metrics and the studio's evaluation. */
export const solutionsChannels = {
  /**
   * Trains in the guide's dataset group, as one job: `recipes` train with their defaults in the
   * recipe's newest solution (skipped when its latest version is ACTIVE with metrics); each of
   * `runs` creates a new solution (or a new version of `solutionArn`). Each version is followed
   * by the studio's evaluation (intervals, test users).
   * @throws AppError `guide.notReady` (nothing imported), `input.invalid` (a hyperparameter outside its range, a taken name).
   */
  'solutions.train': {
    input: WorkspaceRef.extend({
      recipes: z.array(z.enum(STUDIO_RECIPES)).optional(),
      runs: z.array(TrainRunSchema).optional(),
    }),
    output: JobStarted,
  },
  /** Every solution and version of the guide's dataset group with metrics and evaluations (from the resource cache). */
  'solutions.list': { input: WorkspaceRef, output: SolutionsOverviewSchema },
  /** Facts of the imported data and how each recipe fits them; `undefined` fields until imported. */
  'solutions.dataFit': {
    input: WorkspaceRef,
    output: z.object({ stats: DataStatsSchema.optional(), fits: z.array(RecipeFitSchema) }),
  },
  /**
   * Repeats the studio's evaluation of each version on `splits` fresh splits (default 5), as a
   * job; the result (mean ± spread per metric) is kept with the version.
   */
  'solutions.evaluateSplits': {
    input: WorkspaceRef.extend({
      solutionVersionArns: z.array(z.string()).min(1),
      splits: z.number().int().min(2).max(20).default(5),
    }),
    output: JobStarted,
  },
} as const;
