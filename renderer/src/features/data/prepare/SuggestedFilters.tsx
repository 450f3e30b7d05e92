import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { DataCheck } from '../../../../../shared/ipc/data.js';
import { describeStep } from '../../../../../shared/prepare/recipe-sql.js';
import type { SourceEncoding, Step } from '../../../../../shared/prepare/recipe.js';
import { useChecks } from '../data-hooks.js';
import { mappingFixes, MappingFixes } from './MappingFixes.js';
import type { FilterDraft, OutputDraft } from './recipe-form.js';

type FilterStep = Extract<Step, { kind: 'filter' }>;

/** The form's row filter for a check's `fixStep` filter. */
export function filterDraftOf(step: FilterStep): FilterDraft {
  return {
    column: step.column,
    operator: step.operator,
    value: step.values === undefined ? String(step.value ?? '') : step.values.join(', '),
  };
}

/** The checks whose fix is a row filter on a column of the source, with that filter. */
export function filterFixes(
  checks: readonly DataCheck[],
  sourceColumns: readonly string[],
): { check: DataCheck; step: FilterStep }[] {
  return checks.flatMap((check) =>
    check.fixStep?.kind === 'filter' && sourceColumns.includes(check.fixStep.column)
      ? [{ check, step: check.fixStep }]
      : [],
  );
}

/** A check whose fix is one of the output's row switches: drop blank ids, or dedupe. */
export interface SwitchFix {
  readonly check: DataCheck;
  /** The output's switch that applies it. */
  readonly option: 'dropBlankIds' | 'dedupe';
  /** The button's text while the switch is off, and once it is on. */
  readonly label: string;
  readonly appliedLabel: string;
  /** What the fix does beyond the finding's count, shown under its message. */
  readonly note?: string;
}

/**
 * The checks whose `fixStep` is a blank-id drop (`dropBlank`, findings `null.required` on
 * USER_ID / ITEM_ID) or a dedupe (`row.duplicate`): each is applied by turning on the output's
 * "Drop rows with blank ids" or "Dedupe" switch (recipe-form.ts writes those steps).
 */
export function switchFixes(checks: readonly DataCheck[]): SwitchFix[] {
  return checks.flatMap((check): SwitchFix[] => {
    if (check.fixStep?.kind === 'dedupe')
      return [
        {
          check,
          option: 'dedupe',
          label: 'Drop duplicate rows',
          appliedLabel: 'Duplicates dropped',
          // recipe-sql.ts: the dedupe step is DISTINCT over the output's columns.
          note: "The dedupe compares the output file's columns, so it also drops rows that differ only in source columns the output leaves out: the preview's steps show how many.",
        },
      ];
    if (check.fixStep?.kind === 'dropBlank')
      return [
        {
          check,
          option: 'dropBlankIds',
          label: 'Drop rows with blank ids',
          appliedLabel: 'Blank ids dropped',
        },
      ];
    return [];
  });
}

/**
 * The data rules' findings on the raw file whose fix is a row filter (cancelled invoices,
 * quantities of 0 or less), each with a button that adds that filter to the output, and those
 * fixed by the output's blank-id or dedupe switch (blank USER_ID / ITEM_ID, duplicate rows),
 * each with a button that turns it on, and those whose fix is the column mapping or the source
 * encoding (MappingFixes: "Apply fix"): the one-click fixes. The file is checked as the output's
 * dataset type (one cached validation scan).
 */
export function SuggestedFilters({
  sourcePath,
  sourceColumns,
  output,
  onChange,
  encoding,
  onEncodingChange,
}: {
  sourcePath: string;
  sourceColumns: readonly string[];
  output: OutputDraft;
  onChange: (next: OutputDraft) => void;
  /** The recipe's source encoding (undefined: detected), set by an encoding fix. */
  encoding?: SourceEncoding | undefined;
  onEncodingChange?: (next: SourceEncoding) => void;
}) {
  const checks = useChecks(sourcePath, output.datasetType);
  const fixes = filterFixes(checks.data?.checks ?? [], sourceColumns);
  const switches = switchFixes(checks.data?.checks ?? []);
  const mappings = mappingFixes(checks.data?.checks ?? [], sourceColumns);
  if (fixes.length === 0 && switches.length === 0 && mappings.length === 0) return null;
  return (
    <SpaceBetween size="xs" data-testid={`prepare-suggested-filters-${output.datasetType}`}>
      <MappingFixes
        fixes={mappings}
        output={output}
        encoding={encoding}
        onChange={onChange}
        onEncodingChange={(next) => onEncodingChange?.(next)}
      />
      {switches.map(({ check, option, label, appliedLabel, note }) => (
        <Alert
          key={`${option}-${check.column ?? ''}`}
          type={output[option] ? 'info' : check.level === 'error' ? 'error' : 'warning'}
          header={check.column === undefined ? undefined : `Column ${check.column}`}
          action={
            <Button
              disabled={output[option]}
              // Keeps the pressed button focusable, so keyboard users go on to the next fix.
              disabledReason="The recipe already applies this fix."
              ariaLabel={check.column === undefined ? label : `${label} (${check.column})`}
              onClick={() => onChange({ ...output, [option]: true })}
            >
              {output[option] ? appliedLabel : label}
            </Button>
          }
        >
          {note === undefined ? (
            check.message
          ) : (
            <SpaceBetween size="xxs">
              <span>{check.message}</span>
              <Box variant="small">{note}</Box>
            </SpaceBetween>
          )}
        </Alert>
      ))}
      {fixes.map(({ check, step }) => {
        const draft = filterDraftOf(step);
        const added = output.filters.some(
          (filter) =>
            filter.column === draft.column &&
            filter.operator === draft.operator &&
            filter.value === draft.value,
        );
        const label = describeStep(step);
        return (
          <Alert
            key={label}
            type={added ? 'info' : 'warning'}
            header={check.column === undefined ? undefined : `Column ${check.column}`}
            action={
              <Button
                disabled={added}
                disabledReason="The recipe already has this row filter."
                ariaLabel={`Add row filter: ${label}`}
                onClick={() => onChange({ ...output, filters: [...output.filters, draft] })}
              >
                {added ? 'Filter added' : 'Add row filter'}
              </Button>
            }
          >
            {check.message}
          </Alert>
        );
      })}
    </SpaceBetween>
  );
}
