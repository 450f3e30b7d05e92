import { STATUS } from '../../../shared/personalize.js';
import { alreadyExists, inUse, invalidInput } from '../errors.js';
import type { DatasetGroupResource } from '../resources.js';
import { epochSeconds, makeArn, optionalString, requireResource, requiredString, type OperationHandler } from './context.js';
import { paginate } from './pagination.js';

/** `DatasetGroup` / `DatasetGroupSummary` wire form (SPEC §2.5); absent members omitted. */
export function datasetGroupOutput(group: DatasetGroupResource, isSummary: boolean): Record<string, unknown> {
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
  if (roleArn !== undefined && kmsKeyArn === undefined) throw invalidInput('roleArn is only allowed together with kmsKeyArn.');
  const arn = makeArn(context, 'dataset-group', name);
  if (context.store.getAny(arn)) throw alreadyExists(arn);
  const nowMs = Date.now();
  const group: DatasetGroupResource = {
    kind: 'datasetGroup',
    arn,
    name,
    region: context.region,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    status: STATUS.createPending,
    ...(domain !== undefined ? { domain } : {}),
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
  };
  context.store.put(group);
  await context.store.persist();
  context.lifecycle.startCreate(group);
  return { datasetGroupArn: arn, ...(domain !== undefined ? { domain } : {}) };
};

/** DescribeDatasetGroup (SPEC §2.5). @throws `ResourceNotFoundException`. */
export const describeDatasetGroup: OperationHandler = (context, input) => {
  const group = requireResource(context, 'datasetGroup', requiredString(input, 'datasetGroupArn'));
  return Promise.resolve({ datasetGroup: datasetGroupOutput(group, false) });
};

/** ListDatasetGroups (SPEC §2.5, §2.3 pagination). @throws `InvalidNextTokenException`. */
export const listDatasetGroups: OperationHandler = (context, input) => {
  const groups = context.store.list('datasetGroup').filter((group) => group.region === context.region);
  const { page, nextToken } = paginate('ListDatasetGroups', '', groups, input);
  return Promise.resolve({ datasetGroups: page.map((group) => datasetGroupOutput(group, true)), ...(nextToken ? { nextToken } : {}) });
};

/**
 * DeleteDatasetGroup (SPEC §2.5): `DELETE PENDING` → gone.
 *
 * @throws `ResourceInUseException` while it has datasets or solutions, or is not ACTIVE/CREATE FAILED.
 */
export const deleteDatasetGroup: OperationHandler = async (context, input) => {
  const group = requireResource(context, 'datasetGroup', requiredString(input, 'datasetGroupArn'));
  if (group.status !== STATUS.active && group.status !== STATUS.createFailed) {
    throw inUse(`Dataset group ${group.arn} is in ${group.status} state and cannot be deleted.`);
  }
  const hasDatasets = context.store.list('dataset').some((dataset) => dataset.datasetGroupArn === group.arn);
  const hasSolutions = context.store.list('solution').some((solution) => solution.datasetGroupArn === group.arn);
  if (hasDatasets || hasSolutions) {
    throw inUse(`Cannot delete dataset group ${group.arn} because it has child resources (datasets or solutions). Delete them first.`);
  }
  context.store.setStatus(group, STATUS.deletePending);
  await context.store.persist();
  context.lifecycle.startDelete(group);
  return {};
};
