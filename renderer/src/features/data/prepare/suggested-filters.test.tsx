import { describe, expect, it } from 'vitest';
import type { DataCheck } from '../../../../../shared/ipc/data.js';
import { validateDataset, type DatasetStats } from '../../../../../shared/rules/dataset-rules.js';
import { findingToCheck } from '../../../../../shared/rules/findings.js';
import { outputDraft, recipeOf } from './recipe-form.js';
import { filterDraftOf, filterFixes, switchFixes } from './SuggestedFilters.js';

/** The raw Online Retail export's columns. */
const RETAIL = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];

/** The checks the rules give for a file with cancelled invoices and negative quantities. */
function reversalChecks(): DataCheck[] {
  const stats: DatasetStats = {
    datasetType: 'interactions',
    fileName: 'online_retail_raw.csv.gz',
    rowCount: 100,
    delimiter: ',',
    hasHeader: true,
    quotedHeader: false,
    encoding: 'utf-8',
    malformedCount: 0,
    malformed: [],
    columns: [],
    ids: {},
    timestamps: {},
    reversals: {
      cancelled: { column: 'InvoiceNo', count: 2, invoices: 1 },
      nonPositive: { column: 'Quantity', count: 3, negative: 3, zero: 0, notCancelled: 1 },
    },
    now: 1_700_000_000,
  };
  return validateDataset(stats).map(findingToCheck);
}

describe('Suggested row filters (one-click fixes)', () => {
  it('offers the row filter of each check that has one on a column of the source', () => {
    const checks = reversalChecks();
    const fixes = filterFixes(checks, RETAIL);
    expect(fixes.map(({ step }) => step)).toEqual([
      { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
      { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
    ]);
    // A check about another file's columns offers nothing here.
    expect(filterFixes(checks, ['USER_ID', 'ITEM_ID', 'TIMESTAMP'])).toEqual([]);
  });

  it('adds each as the form row whose recipe step is the fix itself', () => {
    const fixes = filterFixes(reversalChecks(), RETAIL);
    const draft = outputDraft('interactions');
    const output = { ...draft, filters: fixes.map(({ step }) => filterDraftOf(step)) };
    const recipe = recipeOf('retail', '/data/online_retail_raw.csv.gz', [output]);
    expect((recipe.outputs[0]?.steps ?? []).filter((step) => step.kind === 'filter')).toEqual(
      fixes.map(({ step }) => step),
    );
  });

  it('turns on the blank-id drop for blank USER_IDs and the dedupe for duplicate rows, which write those steps', () => {
    // Blank CustomerIDs and repeated invoice lines, as in the raw Online Retail export.
    const stats: DatasetStats = {
      datasetType: 'interactions',
      fileName: 'online_retail_2010-12-01.csv',
      rowCount: 3108,
      delimiter: ',',
      hasHeader: true,
      quotedHeader: false,
      encoding: 'utf-8',
      malformedCount: 0,
      malformed: [],
      columns: [
        {
          name: 'USER_ID',
          type: 'VARCHAR',
          nullCount: 1140,
          maxLength: 5,
          pipeCount: 0,
          overLongCount: 0,
          distinct: 98,
          distinctApproximate: false,
        },
        {
          name: 'ITEM_ID',
          type: 'VARCHAR',
          nullCount: 0,
          maxLength: 6,
          pipeCount: 0,
          overLongCount: 0,
          distinct: 1351,
          distinctApproximate: false,
        },
        {
          name: 'TIMESTAMP',
          type: 'BIGINT',
          nullCount: 0,
          maxLength: 10,
          pipeCount: 0,
          overLongCount: 0,
          distinct: 300,
          distinctApproximate: false,
        },
      ],
      ids: {},
      timestamps: {},
      duplicateRows: { count: 101 },
      now: 1_700_000_000,
    };
    const checks = validateDataset(stats).map(findingToCheck);
    const fixes = switchFixes(checks);
    expect(fixes.map(({ check, option }) => [check.level, check.column, option])).toEqual([
      ['error', 'USER_ID', 'dropBlankIds'],
      ['warning', undefined, 'dedupe'],
    ]);
    // The raw export's 5,268 repeated lines become more once the output keeps 3 columns: said.
    expect(fixes[1]?.note).toContain("compares the output file's columns");
    const draft = { ...outputDraft('interactions'), dropBlankIds: false };
    const fixed = fixes.reduce((output, { option }) => ({ ...output, [option]: true }), draft);
    const recipe = recipeOf('retail', '/data/online_retail_2010-12-01.csv', [fixed]);
    const steps = recipe.outputs[0]?.steps ?? [];
    // The switches write the findings' fixSteps (the blank-id drop covers every id column).
    expect(fixes.map((fix) => fix.check.fixStep)).toEqual([
      { kind: 'dropBlank', columns: ['USER_ID'] },
      { kind: 'dedupe' },
    ]);
    expect(steps).toEqual([
      { kind: 'dropBlank', columns: ['USER_ID', 'ITEM_ID'] },
      { kind: 'dedupe' },
    ]);
  });
});
