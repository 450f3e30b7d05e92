import {
  DescribeDatasetGroupCommand,
  DescribeSchemaCommand,
  paginateListCampaigns,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { isAppError } from '../../../shared/errors.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import type { PocContext } from './poc-context.js';

/** One resource of the POC that still exists, as the service reports it. */
export interface InventoryEntry {
  /** `campaign`, `solution`, `filter`, `eventTracker`, `dataset`, `schema`, `datasetGroup`, `bucket`, `object` */
  readonly kind: string;
  /** ARN (`arn:aws:s3:::bucket` / `arn:aws:s3:::bucket/key` for S3). */
  readonly arn: string;
  readonly status?: string | undefined;
}

/** Runs a listing; a service without that operation (UnknownOperation) counts as empty. */
async function optionalList(list: () => Promise<InventoryEntry[]>): Promise<InventoryEntry[]> {
  try {
    return await list();
  } catch (error) {
    if (isAppError(error) && error.details?.awsCode === 'UnknownOperationException') return [];
    throw error;
  }
}

/**
 * Lists every resource of the POC that still exists, by asking the service (not PocState):
 * the dataset group and what it holds (campaigns of its solutions, solutions, filters, event
 * trackers, datasets), the schemas PocState recorded, the bucket and its objects.
 * Dependents come first (teardown order).
 * @throws AppError `aws.*`
 */
export async function listInventory(context: Pick<PocContext, 'clients' | 'getState'>): Promise<InventoryEntry[]> {
  const { personalize } = context.clients;
  const state = context.getState();
  const entries: InventoryEntry[] = [];
  const groupArn = state.datasetGroupArn;
  if (groupArn !== undefined) {
    let groupStatus: string | undefined;
    try {
      const out = await callAws('DescribeDatasetGroup', () => personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: groupArn })));
      groupStatus = out.datasetGroup?.status ?? 'UNKNOWN';
    } catch (error) {
      if (!hasErrorCode(error, 'aws.notFound')) throw error;
    }
    if (groupStatus !== undefined) {
      const solutions: InventoryEntry[] = [];
      await callAws('ListSolutions', async () => {
        for await (const page of paginateListSolutions({ client: personalize }, { datasetGroupArn: groupArn })) {
          for (const item of page.solutions ?? []) if (item.solutionArn !== undefined) solutions.push({ kind: 'solution', arn: item.solutionArn, status: item.status });
        }
      });
      for (const solution of solutions) {
        await callAws('ListCampaigns', async () => {
          for await (const page of paginateListCampaigns({ client: personalize }, { solutionArn: solution.arn })) {
            for (const item of page.campaigns ?? []) if (item.campaignArn !== undefined) entries.push({ kind: 'campaign', arn: item.campaignArn, status: item.status });
          }
        });
      }
      entries.push(...solutions);
      entries.push(
        ...(await optionalList(() =>
          callAws('ListFilters', async () => {
            const found: InventoryEntry[] = [];
            for await (const page of paginateListFilters({ client: personalize }, { datasetGroupArn: groupArn })) {
              for (const item of page.Filters ?? []) if (item.filterArn !== undefined) found.push({ kind: 'filter', arn: item.filterArn, status: item.status });
            }
            return found;
          }),
        )),
        ...(await optionalList(() =>
          callAws('ListEventTrackers', async () => {
            const found: InventoryEntry[] = [];
            for await (const page of paginateListEventTrackers({ client: personalize }, { datasetGroupArn: groupArn })) {
              for (const item of page.eventTrackers ?? []) if (item.eventTrackerArn !== undefined) found.push({ kind: 'eventTracker', arn: item.eventTrackerArn, status: item.status });
            }
            return found;
          }),
        )),
      );
      await callAws('ListDatasets', async () => {
        for await (const page of paginateListDatasets({ client: personalize }, { datasetGroupArn: groupArn })) {
          for (const item of page.datasets ?? []) if (item.datasetArn !== undefined) entries.push({ kind: 'dataset', arn: item.datasetArn, status: item.status });
        }
      });
    }
    entries.push(...(await listSchemas(context)));
    if (groupStatus !== undefined) entries.push({ kind: 'datasetGroup', arn: groupArn, status: groupStatus });
  } else {
    entries.push(...(await listSchemas(context)));
  }
  if (state.bucket !== undefined) entries.push(...(await listBucket(context, state.bucket)));
  return entries;
}

async function listSchemas(context: Pick<PocContext, 'clients' | 'getState'>): Promise<InventoryEntry[]> {
  const found: InventoryEntry[] = [];
  for (const schemaArn of Object.values(context.getState().schemaArns)) {
    try {
      await callAws('DescribeSchema', () => context.clients.personalize.send(new DescribeSchemaCommand({ schemaArn })));
      found.push({ kind: 'schema', arn: schemaArn });
    } catch (error) {
      if (!hasErrorCode(error, 'aws.notFound')) throw error;
    }
  }
  return found;
}

async function listBucket(context: Pick<PocContext, 'clients'>, bucket: string): Promise<InventoryEntry[]> {
  const { s3 } = context.clients;
  try {
    await callAws(`HeadBucket ${bucket}`, () => s3.send(new HeadBucketCommand({ Bucket: bucket })));
  } catch (error) {
    if (hasErrorCode(error, 'aws.notFound')) return [];
    throw error;
  }
  const objects: InventoryEntry[] = [];
  let token: string | undefined;
  do {
    const page = await callAws(`ListObjectsV2 ${bucket}`, () => s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token })));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) objects.push({ kind: 'object', arn: `arn:aws:s3:::${bucket}/${object.Key}` });
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return [...objects, { kind: 'bucket', arn: `arn:aws:s3:::${bucket}` }];
}
