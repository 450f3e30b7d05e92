import type { GuideSolution, Metrics } from '../../../shared/guide.js';
import { MetricsSchema } from '../../../shared/guide.js';
import { recipeArn } from '../../../shared/personalize.js';
import type { ResourceEntry } from '../../../shared/resources.js';

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
 * metrics (the solution's own status while it has no version).
 */
export function guideSolutionOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  recipe: string,
): GuideSolution | undefined {
  const solution = solutionOf(resources, datasetGroupArn, recipe);
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
