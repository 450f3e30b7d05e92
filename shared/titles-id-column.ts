/**
 * Choosing the item id column of a titles file (e.g. MovieLens movies.csv: `movieId`): by name
 * first, then by how many of the dataset's item ids each column holds.
 */

/** How many of the dataset's items a column of a titles file names. */
export interface IdColumnMatch {
  readonly column: string;
  /** Distinct item ids of the dataset found in the column. */
  readonly matched: number;
}

const norm = (column: string): string => column.toLowerCase().replace(/[\s_-]/g, '');

/** Name tests, best first: `itemid`, `id`, a name ending in `id` (case, `_`, `-`, spaces ignored). */
const NAME_TIERS: ReadonlyArray<(name: string) => boolean> = [
  (name) => name === 'itemid',
  (name) => name === 'id',
  (name) => name.endsWith('id'),
];

/**
 * The columns the name points at: those of the best name tier that any column fits
 * (`ITEM_ID`, then `id`, then names ending in `id`), in file order; empty when no name fits.
 */
export function idColumnsByName(columns: readonly string[]): string[] {
  for (const test of NAME_TIERS) {
    const found = columns.filter((column) => test(norm(column)));
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The column of a titles file that most likely holds the items' ITEM_ID: a column named
 * `ITEM_ID` (case, `_`, `-` and spaces ignored) at once; else, once `matches` are counted, the
 * column holding the most item ids of the dataset (on a tie, one the name points at, see
 * {@link idColumnsByName}, then the first in file order), so a `CustomerID` that matches no item
 * never wins over the `StockCode` that does; when no column holds any item id (an empty
 * `matches`, e.g. they could not be counted), the one column the name points at. Undefined
 * while `matches` are not known (unless a column is named `ITEM_ID`), and when nothing fits.
 */
export function pickIdColumn(
  columns: readonly string[],
  matches?: readonly IdColumnMatch[],
): string | undefined {
  const itemId = columns.find((column) => norm(column) === 'itemid');
  if (itemId !== undefined) return itemId;
  if (matches === undefined) return undefined;
  const named = idColumnsByName(columns);
  let best: IdColumnMatch | undefined;
  for (const column of columns) {
    const match = matches.find((entry) => entry.column === column);
    if (match === undefined || match.matched <= 0) continue;
    if (
      best === undefined ||
      match.matched > best.matched ||
      (match.matched === best.matched && named.includes(column) && !named.includes(best.column))
    )
      best = match;
  }
  if (best !== undefined) return best.column;
  return named.length === 1 ? named[0] : undefined;
}
