import { ServiceError } from '../errors.js';
import { createCampaign, deleteCampaign, describeCampaign, listCampaigns } from './campaigns.js';
import type { ControlPlaneContext, OperationHandler } from './context.js';
import { createDatasetGroup, deleteDatasetGroup, describeDatasetGroup, listDatasetGroups } from './dataset-groups.js';
import { createDataset, deleteDataset, describeDataset, listDatasets } from './datasets.js';
import { createDatasetImportJob, describeDatasetImportJob, listDatasetImportJobs } from './import-jobs.js';
import { describeRecipe, listRecipes } from './recipes.js';
import { createSolutionVersion, describeSolutionVersion, getSolutionMetrics, listSolutionVersions } from './solution-versions.js';
import { createSchema, deleteSchema, describeSchema, listSchemas } from './schemas.js';
import { createSolution, deleteSolution, describeSolution, listSolutions } from './solutions.js';
import { validateInput } from './validate.js';

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
export async function handleControlPlane(context: ControlPlaneContext, target: string | undefined, bodyText: string): Promise<Record<string, unknown>> {
  const prefix = 'AmazonPersonalize.';
  const operation = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
  // Own properties only: `constructor`, `__proto__`, `toString`... are no operations.
  const handler = operation !== undefined && Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (operation === undefined || handler === undefined) {
    throw new ServiceError('UnknownOperationException', `Operation ${target ?? '(missing X-Amz-Target)'} is not supported by the sandbox.`);
  }
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch (error) {
    throw Object.assign(new ServiceError('SerializationException', 'Request body is not valid JSON.'), { cause: error });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError('SerializationException', 'Request body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  validateInput(operation, input);
  return handler(context, input);
}
