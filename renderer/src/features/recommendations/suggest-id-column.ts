import { idColumnsByName } from '../../../../shared/titles-id-column.js';

/**
 * The column of a titles file that most likely holds the items' ITEM_ID, by name: `ITEM_ID`
 * itself, then a column whose name (case, `_`, `-` and spaces ignored) is `itemid`, `id`, or
 * ends in `id` (MovieLens movies.csv: `movieId`); the first in file order when several fit the
 * same test. Undefined when no name fits. See `pickIdColumn` for the pick by overlap.
 */
export function suggestIdColumn(columns: readonly string[]): string | undefined {
  return idColumnsByName(columns)[0];
}
