import { otherMetadata, pickTitle } from '../../../../shared/item-display.js';

/**
 * How the explorer names an item: the values of the chosen columns joined by ` · ` (empty
 * values skipped), else the first title-like column (TITLE, PRODUCT_NAME, NAME, DESCRIPTION),
 * else the item id. `keys` are the columns used (left out of the details).
 */
export function itemName(
  itemId: string,
  metadata: Readonly<Record<string, string>>,
  nameColumns: readonly string[] = [],
): { name: string; keys: string[] } {
  if (nameColumns.length > 0) {
    const parts = nameColumns
      .map((column) => metadata[column]?.trim() ?? '')
      .filter((value) => value !== '');
    return { name: parts.length === 0 ? itemId : parts.join(' · '), keys: [...nameColumns] };
  }
  const { title, key } = pickTitle(itemId, metadata);
  return { name: title, keys: key === undefined ? [] : [key] };
}

/** The metadata to show beside the name: every other non-empty column. */
export function itemDetails(
  metadata: Readonly<Record<string, string>>,
  nameKeys: readonly string[],
): Array<[string, string]> {
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata))
    if (!nameKeys.includes(key)) rest[key] = value;
  return otherMetadata(rest, undefined);
}
