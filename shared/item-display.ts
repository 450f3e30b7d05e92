/**
 * How the studio shows an item: its display title and metadata. Shared by the renderer's
 * explorer and the CLI demo so both name items the same way.
 */
/** Metadata keys that name an item, best first (compared case-insensitively). */
export const TITLE_KEYS = ['TITLE', 'PRODUCT_NAME', 'NAME', 'DESCRIPTION'] as const;

/** Keys that are the item id itself, never shown as metadata. */
const ID_KEYS = new Set(['ITEM_ID']);

/**
 * The display title of an item: the value of the first non-empty metadata key matching
 * TITLE, PRODUCT_NAME, NAME or DESCRIPTION (case-insensitively), else the item id.
 * `key` is the metadata key used, undefined when the item id stands in.
 */
export function pickTitle(
  itemId: string,
  metadata: Readonly<Record<string, string>>,
): { title: string; key: string | undefined } {
  for (const wanted of TITLE_KEYS) {
    const key = Object.keys(metadata).find((candidate) => candidate.toUpperCase() === wanted);
    const value = key === undefined ? undefined : metadata[key]?.trim();
    if (key !== undefined && value !== undefined && value !== '') return { title: value, key };
  }
  return { title: itemId, key: undefined };
}

/** A metadata value for display: epoch-seconds `*TIMESTAMP` fields read as dates (UTC). */
export function formatMetadataValue(key: string, value: string): string {
  if (/TIMESTAMP$/i.test(key) && /^\d{9,10}$/.test(value))
    return new Date(Number(value) * 1000).toISOString().slice(0, 10);
  return value.split('|').join(', ');
}

/**
 * The metadata to show beside the title: every non-empty field except the title's and the
 * item id, as `[key, value]` pairs in file order; multi-values (`a|b`) read `a, b`.
 */
export function otherMetadata(
  metadata: Readonly<Record<string, string>>,
  titleKey: string | undefined,
): Array<[string, string]> {
  return Object.entries(metadata)
    .filter(
      ([key, value]) => key !== titleKey && !ID_KEYS.has(key.toUpperCase()) && value.trim() !== '',
    )
    .map(([key, value]) => [key, formatMetadataValue(key, value)]);
}
