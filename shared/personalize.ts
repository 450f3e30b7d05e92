/**
 * Amazon Personalize facts that the app and the sandbox both need.
 *
 * Source: ../shared/spec/SPEC.md (section given on each constant).
 */

/** Status strings of async resources, exactly as the service sends them (SPEC §2.2). */
export const STATUS = {
  createPending: 'CREATE PENDING',
  createInProgress: 'CREATE IN_PROGRESS',
  active: 'ACTIVE',
  createFailed: 'CREATE FAILED',
  deletePending: 'DELETE PENDING',
  deleteInProgress: 'DELETE IN_PROGRESS',
} as const;

/** True for a status after which polling stops (ACTIVE or any `... FAILED`/`STOPPED`). */
export function isTerminalStatus(status: string | undefined): boolean {
  return (
    status === 'ACTIVE' || (status ?? '').endsWith('FAILED') || (status ?? '').endsWith('STOPPED')
  );
}

/** The 8 keys GetSolutionMetrics returns for non-segmentation recipes (SPEC §7.3). */
export const METRIC_KEYS = [
  'coverage',
  'mean_reciprocal_rank_at_25',
  'normalized_discounted_cumulative_gain_at_5',
  'normalized_discounted_cumulative_gain_at_10',
  'normalized_discounted_cumulative_gain_at_25',
  'precision_at_5',
  'precision_at_10',
  'precision_at_25',
] as const;

/** One of {@link METRIC_KEYS}. */
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Short labels for the metrics table. */
export const METRIC_LABELS: Readonly<Record<MetricKey, string>> = {
  coverage: 'Coverage',
  mean_reciprocal_rank_at_25: 'MRR@25',
  normalized_discounted_cumulative_gain_at_5: 'NDCG@5',
  normalized_discounted_cumulative_gain_at_10: 'NDCG@10',
  normalized_discounted_cumulative_gain_at_25: 'NDCG@25',
  precision_at_5: 'P@5',
  precision_at_10: 'P@10',
  precision_at_25: 'P@25',
};

/** Recipes the walking skeleton trains (SPEC §6.1). */
export const SKELETON_RECIPES = ['aws-user-personalization', 'aws-popularity-count'] as const;
/** One of {@link SKELETON_RECIPES}. */
export type SkeletonRecipe = (typeof SKELETON_RECIPES)[number];

/** ARN of a built-in recipe: `arn:aws:personalize:::recipe/{name}` (SPEC §6.1). */
export function recipeArn(name: string): string {
  return `arn:aws:personalize:::recipe/${name}`;
}
