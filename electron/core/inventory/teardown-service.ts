import {
  DeleteCampaignCommand,
  DeleteDatasetCommand,
  DeleteDatasetGroupCommand,
  DeleteEventTrackerCommand,
  DeleteFilterCommand,
  DeleteMetricAttributionCommand,
  DeleteRecommenderCommand,
  DeleteSchemaCommand,
  DeleteSolutionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeMetricAttributionCommand,
  DescribeRecommenderCommand,
  DescribeSchemaCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  StopSolutionVersionCreationCommand,
} from '@aws-sdk/client-personalize';
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { TeardownPlan, TeardownScope, TeardownStep } from '../../../shared/ipc/inventory.js';
import { isTerminalStatus } from '../../../shared/personalize.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { sleep, throwIfAborted } from '../jobs/poller.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { scanAccount, scanEnvironment } from './account-scan.js';
import { listInventory, type InventoryEntry } from './inventory-service.js';
import { buildTeardownPlan, isCreating } from './teardown-plan.js';

/** What teardown deleted and what is still there (empty on success). */
export interface TeardownResult {
  readonly deleted: readonly InventoryEntry[];
  readonly remaining: readonly InventoryEntry[];
}

/** Options of a teardown: its scope (default the workspace's) and whether the bucket, objects and role go too. */
export interface TeardownOptions {
  readonly scope?: TeardownScope | undefined;
  /** Default: true for the `workspace` scope, false for the others. */
  readonly includeEnvironment?: boolean | undefined;
}

/** How long one Delete* keeps being retried while the service answers ResourceInUseException, in ms. */
export const IN_USE_TIMEOUT_MS = 60 * 60 * 1000;

/** Upper bound of one wait for a resource to settle or disappear, in ms. */
const WAIT_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/** Describe / Delete of one plan step's resource. `describe` resolves with its status (`ACTIVE` when the service reports none), or `undefined` / `aws.notFound` once it is gone. */
interface StepOperations {
  readonly describe: () => Promise<string | undefined>;
  readonly remove: () => Promise<unknown>;
}

/** Resolves with the status, or `undefined` when the service says the resource does not exist. */
async function statusOrGone(
  describe: () => Promise<string | undefined>,
): Promise<string | undefined> {
  try {
    return await describe();
  } catch (error) {
    if (hasErrorCode(error, 'aws.notFound')) return undefined;
    throw error;
  }
}

function s3Parts(arn: string): { bucket: string; key: string } {
  const rest = arn.replace(/^arn:aws:s3:::/u, '');
  const slash = rest.indexOf('/');
  return slash < 0
    ? { bucket: rest, key: '' }
    : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** The Describe* / Delete* pair of a step (SPEC §2.5–§2.21; S3 and IAM for the environment). */
function operationsFor(context: ServiceContext, step: TeardownStep): StepOperations {
  const { personalize, s3, iam } = context.clients;
  const arn = step.arn;
  switch (step.kind) {
    case 'campaign':
      return {
        describe: async () =>
          (
            await callAws('DescribeCampaign', () =>
              personalize.send(new DescribeCampaignCommand({ campaignArn: arn })),
            )
          ).campaign?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteCampaign', () =>
            personalize.send(new DeleteCampaignCommand({ campaignArn: arn })),
          ),
      };
    case 'recommender':
      return {
        describe: async () =>
          (
            await callAws('DescribeRecommender', () =>
              personalize.send(new DescribeRecommenderCommand({ recommenderArn: arn })),
            )
          ).recommender?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteRecommender', () =>
            personalize.send(new DeleteRecommenderCommand({ recommenderArn: arn })),
          ),
      };
    case 'eventTracker':
      return {
        describe: async () =>
          (
            await callAws('DescribeEventTracker', () =>
              personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn: arn })),
            )
          ).eventTracker?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteEventTracker', () =>
            personalize.send(new DeleteEventTrackerCommand({ eventTrackerArn: arn })),
          ),
      };
    case 'filter':
      return {
        describe: async () =>
          (
            await callAws('DescribeFilter', () =>
              personalize.send(new DescribeFilterCommand({ filterArn: arn })),
            )
          ).filter?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteFilter', () =>
            personalize.send(new DeleteFilterCommand({ filterArn: arn })),
          ),
      };
    case 'metricAttribution':
      return {
        describe: async () =>
          (
            await callAws('DescribeMetricAttribution', () =>
              personalize.send(new DescribeMetricAttributionCommand({ metricAttributionArn: arn })),
            )
          ).metricAttribution?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteMetricAttribution', () =>
            personalize.send(new DeleteMetricAttributionCommand({ metricAttributionArn: arn })),
          ),
      };
    case 'solution':
      return {
        describe: async () =>
          (
            await callAws('DescribeSolution', () =>
              personalize.send(new DescribeSolutionCommand({ solutionArn: arn })),
            )
          ).solution?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteSolution', () =>
            personalize.send(new DeleteSolutionCommand({ solutionArn: arn })),
          ),
      };
    case 'dataset':
      return {
        describe: async () =>
          (
            await callAws('DescribeDataset', () =>
              personalize.send(new DescribeDatasetCommand({ datasetArn: arn })),
            )
          ).dataset?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteDataset', () =>
            personalize.send(new DeleteDatasetCommand({ datasetArn: arn })),
          ),
      };
    case 'datasetGroup':
      return {
        describe: async () =>
          (
            await callAws('DescribeDatasetGroup', () =>
              personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn })),
            )
          ).datasetGroup?.status ?? 'ACTIVE',
        remove: () =>
          callAws('DeleteDatasetGroup', () =>
            personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn: arn })),
          ),
      };
    case 'schema':
      return {
        describe: async () => (
          await callAws('DescribeSchema', () =>
            personalize.send(new DescribeSchemaCommand({ schemaArn: arn })),
          ),
          'ACTIVE'
        ),
        remove: () =>
          callAws('DeleteSchema', () =>
            personalize.send(new DeleteSchemaCommand({ schemaArn: arn })),
          ),
      };
    case 'solutionVersion':
      return {
        describe: async () =>
          (
            await callAws('DescribeSolutionVersion', () =>
              personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn: arn })),
            )
          ).solutionVersion?.status ?? 'ACTIVE',
        remove: () =>
          callAws('StopSolutionVersionCreation', () =>
            personalize.send(new StopSolutionVersionCreationCommand({ solutionVersionArn: arn })),
          ),
      };
    case 'object': {
      const { bucket } = s3Parts(arn);
      return {
        describe: async () => {
          const page = await callAws(`ListObjectsV2 ${bucket}`, () =>
            s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 })),
          );
          return (page.KeyCount ?? page.Contents?.length ?? 0) > 0 ? 'ACTIVE' : undefined;
        },
        remove: () => emptyBucket(context, bucket),
      };
    }
    case 'bucket': {
      const { bucket } = s3Parts(arn);
      return {
        describe: async () => (
          await callAws(`HeadBucket ${bucket}`, () =>
            s3.send(new HeadBucketCommand({ Bucket: bucket })),
          ),
          'ACTIVE'
        ),
        remove: () =>
          callAws(`DeleteBucket ${bucket}`, () =>
            s3.send(new DeleteBucketCommand({ Bucket: bucket })),
          ),
      };
    }
    case 'role': {
      const roleName = step.name;
      return {
        describe: async () => (
          await callAws(`GetRole ${roleName}`, () =>
            iam.send(new GetRoleCommand({ RoleName: roleName })),
          ),
          'ACTIVE'
        ),
        remove: () => deleteRole(context, roleName),
      };
    }
    default:
      throw new AppError('internal', `A ${step.kind} is not deleted by the teardown.`);
  }
}

/** Deletes every object of a bucket, 1,000 keys per DeleteObjects call (S3 API reference, DeleteObjects). */
async function emptyBucket(context: ServiceContext, bucket: string): Promise<void> {
  const { s3 } = context.clients;
  for (;;) {
    throwIfAborted(context.signal);
    const page = await callAws(`ListObjectsV2 ${bucket}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket })),
    );
    const keys = (page.Contents ?? []).flatMap((object) =>
      object.Key === undefined ? [] : [{ Key: object.Key }],
    );
    if (keys.length === 0) return;
    const out = await callAws(`DeleteObjects ${bucket}`, () =>
      s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } })),
    );
    const failed = out.Errors ?? [];
    if (failed.length > 0)
      throw new AppError(
        'aws.failed',
        `DeleteObjects ${bucket}: ${failed.length} objects were not deleted (${failed[0]?.Code ?? ''} ${failed[0]?.Message ?? ''}).`,
      );
  }
}

/** Deletes an IAM role: its inline policies, then its attached policies, then the role (IAM refuses a role that still has policies). */
async function deleteRole(context: ServiceContext, roleName: string): Promise<void> {
  const { iam } = context.clients;
  const inline = await callAws(`ListRolePolicies ${roleName}`, () =>
    iam.send(new ListRolePoliciesCommand({ RoleName: roleName })),
  );
  for (const policyName of inline.PolicyNames ?? []) {
    await callAws(`DeleteRolePolicy ${policyName}`, () =>
      iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
    );
  }
  const attached = await callAws(`ListAttachedRolePolicies ${roleName}`, () =>
    iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName })),
  );
  for (const policy of attached.AttachedPolicies ?? []) {
    if (policy.PolicyArn === undefined) continue;
    const policyArn = policy.PolicyArn;
    await callAws(`DetachRolePolicy ${policyArn}`, () =>
      iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
    );
  }
  await callAws(`DeleteRole ${roleName}`, () =>
    iam.send(new DeleteRoleCommand({ RoleName: roleName })),
  );
}

/**
 * Longest wait between two Describe calls of one deletion, as a share of the time waited so far:
 * a resource that disappears is seen at most ~10% after it went, so a chain of deletions ends
 * within ~1.1× its own duration, without polling a ten-minute deletion every second.
 */
export const POLL_LAG_RATIO = 0.1;

/**
 * Runs `check` until done, waiting between attempts the poller's backoff (reset when the check
 * reports progress, longer on throttling) but never more than {@link POLL_LAG_RATIO} of the time
 * waited so far (at least the poller's `minMs`).
 * @throws AppError `job.cancelled`, `job.failed` after `timeoutMs`; errors of `check` but throttling.
 */
async function pollWithBoundedLag<T>(
  context: ServiceContext,
  check: () => Promise<{ done: true; value: T } | { done: false; hasProgressed?: boolean }>,
  timeoutMs: number,
): Promise<T> {
  const startedAtMs = Date.now();
  const { poller } = context;
  let attempt = 0;
  for (;;) {
    throwIfAborted(context.signal);
    let isThrottled = false;
    try {
      const outcome = await check();
      if (outcome.done) return outcome.value;
      if (outcome.hasProgressed === true) attempt = 0;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.throttled')) throw error;
      isThrottled = true;
    }
    const waitedMs = Date.now() - startedAtMs;
    const backoff = poller.delayMs(attempt, isThrottled);
    const delay = isThrottled
      ? backoff
      : Math.min(backoff, Math.max(poller.options.minMs, POLL_LAG_RATIO * waitedMs));
    if (waitedMs + delay > timeoutMs)
      throw new AppError('job.failed', `Gave up waiting after ${Math.round(waitedMs / 1000)} s.`, {
        details: { timeoutMs },
      });
    await sleep(delay, context.signal);
    attempt += 1;
  }
}

/** Polls until `describe` shows a settled status (or the resource is gone: `undefined`). */
function waitUntilSettled(
  context: ServiceContext,
  describe: () => Promise<string | undefined>,
): Promise<string | undefined> {
  let last: string | undefined;
  return pollWithBoundedLag(
    context,
    async () => {
      const status = await statusOrGone(describe);
      const hasProgressed = status !== last;
      last = status;
      if (status === undefined || isTerminalStatus(status)) return { done: true, value: status };
      return { done: false, hasProgressed };
    },
    WAIT_TIMEOUT_MS,
  );
}

/** Polls until `describe` says the resource is gone (each status change restarts the backoff). */
function waitUntilGone(
  context: ServiceContext,
  describe: () => Promise<string | undefined>,
): Promise<void> {
  let last: string | undefined;
  return pollWithBoundedLag(
    context,
    async () => {
      const status = await statusOrGone(describe);
      if (status === undefined) return { done: true, value: undefined };
      const hasProgressed = status !== last;
      last = status;
      return { done: false, hasProgressed };
    },
    WAIT_TIMEOUT_MS,
  );
}

/** Calls `remove` until accepted: ResourceInUseException retries with backoff (up to {@link IN_USE_TIMEOUT_MS}); not found means already gone. */
function removeWhenFree(context: ServiceContext, remove: () => Promise<unknown>): Promise<void> {
  return context.poller.poll(
    async () => {
      try {
        await remove();
        return { done: true, value: undefined };
      } catch (error) {
        if (hasErrorCode(error, 'aws.notFound')) return { done: true, value: undefined };
        if (hasErrorCode(error, 'aws.inUse')) return { done: false };
        throw error;
      }
    },
    { signal: context.signal, timeoutMs: IN_USE_TIMEOUT_MS },
  );
}

/**
 * Runs one step, idempotently (a resumed teardown runs every step again): a resource already
 * gone is done; one being deleted is waited for; one being created is waited for, then deleted;
 * an in-flight solution version is stopped (an endpoint without StopSolutionVersionCreation, or
 * a version past stopping, is just waited for) until it settles.
 * @returns true when this call changed something.
 */
async function runStep(context: ServiceContext, step: TeardownStep): Promise<boolean> {
  const operations = operationsFor(context, step);
  let status = await statusOrGone(operations.describe);
  if (status === undefined) return false;
  if (step.action === 'stop') {
    if (!isCreating(status)) return false;
    try {
      await operations.remove();
    } catch (error) {
      const code = isAppError(error) ? error.details?.awsCode : undefined;
      if (!(
        code === 'UnknownOperationException' ||
        hasErrorCode(error, 'aws.inUse') ||
        hasErrorCode(error, 'aws.invalidInput') ||
        hasErrorCode(error, 'aws.notFound')
      ))
        throw error;
    }
    await waitUntilSettled(context, operations.describe);
    return true;
  }
  if (isCreating(status)) {
    status = await waitUntilSettled(context, operations.describe);
    if (status === undefined) return false;
  }
  if (!status.startsWith('DELETE')) await removeWhenFree(context, operations.remove);
  await waitUntilGone(context, operations.describe);
  return true;
}

/**
 * Plans the teardown of a scope (a dry run: nothing changes) by asking the service — the whole
 * region, so that schemas used outside the scope are kept — and, with the environment, the
 * workspace's bucket, objects and role. See `buildTeardownPlan` for the graph.
 * @throws AppError `aws.*`, `job.cancelled`.
 */
export async function planTeardown(
  context: ServiceContext,
  options: TeardownOptions = {},
): Promise<TeardownPlan> {
  const scope = options.scope ?? { kind: 'workspace' };
  const includeEnvironment = options.includeEnvironment ?? scope.kind === 'workspace';
  const scan = await scanAccount(context);
  const environment = includeEnvironment ? await scanEnvironment(context) : [];
  return buildTeardownPlan({
    workspaceId: context.workspace.id,
    prefix: context.workspace.prefix,
    workspaces: context.workspaces,
    scope,
    includeEnvironment,
    scan,
    environment,
    region: context.workspace.target.region,
  });
}

/** Progress of an executing teardown: what finished and how many of the plan's actionable steps are done. */
export type TeardownProgress = (step: TeardownStep, done: number, total: number) => Promise<void>;

/**
 * Executes a teardown plan: every `stop` / `delete` step starts as soon as the steps it depends
 * on are finished (so independent chains run in parallel, never kind by kind), each deletion is
 * waited for until the service no longer knows the resource, ResourceInUseException is retried
 * with backoff. Idempotent — a second run over the same plan changes nothing and only describes.
 * Touches nothing but the plan's steps. `onProgress` hears of every finished step.
 * @returns the steps that were finished (all actionable ones on success).
 * @throws AppError the first step failure (`aws.*`, `job.failed` after {@link IN_USE_TIMEOUT_MS}
 *   of ResourceInUseException), `job.cancelled`; steps whose prerequisites failed do not start.
 */
export async function executeTeardown(
  context: ServiceContext,
  plan: TeardownPlan,
  onProgress?: TeardownProgress,
): Promise<TeardownStep[]> {
  const actionable = plan.steps.filter(
    (step) => step.action === 'delete' || step.action === 'stop',
  );
  const byArn = new Map(actionable.map((step) => [step.arn, step]));
  const running = new Map<string, Promise<void>>();
  const finished: TeardownStep[] = [];
  const run = (step: TeardownStep): Promise<void> => {
    const known = running.get(step.arn);
    if (known !== undefined) return known;
    const promise = (async () => {
      const prerequisites = step.dependsOn.flatMap((arn) => {
        const dependency = byArn.get(arn);
        return dependency === undefined ? [] : [run(dependency)];
      });
      await Promise.all(prerequisites);
      throwIfAborted(context.signal);
      await runStep(context, step);
      finished.push(step);
      await onProgress?.(step, finished.length, actionable.length);
    })();
    running.set(step.arn, promise);
    return promise;
  };
  const outcomes = await Promise.allSettled(actionable.map((step) => run(step)));
  const failure = outcomes.find(
    (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
  );
  if (failure !== undefined)
    throw failure.reason instanceof Error
      ? failure.reason
      : new AppError('job.failed', String(failure.reason));
  return finished;
}

/** Forgets the deleted resources in the workspace's cache, with the import jobs and versions of deleted parents. */
async function forgetDeleted(context: ServiceContext, arns: ReadonlySet<string>): Promise<void> {
  const gone = new Set(arns);
  const buckets = [...arns].filter((arn) => arn.endsWith('/*')).map((arn) => arn.slice(0, -1));
  // Two passes: datasets → their import jobs, solutions → their versions (and those versions' children).
  for (let pass = 0; pass < 2; pass += 1) {
    for (const entry of context.resources.list()) {
      if (entry.parentArn !== undefined && gone.has(entry.parentArn)) gone.add(entry.arn);
      if (entry.kind === 'object' && buckets.some((bucket) => entry.arn.startsWith(bucket)))
        gone.add(entry.arn);
    }
  }
  const known = [...gone].filter((arn) => context.resources.get(arn) !== undefined);
  if (known.length > 0) await context.resources.forget(known);
}

/**
 * Executes `plan`, then asks the service again what remains of its scope. The resource cache
 * forgets what was deleted (with the import jobs and versions of deleted parents); the guide's
 * choices of deleted resources are cleared (the chosen files are kept). A cancelled run stops at
 * once and leaves the rest for the next.
 * @returns the plan of what remains (no actionable step when everything of the scope is gone).
 * @throws AppError as {@link executeTeardown}, after the clean-up of the cache.
 */
export async function runTeardown(
  context: ServiceContext,
  plan: TeardownPlan,
  onProgress?: TeardownProgress,
): Promise<TeardownPlan> {
  let failure: Error | undefined;
  try {
    await executeTeardown(context, plan, onProgress);
  } catch (error) {
    if ((context.signal?.aborted ?? false) || hasErrorCode(error, 'job.cancelled')) throw error;
    failure = error instanceof Error ? error : new AppError('job.failed', String(error));
  }
  const remaining = await planTeardown(context, {
    scope: plan.scope,
    includeEnvironment: plan.includeEnvironment,
  });
  const alive = new Set(remaining.steps.map((step) => step.arn));
  const deleted = new Set(
    plan.steps
      .filter((step) => step.action === 'delete' && !alive.has(step.arn))
      .map((step) => step.arn),
  );
  await forgetDeleted(context, deleted);
  await context.updateChoices((choices) => {
    if (choices.datasetGroupArn !== undefined && deleted.has(choices.datasetGroupArn)) {
      Reflect.deleteProperty(choices, 'datasetGroupArn');
      Reflect.deleteProperty(choices, 'campaignArn');
      Reflect.deleteProperty(choices, 'exploredCampaignArn');
      choices.recipes = [];
    }
    if (choices.campaignArn !== undefined && deleted.has(choices.campaignArn))
      Reflect.deleteProperty(choices, 'campaignArn');
    if (choices.exploredCampaignArn !== undefined && deleted.has(choices.exploredCampaignArn))
      Reflect.deleteProperty(choices, 'exploredCampaignArn');
  });
  if (failure !== undefined) throw failure;
  return remaining;
}

/**
 * Deletes every resource of the workspace's scope (its prefix, bucket, objects and role) by a
 * fresh plan, then lists what remains by asking the service again (the `inventory.list` view,
 * without the schemas the plan kept because a dataset outside the scope uses them).
 * Used where the teardown is one step of a larger job (deleting a workspace).
 * @throws AppError `aws.*`, `job.cancelled`, `job.failed` (timeout).
 */
export async function teardownPoc(context: ServiceContext): Promise<TeardownResult> {
  const before = await listInventory(context);
  const plan = await planTeardown(context);
  await runTeardown(context, plan, (step, done, total) =>
    context.report(`Deleted ${step.kind} ${step.name}`, { done, total, unit: 'resources' }),
  );
  const kept = new Set(plan.steps.filter((step) => step.action === 'keep').map((step) => step.arn));
  const remaining = (await listInventory(context)).filter((entry) => !kept.has(entry.arn));
  const left = new Set(remaining.map((entry) => entry.arn));
  return {
    deleted: before.filter((entry) => !left.has(entry.arn) && !kept.has(entry.arn)),
    remaining,
  };
}
