import type { InventoryCounts, RunningCounts } from './inventory-counts.js';

/*
 * The one wording of the inventory's counts (`inventory-counts.ts`), with no import but types, so
 * that the price rules' quit reminder can use it too.
 */

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The running part in words: "1 campaign, 2 recommenders". */
export function runningText(running: RunningCounts): string {
  return `${plural(running.campaigns, 'campaign')}, ${plural(running.recommenders, 'recommender')}`;
}

/** The resource part in words: "14 resources, 11 to delete, 2 removed with their parent, 1 kept" (zero parts after "to delete" left out). */
export function resourcesText(counts: InventoryCounts): string {
  return [
    plural(counts.total, 'resource'),
    `${counts.deletable} to delete`,
    ...(counts.deleting > 0 ? [`${counts.deleting} already being deleted`] : []),
    ...(counts.removedWithParent > 0
      ? [`${counts.removedWithParent} removed with their parent`]
      : []),
    ...(counts.kept > 0 ? [`${counts.kept} kept`] : []),
  ].join(', ');
}

/**
 * The one wording of a count, wherever it is shown: "14 resources, 11 to delete, 2 removed with
 * their parent, 1 kept; running cost: 1 campaign, 0 recommenders".
 */
export function countsText(counts: InventoryCounts): string {
  return `${resourcesText(counts)}; running cost: ${runningText(counts.running)}`;
}
