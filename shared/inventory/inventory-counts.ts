import type {
  InventoryItem,
  InventoryKind,
  InventoryView,
  TeardownAction,
  TeardownPlan,
} from '../ipc/inventory.js';
import { isDeleting } from '../resources.js';
import { isBilledByTheHour } from '../rules/prices.js';
import type { CountScope } from './count-text.js';
import { REMOVED_WITH_GROUP_KINDS, teardownActionOf } from './teardown-rules.js';

/** What bills by the hour: ACTIVE campaigns and started (ACTIVE) recommenders. */
export interface RunningCounts {
  readonly campaigns: number;
  readonly recommenders: number;
}

/**
 * The one count of the inventory: how many resources a listing holds and what its teardown does
 * with them. The Inventory page, the "Still alive anywhere" table, the running-cost badge, the
 * Clean up step's plan, the teardown job, the quit reminder and the CLI all count with it, so the
 * same listing says the same numbers everywhere (each with the words of its scope, `CountScope`).
 *
 * What counts as a resource: what the service lists and a user could delete, or that bills —
 * dataset groups, datasets, schemas, solutions, solution versions (training bills; a settled
 * version goes with its solution), campaigns, recommenders, filters, event trackers, metric
 * attributions, the studio's S3 bucket, the bucket's objects (one resource, however many objects:
 * the teardown empties the bucket in one step) and its IAM role. Import, export, batch inference
 * and batch segment jobs are history: listed and shown, counted apart as `jobRecords`, never in
 * `total` (the service removes them with their dataset group). A resource `DELETE PENDING` /
 * `DELETE IN_PROGRESS` is still listed: it is in `total`, as `deleting`.
 *
 * `total = deletable + deleting + removedWithParent + kept`.
 */
export interface InventoryCounts {
  /** Resources listed (job records apart). */
  readonly total: number;
  /** What the teardown stops or deletes (its `stop` / `delete` steps not already being deleted). */
  readonly deletable: number;
  /** Not deletable: settled solution versions, gone with their solution. */
  readonly removedWithParent: number;
  /** Already `DELETE PENDING` / `DELETE IN_PROGRESS`: the teardown waits until they are gone. */
  readonly deleting: number;
  /** Schemas kept because a dataset outside the scope uses them. */
  readonly kept: number;
  /** Import, export, batch inference and batch segment jobs: history, not in `total`. */
  readonly jobRecords: number;
  /** What bills by the hour among them (see {@link RunningCounts}). */
  readonly running: RunningCounts;
}

/** One resource as counted: its kind, status and what the teardown does with it. */
export interface CountedEntry {
  readonly kind: InventoryKind;
  readonly status?: string | undefined;
  readonly action: TeardownAction;
}

/** True for the kinds that are history, not resources: import, export and batch jobs (see {@link InventoryCounts}). */
export function isJobRecord(kind: InventoryKind): boolean {
  return REMOVED_WITH_GROUP_KINDS.has(kind);
}

/** The running part of a count: ACTIVE campaigns and ACTIVE recommenders (`isBilledByTheHour`). */
export function countRunning(
  entries: readonly { readonly kind: string; readonly status?: string | undefined }[],
): RunningCounts {
  const billing = entries.filter((entry) => isBilledByTheHour(entry.kind, entry.status));
  const campaigns = billing.filter((entry) => entry.kind === 'campaign').length;
  return { campaigns, recommenders: billing.length - campaigns };
}

/** Counts entries by the one rule (see {@link InventoryCounts}). */
export function countEntries(entries: readonly CountedEntry[]): InventoryCounts {
  let total = 0;
  let deletable = 0;
  let removedWithParent = 0;
  let deleting = 0;
  let kept = 0;
  let jobRecords = 0;
  for (const entry of entries) {
    if (isJobRecord(entry.kind)) {
      jobRecords += 1;
      continue;
    }
    total += 1;
    switch (entry.action) {
      case 'stop':
      case 'delete':
        if (isDeleting(entry.status)) deleting += 1;
        else deletable += 1;
        break;
      case 'removedWithParent':
        removedWithParent += 1;
        break;
      case 'keep':
        kept += 1;
        break;
    }
  }
  return {
    total,
    deletable,
    removedWithParent,
    deleting,
    kept,
    jobRecords,
    running: countRunning(entries),
  };
}

/** What a count reads of an inventory view: its dataset groups, schemas and environment. */
export type CountedListing = Pick<InventoryView, 'groups' | 'schemas' | 'environment'>;

/**
 * The count of an inventory listing (a whole view: the account; or a workspace's own part,
 * {@link ownListing}): every item by the one rule, each classified by the teardown's rule
 * (`teardownActionOf`); a schema is kept when a dataset outside the listing's dataset groups
 * uses it (`usedByDatasetArns`).
 */
export function countInventory(view: CountedListing): InventoryCounts {
  const items: InventoryItem[] = [
    ...view.groups.flatMap((group) => [group.datasetGroup, ...group.resources]),
    ...view.schemas,
    ...view.environment,
  ];
  const datasets = new Set(
    items.filter((entry) => entry.kind === 'dataset').map((entry) => entry.arn),
  );
  return countEntries(
    items.map((entry) => ({
      kind: entry.kind,
      status: entry.status,
      action: teardownActionOf(
        entry,
        entry.kind === 'schema' &&
          (entry.usedByDatasetArns ?? []).some((arn) => !datasets.has(arn)),
      ),
    })),
  );
}

/**
 * The part of a view that its own workspace created (`workspaceId` of the view): its dataset
 * groups with everything they hold, its schemas and its environment — the one ownership cut of
 * the Inventory page, the "Still alive anywhere" table and the core's `ownPart`.
 */
export function ownListing(
  view: CountedListing & Pick<InventoryView, 'workspaceId'>,
): CountedListing {
  const own = (entry: InventoryItem): boolean => entry.workspaceId === view.workspaceId;
  return {
    groups: view.groups.filter((group) => own(group.datasetGroup)),
    schemas: view.schemas.filter(own),
    environment: view.environment.filter(own),
  };
}

/** The count of a teardown plan: one per step, by the step's action. */
export function countPlan(plan: Pick<TeardownPlan, 'steps'>): InventoryCounts {
  return countEntries(plan.steps);
}

/** The words of a plan's scope (see `CountScope`): "created by this workspace", "in this dataset group". */
export function planScope(plan: Pick<TeardownPlan, 'scope' | 'includeEnvironment'>): CountScope {
  switch (plan.scope.kind) {
    case 'workspace':
      return { kind: 'workspace', withoutEnvironment: !plan.includeEnvironment };
    case 'datasetGroup':
      return { kind: 'datasetGroup', withEnvironment: plan.includeEnvironment };
    case 'prefix':
      return { kind: 'prefix', prefix: plan.scope.prefix };
  }
}

/** How many steps a teardown runs or waits for: `deletable + deleting` (the job's progress total). */
export function actionableOf(counts: InventoryCounts): number {
  return counts.deletable + counts.deleting;
}

export {
  accountAndOwnText,
  countsText,
  resourcesText,
  runningOfBilling,
  runningText,
  scopeText,
  type CountScope,
} from './count-text.js';
