import { AppError, serializeError } from '../../../shared/errors.js';
import {
  TeardownPlanSchema,
  type InventoryAlive,
  type InventorySnapshot,
  type InventoryView,
  type TeardownPlan,
} from '../../../shared/ipc/inventory.js';
import { runningCost, syncCampaignCache } from './running-cost.js';
import { isTerminalJobState } from '../../../shared/jobs.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import type { WorkspaceRuntime } from '../workspaces/workspace.js';
import { scanAccount, scanEnvironment, type AccountScan } from './account-scan.js';
import { listInventory } from './inventory-service.js';
import { buildInventoryView, countAlive, countBillable, ownPart } from './inventory-view.js';
import { snapshotFile, SnapshotStore } from './snapshot-store.js';
import { planTeardown, runTeardown } from './teardown-service.js';
import { isActionable } from '../../../shared/inventory/teardown-rules.js';

/** Account scans shared by the workspaces of one target (same sandbox or profile, same region) within one call. */
type ScanCache = Map<string, Promise<AccountScan>>;

/** The key of a workspace's account and region. */
function targetKey(runtime: WorkspaceRuntime): string {
  const target = runtime.config.target;
  return target.kind === 'aws'
    ? `aws:${target.profile}:${target.region}`
    : `sandbox:${target.region}`;
}

/** The inventory view of a workspace's account (asked of STS) and region (see `buildInventoryView`). */
async function inventoryView(
  deps: StudioDeps,
  runtime: WorkspaceRuntime,
  scans: ScanCache = new Map(),
): Promise<InventoryView> {
  const context = runtime.context();
  const key = targetKey(runtime);
  const shared = scans.get(key) ?? scanAccount(context);
  scans.set(key, shared);
  const [identity, scan, environment] = await Promise.all([
    runtime.checkIdentity(),
    shared,
    scanEnvironment(context),
  ]);
  return buildInventoryView({
    workspace: context.workspace,
    workspaces: deps.workspaces.list(),
    scan,
    environment,
    accountId: identity.accountId ?? runtime.expectedAccountId,
    lastRequestAtMs: (arn) => {
      const last = runtime.resources.get(arn)?.studio.lastRequestAtMs;
      return typeof last === 'number' ? last : undefined;
    },
  });
}

/**
 * Each workspace's own part at its last listing in this session (or read back from its last
 * snapshot), by workspace id: the running cost's source of recommenders.
 */
type ListedViews = Map<string, InventoryView>;

/** What every workspace still holds (its own part of its account's view), one scan per account and region; records each own part in `listed`. */
async function aliveEverywhere(
  deps: StudioDeps,
  scans: ScanCache,
  listed: ListedViews,
  onDone?: (runtime: WorkspaceRuntime) => Promise<void>,
): Promise<InventoryAlive[]> {
  return Promise.all(
    deps.workspaces.all().map(async (runtime): Promise<InventoryAlive> => {
      const base = { workspaceId: runtime.id, workspaceName: runtime.config.name };
      try {
        const view = ownPart(await inventoryView(deps, runtime, scans));
        await syncCampaignCache(runtime.resources, view);
        listed.set(runtime.id, view);
        return { ...base, view, alive: countAlive(view), billable: countBillable(view) };
      } catch (error) {
        const serialized = serializeError(error);
        return {
          ...base,
          alive: 0,
          billable: 0,
          error: { code: serialized.code, message: serialized.message },
        };
      } finally {
        await onDone?.(runtime);
      }
    }),
  );
}

/** The plan persisted in a teardown job's params (absent for jobs of earlier versions). */
function persistedPlan(params: Readonly<Record<string, unknown>>): TeardownPlan | undefined {
  const parsed = TeardownPlanSchema.safeParse(params.plan);
  return parsed.success ? parsed.data : undefined;
}

/** A listed view without the resources of `gone` (ARNs a teardown deleted). */
function withoutArns(view: InventoryView, gone: ReadonlySet<string>): InventoryView {
  return {
    ...view,
    groups: view.groups
      .filter((group) => !gone.has(group.datasetGroup.arn))
      .map((group) => ({
        ...group,
        resources: group.resources.filter((entry) => !gone.has(entry.arn)),
      })),
  };
}

/**
 * Runs a persisted (or, for an older job, a fresh) plan, reporting per resource; fails when
 * anything of the scope remains. `onGone` hears the ARNs deleted (the plan's steps the service no
 * longer lists), also when the job fails.
 */
async function teardownJob(
  context: ServiceContext,
  params: Readonly<Record<string, unknown>>,
  onGone: (arns: ReadonlySet<string>) => void,
): Promise<void> {
  const plan = persistedPlan(params) ?? (await planTeardown(context));
  await context.report(`Deleting ${plan.actionable} resources`, {
    done: 0,
    total: plan.actionable,
    unit: 'resources',
  });
  const remaining = await runTeardown(context, plan, (step, done, total) =>
    context.report(`${step.action === 'stop' ? 'Stopped' : 'Deleted'} ${step.kind} ${step.name}`, {
      done,
      total,
      unit: 'resources',
    }),
  );
  const still = new Set(remaining.steps.map((step) => step.arn));
  onGone(new Set(plan.steps.map((step) => step.arn).filter((arn) => !still.has(arn))));
  const left = remaining.steps.filter((step) => isActionable(step.action));
  if (left.length > 0) {
    throw new AppError(
      'job.failed',
      `Teardown left ${left.length} resources: ${left.map((step) => step.arn).join(', ')}`,
      { details: { remaining: left.length } },
    );
  }
}

/**
 * The `inventory` domain: what a workspace's account holds (`inventory.list`, `inventory.get`,
 * `inventory.alive`; `inventory.refresh` as a job whose result `inventory.snapshot` returns),
 * what bills by the hour anywhere (`inventory.runningCost`, from the resource caches and the last listings), the teardown plan of a scope (`inventory.plan`, a dry run) and its
 * execution as an `inventory.teardown` job whose params hold the plan, persisted before the job
 * starts so that a restarted app resumes that plan.
 */
export function inventoryModule(deps: StudioDeps): DomainModule {
  /** The last refresh's result per asking workspace, persisted beside its resource cache (stale after a restart). */
  const snapshots = new SnapshotStore((workspaceId) =>
    snapshotFile(deps.workspaces.get(workspaceId).resources.filePath),
  );
  const listed: ListedViews = new Map();
  /** The running cost's sources: each workspace's cache and its last own listing (this session's, else its last snapshot's). */
  const costSources = async () =>
    Promise.all(
      deps.workspaces.all().map(async (runtime) => {
        if (!listed.has(runtime.id)) {
          const stored = (await snapshots.get(runtime.id))?.alive?.find(
            (entry) => entry.workspaceId === runtime.id,
          )?.view;
          if (stored !== undefined && !listed.has(runtime.id)) listed.set(runtime.id, stored);
        }
        return {
          config: runtime.config,
          resources: runtime.resources,
          listed: listed.get(runtime.id),
        };
      }),
    );
  const unfinished = (workspaceId: string, kind: 'inventory.refresh' | 'inventory.teardown') =>
    deps.jobs.list(workspaceId).find((job) => job.kind === kind && !isTerminalJobState(job.state));
  return {
    handlers: {
      'inventory.list': async (input) => {
        const entries = await listInventory(deps.workspaces.get(input.workspaceId).context());
        return entries.map((entry) => ({
          kind: entry.kind,
          arn: entry.arn,
          ...(entry.name === undefined ? {} : { name: entry.name }),
          ...(entry.status === undefined ? {} : { status: entry.status }),
        }));
      },
      'inventory.get': (input) => inventoryView(deps, deps.workspaces.get(input.workspaceId)),
      'inventory.alive': () => aliveEverywhere(deps, new Map(), listed),
      'inventory.refresh': async (input) => {
        deps.workspaces.get(input.workspaceId);
        const running = unfinished(input.workspaceId, 'inventory.refresh');
        if (running !== undefined) return { jobId: running.id };
        return { jobId: (await deps.jobs.start('inventory.refresh', input.workspaceId, {})).id };
      },
      'inventory.snapshot': async (input): Promise<InventorySnapshot> => {
        deps.workspaces.get(input.workspaceId);
        const running = unfinished(input.workspaceId, 'inventory.refresh');
        return {
          ...((await snapshots.get(input.workspaceId)) ?? {}),
          ...(running === undefined ? {} : { jobId: running.id }),
        };
      },
      'inventory.runningCost': async () => runningCost(await costSources()),
      'inventory.plan': (input) =>
        planTeardown(deps.workspaces.get(input.workspaceId).context(), {
          scope: input.scope,
          includeEnvironment: input.includeEnvironment,
        }),
      'inventory.teardown': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const running = unfinished(input.workspaceId, 'inventory.teardown');
        if (running !== undefined) return { jobId: running.id };
        const plan = await planTeardown(runtime.context(), {
          scope: input.scope,
          includeEnvironment: input.includeEnvironment,
        });
        return {
          jobId: (
            await deps.jobs.start('inventory.teardown', input.workspaceId, {
              scope: plan.scope,
              includeEnvironment: plan.includeEnvironment,
              plan,
            })
          ).id,
        };
      },
    },
    runners: {
      'inventory.refresh': async (job) => {
        const runtime = deps.workspaces.get(job.job.workspaceId);
        // One unit per workspace: the asking workspace's full listing shares its account scan
        // with its own part, so it is counted once, when that part is listed.
        const total = deps.workspaces.all().length;
        let done = 0;
        const scans: ScanCache = new Map();
        await job.update({
          step: `Listing ${runtime.config.name}'s account`,
          progress: { done, total, unit: 'workspaces' },
        });
        const view = await inventoryView(deps, runtime, scans);
        const alive = await aliveEverywhere(deps, scans, listed, async (each) => {
          done += 1;
          await job.update({
            step: `Listed what ${each.config.name} still holds`,
            progress: { done, total, unit: 'workspaces' },
          });
        });
        if (job.signal.aborted) return;
        await snapshots.save(job.job.workspaceId, {
          view,
          alive,
          refreshedAtMs: view.scannedAtMs,
        });
      },
      'inventory.teardown': workspaceJob(deps.workspaces, 1, (context, job) =>
        teardownJob(context, job.job.params, (gone) => {
          const view = listed.get(job.job.workspaceId);
          if (view !== undefined) listed.set(job.job.workspaceId, withoutArns(view, gone));
        }),
      ),
    },
  };
}
