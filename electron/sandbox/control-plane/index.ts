import { ServiceError, invalidInput } from '../errors.js';
import { createCampaign, deleteCampaign, describeCampaign, listCampaigns } from './campaigns.js';
import type { ControlPlaneContext, OperationHandler } from './context.js';
import {
  createDatasetGroup,
  deleteDatasetGroup,
  describeDatasetGroup,
  listDatasetGroups,
} from './dataset-groups.js';
import { createDataset, deleteDataset, describeDataset, listDatasets } from './datasets.js';
import { createFilter, deleteFilter } from './filters.js';
import { createBatchInferenceJob, createBatchSegmentJob } from './batch-jobs.js';
import {
  createDatasetImportJob,
  describeDatasetImportJob,
  listDatasetImportJobs,
} from './import-jobs.js';
import { describeRecipe, listRecipes } from './recipes.js';
import {
  createSolutionVersion,
  describeSolutionVersion,
  getSolutionMetrics,
  listSolutionVersions,
} from './solution-versions.js';
import { createSchema, deleteSchema, describeSchema, listSchemas } from './schemas.js';
import { createSolution, deleteSolution, describeSolution, listSolutions } from './solutions.js';
import {
  createModelled,
  deleteModelled,
  describeModelled,
  listModelledOperation,
} from './modelled.js';
import {
  MODELLED_KINDS,
  describeAlgorithm,
  describeFeatureTransformation,
  listMetricAttributionMetrics,
  listTagsForResource,
  mergeTags,
  startRecommender,
  stopRecommender,
  stopSolutionVersionCreation,
  tagResource,
  untagResource,
  updateCampaign,
  updateDataset,
  updateMetricAttribution,
  updateRecommender,
  updateSolution,
} from './more-ops.js';
import { validateInput } from './validate.js';

const K = MODELLED_KINDS;

/**
 * CreateRecommender's rule (SPEC §2.20): a Domain dataset group and a use-case recipe of its
 * domain (`aws-ecomm-*` for ECOMMERCE, `aws-vod-*` for VIDEO_ON_DEMAND, §6.3).
 *
 * @throws `InvalidInputException` for a custom group, a custom recipe or another domain's recipe.
 */
function checkRecommenderRecipe(
  context: ControlPlaneContext,
  input: Readonly<Record<string, unknown>>,
): void {
  const group = context.store.get('datasetGroup', String(input.datasetGroupArn));
  const prefix =
    group?.domain === 'ECOMMERCE'
      ? 'arn:aws:personalize:::recipe/aws-ecomm-'
      : group?.domain === 'VIDEO_ON_DEMAND'
        ? 'arn:aws:personalize:::recipe/aws-vod-'
        : undefined;
  if (prefix === undefined)
    throw invalidInput(
      `Dataset group ${String(input.datasetGroupArn)} is not a Domain dataset group: recommenders need one.`,
    );
  if (typeof input.recipeArn !== 'string' || !input.recipeArn.startsWith(prefix))
    throw invalidInput(
      `Recipe ${String(input.recipeArn)} is not a use case of the ${group?.domain ?? ''} domain.`,
    );
}

/** Operation name (as in `X-Amz-Target: AmazonPersonalize.<name>`) → handler. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  CreateDatasetGroup: createDatasetGroup,
  DescribeDatasetGroup: describeDatasetGroup,
  ListDatasetGroups: listDatasetGroups,
  DeleteDatasetGroup: deleteDatasetGroup,
  CreateSchema: createSchema,
  DescribeSchema: describeSchema,
  ListSchemas: listSchemas,
  DeleteSchema: deleteSchema,
  CreateDataset: createDataset,
  DescribeDataset: describeDataset,
  ListDatasets: listDatasets,
  DeleteDataset: deleteDataset,
  CreateDatasetImportJob: createDatasetImportJob,
  DescribeDatasetImportJob: describeDatasetImportJob,
  ListDatasetImportJobs: listDatasetImportJobs,
  CreateSolution: createSolution,
  DescribeSolution: describeSolution,
  ListSolutions: listSolutions,
  DeleteSolution: deleteSolution,
  CreateSolutionVersion: createSolutionVersion,
  DescribeSolutionVersion: describeSolutionVersion,
  ListSolutionVersions: listSolutionVersions,
  GetSolutionMetrics: getSolutionMetrics,
  CreateCampaign: createCampaign,
  DescribeCampaign: describeCampaign,
  ListCampaigns: listCampaigns,
  DeleteCampaign: deleteCampaign,
  ListRecipes: listRecipes,
  DescribeRecipe: describeRecipe,
  DescribeAlgorithm: describeAlgorithm,
  DescribeFeatureTransformation: describeFeatureTransformation,
  UpdateCampaign: updateCampaign,
  UpdateDataset: updateDataset,
  UpdateSolution: updateSolution,
  StopSolutionVersionCreation: stopSolutionVersionCreation,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateRecommender: createModelled(K.recommender, checkRecommenderRecipe),
  DescribeRecommender: describeModelled(K.recommender),
  ListRecommenders: listModelledOperation(K.recommender),
  DeleteRecommender: deleteModelled(K.recommender),
  UpdateRecommender: updateRecommender,
  StartRecommender: startRecommender,
  StopRecommender: stopRecommender,
  CreateMetricAttribution: createModelled(K['metric-attribution']),
  DescribeMetricAttribution: describeModelled(K['metric-attribution']),
  ListMetricAttributions: listModelledOperation(K['metric-attribution']),
  DeleteMetricAttribution: deleteModelled(K['metric-attribution']),
  UpdateMetricAttribution: updateMetricAttribution,
  ListMetricAttributionMetrics: listMetricAttributionMetrics,
  CreateDatasetExportJob: createModelled(K['dataset-export-job']),
  DescribeDatasetExportJob: describeModelled(K['dataset-export-job']),
  ListDatasetExportJobs: listModelledOperation(K['dataset-export-job']),
  CreateDataDeletionJob: createModelled(K['data-deletion-job']),
  DescribeDataDeletionJob: describeModelled(K['data-deletion-job']),
  ListDataDeletionJobs: listModelledOperation(K['data-deletion-job']),
  CreateBatchSegmentJob: createBatchSegmentJob,
  DescribeBatchSegmentJob: describeModelled(K['batch-segment-job']),
  ListBatchSegmentJobs: listModelledOperation(K['batch-segment-job']),
  CreateBatchInferenceJob: createBatchInferenceJob,
  DescribeBatchInferenceJob: describeModelled(K['batch-inference-job']),
  ListBatchInferenceJobs: listModelledOperation(K['batch-inference-job']),
  CreateFilter: createFilter,
  DescribeFilter: describeModelled(K.filter),
  ListFilters: listModelledOperation(K.filter),
  DeleteFilter: deleteFilter,
  CreateEventTracker: createModelled(K['event-tracker']),
  DescribeEventTracker: describeModelled(K['event-tracker']),
  ListEventTrackers: listModelledOperation(K['event-tracker']),
  DeleteEventTracker: deleteModelled(K['event-tracker']),
};

/**
 * Runs one awsJson1_1 control-plane call (SPEC §1.2).
 *
 * `target` is the `X-Amz-Target` header value; `bodyText` the raw body (empty = `{}`).
 * Returns the output object (absent members omitted).
 *
 * @throws ServiceError `UnknownOperationException` (unknown target, case-sensitive),
 *   `SerializationException` (body not a JSON object), and every error of the operation.
 */
export async function handleControlPlane(
  context: ControlPlaneContext,
  target: string | undefined,
  bodyText: string,
): Promise<Record<string, unknown>> {
  const prefix = 'AmazonPersonalize.';
  const operation = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
  // Own properties only: `constructor`, `__proto__`, `toString`... are no operations.
  const handler =
    operation !== undefined && Object.hasOwn(OPERATIONS, operation)
      ? OPERATIONS[operation]
      : undefined;
  if (operation === undefined || handler === undefined) {
    throw new ServiceError(
      'UnknownOperationException',
      `Operation ${target ?? '(missing X-Amz-Target)'} is not supported by the sandbox.`,
    );
  }
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch (error) {
    throw Object.assign(
      new ServiceError('SerializationException', 'Request body is not valid JSON.'),
      { cause: error },
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError('SerializationException', 'Request body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  validateInput(operation, input);
  // Tags of a Create* are checked before it runs and kept with the new resource (SPEC §2.4).
  const tags =
    operation.startsWith('Create') && Array.isArray(input.tags) ? mergeTags([], input.tags) : [];
  const output = await handler(context, input);
  if (tags.length > 0) {
    const arn = Object.entries(output).find(
      ([member, value]) => member.endsWith('Arn') && typeof value === 'string',
    )?.[1];
    if (typeof arn === 'string' && context.store.getAny(arn)) {
      context.store.setTags(arn, tags);
      await context.store.persist();
    }
  }
  return output;
}
