import { STATUS } from '../../../shared/personalize.js';
import { checkSchemaForDatasetType, parseAvroSchema } from '../avro-schema.js';
import { inUse, invalidInput } from '../errors.js';
import type { DatasetResource } from '../resources.js';
import {
  epochSeconds,
  requireActive,
  requireResource,
  requiredString,
  type OperationHandler,
} from './context.js';
import {
  deleteOperation,
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';

/** Dataset types of SPEC §2.7, upper-case as stored and in the ARN. */
export const DATASET_TYPES = [
  'INTERACTIONS',
  'ITEMS',
  'USERS',
  'ACTIONS',
  'ACTION_INTERACTIONS',
] as const;

function datasetOutput(dataset: DatasetResource, isSummary: boolean): Record<string, unknown> {
  return {
    name: dataset.name,
    datasetArn: dataset.arn,
    ...(isSummary
      ? {}
      : { datasetGroupArn: dataset.datasetGroupArn, schemaArn: dataset.schemaArn }),
    datasetType: dataset.datasetType,
    status: dataset.status,
    creationDateTime: epochSeconds(dataset.createdAtMs),
    lastUpdatedDateTime: epochSeconds(dataset.updatedAtMs),
  };
}

const DATASET_FORM: ResourceWireForm<'dataset'> = {
  kind: 'dataset',
  arnMember: 'datasetArn',
  describeMember: 'dataset',
  listMember: 'datasets',
  listOperation: 'ListDatasets',
  output: datasetOutput,
};

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
    throw invalidInput(
      `Invalid datasetType ${rawType}. Valid types: Interactions, Items, Users, Actions, Action_Interactions.`,
    );
  }
  const group = requireResource(context, 'datasetGroup', requiredString(input, 'datasetGroupArn'));
  const schema = requireResource(context, 'schema', requiredString(input, 'schemaArn'));
  requireActive(group);
  checkSchemaForDatasetType(parseAvroSchema(schema.schema), datasetType);
  if ((group.domain ?? '') !== (schema.domain ?? '')) {
    throw invalidInput(
      `Schema ${schema.arn} domain does not match dataset group ${group.arn} domain.`,
    );
  }
  const arn = unusedArn(context, 'dataset', `${group.name}/${datasetType}`);
  const dataset: DatasetResource = {
    kind: 'dataset',
    arn,
    name,
    datasetGroupArn: group.arn,
    datasetType,
    schemaArn: schema.arn,
    ...freshFields(context),
    hasBulkImport: false,
  };
  await startCreating(context, dataset);
  return { datasetArn: arn };
};

/** DescribeDataset (SPEC §2.7). @throws `ResourceNotFoundException`. */
export const describeDataset: OperationHandler = describeOperation(DATASET_FORM);

/** ListDatasets (SPEC §2.7): optional `datasetGroupArn` filter (unknown → empty list, §2.3). */
export const listDatasets: OperationHandler = listOperation(DATASET_FORM, {
  member: 'datasetGroupArn',
  matches: (dataset, groupArn) => dataset.datasetGroupArn === groupArn,
});

/**
 * DeleteDataset (SPEC §2.7): `DELETE PENDING` → `DELETE IN_PROGRESS` → gone; data dropped.
 *
 * @throws `ResourceInUseException` while not ACTIVE/CREATE FAILED, while an import job on it or a
 *   solution version of the group is pending/in progress.
 */
export const deleteDataset: OperationHandler = deleteOperation(DATASET_FORM, {
  label: 'Dataset',
  checkDeletable: (context, dataset) => {
    const isRunning = (status: string): boolean =>
      status === STATUS.createPending || status === STATUS.createInProgress;
    const busyImport = context.store
      .list('datasetImportJob')
      .some((job) => job.datasetArn === dataset.arn && isRunning(job.status));
    const groupSolutions = new Set(
      context.store
        .list('solution')
        .filter((solution) => solution.datasetGroupArn === dataset.datasetGroupArn)
        .map((solution) => solution.arn),
    );
    const busyTraining = context.store
      .list('solutionVersion')
      .some((version) => groupSolutions.has(version.solutionArn) && isRunning(version.status));
    if (busyImport || busyTraining) {
      throw inUse(
        `Dataset ${dataset.arn} has an import job or a solution version in progress and cannot be deleted.`,
      );
    }
  },
});
