import {
  paginateListCampaigns,
  paginateListDatasetGroups,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListSchemas,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { GetRoleCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { WORKSPACE_TAG_KEY } from '../workspaces/names.js';
import { groupOwnerOf, prefixOwnerOf } from '../../../shared/inventory/ownership.js';
import { workspaceTagOf } from './account-scan.js';
import { isAppError } from '../../../shared/errors.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import type { ResourceKind } from '../../../shared/resources.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** One resource of the workspace's scope that still exists, as the service reports it. */
export interface InventoryEntry {
  readonly kind: ResourceKind;
  /** ARN (`arn:aws:s3:::bucket` / `arn:aws:s3:::bucket/key` for S3). */
  readonly arn: string;
  readonly name?: string | undefined;
  readonly status?: string | undefined;
  /** The dataset group (for its contents) or solution (for campaigns) it belongs to. */
  readonly parentArn?: string | undefined;
}

/** Kinds whose presence the inventory establishes (absent from a full listing = gone). */
const LISTED_KINDS: ReadonlySet<ResourceKind> = new Set([
  'datasetGroup',
  'dataset',
  'solution',
  'campaign',
  'filter',
  'eventTracker',
  'schema',
  'bucket',
  'object',
  'role',
]);

/** Runs a listing; a service without that operation (UnknownOperation) counts as empty. */
async function optionalList(list: () => Promise<InventoryEntry[]>): Promise<InventoryEntry[]> {
  try {
    return await list();
  } catch (error) {
    if (isAppError(error) && error.details?.awsCode === 'UnknownOperationException') return [];
    throw error;
  }
}

/** Everything a dataset group holds, dependents first: campaigns, solutions, filters, event trackers, datasets. */
async function listGroupContents(
  context: Pick<ServiceContext, 'clients'>,
  groupArn: string,
): Promise<InventoryEntry[]> {
  const { personalize } = context.clients;
  const entries: InventoryEntry[] = [];
  const solutions: InventoryEntry[] = [];
  await callAws('ListSolutions', async () => {
    for await (const page of paginateListSolutions(
      { client: personalize },
      { datasetGroupArn: groupArn },
    )) {
      for (const item of page.solutions ?? []) {
        if (item.solutionArn !== undefined)
          solutions.push({
            kind: 'solution',
            arn: item.solutionArn,
            name: item.name,
            status: item.status,
            parentArn: groupArn,
          });
      }
    }
  });
  for (const solution of solutions) {
    await callAws('ListCampaigns', async () => {
      for await (const page of paginateListCampaigns(
        { client: personalize },
        { solutionArn: solution.arn },
      )) {
        for (const item of page.campaigns ?? []) {
          if (item.campaignArn !== undefined)
            entries.push({
              kind: 'campaign',
              arn: item.campaignArn,
              name: item.name,
              status: item.status,
              parentArn: solution.arn,
            });
        }
      }
    });
  }
  entries.push(...solutions);
  entries.push(
    ...(await optionalList(() =>
      callAws('ListFilters', async () => {
        const found: InventoryEntry[] = [];
        for await (const page of paginateListFilters(
          { client: personalize },
          { datasetGroupArn: groupArn },
        )) {
          for (const item of page.Filters ?? []) {
            if (item.filterArn !== undefined)
              found.push({
                kind: 'filter',
                arn: item.filterArn,
                name: item.name,
                status: item.status,
                parentArn: groupArn,
              });
          }
        }
        return found;
      }),
    )),
    ...(await optionalList(() =>
      callAws('ListEventTrackers', async () => {
        const found: InventoryEntry[] = [];
        for await (const page of paginateListEventTrackers(
          { client: personalize },
          { datasetGroupArn: groupArn },
        )) {
          for (const item of page.eventTrackers ?? []) {
            if (item.eventTrackerArn !== undefined) {
              found.push({
                kind: 'eventTracker',
                arn: item.eventTrackerArn,
                name: item.name,
                status: item.status,
                parentArn: groupArn,
              });
            }
          }
        }
        return found;
      }),
    )),
  );
  await callAws('ListDatasets', async () => {
    for await (const page of paginateListDatasets(
      { client: personalize },
      { datasetGroupArn: groupArn },
    )) {
      for (const item of page.datasets ?? []) {
        if (item.datasetArn !== undefined) {
          entries.push({
            kind: 'dataset',
            arn: item.datasetArn,
            name: item.name,
            status: item.status,
            parentArn: groupArn,
          });
        }
      }
    }
  });
  return entries;
}

/**
 * Lists every resource of the workspace's scope that still exists, by asking the service:
 * dataset groups of the workspace by the one ownership rule (`groupOwnerOf`: its
 * `poc-studio:workspace` tag, read with ListTagsForResource, else its name prefix) and what they hold (campaigns,
 * solutions, filters, event trackers, datasets), schemas of that prefix, the workspace's bucket
 * and its objects, and the workspace's IAM role when it carries the workspace's tag (a role of the
 * same name that the studio did not create is left alone). Dependents come first (teardown order). The answer refreshes the resource
 * cache: what was found is recorded, what the listing no longer shows is forgotten.
 * @throws AppError `aws.*`
 */
export async function listInventory(
  context: Pick<ServiceContext, 'clients' | 'workspace' | 'workspaces' | 'resources'>,
): Promise<InventoryEntry[]> {
  const { personalize } = context.clients;
  const workspaces = context.workspaces ?? [context.workspace];
  const listed: InventoryEntry[] = [];
  await callAws('ListDatasetGroups', async () => {
    for await (const page of paginateListDatasetGroups({ client: personalize }, {})) {
      for (const item of page.datasetGroups ?? []) {
        if (item.datasetGroupArn !== undefined) {
          listed.push({
            kind: 'datasetGroup',
            arn: item.datasetGroupArn,
            name: item.name,
            status: item.status,
          });
        }
      }
    }
  });
  // The one ownership rule of the inventory and the teardown plan: the tag, then the prefix.
  const groups: InventoryEntry[] = [];
  for (const group of listed) {
    const ownerTag = await workspaceTagOf(context, group.arn);
    if (groupOwnerOf({ name: group.name ?? '', ownerTag }, workspaces) === context.workspace.id)
      groups.push(group);
  }
  const entries: InventoryEntry[] = [];
  for (const group of groups) entries.push(...(await listGroupContents(context, group.arn)));
  await callAws('ListSchemas', async () => {
    for await (const page of paginateListSchemas({ client: personalize }, {})) {
      for (const item of page.schemas ?? []) {
        if (
          item.schemaArn !== undefined &&
          prefixOwnerOf(item.name ?? '', workspaces) === context.workspace.id
        )
          entries.push({ kind: 'schema', arn: item.schemaArn, name: item.name });
      }
    }
  });
  entries.push(...groups);
  entries.push(...(await listBucket(context, context.workspace.setup.bucket)));
  entries.push(...(await listRole(context)));
  await refreshCache(context, entries);
  return entries;
}

/** Records what the listing found and forgets what it no longer shows (and the import jobs and versions of gone parents). */
async function refreshCache(
  context: Pick<ServiceContext, 'resources'>,
  entries: readonly InventoryEntry[],
): Promise<void> {
  const found = new Set(entries.map((entry) => entry.arn));
  for (const entry of entries) {
    const known = context.resources.get(entry.arn);
    if (
      known !== undefined &&
      known.status === entry.status &&
      known.name === (entry.name ?? known.name)
    )
      continue;
    await context.resources.record({
      arn: entry.arn,
      kind: entry.kind,
      name: entry.name ?? known?.name ?? entry.arn,
      status: entry.status,
      parentArn: entry.parentArn,
    });
  }
  const cached = context.resources.list();
  const gone = new Set(
    cached
      .filter((entry) => LISTED_KINDS.has(entry.kind) && !found.has(entry.arn))
      .map((entry) => entry.arn),
  );
  for (const entry of cached) {
    if (
      (entry.kind === 'datasetImportJob' || entry.kind === 'solutionVersion') &&
      entry.parentArn !== undefined &&
      gone.has(entry.parentArn)
    )
      gone.add(entry.arn);
  }
  if (gone.size > 0) await context.resources.forget([...gone]);
}

async function listBucket(
  context: Pick<ServiceContext, 'clients'>,
  bucket: string,
): Promise<InventoryEntry[]> {
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
    const page = await callAws(`ListObjectsV2 ${bucket}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token })),
    );
    for (const object of page.Contents ?? [])
      if (object.Key !== undefined)
        objects.push({
          kind: 'object',
          arn: `arn:aws:s3:::${bucket}/${object.Key}`,
          name: object.Key,
        });
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return [...objects, { kind: 'bucket', arn: `arn:aws:s3:::${bucket}`, name: bucket }];
}

/** The workspace's IAM role, when it exists and carries this workspace's tag. */
async function listRole(
  context: Pick<ServiceContext, 'clients' | 'workspace'>,
): Promise<InventoryEntry[]> {
  const { iam } = context.clients;
  const roleName = context.workspace.setup.roleName;
  let arn: string | undefined;
  try {
    arn = (
      await callAws(`GetRole ${roleName}`, () =>
        iam.send(new GetRoleCommand({ RoleName: roleName })),
      )
    ).Role?.Arn;
  } catch (error) {
    if (hasErrorCode(error, 'aws.notFound')) return [];
    throw error;
  }
  const tags = await callAws(`ListRoleTags ${roleName}`, () =>
    iam.send(new ListRoleTagsCommand({ RoleName: roleName })),
  );
  const isOurs = (tags.Tags ?? []).some(
    (tag) => tag.Key === WORKSPACE_TAG_KEY && tag.Value === context.workspace.id,
  );
  return isOurs && arn !== undefined ? [{ kind: 'role', arn, name: roleName }] : [];
}
