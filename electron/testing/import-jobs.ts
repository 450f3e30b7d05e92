import {
  CreateDatasetImportJobCommand,
  DescribeDatasetImportJobCommand,
  type CreateDatasetImportJobCommandInput,
  type DatasetImportJob,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { CREATE_TRANSIENT, pollStatus } from '../sandbox/test-support/clients.js';

/** How a dataset import job ended, as DescribeDatasetImportJob showed it. */
export interface ImportJobEnd {
  /** Statuses seen while polling (deduplicated), ending with the final one. */
  readonly history: string[];
  /** The final status: `ACTIVE` or `CREATE FAILED` (or a status still held after the timeout). */
  readonly status: string;
  /** The job as last described (`failureReason`, `importMode`, ...). */
  readonly job: DatasetImportJob | undefined;
}

/**
 * Polls DescribeDatasetImportJob every 50 ms until the job leaves `CREATE PENDING` /
 * `CREATE IN_PROGRESS` (SPEC §2.2), then describes it once more for its final members.
 *
 * @throws Error when it is still in progress after `timeoutMs` (default 60 s).
 */
export async function waitForImportJob(
  personalize: PersonalizeClient,
  datasetImportJobArn: string,
  timeoutMs = 60_000,
): Promise<ImportJobEnd> {
  const describe = async (): Promise<DatasetImportJob | undefined> =>
    (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
      .datasetImportJob;
  const history = await pollStatus(
    async () => (await describe())?.status,
    CREATE_TRANSIENT,
    timeoutMs,
  );
  return { history, status: history[history.length - 1] ?? '', job: await describe() };
}

/**
 * CreateDatasetImportJob with `input`, then {@link waitForImportJob}; returns the job's ARN with
 * how it ended.
 */
export async function importAndWait(
  personalize: PersonalizeClient,
  input: CreateDatasetImportJobCommandInput,
  timeoutMs = 60_000,
): Promise<ImportJobEnd & { readonly datasetImportJobArn: string }> {
  const { datasetImportJobArn = '' } = await personalize.send(
    new CreateDatasetImportJobCommand(input),
  );
  return {
    datasetImportJobArn,
    ...(await waitForImportJob(personalize, datasetImportJobArn, timeoutMs)),
  };
}
