import { STATUS } from '../../../shared/personalize.js';
import { checkSchemaForDatasetType, parseAvroSchema } from '../avro-schema.js';
import { alreadyExists, inUse, invalidInput } from '../errors.js';
import type { DatasetResource } from '../resources.js';
import {
  epochSeconds,
  makeArn,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  type OperationHandler,
} from './context.js';
import { paginate } from './pagination.js';

/** Dataset types of SPEC §2.7, upper-case as stored and in the ARN. */
export const DATASET_TYPES = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'] as const;

function datasetOutput(dataset: DatasetResource, isSummary: boolean): Record<string, unknown> {
  return {
    name: dataset.name,
    datasetArn: dataset.arn,
    ...(isSummary ? {} : { datasetGroupArn: dataset.datasetGroupArn, schemaArn: dataset.schemaArn }),
    datasetType: dataset.datasetType,
    status: dataset.status,
    creationDateTime: epochSeconds(dataset.createdAtMs),
    lastUpdatedDateTime: epochSeconds(dataset.updatedAtMs),
  };
}

/**
 * CreateDataset (SPEC §2.7): type case-insensitive, one per type per group, schema checked (§4.3).
 *
 * @throws `InvalidInputException` (type, schema), `ResourceNotFoundException` (group/schema),
 *   `ResourceInUseException` (group not ACTIVE), `ResourceAlreadyExistsException`.
 */
export const createDataset: OperationHandler = async (context, input) => {
  const name = requiredString(input, 'name');
  const rawType = requiredString(input, 'datasetType');
  const datasetType = rawType.toUpperCase();
  if (!(DATASET_TYPES as readonly string[]).includes(datasetType)) {
    throw invalidInput(`Invalid datasetType ${rawType}. Valid types: Interactions, Items, Users, Actions, Action_Interactions.`);
  }
  const group = requireResource(context, 'datasetGroup', requiredString(input, 'datasetGroupArn'));
  const schema = requireResource(context, 'schema', requiredString(input, 'schemaArn'));
  requireActive(group);
  checkSchemaForDatasetType(parseAvroSchema(schema.schema), datasetType);
  if ((group.domain ?? '') !== (schema.domain ?? '')) {
    throw invalidInput(`Schema ${schema.arn} domain does not match dataset group ${group.arn} domain.`);
  }
  const arn = makeArn(context, 'dataset', `${group.name}/${datasetType}`);
  if (context.store.getAny(arn)) throw alreadyExists(arn);
  const nowMs = Date.now();
  const dataset: DatasetResource = {
    kind: 'dataset',
    arn,
    name,
    datasetGroupArn: group.arn,
    datasetType,
    schemaArn: schema.arn,
    region: context.region,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    status: STATUS.createPending,
    hasBulkImport: false,
  };
  context.store.put(dataset);
  await context.store.persist();
  context.lifecycle.startCreate(dataset);
  return { datasetArn: arn };
};

/** DescribeDataset (SPEC §2.7). @throws `ResourceNotFoundException`. */
export const describeDataset: OperationHandler = (context, input) => {
  const dataset = requireResource(context, 'dataset', requiredString(input, 'datasetArn'));
  return Promise.resolve({ dataset: datasetOutput(dataset, false) });
};

/** ListDatasets (SPEC §2.7): optional `datasetGroupArn` filter (unknown → empty list, §2.3). */
export const listDatasets: OperationHandler = (context, input) => {
  const groupArn = optionalString(input, 'datasetGroupArn');
  const datasets = context.store
    .list('dataset')
    .filter((dataset) => dataset.region === context.region && (groupArn === undefined || dataset.datasetGroupArn === groupArn));
  const { page, nextToken } = paginate('ListDatasets', groupArn ?? '', datasets, input);
  return Promise.resolve({ datasets: page.map((dataset) => datasetOutput(dataset, true)), ...(nextToken ? { nextToken } : {}) });
};

/**
 * DeleteDataset (SPEC §2.7): `DELETE PENDING` → `DELETE IN_PROGRESS` → gone; data dropped.
 *
 * @throws `ResourceInUseException` while not ACTIVE/CREATE FAILED, while an import job on it or a
 *   solution version of the group is pending/in progress.
 */
export const deleteDataset: OperationHandler = async (context, input) => {
  const dataset = requireResource(context, 'dataset', requiredString(input, 'datasetArn'));
  if (dataset.status !== STATUS.active && dataset.status !== STATUS.createFailed) {
    throw inUse(`Dataset ${dataset.arn} is in ${dataset.status} state and cannot be deleted.`);
  }
  const isRunning = (status: string): boolean => status === STATUS.createPending || status === STATUS.createInProgress;
  const busyImport = context.store.list('datasetImportJob').some((job) => job.datasetArn === dataset.arn && isRunning(job.status));
  const groupSolutions = new Set(
    context.store.list('solution').filter((solution) => solution.datasetGroupArn === dataset.datasetGroupArn).map((solution) => solution.arn),
  );
  const busyTraining = context.store.list('solutionVersion').some((version) => groupSolutions.has(version.solutionArn) && isRunning(version.status));
  if (busyImport || busyTraining) {
    throw inUse(`Dataset ${dataset.arn} has an import job or a solution version in progress and cannot be deleted.`);
  }
  context.store.setStatus(dataset, STATUS.deletePending);
  await context.store.persist();
  context.lifecycle.startDelete(dataset);
  return {};
};
