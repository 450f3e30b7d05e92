import type {
  InventoryItem,
  InventoryKind,
  InventoryView,
  TeardownAction,
  TeardownPlan,
} from '../ipc/inventory.js';
import { isDeleting } from '../resources.js';
import { isBilledByTheHour } from '../rules/prices.js';
import { teardownActionOf } from './teardown-rules.js';

/** What bills by the hour: ACTIVE campaigns and started (ACTIVE) recommenders. */
export interface RunningCounts {
  readonly campaigns: number;
  readonly recommenders: number;
}

/**
 * How many resources a workspace's scope holds, and what its teardown does with them. One count
 * for the Inventory page, the "still alive" table, the running-cost badge, the Clean up step and
 * the teardown job, so they all say the same numbers.
 *
 * `total` is one per row of the inventory (each dataset group, each thing it holds, each schema,
 * the bucket, the role, and one row standing for all the bucket's objects) and one per step of a
 * teardown plan: `total = deletable + deleting + removedWithParent + kept`.
 */
export interface InventoryCounts {
  readonly total: number;
  /** What the teardown stops or deletes (its `stop` / `delete` steps not already being deleted). */
  readonly deletable: number;
  /** Not deletable: solution versions and import / export / batch jobs, gone with their parent. */
  readonly removedWithParent: number;
  /** Already `DELETE PENDING` / `DELETE IN_PROGRESS`: the teardown waits until they are gone. */
  readonly deleting: number;
  /** Schemas kept because a dataset outside the scope uses them. */
  readonly kept: number;
  /** What bills by the hour among them (see {@link RunningCounts}). */
  readonly running: RunningCounts;
}

/** One resource as counted: its kind, status and what the teardown does with it. */
export interface CountedEntry {
  readonly kind: InventoryKind;
  readonly status?: string | undefined;
  readonly action: TeardownAction;
}

/** The running part of a count: ACTIVE campaigns and ACTIVE recommenders (`isBilledByTheHour`). */
export function countRunning(
  entries: readonly { readonly kind: string; readonly status?: string | undefined }[],
): RunningCounts {
  const billing = entries.filter((entry) => isBilledByTheHour(entry.kind, entry.status));
  const campaigns = billing.filter((entry) => entry.kind === 'campaign').length;
  return { campaigns, recommenders: billing.length - campaigns };
}

/** Counts entries by what the teardown does with them (see {@link InventoryCounts}). */
export function countEntries(entries: readonly CountedEntry[]): InventoryCounts {
  let deletable = 0;
  let removedWithParent = 0;
  let deleting = 0;
  let kept = 0;
  for (const entry of entries) {
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
    total: entries.length,
    deletable,
    removedWithParent,
    deleting,
    kept,
    running: countRunning(entries),
  };
}

/**
 * The count of an inventory view (usually a workspace's own part, `ownPart`): every row, each
 * classified by the teardown's rule (`teardownActionOf`); a schema is kept when a dataset
 * outside the view's dataset groups uses it (`usedByDatasetArns`).
 */
export function countInventory(
  view: Pick<InventoryView, 'groups' | 'schemas' | 'environment'>,
): InventoryCounts {
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

/** The count of a teardown plan: one per step, by the step's action. */
export function countPlan(plan: Pick<TeardownPlan, 'steps'>): InventoryCounts {
  return countEntries(plan.steps);
}

/** How many steps a teardown runs or waits for: `deletable + deleting` (the job's progress total). */
export function actionableOf(counts: InventoryCounts): number {
  return counts.deletable + counts.deleting;
}

export { countsText, resourcesText, runningText } from './count-text.js';
