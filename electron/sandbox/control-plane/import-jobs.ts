import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, invalidInput } from '../errors.js';
import type { DatasetImportJobResource } from '../resources.js';
import {
  booleanOr,
  epochSeconds,
  optionalObject,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  type OperationHandler,
} from './context.js';
import {
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';

/** Import jobs allowed in CREATE PENDING/IN_PROGRESS per region (SPEC §2.8). */
export const MAX_RUNNING_IMPORT_JOBS = 5;

function importJobOutput(
  job: DatasetImportJobResource,
  isSummary: boolean,
): Record<string, unknown> {
  return {
    jobName: job.jobName,
    datasetImportJobArn: job.arn,
    ...(isSummary
      ? {}
      : {
          datasetArn: job.datasetArn,
          dataSource: { dataLocation: job.dataLocation },
          ...(job.roleArn !== undefined ? { roleArn: job.roleArn } : {}),
          ...(job.publishAttributionMetricsToS3 !== undefined
            ? { publishAttributionMetricsToS3: job.publishAttributionMetricsToS3 }
            : {}),
        }),
    status: job.status,
    importMode: job.importMode,
    creationDateTime: epochSeconds(job.createdAtMs),
    lastUpdatedDateTime: epochSeconds(job.updatedAtMs),
    ...(job.failureReason !== undefined ? { failureReason: job.failureReason } : {}),
  };
}

const IMPORT_JOB_FORM: ResourceWireForm<'datasetImportJob'> = {
  kind: 'datasetImportJob',
  arnMember: 'datasetImportJobArn',
  describeMember: 'datasetImportJob',
  listMember: 'datasetImportJobs',
  listOperation: 'ListDatasetImportJobs',
  output: importJobOutput,
};

/**
 * CreateDatasetImportJob (SPEC §2.8): the CSV is read from the sandbox's S3 store while
 * `CREATE IN_PROGRESS`; bad data ends in `CREATE FAILED` with the §5.4 failureReason.
 *
 * @throws `InvalidInputException` (dataSource, INCREMENTAL before a FULL import),
 *   `ResourceNotFoundException`, `ResourceInUseException` (dataset not ACTIVE),
 *   `ResourceAlreadyExistsException`, `LimitExceededException` (more than 5 running jobs).
 */
export const createDatasetImportJob: OperationHandler = async (context, input) => {
  const jobName = requiredString(input, 'jobName');
  const dataset = requireResource(context, 'dataset', requiredString(input, 'datasetArn'));
  const dataLocation = optionalObject(input, 'dataSource')?.dataLocation;
  if (
    typeof dataLocation !== 'string' ||
    !/^(s3|http|https):\/\/.+$/u.test(dataLocation) ||
    dataLocation.length > 256
  ) {
    throw invalidInput(
      `1 validation error detected: Value '${String(dataLocation)}' at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+`,
    );
  }
  const importMode = optionalString(input, 'importMode') === 'INCREMENTAL' ? 'INCREMENTAL' : 'FULL';
  requireActive(dataset);
  if (importMode === 'INCREMENTAL' && !dataset.hasBulkImport) {
    throw invalidInput(
      `Dataset ${dataset.arn} has no data yet: only importMode FULL is possible for its first import.`,
    );
  }
  const arn = unusedArn(context, 'dataset-import-job', jobName);
  const running = context.store
    .list('datasetImportJob')
    .filter(
      (job) =>
        job.region === context.region &&
        (job.status === STATUS.createPending || job.status === STATUS.createInProgress),
    );
  if (running.length >= MAX_RUNNING_IMPORT_JOBS) {
    throw new ServiceError(
      'LimitExceededException',
      'More than 5 resources with PENDING or IN_PROGRESS status.',
    );
  }
  const roleArn = optionalString(input, 'roleArn');
  const job: DatasetImportJobResource = {
    kind: 'datasetImportJob',
    arn,
    jobName,
    datasetArn: dataset.arn,
    dataLocation,
    importMode,
    ...freshFields(context),
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(input.publishAttributionMetricsToS3 !== undefined
      ? { publishAttributionMetricsToS3: booleanOr(input, 'publishAttributionMetricsToS3', false) }
      : {}),
  };
  await startCreating(context, job);
  return { datasetImportJobArn: arn };
};

/** DescribeDatasetImportJob (SPEC §2.8). @throws `ResourceNotFoundException`. */
export const describeDatasetImportJob: OperationHandler = describeOperation(IMPORT_JOB_FORM);

/** ListDatasetImportJobs (SPEC §2.8): optional `datasetArn` filter. */
export const listDatasetImportJobs: OperationHandler = listOperation(IMPORT_JOB_FORM, {
  member: 'datasetArn',
  matches: (job, datasetArn) => job.datasetArn === datasetArn,
});
