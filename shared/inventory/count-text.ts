import type { InventoryCounts, RunningCounts } from './inventory-counts.js';

/*
 * The one wording of the inventory's counts (`inventory-counts.ts`), with no import but types, so
 * that the price rules' quit reminder can use it too.
 */

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Whose resources a count holds, said beside its number wherever two surfaces count different
 * scopes ("24 resources in this account; 17 resources created by this workspace"):
 *
 * - `account`: everything listed in the workspace's account and region (every workspace's and
 *   no workspace's dataset groups, every schema), with this workspace's bucket and role;
 * - `workspace`: what this workspace created (its tag, else its name prefix), with its bucket and
 *   role unless `withoutEnvironment`;
 * - `everyWorkspace`: what every workspace of the studio created (the running-cost badge, the
 *   quit reminder);
 * - `datasetGroup`: one dataset group, what it holds and the schemas only its datasets use (with
 *   the bucket and role when `withEnvironment`);
 * - `prefix`: the dataset groups and schemas named `<prefix>…`.
 */
export type CountScope =
  | { readonly kind: 'account' }
  | { readonly kind: 'workspace'; readonly withoutEnvironment?: boolean }
  | { readonly kind: 'everyWorkspace' }
  | { readonly kind: 'datasetGroup'; readonly withEnvironment?: boolean }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** The words of a scope, as they follow a number: "in this account", "created by this workspace". */
export function scopeText(scope: CountScope): string {
  switch (scope.kind) {
    case 'account':
      return 'in this account';
    case 'workspace':
      return scope.withoutEnvironment === true
        ? 'created by this workspace (its bucket and role left out)'
        : 'created by this workspace';
    case 'everyWorkspace':
      return 'in every workspace';
    case 'datasetGroup':
      return scope.withEnvironment === true
        ? 'in this dataset group, with the bucket and role'
        : 'in this dataset group';
    case 'prefix':
      return `named ${scope.prefix}…`;
  }
}

/** The running part in words: "1 campaign, 2 recommenders". */
export function runningText(running: RunningCounts): string {
  return `${plural(running.campaigns, 'campaign')}, ${plural(running.recommenders, 'recommender')}`;
}

/**
 * How many campaigns and recommenders a list of billing resources holds (the running-cost
 * badge's and the quit reminder's resources, every one of which bills by the hour): the
 * {@link RunningCounts} of `countRunning` for a list already filtered by `isBilledByTheHour`.
 */
export function runningOfBilling(
  resources: readonly { readonly kind: 'campaign' | 'recommender' }[],
): RunningCounts {
  const campaigns = resources.filter((resource) => resource.kind === 'campaign').length;
  return { campaigns, recommenders: resources.length - campaigns };
}

/**
 * The resource part in words: "14 resources created by this workspace, 11 to delete, 1 being
 * deleted, 1 removed with their parent, 1 kept, plus 3 job records (history, not counted)".
 * The scope's words follow the number when `scope` is given; zero parts after "to delete" are
 * left out.
 */
export function resourcesText(counts: InventoryCounts, scope?: CountScope): string {
  return [
    `${plural(counts.total, 'resource')}${scope === undefined ? '' : ` ${scopeText(scope)}`}`,
    `${counts.deletable} to delete`,
    ...(counts.deleting > 0 ? [`${counts.deleting} being deleted`] : []),
    ...(counts.removedWithParent > 0
      ? [`${counts.removedWithParent} removed with their parent`]
      : []),
    ...(counts.kept > 0 ? [`${counts.kept} kept`] : []),
    ...(counts.jobRecords > 0
      ? [`plus ${plural(counts.jobRecords, 'job record')} (history, not counted)`]
      : []),
  ].join(', ');
}

/**
 * The one wording of a count, wherever it is shown: "14 resources created by this workspace, 11
 * to delete, 2 removed with their parent, 1 kept; running cost: 1 campaign, 0 recommenders".
 */
export function countsText(counts: InventoryCounts, scope?: CountScope): string {
  return `${resourcesText(counts, scope)}; running cost: ${runningText(counts.running)}`;
}

/**
 * The Inventory page's two scopes in one sentence: "24 resources in this account; 17 resources
 * created by this workspace, 12 to delete, …; running cost: …" — the account's total, then the
 * workspace's own part in the words of its Clean up plan ({@link countsText}).
 */
export function accountAndOwnText(account: InventoryCounts, own: InventoryCounts): string {
  return `${plural(account.total, 'resource')} ${scopeText({ kind: 'account' })}; ${countsText(own, { kind: 'workspace' })}`;
}
