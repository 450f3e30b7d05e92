import {
  findColumn,
  REQUIRED_FIELDS,
  type RuleDatasetType,
} from '../../shared/rules/dataset-rules.js';

/** Dataset types the preview checks know (the rule module's dataset types). */
export type PreviewDatasetType = RuleDatasetType;

/** Required columns per dataset type (SPEC §4.3), from the rule module shared/rules/dataset-rules.ts. */
export const REQUIRED_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> =
  REQUIRED_FIELDS;

/**
 * Finds the file column for a canonical Personalize name: exact match first, then a
 * case-insensitive one (which the rules report as needing a rename, `column.case`).
 */
export function resolveColumn(
  columns: readonly { readonly name: string }[],
  canonical: string,
): string | undefined {
  return findColumn(columns, canonical);
}
