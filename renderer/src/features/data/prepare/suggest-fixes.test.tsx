// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataCheck } from '../../../../../shared/ipc/data.js';
import { validateDataset } from '../../../../../shared/rules/dataset-rules.js';
import { findingToCheck } from '../../../../../shared/rules/findings.js';
import { setBridge } from '../../../api/client.js';
import { fakePrepareDraftsCore } from '../../../test-support/fake-prepare-drafts.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import { clearPrepareDraftMemory } from './prepare-draft.js';
import { outputDraft, recipeOf } from './recipe-form.js';
import {
  columnStats,
  interactionsStats,
  retailExportStats,
} from '../../../../../shared/rules/test-support/dataset-stats.js';
import { isFixApplied, mappingFixes } from './MappingFixes.js';
import { applySuggestedFixes, applySuggestedMapping } from './SuggestMapping.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  clearPrepareDraftMemory();
});

/** The raw Online Retail export's columns, as data.prepareColumns reads them. */
const RETAIL = [
  { name: 'InvoiceNo', type: 'VARCHAR' },
  { name: 'StockCode', type: 'VARCHAR' },
  { name: 'Description', type: 'VARCHAR' },
  { name: 'Quantity', type: 'BIGINT' },
  { name: 'InvoiceDate', type: 'TIMESTAMP' },
  { name: 'UnitPrice', type: 'DOUBLE' },
  { name: 'CustomerID', type: 'DOUBLE' },
  { name: 'Country', type: 'VARCHAR' },
];
const NAMES = RETAIL.map((column) => column.name);

/**
 * The data rules' checks on online_retail_raw.csv.gz, from the counts `poc-studio validate`
 * prints for it: 541,909 rows, 9,288 rows of 3,836 cancelled invoices, 10,624 negative
 * quantities (1,336 not on a cancelled invoice), 5,268 repeated rows.
 */
function retailChecks(): DataCheck[] {
  const stats = retailExportStats({
    columns: [],
    reversals: {
      cancelled: { column: 'InvoiceNo', count: 9288, invoices: 3836 },
      nonPositive: {
        column: 'Quantity',
        count: 10_624,
        negative: 10_624,
        zero: 0,
        notCancelled: 1336,
      },
    },
    duplicateRows: { count: 5268 },
  });
  return validateDataset(stats).map(findingToCheck);
}

describe('Suggest mapping adds the row steps its findings recommend', () => {
  it('adds the cancelled-invoice and quantity filters and the dedupe, once', () => {
    const mapped = applySuggestedMapping(outputDraft('interactions'), RETAIL).output;
    const { output, added } = applySuggestedFixes(mapped, retailChecks(), NAMES);
    expect(added).toEqual([
      'Keep rows where InvoiceNo does not start with C',
      'Keep rows where Quantity > 0',
      'Drop duplicate rows',
    ]);
    const steps = recipeOf('retail', '/data/online_retail_raw.csv.gz', [output]).outputs[0]?.steps;
    expect(steps).toEqual([
      { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
      { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
      { kind: 'dropBlank', columns: ['USER_ID', 'ITEM_ID'] },
      { kind: 'dedupe' },
    ]);
    // Suggesting again adds nothing twice.
    expect(applySuggestedFixes(output, retailChecks(), NAMES)).toEqual({ output, added: [] });
    // No filter on a column the file lacks.
    expect(applySuggestedFixes(mapped, retailChecks(), ['CustomerID']).added).toEqual([
      'Drop duplicate rows',
    ]);
  });

  it('proposes the mapping on Read columns, then adds the findings’ steps; the export writes them and the user can remove them', async () => {
    const { calls } = renderWithStudio(<PrepareSection workspaceId="ws" />, {
      ...fakePrepareDraftsCore().handlers,
      'data.prepareRecipes': () => ({ recipes: [] }),
      'data.prepareColumns': () => ({ columns: RETAIL, encoding: 'utf-8', delimiter: ',' }),
      'data.preview': () => ({ columns: [], rows: [], checks: retailChecks(), totalRows: 541_909 }),
      'jobs.list': () => [],
      'data.prepareExport': () => ({ outDir: '/out', recipePath: '/out/r.json', files: [] }),
    });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Raw file path' }), {
      target: { value: '/data/online_retail_raw.csv.gz' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
    // No click on Suggest mapping: reading the file proposed it.
    const suggested = await screen.findByTestId('prepare-suggested-interactions');
    expect(suggested.textContent).toContain('CustomerID → USER_ID (named CustomerID)');
    const steps = await screen.findByText(/^Added from the findings/u);
    expect(steps.textContent).toContain(
      'Keep rows where InvoiceNo does not start with C; Keep rows where Quantity > 0; Drop duplicate rows',
    );
    // The filters are rows of the output's filter table, each with its Remove button.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Remove filter 2' })).toBeTruthy(),
    );
    fireEvent.click(screen.getByTestId('prepare-export'));
    await waitFor(() =>
      expect(calls.some(([channel]) => channel === 'data.prepareExport')).toBe(true),
    );
    const exported = calls.find(([channel]) => channel === 'data.prepareExport')?.[1] as {
      recipe: { outputs: { columns: { name: string; from?: string }[]; steps: unknown[] }[] };
    };
    expect(exported.recipe.outputs[0]?.columns.map((column) => column.from)).toEqual([
      'CustomerID',
      'StockCode',
      'InvoiceDate',
      undefined,
    ]);
    expect(exported.recipe.outputs[0]?.steps).toEqual([
      { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
      { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
      { kind: 'dropBlank', columns: ['USER_ID', 'ITEM_ID'] },
      { kind: 'dedupe' },
    ]);
    // Removed by the user, a suggested filter stays removed.
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter 2' }));
    expect(screen.queryByRole('button', { name: 'Remove filter 2' })).toBeNull();
  });

  it('writes event types as the near-duplicate fix does: each group as its most frequent spelling, never "addtocart"', () => {
    const columns = ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE'];
    const checks = validateDataset(
      interactionsStats({
        columns: [...interactionsStats({}).columns, columnStats('EVENT_TYPE', 'VARCHAR')],
        eventTypes: {
          column: 'EVENT_TYPE',
          distinct: 5,
          values: [
            { value: 'view', count: 900 },
            { value: ' View', count: 50 },
            { value: 'Add to Cart', count: 30 },
            { value: 'add_to_cart', count: 20 },
            { value: 'purchase', count: 10 },
          ],
        },
      }),
    ).map(findingToCheck);
    const sources = columns.map((name) => ({ name, type: 'VARCHAR' }));
    const mapped = applySuggestedMapping(outputDraft('interactions'), sources).output;
    // Before the findings: as written (trimmed), not folded.
    expect(mapped.columns.find((column) => column.name === 'EVENT_TYPE')).toMatchObject({
      from: 'EVENT_TYPE',
      conversion: 'trim',
    });
    const { output, added } = applySuggestedFixes(mapped, checks, columns);
    expect(added[0]).toMatch(/^Convert EVENT_TYPE folding case and spaces, mapping /u);
    const transform = recipeOf('events', '/data/events.csv', [output]).outputs[0]?.columns.find(
      (column) => column.name === 'EVENT_TYPE',
    );
    expect(transform).toEqual({
      name: 'EVENT_TYPE',
      from: 'EVENT_TYPE',
      transform: {
        kind: 'eventType',
        fold: true,
        mapping: [
          { from: 'View', to: 'view' },
          { from: 'add_to_cart', to: 'Add to Cart' },
        ],
      },
    });
    // Each near-duplicate finding reads its fix as applied.
    const offers = mappingFixes(checks, columns).filter(
      ({ check }) => check.code === 'eventType.nearDuplicate',
    );
    expect(offers).toHaveLength(2);
    for (const { fix } of offers) expect(isFixApplied(output, undefined, fix)).toBe(true);
  });
});
