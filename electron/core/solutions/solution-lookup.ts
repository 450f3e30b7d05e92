import type { GuideSolution, Metrics } from '../../../shared/guide.js';
import { MetricsSchema } from '../../../shared/guide.js';
import { recipeArn } from '../../../shared/personalize.js';
import { recipeSpec } from '../../../shared/rules/recipes.js';
import {
  KSplitsSchema,
  LocalEvaluationSchema,
  TrainingDataSchema,
  type SolutionsOverview,
  type SolutionVersionView,
  type SolutionView,
  type TrainingData,
} from '../../../shared/ipc/solutions.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { datasetOf } from '../datasets/import-service.js';

/** The solution of `recipe` in a dataset group (the newest when several), from the resource cache. */
export function solutionOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  recipe: string,
): ResourceEntry | undefined {
  return resources
    .filter(
      (entry) =>
        entry.kind === 'solution' &&
        entry.parentArn === datasetGroupArn &&
        entry.attributes.recipeArn === recipeArn(recipe),
    )
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/**
 * True when a solution trains with the recipe's default configuration: no hyperparameter or
 * featurization parameter set to anything but its documented default (SPEC §6.2). A solution
 * made with Configure… and changed values is not; one whose values all equal the defaults is.
 * Keys the studio does not know (a service echoing more of its configuration) are not a change.
 */
export function isDefaultConfiguration(solution: ResourceEntry): boolean {
  const spec = recipeSpec(recipeOfSolution(solution));
  const { algorithmHyperParameters, featureTransformationParameters } =
    solutionHyperParameters(solution);
  return Object.entries({ ...algorithmHyperParameters, ...featureTransformationParameters }).every(
    ([name, value]) => {
      const parameter = spec?.hyperParameters.find((candidate) => candidate.name === name);
      if (parameter === undefined) return true;
      const given = value.trim();
      return parameter.type === 'boolean'
        ? given.toLowerCase() === parameter.defaultValue
        : given === '' || Number(given) === Number(parameter.defaultValue);
    },
  );
}

/**
 * The guide's default solution of `recipe` in a dataset group: the newest one with the default
 * configuration ({@link isDefaultConfiguration}), the one Train creates and trains.
 */
export function defaultSolutionOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  recipe: string,
): ResourceEntry | undefined {
  return resources
    .filter(
      (entry) =>
        entry.kind === 'solution' &&
        entry.parentArn === datasetGroupArn &&
        entry.attributes.recipeArn === recipeArn(recipe) &&
        isDefaultConfiguration(entry),
    )
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/**
 * The versions of a dataset group's solutions that wait for the studio's evaluation: ACTIVE,
 * with their GetSolutionMetrics read, and neither an evaluation nor an evaluation error
 * recorded; oldest first.
 */
export function pendingEvaluations(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string | undefined,
): ResourceEntry[] {
  if (datasetGroupArn === undefined) return [];
  const solutions = new Set(
    resources
      .filter((entry) => entry.kind === 'solution' && entry.parentArn === datasetGroupArn)
      .map((entry) => entry.arn),
  );
  return resources
    .filter(
      (entry) =>
        entry.kind === 'solutionVersion' &&
        solutions.has(entry.parentArn ?? '') &&
        entry.status === 'ACTIVE' &&
        metricsOf(entry) !== undefined &&
        entry.studio.evaluation === undefined &&
        entry.studio.evaluationError === undefined,
    )
    .sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0));
}

/** The newest solution version of a solution, from the resource cache. */
export function latestVersionOf(
  resources: readonly ResourceEntry[],
  solutionArn: string,
): ResourceEntry | undefined {
  return resources
    .filter((entry) => entry.kind === 'solutionVersion' && entry.parentArn === solutionArn)
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/** The metrics GetSolutionMetrics gave for a version, when read. */
export function metricsOf(version: ResourceEntry | undefined): Metrics | undefined {
  const parsed = MetricsSchema.safeParse(version?.studio.metrics);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The guide's view of a recipe's solution: its latest version's ARN, status, failure reason and
 * metrics (the solution's own status while it has no version). The newest solution of the
 * recipe, or with `which: 'default'` its default one ({@link defaultSolutionOf}).
 */
export function guideSolutionOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  recipe: string,
  which: 'newest' | 'default' = 'newest',
): GuideSolution | undefined {
  const solution = (which === 'default' ? defaultSolutionOf : solutionOf)(
    resources,
    datasetGroupArn,
    recipe,
  );
  if (solution === undefined) return undefined;
  const version = latestVersionOf(resources, solution.arn);
  const metrics = metricsOf(version);
  const status = version?.status ?? solution.status;
  const failureReason = version?.failureReason;
  return {
    recipe,
    solutionArn: solution.arn,
    ...(version === undefined ? {} : { solutionVersionArn: version.arn }),
    ...(status === undefined ? {} : { status }),
    ...(failureReason === undefined ? {} : { failureReason }),
    ...(metrics === undefined ? {} : { metrics }),
  };
}

/** The newest ACTIVE import job of `datasetType` in the dataset group. */
function activeImportOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  datasetType: 'interactions' | 'items',
): ResourceEntry | undefined {
  const dataset = datasetOf(resources, datasetGroupArn, datasetType);
  if (dataset === undefined) return undefined;
  return resources
    .filter(
      (entry) =>
        entry.kind === 'datasetImportJob' &&
        entry.parentArn === dataset.arn &&
        entry.status === 'ACTIVE' &&
        typeof entry.studio.sourcePath === 'string',
    )
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/**
 * The data a version trained now would use: the newest ACTIVE interactions (and items) import
 * of the dataset group, with the files they read. `undefined` before an interactions import.
 */
export function currentTrainingData(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
): TrainingData | undefined {
  const interactions = activeImportOf(resources, datasetGroupArn, 'interactions');
  if (interactions === undefined) return undefined;
  const items = activeImportOf(resources, datasetGroupArn, 'items');
  const number = (value: unknown): number | undefined =>
    typeof value === 'number' ? value : undefined;
  const interactionsMtimeMs = number(interactions.studio.sourceMtimeMs);
  const interactionsRows = number(interactions.studio.rows);
  const itemsMtimeMs = number(items?.studio.sourceMtimeMs);
  return {
    interactionsImportJobArn: interactions.arn,
    interactionsFile: interactions.studio.sourcePath as string,
    ...(interactionsMtimeMs === undefined ? {} : { interactionsMtimeMs }),
    ...(interactionsRows === undefined ? {} : { interactionsRows }),
    ...(items === undefined
      ? {}
      : {
          itemsImportJobArn: items.arn,
          itemsFile: items.studio.sourcePath as string,
          ...(itemsMtimeMs === undefined ? {} : { itemsMtimeMs }),
        }),
  };
}

/** True when two versions were trained on the same imports. */
export function isSameData(a: TrainingData | undefined, b: TrainingData | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.interactionsImportJobArn === b.interactionsImportJobArn &&
    a.itemsImportJobArn === b.itemsImportJobArn
  );
}

/** The recipe name of a solution entry (`arn:aws:personalize:::recipe/aws-sims` → `aws-sims`). */
export function recipeOfSolution(solution: ResourceEntry): string {
  const arn = solution.attributes.recipeArn;
  return typeof arn === 'string' ? arn.replace(/^.*recipe\//u, '') : 'unknown';
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** `solutionConfig` hyperparameters of a solution entry, as DescribeSolution gave them. */
export function solutionHyperParameters(solution: ResourceEntry): {
  algorithmHyperParameters: Record<string, string>;
  featureTransformationParameters: Record<string, string>;
} {
  const config = solution.attributes.solutionConfig as Record<string, unknown> | undefined;
  return {
    algorithmHyperParameters: stringRecord(config?.algorithmHyperParameters),
    featureTransformationParameters: stringRecord(config?.featureTransformationParameters),
  };
}

function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Every solution of the dataset group (oldest first) with its versions (newest first): status,
 * phase, metrics, the studio's evaluation, k-split results and the data it trained on; a version
 * on other data than {@link currentTrainingData} is marked.
 */
export function solutionsOverview(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string | undefined,
  targetKind: 'sandbox' | 'aws',
): SolutionsOverview {
  if (datasetGroupArn === undefined) return { solutions: [], targetKind };
  const currentData = currentTrainingData(resources, datasetGroupArn);
  const solutions = resources
    .filter((entry) => entry.kind === 'solution' && entry.parentArn === datasetGroupArn)
    .sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0))
    .map((solution): SolutionView => {
      const versions = resources
        .filter((entry) => entry.kind === 'solutionVersion' && entry.parentArn === solution.arn)
        .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))
        .map((version): SolutionVersionView => {
          const metrics = metricsOf(version);
          const evaluation = LocalEvaluationSchema.safeParse(version.studio.evaluation);
          const kSplits = KSplitsSchema.safeParse(version.studio.kSplits);
          const data = TrainingDataSchema.safeParse(version.studio.data);
          const lastUpdatedAtMs = epochMs(version.attributes.lastUpdatedDateTime);
          const trainingMode = version.attributes.trainingMode;
          return {
            solutionVersionArn: version.arn,
            shortId: version.arn.split('/').pop() ?? version.arn,
            ...(version.status === undefined ? {} : { status: version.status }),
            ...(version.failureReason === undefined
              ? {}
              : { failureReason: version.failureReason }),
            ...(typeof trainingMode === 'string' ? { trainingMode } : {}),
            ...(version.createdAtMs === undefined ? {} : { createdAtMs: version.createdAtMs }),
            ...(lastUpdatedAtMs === undefined ? {} : { lastUpdatedAtMs }),
            ...(typeof version.studio.phase === 'string' ? { phase: version.studio.phase } : {}),
            ...(metrics === undefined ? {} : { metrics }),
            ...(evaluation.success ? { evaluation: evaluation.data } : {}),
            ...(typeof version.studio.evaluationError === 'string'
              ? { evaluationError: version.studio.evaluationError }
              : {}),
            ...(kSplits.success ? { kSplits: kSplits.data } : {}),
            ...(data.success ? { data: data.data } : {}),
            isCurrentData:
              currentData === undefined || !data.success || isSameData(data.data, currentData),
          };
        });
      return {
        solutionArn: solution.arn,
        name: solution.name,
        recipe: recipeOfSolution(solution),
        ...(solution.status === undefined ? {} : { status: solution.status }),
        ...(solution.createdAtMs === undefined ? {} : { createdAtMs: solution.createdAtMs }),
        ...solutionHyperParameters(solution),
        versions,
      };
    });
  return { solutions, ...(currentData === undefined ? {} : { currentData }), targetKind };
}
