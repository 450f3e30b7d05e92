import {
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeSolutionVersionCommand,
  ListTagsForResourceCommand,
  paginateListBatchInferenceJobs,
  paginateListBatchSegmentJobs,
  paginateListCampaigns,
  paginateListDatasetExportJobs,
  paginateListDatasetGroups,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListMetricAttributions,
  paginateListRecommenders,
  paginateListSchemas,
  paginateListSolutionVersions,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { GetRoleCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { isAppError } from '../../../shared/errors.js';
import type { InventoryKind } from '../../../shared/ipc/inventory.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { throwIfAborted } from '../jobs/poller.js';
import { WORKSPACE_TAG_KEY } from '../workspaces/names.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** One resource found in the account, as its List* (and for datasets Describe*) call reported it. */
export interface ScannedResource {
  readonly kind: InventoryKind;
  readonly arn: string;
  readonly name: string;
  readonly status?: string | undefined;
  /** Epoch ms of `creationDateTime`, when reported. */
  readonly createdAtMs?: number | undefined;
  /** The dataset group it belongs to (absent for schemas and the studio's S3 and IAM resources). */
  readonly datasetGroupArn?: string | undefined;
  /** Solution of a version or campaign, dataset of an import / export job, solution version of a batch job. */
  readonly parentArn?: string | undefined;
  /** Datasets only: the schema it uses (DescribeDataset). */
  readonly schemaArn?: string | undefined;
  /** Campaigns only: the provisioned minimum of transactions per second (DescribeCampaign), which it bills by the hour. */
  readonly minProvisionedTPS?: number | undefined;
  /** Objects only: how many objects of the bucket the entry stands for. */
  readonly count?: number | undefined;
  /** Objects only: their keys. */
  readonly keys?: readonly string[] | undefined;
  /**
   * Dataset groups only: the workspace id of its `poc-studio:workspace` tag (ListTagsForResource),
   * when it carries one — the studio's proof of ownership, stronger than the name prefix.
   */
  readonly ownerTag?: string | undefined;
  /** Active solution versions only: the training hours billed (DescribeSolutionVersion `trainingHours`). */
  readonly trainingHours?: number | undefined;
}

/** Everything a region of an account holds (Personalize), as listed at `scannedAtMs`. */
export interface AccountScan {
  readonly scannedAtMs: number;
  /** Dataset groups and everything they hold. */
  readonly resources: readonly ScannedResource[];
  /** Every schema of the region (account-level: SPEC §2.6). */
  readonly schemas: readonly ScannedResource[];
}

/** Parallel calls at most while scanning (keeps well under the control plane's TPS limits). */
const SCAN_CONCURRENCY = 4;

/** Maps with at most `limit` calls in flight. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}

/** Epoch ms of an SDK timestamp. */
function ms(value: Date | undefined): number | undefined {
  return value instanceof Date ? value.getTime() : undefined;
}

/**
 * Runs a paginated listing; an operation the endpoint does not offer (UnknownOperationException:
 * a sandbox without that resource kind) counts as an empty list.
 */
async function optional<T>(list: () => Promise<T[]>): Promise<T[]> {
  try {
    return await list();
  } catch (error) {
    if (isAppError(error) && error.details?.awsCode === 'UnknownOperationException') return [];
    throw error;
  }
}

/** Collects every item of a paginator into a list. */
async function collect<P, T>(
  label: string,
  pages: () => AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  return callAws(label, async () => {
    const found: T[] = [];
    for await (const page of pages()) found.push(...(items(page) ?? []));
    return found;
  });
}

/**
 * The workspace id of a resource's `poc-studio:workspace` tag (ListTagsForResource, SPEC §2.22),
 * or `undefined` when it has none or the endpoint does not serve tags.
 * @throws AppError `aws.*` other than not found / unknown operation.
 */
export async function workspaceTagOf(
  context: Pick<ServiceContext, 'clients'>,
  resourceArn: string,
): Promise<string | undefined> {
  try {
    const out = await callAws('ListTagsForResource', () =>
      context.clients.personalize.send(new ListTagsForResourceCommand({ resourceArn })),
    );
    return out.tags?.find((tag) => tag.tagKey === WORKSPACE_TAG_KEY)?.tagValue;
  } catch (error) {
    if (hasErrorCode(error, 'aws.notFound')) return undefined;
    if (isAppError(error) && error.details?.awsCode === 'UnknownOperationException')
      return undefined;
    throw error;
  }
}

/** `trainingHours` of an active solution version (DescribeSolutionVersion), when reported. */
async function trainingHoursOf(
  context: Pick<ServiceContext, 'clients'>,
  solutionVersionArn: string,
): Promise<number | undefined> {
  try {
    const out = await callAws('DescribeSolutionVersion', () =>
      context.clients.personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })),
    );
    return out.solutionVersion?.trainingHours;
  } catch (error) {
    if (hasErrorCode(error, 'aws.notFound')) return undefined;
    throw error;
  }
}

/**
 * Lists everything Personalize holds in the workspace's account and region (paginated List*
 * calls, SPEC §2.3): dataset groups with their datasets (and the schema each uses, by
 * DescribeDataset), import and export jobs, solutions and their versions, campaigns (with their
 * minProvisionedTPS, by DescribeCampaign),
 * recommenders, filters, event trackers, metric attributions, batch inference and segment jobs;
 * and every schema. Each dataset group's `poc-studio:workspace` tag is read (ListTagsForResource)
 * and the training hours of active versions (DescribeSolutionVersion). Kinds the endpoint does not serve are skipped. Read-only.
 * @param groupFilter lists the contents of the dataset groups it accepts only (all by default).
 * @throws AppError `aws.*`, `job.cancelled`.
 */
export async function scanAccount(
  context: Pick<ServiceContext, 'clients' | 'signal'>,
  groupFilter: (group: ScannedResource) => boolean = () => true,
): Promise<AccountScan> {
  const client = { client: context.clients.personalize };
  const scannedAtMs = Date.now();
  const groups = (
    await collect(
      'ListDatasetGroups',
      () => paginateListDatasetGroups(client, {}),
      (page) => page.datasetGroups,
    )
  )
    .filter((item) => item.datasetGroupArn !== undefined)
    .map((item): ScannedResource => ({
      kind: 'datasetGroup',
      arn: item.datasetGroupArn ?? '',
      name: item.name ?? '',
      status: item.status,
      createdAtMs: ms(item.creationDateTime),
    }));
  throwIfAborted(context.signal);
  const schemas = (
    await collect(
      'ListSchemas',
      () => paginateListSchemas(client, {}),
      (page) => page.schemas,
    )
  )
    .filter((item) => item.schemaArn !== undefined)
    .map((item): ScannedResource => ({
      kind: 'schema',
      arn: item.schemaArn ?? '',
      name: item.name ?? '',
      createdAtMs: ms(item.creationDateTime),
    }));
  const batchJobs = await optional(() =>
    collect(
      'ListBatchInferenceJobs',
      () => paginateListBatchInferenceJobs(client, {}),
      (page) => page.batchInferenceJobs,
    ),
  );
  const segmentJobs = await optional(() =>
    collect(
      'ListBatchSegmentJobs',
      () => paginateListBatchSegmentJobs(client, {}),
      (page) => page.batchSegmentJobs,
    ),
  );
  throwIfAborted(context.signal);

  const resources: ScannedResource[] = [];
  const perGroup = await mapLimited(
    groups.filter(groupFilter),
    SCAN_CONCURRENCY,
    async (listed) => {
      const ownerTag = await workspaceTagOf(context, listed.arn);
      const group: ScannedResource = ownerTag === undefined ? listed : { ...listed, ownerTag };
      const found: ScannedResource[] = [group];
      const datasetGroupArn = group.arn;
      const datasets = await collect(
        `ListDatasets ${group.name}`,
        () => paginateListDatasets(client, { datasetGroupArn }),
        (page) => page.datasets,
      );
      const described = await mapLimited(datasets, SCAN_CONCURRENCY, async (item) => {
        try {
          const out = await callAws('DescribeDataset', () =>
            context.clients.personalize.send(
              new DescribeDatasetCommand({ datasetArn: item.datasetArn }),
            ),
          );
          return out.dataset?.schemaArn;
        } catch (error) {
          if (hasErrorCode(error, 'aws.notFound')) return undefined;
          throw error;
        }
      });
      datasets.forEach((item, index) => {
        if (item.datasetArn === undefined) return;
        found.push({
          kind: 'dataset',
          arn: item.datasetArn,
          name: item.name ?? '',
          status: item.status,
          createdAtMs: ms(item.creationDateTime),
          datasetGroupArn,
          schemaArn: described[index],
        });
      });
      for (const item of datasets) {
        const datasetArn = item.datasetArn;
        if (datasetArn === undefined) continue;
        const imports = await collect(
          'ListDatasetImportJobs',
          () => paginateListDatasetImportJobs(client, { datasetArn }),
          (page) => page.datasetImportJobs,
        );
        for (const job of imports) {
          if (job.datasetImportJobArn === undefined) continue;
          found.push({
            kind: 'datasetImportJob',
            arn: job.datasetImportJobArn,
            name: job.jobName ?? '',
            status: job.status,
            createdAtMs: ms(job.creationDateTime),
            datasetGroupArn,
            parentArn: datasetArn,
          });
        }
        const exports = await optional(() =>
          collect(
            'ListDatasetExportJobs',
            () => paginateListDatasetExportJobs(client, { datasetArn }),
            (page) => page.datasetExportJobs,
          ),
        );
        for (const job of exports) {
          if (job.datasetExportJobArn === undefined) continue;
          found.push({
            kind: 'datasetExportJob',
            arn: job.datasetExportJobArn,
            name: job.jobName ?? '',
            status: job.status,
            createdAtMs: ms(job.creationDateTime),
            datasetGroupArn,
            parentArn: datasetArn,
          });
        }
      }
      const solutions = await collect(
        `ListSolutions ${group.name}`,
        () => paginateListSolutions(client, { datasetGroupArn }),
        (page) => page.solutions,
      );
      for (const solution of solutions) {
        const solutionArn = solution.solutionArn;
        if (solutionArn === undefined) continue;
        found.push({
          kind: 'solution',
          arn: solutionArn,
          name: solution.name ?? '',
          status: solution.status,
          createdAtMs: ms(solution.creationDateTime),
          datasetGroupArn,
        });
        const versions = await collect(
          'ListSolutionVersions',
          () => paginateListSolutionVersions(client, { solutionArn }),
          (page) => page.solutionVersions,
        );
        for (const version of versions) {
          if (version.solutionVersionArn === undefined) continue;
          const versionArn = version.solutionVersionArn;
          const trainingHours =
            version.status === 'ACTIVE' ? await trainingHoursOf(context, versionArn) : undefined;
          found.push({
            kind: 'solutionVersion',
            arn: versionArn,
            name: versionArn.split('/').pop() ?? versionArn,
            status: version.status,
            createdAtMs: ms(version.creationDateTime),
            datasetGroupArn,
            parentArn: solutionArn,
            ...(trainingHours === undefined ? {} : { trainingHours }),
          });
          for (const job of batchJobs) {
            if (job.batchInferenceJobArn === undefined || job.solutionVersionArn !== versionArn)
              continue;
            found.push({
              kind: 'batchInferenceJob',
              arn: job.batchInferenceJobArn,
              name: job.jobName ?? '',
              status: job.status,
              createdAtMs: ms(job.creationDateTime),
              datasetGroupArn,
              parentArn: versionArn,
            });
          }
          for (const job of segmentJobs) {
            if (job.batchSegmentJobArn === undefined || job.solutionVersionArn !== versionArn)
              continue;
            found.push({
              kind: 'batchSegmentJob',
              arn: job.batchSegmentJobArn,
              name: job.jobName ?? '',
              status: job.status,
              createdAtMs: ms(job.creationDateTime),
              datasetGroupArn,
              parentArn: versionArn,
            });
          }
        }
        const campaigns = await collect(
          'ListCampaigns',
          () => paginateListCampaigns(client, { solutionArn }),
          (page) => page.campaigns,
        );
        for (const campaign of campaigns) {
          const campaignArn = campaign.campaignArn;
          if (campaignArn === undefined) continue;
          let minProvisionedTPS: number | undefined;
          try {
            minProvisionedTPS = (
              await callAws('DescribeCampaign', () =>
                context.clients.personalize.send(new DescribeCampaignCommand({ campaignArn })),
              )
            ).campaign?.minProvisionedTPS;
          } catch (error) {
            if (!hasErrorCode(error, 'aws.notFound')) throw error;
          }
          found.push({
            kind: 'campaign',
            arn: campaignArn,
            name: campaign.name ?? '',
            status: campaign.status,
            createdAtMs: ms(campaign.creationDateTime),
            datasetGroupArn,
            parentArn: solutionArn,
            minProvisionedTPS,
          });
        }
      }
      const filters = await optional(() =>
        collect(
          'ListFilters',
          () => paginateListFilters(client, { datasetGroupArn }),
          (page) => page.Filters,
        ),
      );
      for (const item of filters) {
        if (item.filterArn !== undefined)
          found.push({
            kind: 'filter',
            arn: item.filterArn,
            name: item.name ?? '',
            status: item.status,
            createdAtMs: ms(item.creationDateTime),
            datasetGroupArn,
          });
      }
      const trackers = await optional(() =>
        collect(
          'ListEventTrackers',
          () => paginateListEventTrackers(client, { datasetGroupArn }),
          (page) => page.eventTrackers,
        ),
      );
      for (const item of trackers) {
        if (item.eventTrackerArn !== undefined)
          found.push({
            kind: 'eventTracker',
            arn: item.eventTrackerArn,
            name: item.name ?? '',
            status: item.status,
            createdAtMs: ms(item.creationDateTime),
            datasetGroupArn,
          });
      }
      const recommenders = await optional(() =>
        collect(
          'ListRecommenders',
          () => paginateListRecommenders(client, { datasetGroupArn }),
          (page) => page.recommenders,
        ),
      );
      for (const item of recommenders) {
        if (item.recommenderArn !== undefined)
          found.push({
            kind: 'recommender',
            arn: item.recommenderArn,
            name: item.name ?? '',
            status: item.status,
            createdAtMs: ms(item.creationDateTime),
            datasetGroupArn,
          });
      }
      const attributions = await optional(() =>
        collect(
          'ListMetricAttributions',
          () => paginateListMetricAttributions(client, { datasetGroupArn }),
          (page) => page.metricAttributions,
        ),
      );
      for (const item of attributions) {
        if (item.metricAttributionArn !== undefined)
          found.push({
            kind: 'metricAttribution',
            arn: item.metricAttributionArn,
            name: item.name ?? '',
            status: item.status,
            createdAtMs: ms(item.creationDateTime),
            datasetGroupArn,
          });
      }
      throwIfAborted(context.signal);
      return found;
    },
  );
  for (const found of perGroup) resources.push(...found);
  return { scannedAtMs, resources, schemas };
}

/**
 * The workspace's own S3 and IAM resources that still exist: its bucket's objects (one entry
 * standing for all of them, `arn:aws:s3:::<bucket>/*`, with their count and keys), the bucket,
 * and its IAM role when it carries this workspace's tag (`poc-studio:workspace`; a role of the
 * same name that the studio did not create is left out). Read-only.
 * @throws AppError `aws.*`.
 */
export async function scanEnvironment(
  context: Pick<ServiceContext, 'clients' | 'workspace'>,
): Promise<ScannedResource[]> {
  const { s3, iam } = context.clients;
  const found: ScannedResource[] = [];
  const bucket = context.workspace.setup.bucket;
  let hasBucket = true;
  try {
    await callAws(`HeadBucket ${bucket}`, () => s3.send(new HeadBucketCommand({ Bucket: bucket })));
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
    hasBucket = false;
  }
  if (hasBucket) {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await callAws(`ListObjectsV2 ${bucket}`, () =>
        s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token })),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    if (keys.length > 0)
      found.push({
        kind: 'object',
        arn: `arn:aws:s3:::${bucket}/*`,
        name: `${keys.length} object${keys.length === 1 ? '' : 's'} in ${bucket}`,
        count: keys.length,
        keys,
      });
    found.push({ kind: 'bucket', arn: `arn:aws:s3:::${bucket}`, name: bucket });
  }
  const roleName = context.workspace.setup.roleName;
  try {
    const role = (
      await callAws(`GetRole ${roleName}`, () =>
        iam.send(new GetRoleCommand({ RoleName: roleName })),
      )
    ).Role;
    const tags = await callAws(`ListRoleTags ${roleName}`, () =>
      iam.send(new ListRoleTagsCommand({ RoleName: roleName })),
    );
    const isOurs = (tags.Tags ?? []).some(
      (tag) => tag.Key === WORKSPACE_TAG_KEY && tag.Value === context.workspace.id,
    );
    if (isOurs && role?.Arn !== undefined)
      found.push({ kind: 'role', arn: role.Arn, name: roleName, createdAtMs: ms(role.CreateDate) });
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
  }
  return found;
}
