import { inUse, invalidInput } from '../errors.js';
import type { DatasetGroupResource } from '../resources.js';
import { epochSeconds, optionalString, requiredString, type OperationHandler } from './context.js';
import { blockingChildren } from './modelled.js';
import {
  deleteOperation,
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';

/** `DatasetGroup` / `DatasetGroupSummary` wire form (SPEC §2.5); absent members omitted. */
export function datasetGroupOutput(
  group: DatasetGroupResource,
  isSummary: boolean,
): Record<string, unknown> {
  return {
    name: group.name,
    datasetGroupArn: group.arn,
    status: group.status,
    creationDateTime: epochSeconds(group.createdAtMs),
    lastUpdatedDateTime: epochSeconds(group.updatedAtMs),
    ...(group.domain !== undefined ? { domain: group.domain } : {}),
    ...(group.failureReason !== undefined ? { failureReason: group.failureReason } : {}),
    ...(!isSummary && group.roleArn !== undefined ? { roleArn: group.roleArn } : {}),
    ...(!isSummary && group.kmsKeyArn !== undefined ? { kmsKeyArn: group.kmsKeyArn } : {}),
  };
}

const DATASET_GROUP_FORM: ResourceWireForm<'datasetGroup'> = {
  kind: 'datasetGroup',
  arnMember: 'datasetGroupArn',
  describeMember: 'datasetGroup',
  listMember: 'datasetGroups',
  listOperation: 'ListDatasetGroups',
  output: datasetGroupOutput,
};

/**
 * CreateDatasetGroup (SPEC §2.5): starts `CREATE PENDING`.
 *
 * @throws `InvalidInputException` (roleArn without kmsKeyArn), `ResourceAlreadyExistsException`.
 */
export const createDatasetGroup: OperationHandler = async (context, input) => {
  const name = requiredString(input, 'name');
  const roleArn = optionalString(input, 'roleArn');
  const kmsKeyArn = optionalString(input, 'kmsKeyArn');
  const domain = optionalString(input, 'domain');
  if (roleArn !== undefined && kmsKeyArn === undefined)
    throw invalidInput('roleArn is only allowed together with kmsKeyArn.');
  const arn = unusedArn(context, 'dataset-group', name);
  const group: DatasetGroupResource = {
    kind: 'datasetGroup',
    arn,
    name,
    ...freshFields(context),
    ...(domain !== undefined ? { domain } : {}),
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
  };
  await startCreating(context, group);
  return { datasetGroupArn: arn, ...(domain !== undefined ? { domain } : {}) };
};

/** DescribeDatasetGroup (SPEC §2.5). @throws `ResourceNotFoundException`. */
export const describeDatasetGroup: OperationHandler = describeOperation(DATASET_GROUP_FORM);

/** ListDatasetGroups (SPEC §2.5, §2.3 pagination). @throws `InvalidNextTokenException`. */
export const listDatasetGroups: OperationHandler = listOperation(DATASET_GROUP_FORM);

/** DeleteDatasetGroup's status checks and `DELETE PENDING` (see {@link deleteDatasetGroup}). */
const startDatasetGroupDelete: OperationHandler = deleteOperation(DATASET_GROUP_FORM, {
  label: 'Dataset group',
  checkDeletable: (context, group) => {
    const hasDatasets = context.store
      .list('dataset')
      .some((dataset) => dataset.datasetGroupArn === group.arn);
    const hasSolutions = context.store
      .list('solution')
      .some((solution) => solution.datasetGroupArn === group.arn);
    if (hasDatasets || hasSolutions || blockingChildren(context, group.arn).length > 0) {
      throw inUse(
        `Cannot delete dataset group ${group.arn} because it has child resources (datasets, solutions, event trackers, filters, recommenders or metric attributions). Delete them first.`,
      );
    }
  },
});

/**
 * DeleteDatasetGroup (SPEC §2.5): `DELETE PENDING` → gone. Once accepted, the records of the
 * group's import jobs go too, as the service removes them with the group (SPEC §2.2: import jobs
 * are not deletable on their own).
 *
 * @throws `ResourceInUseException` while it has datasets, solutions, event trackers, filters,
 *   recommenders or metric attributions, or is not ACTIVE/CREATE FAILED.
 */
export const deleteDatasetGroup: OperationHandler = async (context, input) => {
  const output = await startDatasetGroupDelete(context, input);
  const group = requiredString(input, 'datasetGroupArn');
  const datasetPrefix = group.replace(/:dataset-group\/([^/]+)$/u, ':dataset/$1/');
  const jobs = context.store
    .list('datasetImportJob')
    .filter((job) => job.datasetArn.startsWith(datasetPrefix));
  for (const job of jobs) context.store.remove(job.arn);
  if (jobs.length > 0) await context.store.persist();
  return output;
};
