/**
 * The column of a titles file that most likely holds the items' ITEM_ID, by name: `ITEM_ID`
 * itself, then a column whose name (case, `_`, `-` and spaces ignored) is `itemid`, `id`, or
 * ends in `id` (MovieLens movies.csv: `movieId`). Undefined when no name fits: the user picks.
 */
export function suggestIdColumn(columns: readonly string[]): string | undefined {
  const norm = (column: string) => column.toLowerCase().replace(/[\s_-]/g, '');
  const ranked: Array<(n: string) => boolean> = [
    (n) => n === 'itemid',
    (n) => n === 'id',
    (n) => n.endsWith('id'),
  ];
  for (const test of ranked) {
    const found = columns.find((column) => test(norm(column)));
    if (found !== undefined) return found;
  }
  return undefined;
}
