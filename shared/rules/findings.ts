/**
 * The findings model of data validation: what a rule of {@link ./dataset-rules.js} reports
 * about a customer file, and how a finding maps onto the preview's `DataCheck`.
 */
import type { DataCheck } from '../ipc/data.js';
import type { MappingFix } from '../prepare/mapping-fix.js';
import type { Step } from '../prepare/recipe.js';

/** `error` blocks the import (the service would fail the job); `warning` does not; `info` is context. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * Stable codes of the findings, one per rule (SPEC section of each in its description).
 *
 * Codes never change once shipped: tests, the CLI's `--json` output and the fix recipes key on
 * them. The messages may be reworded.
 */
export const FINDING_CODES = {
  'file.empty': 'No header and no rows (SPEC §5.1).',
  'file.headerOnly': 'A header but no data rows (SPEC §5.1, §5.2).',
  'file.separator': 'Not comma-separated (SPEC §5.1).',
  'file.noHeader': 'Line 1 looks like data, not a header (SPEC §5.1).',
  'header.quoted': 'The header row is quoted (SPEC §5.1: "not quoted").',
  'encoding.bom': 'UTF-8 with a BOM, which the service strips (SPEC §5.1).',
  'encoding.utf16': 'UTF-16 text; the service needs UTF-8 (SPEC §5.1).',
  'encoding.latin1': 'Latin-1 / Windows-1252 text; the service needs UTF-8 (SPEC §5.1).',
  'row.malformed': "A row the CSV parser cannot split into the header's columns (SPEC §5.1, §5.4).",
  'column.missing': 'A required column is missing (SPEC §4.3, §5.4).',
  'column.case': 'A required column differs from its reserved name by case or spaces (SPEC §5.1).',
  'column.invalidName': 'A header name is not a valid Avro field name (SPEC §4.2).',
  'column.nameClash': 'Two names clash once non-alphanumerics are removed (SPEC §4.2).',
  'column.reservedElsewhere': 'A field reserved in another dataset type (SPEC §4.3).',
  'schema.fieldMissing': 'A schema field has no column in the file (SPEC §5.1).',
  'schema.extraColumn': 'A column the schema does not declare (SPEC §5.1).',
  'schema.order': 'Columns in a different order from the schema (SPEC §5.1).',
  'type.mismatch': 'Values that do not fit the field type (SPEC §5.1).',
  'reserved.type': 'A reserved field with values of the wrong type (SPEC §4.2, §4.3).',
  'null.required': 'Empty cells in a field that cannot be null (SPEC §4.3, §5.1).',
  'id.tooLong': 'Ids over 256 characters (SPEC §4.3, §5.1).',
  'id.decimal': 'Ids written as decimal numbers (17850.0) (SPEC §5.1).',
  'timestamp.notEpoch': 'Timestamps that are not Unix epoch seconds (SPEC §5.1).',
  'timestamp.milliseconds': 'Timestamps that look like milliseconds (SPEC §5.1).',
  'timestamp.fractional': 'Timestamps with a fractional part (SPEC §5.1: long).',
  'timestamp.zeroVariance': 'The same timestamp on every row (SPEC §5.1, §5.5).',
  'timestamp.future': 'Timestamps after the validation time (SPEC §5.1).',
  'categorical.tooLong': 'Categorical values over 1,000 characters (SPEC §5.1).',
  'categorical.separator': '`|`-joined values in a field not marked categorical (SPEC §5.1).',
  'metadata.none': 'Items / Users without a metadata column (SPEC §4.3).',
  'metadata.tooMany': 'More metadata fields than the dataset type allows (SPEC §4.3, §9).',
  'data.tooFewInteractions': 'Fewer than 1,000 interactions (SPEC §5.2, §5.5).',
  'data.tooFewActiveUsers': 'Fewer than 25 users with 2 or more interactions (SPEC §5.5).',
  'data.lowActiveShare': 'Under 1% of users with 2 or more interactions (SPEC §5.5).',
  'eventType.tooMany': 'More than 10 event types and optional columns (SPEC §4.3).',
  'eventType.nearDuplicate': 'Event types that differ only by case or spaces (SPEC §4.3).',
  'row.duplicate': 'Rows identical in every column (SPEC §5.3).',
  'row.cancelled':
    'Cancellation rows of an order-line export: invoice numbers starting with "C" (UCI Online Retail), reversals rather than interactions.',
  'row.nonPositiveQuantity':
    'Order lines with a quantity of 0 or less (returns, cancellations, stock adjustments), not interactions.',
  'row.nonProduct':
    "Rows on non-product codes (postage, fees, manual adjustments): service lines, not products (the studio's own heuristic, shared/rules/non-product-codes.ts).",
  'reference.missing': 'Ids in interactions missing from the items / users file (SPEC §5.5, §6).',
  'field.unused': 'A string field training ignores without categorical / textual (SPEC §4.2).',
  summary: 'What the file holds (no problem).',
} as const;

/** One of {@link FINDING_CODES}. */
export type FindingCode = keyof typeof FINDING_CODES;

/**
 * One problem (or fact) found in a dataset file.
 *
 * `row` is the first 1-based data row where it occurs (row 1 is the line after the header);
 * `rows` the first few. `count` is how many rows or values are affected; it is exact unless
 * `approximate` is true. `sample` holds a few offending values as written in the file.
 * `fix` says how to repair the file (the Data step's one-click fixes key on `code`);
 * `fixStep`, when present, is that repair as a recipe row step (shared/prepare/recipe.ts) the
 * Data step adds in one click and `poc-studio prepare` replays; `fixMapping`, when present, is
 * that repair as a change of the recipe's column mapping or source encoding
 * (shared/prepare/mapping-fix.ts: CustomerID → USER_ID, milliseconds → seconds, an event-type
 * mapping table, Latin-1 → UTF-8), the Data step's "Apply fix".
 */
export interface Finding {
  readonly severity: FindingSeverity;
  readonly code: FindingCode;
  readonly message: string;
  readonly column?: string;
  readonly row?: number;
  readonly rows?: readonly number[];
  readonly count?: number;
  readonly approximate?: boolean;
  readonly sample?: readonly string[];
  readonly fix?: string;
  readonly fixStep?: Step;
  readonly fixMapping?: MappingFix;
}

/** Longest sample value kept in a finding, in characters (longer ones end in `...`). */
export const SAMPLE_CLIP_LENGTH = 40;

/** Shortens a sample value to {@link SAMPLE_CLIP_LENGTH} characters. */
export function clipSample(value: string): string {
  return value.length > SAMPLE_CLIP_LENGTH ? `${value.slice(0, SAMPLE_CLIP_LENGTH - 3)}...` : value;
}

/**
 * The preview's `DataCheck` for a finding (shared/ipc/data.ts), so the Data step keeps its shape.
 *
 * `severity` becomes `level`; the fix is appended to the message when the message does not
 * already say it; `code`, `rows` (or `row`), `sample`, `fixStep` and `fixMapping` carry over.
 */
export function findingToCheck(finding: Finding): DataCheck {
  const message =
    finding.fix === undefined || finding.message.includes(finding.fix)
      ? finding.message
      : `${finding.message} ${finding.fix}`;
  const rows = finding.rows ?? (finding.row === undefined ? undefined : [finding.row]);
  return {
    level: finding.severity,
    code: finding.code,
    message,
    ...(finding.column === undefined ? {} : { column: finding.column }),
    ...(rows === undefined || rows.length === 0 ? {} : { rows: [...rows] }),
    ...(finding.sample === undefined || finding.sample.length === 0
      ? {}
      : { samples: finding.sample.map(clipSample) }),
    ...(finding.fixStep === undefined ? {} : { fixStep: finding.fixStep }),
    ...(finding.fixMapping === undefined ? {} : { fixMapping: finding.fixMapping }),
  };
}

/** True when any finding is an error (the CLI then exits 1). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
