import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useState } from 'react';
import type { DataCheck } from '../../../../../shared/ipc/data.js';
import { describeMappingFix } from '../../../../../shared/prepare/mapping-fix.js';
import { describeStep } from '../../../../../shared/prepare/recipe-sql.js';
import {
  creationTimeNote,
  RESERVED_FIELDS,
  suggestConstants,
  suggestMapping,
  suggestMetadata,
  type MappingColumn,
  type MappingProposal,
} from '../../../../../shared/rules/column-mapping.js';
import { useChecks } from '../data-hooks.js';
import { columnDraft, type ColumnDraft, type OutputDraft } from './recipe-form.js';
import { applyColumnFix, isFixApplied, mappingFixes } from './MappingFixes.js';
import { filterDraftOf, filterFixes, switchFixes } from './SuggestedFilters.js';

/**
 * A source column as `data.prepareColumns` lists it: DuckDB's type and the figures the mapping
 * guess reads (longest value, `|`-joined values, distinct text values, first values), so the
 * guess is the Data step's (shared/rules/column-mapping.ts).
 */
export type SourceColumn = MappingColumn;

/** A proposal the form applied: a source column's, or a constant's (`column` '', `constant` set). */
export interface AppliedProposal extends MappingProposal {
  readonly constant?: string;
}

/** How the form shows one applied proposal: `CustomerID → USER_ID (named CustomerID)`. */
export function describeProposal(proposal: AppliedProposal): string {
  return proposal.constant === undefined
    ? `${proposal.column} → ${proposal.field} (${proposal.reason})`
    : `${proposal.field} = "${proposal.constant}" on every row (constant: ${proposal.reason})`;
}

/** The conversion a proposed field starts with, from the source column's DuckDB type. */
function conversionFor(field: string, type: string): Pick<ColumnDraft, 'conversion' | 'pattern'> {
  const upper = type.toUpperCase();
  if (field === 'USER_ID' || field === 'ITEM_ID')
    return { conversion: upper === 'VARCHAR' ? 'trim' : 'id', pattern: '%Y-%m-%d %H:%M:%S' };
  if (field === 'TIMESTAMP' || field === 'CREATION_TIMESTAMP') {
    if (upper.startsWith('TIMESTAMP'))
      return { conversion: 'pattern', pattern: '%Y-%m-%d %H:%M:%S' };
    if (upper === 'DATE') return { conversion: 'pattern', pattern: '%Y-%m-%d' };
    if (upper === 'VARCHAR') return { conversion: 'iso', pattern: '%Y-%m-%d %H:%M:%S' };
    return { conversion: 'epochSeconds', pattern: '%Y-%m-%d %H:%M:%S' };
  }
  // As written: the near-duplicate fix of the findings (applySuggestedFixes) folds the spellings
  // into each group's most frequent one; folding alone would write "addtocart".
  if (field === 'EVENT_TYPE') return { conversion: 'trim', pattern: '%Y-%m-%d %H:%M:%S' };
  if (field === 'EVENT_VALUE') return { conversion: 'number', pattern: '%Y-%m-%d %H:%M:%S' };
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT)$/u.test(upper))
    return { conversion: 'integer', pattern: '%Y-%m-%d %H:%M:%S' };
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL)/u.test(upper))
    return { conversion: 'number', pattern: '%Y-%m-%d %H:%M:%S' };
  return { conversion: 'trim', pattern: '%Y-%m-%d %H:%M:%S' };
}

/**
 * Applies the proposed mapping (shared/rules/column-mapping.ts: CustomerID → USER_ID,
 * StockCode → ITEM_ID, InvoiceDate → TIMESTAMP...) to one output: an output column named after
 * a proposed field that reads no source yet gets that source and a conversion fitting its type
 * (a DuckDB TIMESTAMP → date pattern, a decimal id → "Id"); a proposed field the output lacks
 * is added; an items or users output also gets the file's other columns as metadata fields
 * (shared/rules/column-mapping.ts `suggestMetadata`: `genres` → GENRES, categorical). When no source column fits EVENT_TYPE and the file reads as order lines, EVENT_TYPE
 * becomes the constant `purchase` (listed with `column` '' and `constant`). Columns the user
 * already mapped are left as they are.
 */
export function applySuggestedMapping(
  output: OutputDraft,
  sourceColumns: readonly SourceColumn[],
): { output: OutputDraft; applied: AppliedProposal[] } {
  const proposals = suggestMapping(output.datasetType, sourceColumns);
  // A source column already named like an output column or a reserved field (USER_ID,
  // EVENT_TYPE) maps to itself.
  const exact = sourceColumns
    .filter(
      (column) =>
        output.columns.some((draft) => draft.name === column.name) ||
        RESERVED_FIELDS[output.datasetType].includes(column.name),
    )
    .map((column) => ({ column: column.name, field: column.name, reason: 'same name' }));
  const applied: AppliedProposal[] = [];
  let columns = [...output.columns];
  // Items and users also keep their other columns as metadata (GENRES categorical, TITLE textual).
  const metadata = suggestMetadata(output.datasetType, sourceColumns).filter(
    (proposal) =>
      !output.columns.some((draft) => draft.from === proposal.column) &&
      !exact.some((same) => same.column === proposal.column),
  );
  for (const proposal of [...exact, ...proposals, ...metadata]) {
    const type = sourceColumns.find((column) => column.name === proposal.column)?.type ?? '';
    const at = columns.findIndex((draft) => draft.name === proposal.field);
    const mapped = { from: proposal.column, ...conversionFor(proposal.field, type) };
    if (at === -1) {
      columns = [...columns, { ...columnDraft(proposal.field), ...mapped }];
      applied.push(proposal);
    } else if (columns[at]?.from === '') {
      columns = columns.map((draft, index) => (index === at ? { ...draft, ...mapped } : draft));
      applied.push(proposal);
    }
  }
  for (const constant of suggestConstants(output.datasetType, sourceColumns)) {
    const at = columns.findIndex((draft) => draft.name === constant.field);
    const draft = columns[at];
    const filled = { from: '', constant: constant.value, conversion: 'copy' as const };
    if (at === -1) columns = [...columns, { ...columnDraft(constant.field), ...filled }];
    else if (draft !== undefined && draft.from === '' && draft.constant === '')
      columns = columns.map((item, index) => (index === at ? { ...item, ...filled } : item));
    else continue;
    applied.push({
      column: '',
      field: constant.field,
      reason: constant.reason,
      constant: constant.value,
    });
  }
  return { output: { ...output, columns }, applied };
}

/**
 * Adds to `output` what the findings on the raw file recommend (shared/rules): the event-type
 * table of the near-duplicate spellings (each group written as its most frequent spelling, as the
 * finding's own fix does), then their row steps (`fixStep`): each row filter on a source column (cancelled invoices: InvoiceNo does not start
 * with C; Quantity > 0) that the output lacks, the dedupe (`row.duplicate`) and the blank-id drop
 * (`null.required` on an id). Returns the output and the words of each step added, in the order
 * the recipe runs them; steps already there are not added again. The user removes any of them in
 * the output's row filters and switches.
 */
export function applySuggestedFixes(
  output: OutputDraft,
  checks: readonly DataCheck[],
  sourceColumns: readonly string[],
): { output: OutputDraft; added: string[] } {
  const added: string[] = [];
  // The event-type table of the near-duplicate / too-many findings (one table for the file).
  let mapped = output;
  for (const { fix } of mappingFixes(checks, sourceColumns)) {
    if (
      fix.kind !== 'column' ||
      fix.transform?.kind !== 'eventType' ||
      isFixApplied(mapped, undefined, fix)
    )
      continue;
    mapped = applyColumnFix(mapped, fix);
    added.push(describeMappingFix(fix));
  }
  let filters = [...mapped.filters];
  for (const { step } of filterFixes(checks, sourceColumns)) {
    const draft = filterDraftOf(step);
    const isThere = filters.some(
      (filter) =>
        filter.column === draft.column &&
        filter.operator === draft.operator &&
        filter.value === draft.value,
    );
    if (isThere) continue;
    filters = [...filters, draft];
    added.push(describeStep(step));
  }
  let next: OutputDraft = { ...mapped, filters };
  const switches = switchFixes(checks);
  if (switches.some((fix) => fix.option === 'dropBlankIds') && !next.dropBlankIds) {
    next = { ...next, dropBlankIds: true };
    added.push('Drop rows with a blank id');
  }
  if (switches.some((fix) => fix.option === 'dedupe') && !next.dedupe) {
    next = { ...next, dedupe: true };
    added.push('Drop duplicate rows');
  }
  return { output: next, added };
}

/**
 * "Suggest mapping": fills the output's columns from the source's names and value types, and adds
 * the row steps the findings on the raw file recommend ({@link applySuggestedFixes}). An items
 * output of an order export says why it gets no CREATION_TIMESTAMP (shared/rules/column-mapping.ts
 * `creationTimeNote`) until one is mapped. `checks` are
 * those findings (undefined while `isChecking`: the steps are added once they come). With
 * `autoApply` the suggestion runs once as the form shows the output (a file just read), then
 * `onAutoApplied` is called.
 */
export function SuggestMapping({
  output,
  sourceColumns,
  onChange,
  checks,
  isChecking = false,
  autoApply = false,
  onAutoApplied,
}: {
  output: OutputDraft;
  sourceColumns: readonly SourceColumn[];
  onChange: (output: OutputDraft) => void;
  checks?: readonly DataCheck[] | undefined;
  isChecking?: boolean;
  autoApply?: boolean;
  onAutoApplied?: () => void;
}) {
  const [applied, setApplied] = useState<AppliedProposal[]>();
  // The row steps added from the findings, or 'waiting' while the file is still being checked.
  const [fixes, setFixes] = useState<string[] | 'waiting'>();
  const names = sourceColumns.map((column) => column.name);
  // Items: why the raw file's sale times are not the items' CREATION_TIMESTAMP (until one is mapped).
  const note =
    output.datasetType === 'items' &&
    !output.columns.some((column) => column.name === 'CREATION_TIMESTAMP' && column.from !== '')
      ? creationTimeNote(sourceColumns)
      : undefined;
  const suggest = (): void => {
    const result = applySuggestedMapping(output, sourceColumns);
    setApplied(result.applied);
    if (checks === undefined) {
      setFixes(isChecking ? 'waiting' : undefined);
      onChange(result.output);
      return;
    }
    const fixed = applySuggestedFixes(result.output, checks, names);
    setFixes(fixed.added);
    onChange(fixed.output);
  };
  // The findings came after the suggestion: their row steps are added now.
  useEffect(() => {
    if (fixes !== 'waiting' || isChecking) return;
    if (checks === undefined) {
      setFixes(undefined);
      return;
    }
    const fixed = applySuggestedFixes(output, checks, names);
    setFixes(fixed.added);
    if (fixed.added.length > 0) onChange(fixed.output);
  }, [fixes, isChecking, checks]);
  useEffect(() => {
    if (!autoApply) return;
    onAutoApplied?.();
    suggest();
  }, [autoApply]);
  return (
    <SpaceBetween size="xxs">
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        <Button data-testid={`prepare-suggest-${output.datasetType}`} onClick={suggest}>
          Suggest mapping
        </Button>
        {applied === undefined ? (
          <Box color="text-body-secondary">
            Maps the columns by their names and values, and adds the row filters and dedupe the
            findings recommend.
          </Box>
        ) : (
          <Box color="text-body-secondary" data-testid={`prepare-suggested-${output.datasetType}`}>
            {applied.length === 0
              ? 'No source column to propose for the unmapped columns.'
              : applied.map(describeProposal).join('; ')}
          </Box>
        )}
      </SpaceBetween>
      {note === undefined ? null : (
        <Box
          color="text-body-secondary"
          data-testid={`prepare-suggested-note-${output.datasetType}`}
        >
          {note}
        </Box>
      )}
      {fixes === undefined ? null : (
        <Box
          color="text-body-secondary"
          data-testid={`prepare-suggested-steps-${output.datasetType}`}
        >
          {fixes === 'waiting'
            ? 'Checking the file for the row filters and dedupe its findings recommend…'
            : fixes.length === 0
              ? 'The findings recommend no further row step.'
              : `Added from the findings (remove any of them under Row filters and the row switches below): ${fixes.join('; ')}.`}
        </Box>
      )}
    </SpaceBetween>
  );
}

/**
 * {@link SuggestMapping} with the findings of the raw file at `sourcePath` checked as the output's
 * dataset type (the same cached validation as the one-click fixes).
 */
export function SuggestMappingOfFile({
  sourcePath,
  ...props
}: Omit<Parameters<typeof SuggestMapping>[0], 'checks' | 'isChecking'> & { sourcePath: string }) {
  const checks = useChecks(sourcePath, props.output.datasetType);
  return <SuggestMapping {...props} checks={checks.data?.checks} isChecking={checks.isPending} />;
}
