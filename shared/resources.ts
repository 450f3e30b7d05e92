import { z } from 'zod';

/** Kinds of resource a workspace's resource cache holds (Personalize, S3 and IAM). */
export const RESOURCE_KINDS = [
  'datasetGroup',
  'schema',
  'dataset',
  'datasetImportJob',
  'solution',
  'solutionVersion',
  'campaign',
  'filter',
  'eventTracker',
  'batchInferenceJob',
  'bucket',
  'object',
  'role',
] as const;
/** One of {@link RESOURCE_KINDS}. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * One resource as the service last described it (ARCHITECTURE.md, "The service is the source
 * of truth for resources"): the fields of its Create / Describe / List response, keyed by ARN
 * in the workspace's persisted resource cache.
 *
 * `attributes` holds the response's own fields (dates as ISO strings) — e.g. `recipeArn` of a
 * solution, `solutionVersionArn` and `minProvisionedTPS` of a campaign, `datasetType` of a
 * dataset. `studio` holds what only the studio knows (the local file an import job read and
 * the rows it counted, the metrics of a version read with GetSolutionMetrics).
 */
export const ResourceEntrySchema = z.object({
  arn: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  /** ARN of the resource it belongs to: dataset group of a dataset, dataset of an import job, solution of a version. */
  parentArn: z.string().optional(),
  /** When the service created it, epoch ms (when it says). */
  createdAtMs: z.number().optional(),
  /** When the studio last heard of it from the service, epoch ms. */
  lastSeenAtMs: z.number(),
  attributes: z.record(z.string(), z.unknown()),
  studio: z.record(z.string(), z.unknown()).default({}),
});
/** See {@link ResourceEntrySchema}. */
export type ResourceEntry = z.infer<typeof ResourceEntrySchema>;

/** True for statuses of a resource on its way out (`DELETE PENDING`, `DELETE IN_PROGRESS`). */
export function isDeleting(status: string | undefined): boolean {
  return (status ?? '').startsWith('DELETE');
}
