import type { InventoryKind, TeardownAction } from '../ipc/inventory.js';

/**
 * Kinds the service never deletes on request: import, export and batch jobs go with their
 * dataset group (SPEC §2.2 "not deletable").
 */
export const REMOVED_WITH_GROUP_KINDS: ReadonlySet<InventoryKind> = new Set([
  'datasetImportJob',
  'datasetExportJob',
  'batchInferenceJob',
  'batchSegmentJob',
]);

/** True while a resource is being created (SPEC §2.2): the teardown waits for it to settle. */
export function isCreating(status: string | undefined): boolean {
  return (
    status === 'CREATE PENDING' || status === 'CREATE IN_PROGRESS' || status === 'CREATE STOPPING'
  );
}

/** True for the actions a teardown runs (`stop` or `delete`): the others only list a resource. */
export function isActionable(action: TeardownAction): boolean {
  return action === 'stop' || action === 'delete';
}

/**
 * What a teardown does with one resource of its scope, the one rule the plan and every count of
 * the inventory share:
 *
 * - a solution version still being created (`CREATE PENDING` / `CREATE IN_PROGRESS` /
 *   `CREATE STOPPING`) is `stop`ped (StopSolutionVersionCreation, SPEC §2.13); a settled one is
 *   `removedWithParent` (the service deletes it with its solution);
 * - import, export, batch inference and batch segment jobs are `removedWithParent` (with their
 *   dataset group, SPEC §2.2);
 * - a schema that a dataset outside the scope uses is `keep` (SPEC §2.6:
 *   DeleteSchema is refused while a dataset uses it);
 * - anything else is `delete`d (also when it is already `DELETE PENDING` / `DELETE IN_PROGRESS`:
 *   the teardown waits until it is gone).
 *
 * @param isUsedOutsideScope schemas only: true when a dataset outside the scope uses it.
 */
export function teardownActionOf(
  resource: { readonly kind: InventoryKind; readonly status?: string | undefined },
  isUsedOutsideScope = false,
): TeardownAction {
  if (resource.kind === 'solutionVersion')
    return isCreating(resource.status) ? 'stop' : 'removedWithParent';
  if (REMOVED_WITH_GROUP_KINDS.has(resource.kind)) return 'removedWithParent';
  if (resource.kind === 'schema' && isUsedOutsideScope) return 'keep';
  return 'delete';
}
