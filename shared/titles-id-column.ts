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
 * The column of a titles file that most likely holds the items' ITEM_ID: the one column the
 * name points at (see {@link idColumnsByName}); when the name gives none or several, the column
 * holding the most item ids of the dataset (`matches`; among the named ones when several are
 * named, the first on a tie). Undefined when the name gives no single answer and no column
 * holds any item id (or `matches` is not known yet).
 */
export function pickIdColumn(
  columns: readonly string[],
  matches?: readonly IdColumnMatch[],
): string | undefined {
  const named = idColumnsByName(columns);
  if (named.length === 1) return named[0];
  if (matches === undefined) return undefined;
  const candidates = named.length > 1 ? named : columns;
  let best: IdColumnMatch | undefined;
  for (const column of candidates) {
    const match = matches.find((entry) => entry.column === column);
    if (
      match !== undefined &&
      match.matched > 0 &&
      (best === undefined || match.matched > best.matched)
    )
      best = match;
  }
  return best?.column;
}
