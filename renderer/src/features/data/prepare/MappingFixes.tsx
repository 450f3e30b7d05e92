import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { DataCheck } from '../../../../../shared/ipc/data.js';
import {
  describeMappingFix,
  fixedTransform,
  type MappingFix,
} from '../../../../../shared/prepare/mapping-fix.js';
import type { SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import { columnDraft, draftOfTransform, transformOf, type OutputDraft } from './recipe-form.js';

type ColumnFix = Extract<MappingFix, { kind: 'column' }>;

/** A check whose fix is a change of the column mapping or of the source encoding. */
export interface MappingFixOffer {
  readonly check: DataCheck;
  readonly fix: MappingFix;
}

/**
 * The checks with a `fixMapping` (shared/prepare/mapping-fix.ts) this form can apply: an
 * encoding, or a column fix whose source is a column of the source file.
 */
export function mappingFixes(
  checks: readonly DataCheck[],
  sourceColumns: readonly string[],
): MappingFixOffer[] {
  return checks.flatMap((check) => {
    const fix = check.fixMapping;
    if (fix === undefined) return [];
    if (fix.kind === 'column' && !sourceColumns.includes(fix.source)) return [];
    return [{ check, fix }];
  });
}

/**
 * The output with a column fix applied: its `target` column (added when missing, a constant
 * turned into a mapped column) reads `source`, converted by the fix's transform (an event-type
 * table merged into the column's own, shared/prepare/mapping-fix.ts `fixedTransform`) or, for a
 * pure rename, by the conversion the form column had (the form's default for a new one: "As
 * written"). A date conversion keeps the time zone the column had. Applying a fix twice changes
 * nothing.
 */
export function applyColumnFix(output: OutputDraft, fix: ColumnFix): OutputDraft {
  const at = output.columns.findIndex((column) => column.name === fix.target);
  const existing = output.columns[at];
  const own = existing === undefined ? undefined : transformOf(existing);
  // A time zone the user chose for the dates stays (the fix reads offset-less dates in UTC).
  const fixTransform =
    fix.transform?.kind === 'timestamp' && own?.kind === 'timestamp'
      ? { ...fix.transform, timeZone: own.timeZone }
      : fix.transform;
  const transform = fixedTransform(own, fixTransform);
  const column = {
    ...(existing ?? columnDraft(fix.target)),
    from: fix.source,
    constant: '',
    ...draftOfTransform(transform),
  };
  const columns =
    at === -1
      ? [...output.columns, column]
      : output.columns.map((item, index) => (index === at ? column : item));
  return { ...output, columns };
}

/**
 * True when the fix is already in the form: applying it again would change nothing, or, for
 * ISO dates, the column reads the source with a date conversion the user chose (a strptime
 * pattern, as Suggest mapping gives a DuckDB TIMESTAMP column).
 */
export function isFixApplied(
  output: OutputDraft,
  encoding: SourceEncoding | undefined,
  fix: MappingFix,
): boolean {
  if (fix.kind === 'encoding') return encoding === fix.encoding;
  const column = output.columns.find((item) => item.name === fix.target);
  if (
    fix.transform?.kind === 'timestamp' &&
    fix.transform.format === 'iso' &&
    column?.from === fix.source &&
    (column.conversion === 'iso' || column.conversion === 'pattern')
  )
    return true;
  return JSON.stringify(applyColumnFix(output, fix)) === JSON.stringify(output);
}

/**
 * "Apply fix" for each finding on the raw file whose repair is the recipe's column mapping
 * (CustomerID → USER_ID, ISO dates or milliseconds → epoch seconds, decimal ids, an event-type
 * mapping table) or its source encoding (Latin-1 → UTF-8): the button fills the output's column
 * (or the recipe's encoding), so the exported files change; it reads "Fix applied" once the
 * form holds the fix.
 */
export function MappingFixes({
  fixes,
  output,
  encoding,
  onChange,
  onEncodingChange,
}: {
  fixes: readonly MappingFixOffer[];
  output: OutputDraft;
  encoding: SourceEncoding | undefined;
  onChange: (next: OutputDraft) => void;
  onEncodingChange: (next: SourceEncoding) => void;
}) {
  return (
    <>
      {fixes.map(({ check, fix }) => {
        const label = describeMappingFix(fix);
        const applied = isFixApplied(output, encoding, fix);
        return (
          <Alert
            key={`${check.message}|${label}`}
            // Once the recipe repairs it, the finding no longer blocks the exported file.
            type={applied ? 'info' : check.level === 'error' ? 'error' : 'warning'}
            header={check.column === undefined ? undefined : `Column ${check.column}`}
            action={
              <Button
                disabled={applied}
                // Keeps the pressed button focusable, so keyboard users go on to the next fix.
                disabledReason="The recipe already applies this fix."
                ariaLabel={`Apply fix: ${label}`}
                onClick={() => {
                  if (fix.kind === 'encoding') onEncodingChange(fix.encoding);
                  else onChange(applyColumnFix(output, fix));
                }}
              >
                {applied ? 'Fix applied' : 'Apply fix'}
              </Button>
            }
          >
            <SpaceBetween size="xxs">
              <span>{check.message}</span>
              <Box variant="small">Fix: {label}.</Box>
            </SpaceBetween>
          </Alert>
        );
      })}
    </>
  );
}
