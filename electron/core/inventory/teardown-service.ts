import {
  DeleteCampaignCommand,
  DeleteDatasetCommand,
  DeleteDatasetGroupCommand,
  DeleteEventTrackerCommand,
  DeleteFilterCommand,
  DeleteSchemaCommand,
  DeleteSolutionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSchemaCommand,
  DescribeSolutionCommand,
} from '@aws-sdk/client-personalize';
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { DeleteBucketCommand, DeleteObjectCommand, HeadBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { callAws } from '../aws/aws-errors.js';
import { listInventory, type InventoryEntry } from './inventory-service.js';
import { deleteWhenFree, waitUntilGone } from '../aws/waiters.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** What teardown deleted and what is still there (empty on success). */
export interface TeardownResult {
  readonly deleted: readonly InventoryEntry[];
  readonly remaining: readonly InventoryEntry[];
}

/** Dependency order of deletion (ARCHITECTURE.md step 6). */
export const TEARDOWN_ORDER = ['campaign', 'eventTracker', 'filter', 'solution', 'dataset', 'schema', 'datasetGroup', 'object', 'bucket', 'role'] as const;

interface Operations {
  readonly remove: () => Promise<unknown>;
  readonly describe: () => Promise<unknown>;
}

function s3Parts(arn: string): { bucket: string; key: string } {
  const rest = arn.replace(/^arn:aws:s3:::/, '');
  const slash = rest.indexOf('/');
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

function operationsFor(context: ServiceContext, entry: InventoryEntry): Operations | undefined {
  const { personalize, s3 } = context.clients;
  const arn = entry.arn;
  switch (entry.kind) {
    case 'campaign':
      return {
        remove: () => callAws('DeleteCampaign', () => personalize.send(new DeleteCampaignCommand({ campaignArn: arn }))),
        describe: () => callAws('DescribeCampaign', () => personalize.send(new DescribeCampaignCommand({ campaignArn: arn }))),
      };
    case 'eventTracker':
      return {
        remove: () => callAws('DeleteEventTracker', () => personalize.send(new DeleteEventTrackerCommand({ eventTrackerArn: arn }))),
        describe: () => callAws('DescribeEventTracker', () => personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn: arn }))),
      };
    case 'filter':
      return {
        remove: () => callAws('DeleteFilter', () => personalize.send(new DeleteFilterCommand({ filterArn: arn }))),
        describe: () => callAws('DescribeFilter', () => personalize.send(new DescribeFilterCommand({ filterArn: arn }))),
      };
    case 'solution':
      return {
        remove: () => callAws('DeleteSolution', () => personalize.send(new DeleteSolutionCommand({ solutionArn: arn }))),
        describe: () => callAws('DescribeSolution', () => personalize.send(new DescribeSolutionCommand({ solutionArn: arn }))),
      };
    case 'dataset':
      return {
        remove: () => callAws('DeleteDataset', () => personalize.send(new DeleteDatasetCommand({ datasetArn: arn }))),
        describe: () => callAws('DescribeDataset', () => personalize.send(new DescribeDatasetCommand({ datasetArn: arn }))),
      };
    case 'schema':
      return {
        remove: () => callAws('DeleteSchema', () => personalize.send(new DeleteSchemaCommand({ schemaArn: arn }))),
        describe: () => callAws('DescribeSchema', () => personalize.send(new DescribeSchemaCommand({ schemaArn: arn }))),
      };
    case 'datasetGroup':
      return {
        remove: () => callAws('DeleteDatasetGroup', () => personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn: arn }))),
        describe: () => callAws('DescribeDatasetGroup', () => personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }))),
      };
    case 'object': {
      const { bucket, key } = s3Parts(arn);
      return {
        remove: () => callAws(`DeleteObject ${key}`, () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))),
        describe: () => callAws(`HeadObject ${key}`, () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))),
      };
    }
    case 'bucket': {
      const { bucket } = s3Parts(arn);
      return {
        remove: () => callAws(`DeleteBucket ${bucket}`, () => s3.send(new DeleteBucketCommand({ Bucket: bucket }))),
        describe: () => callAws(`HeadBucket ${bucket}`, () => s3.send(new HeadBucketCommand({ Bucket: bucket }))),
      };
    }
    case 'role': {
      const roleName = entry.name ?? arn.replace(/^.*:role\/(?:.*\/)?/u, '');
      return {
        remove: () => deleteRole(context, roleName),
        describe: () => callAws(`GetRole ${roleName}`, () => context.clients.iam.send(new GetRoleCommand({ RoleName: roleName }))),
      };
    }
    default:
      return undefined;
  }
}

/** Deletes an IAM role: its inline policies, then its attached policies, then the role (IAM refuses a role that still has policies). */
async function deleteRole(context: ServiceContext, roleName: string): Promise<void> {
  const { iam } = context.clients;
  const inline = await callAws(`ListRolePolicies ${roleName}`, () => iam.send(new ListRolePoliciesCommand({ RoleName: roleName })));
  for (const policyName of inline.PolicyNames ?? []) {
    await callAws(`DeleteRolePolicy ${policyName}`, () => iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })));
  }
  const attached = await callAws(`ListAttachedRolePolicies ${roleName}`, () => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName })));
  for (const policy of attached.AttachedPolicies ?? []) {
    if (policy.PolicyArn === undefined) continue;
    const policyArn = policy.PolicyArn;
    await callAws(`DetachRolePolicy ${policyArn}`, () => iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })));
  }
  await callAws(`DeleteRole ${roleName}`, () => iam.send(new DeleteRoleCommand({ RoleName: roleName })));
}

/**
 * Deletes every resource of the workspace's scope (inventory-service.ts) in dependency order — campaigns → event trackers,
 * filters → solutions (with their versions) → datasets → schemas → dataset group → bucket
 * objects → bucket → the workspace's IAM role — waiting for each kind to disappear before the next, then lists what
 * remains by asking the service again.
 *
 * Resources still busy (`aws.inUse`) are retried with backoff. When nothing remains, the guide's
 * choices of resources are cleared (the chosen files are kept); the resource cache follows the
 * final listing.
 * @throws AppError `aws.*`, `job.cancelled`, `job.failed` (timeout).
 */
export async function teardownPoc(context: ServiceContext): Promise<TeardownResult> {
  const inventory = await listInventory(context);
  const deleted: InventoryEntry[] = [];
  const total = inventory.length;
  for (const kind of TEARDOWN_ORDER) {
    const batch = inventory.filter((entry) => entry.kind === kind);
    if (batch.length === 0) continue;
    await context.report(`Deleting ${batch.length} ${kind}${batch.length > 1 ? 's' : ''}`, { done: deleted.length, total });
    const operations = batch.map((entry) => ({ entry, operations: operationsFor(context, entry) }));
    await Promise.all(operations.map(({ operations: ops }) => (ops === undefined ? Promise.resolve(false) : deleteWhenFree(context, ops.remove))));
    await Promise.all(operations.map(({ operations: ops }) => (ops === undefined ? Promise.resolve() : waitUntilGone(context, ops.describe))));
    deleted.push(...batch.filter((_, index) => operations[index]?.operations !== undefined));
  }
  const remaining = await listInventory(context);
  if (remaining.length === 0) {
    await context.updateChoices((choices) => {
      Reflect.deleteProperty(choices, 'datasetGroupArn');
      Reflect.deleteProperty(choices, 'campaignArn');
      Reflect.deleteProperty(choices, 'exploredCampaignArn');
      choices.recipes = [];
    });
  }
  return { deleted, remaining };
}
