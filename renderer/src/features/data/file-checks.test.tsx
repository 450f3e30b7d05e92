// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappingFix } from '../../../../shared/prepare/mapping-fix.js';
import { validateDataset } from '../../../../shared/rules/dataset-rules.js';
import { findingToCheck } from '../../../../shared/rules/findings.js';
import {
  RETAIL_EXPORT_COLUMNS,
  retailExportStats,
} from '../../../../shared/rules/test-support/dataset-stats.js';
import { setBridge } from '../../api/client.js';
import { fakePrepareDraftsCore } from '../../test-support/fake-prepare-drafts.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { FileChecks } from './FileChecks.js';
import { clearPrepareDraftMemory } from './prepare/prepare-draft.js';
import { PrepareSection } from './prepare/PrepareSection.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  clearPrepareDraftMemory();
});

/** The Data step's checks of the raw export given as the interactions file. */
function retailChecks() {
  return validateDataset(retailExportStats()).map(findingToCheck);
}

/** The core's answers for Fix into new files on the raw export. */
function core() {
  return {
    ...fakePrepareDraftsCore().handlers,
    'data.prepareRecipes': () => ({ recipes: [] }),
    'data.prepareColumns': () => ({
      columns: RETAIL_EXPORT_COLUMNS,
      encoding: 'utf-8',
      delimiter: ',',
    }),
    'data.preview': () => ({ columns: [], rows: [], checks: [], totalRows: 541_909 }),
    'jobs.list': () => [],
    'data.prepareExport': () => ({ outDir: '/out', recipePath: '/out/r.json', files: [] }),
  };
}

describe("a finding's own Fix into new files button", () => {
  it('is on each finding whose fix is a column mapping, and hands that fix over', () => {
    const fixes: MappingFix[] = [];
    const checks = retailChecks();
    render(
      <FileChecks datasetType="interactions" checks={checks} onFix={(fix) => fixes.push(fix)} />,
    );
    const buttons = screen.getAllByRole('button', { name: /^Fix into new files: /u });
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Fix into new files: Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
      'Fix into new files: Map StockCode to ITEM_ID with surrounding spaces trimmed',
      'Fix into new files: Map InvoiceDate to TIMESTAMP from ISO 8601 dates (read in UTC without an offset) to epoch seconds',
    ]);
    // Only the mapping findings have one: the summary and the other findings do not.
    expect(checks.filter((check) => check.fixMapping !== undefined)).toHaveLength(3);
    expect(checks.length).toBeGreaterThan(3);
    expect(buttons[0]?.textContent).toBe('Fix into new files');
    fireEvent.click(buttons[0] as HTMLElement);
    expect(fixes).toEqual([
      { kind: 'column', target: 'USER_ID', source: 'CustomerID', transform: { kind: 'id' } },
    ]);
    // The message says where the fix is: on the finding itself.
    expect(screen.getByText(/Rename CustomerID to USER_ID/u).textContent).toContain(
      'This blocks the import: its Fix into new files button writes new files with this fix (Map CustomerID to USER_ID as an id (trim, drop a trailing .0)), or fix the file and choose it again.',
    );
  });

  it('is not shown where nothing opens Fix into new files', () => {
    render(<FileChecks datasetType="interactions" checks={retailChecks()} />);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it("opens Fix into new files on the file with the fix filled in, for the finding's dataset", async () => {
    const { calls } = renderWithStudio(
      <PrepareSection
        workspaceId="ws"
        request={{
          path: '/data/online_retail_raw.csv.gz',
          key: 1,
          // The Data step's items file: "Rename StockCode to ITEM_ID".
          fix: {
            datasetType: 'items',
            fix: {
              kind: 'column',
              target: 'ITEM_ID',
              source: 'StockCode',
              transform: { kind: 'id' },
            },
          },
        }}
      />,
      core(),
    );
    const note = await screen.findByTestId('prepare-requested-fix');
    expect(note.textContent).toBe(
      "From a finding on the Data step's items file: Map StockCode to ITEM_ID as an id (trim, drop a trailing .0). It is filled in below (items.csv), with the rest of the suggested mapping: check it, then export.",
    );
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Raw file path' }).value).toBe(
      '/data/online_retail_raw.csv.gz',
    );
    // The order export's guess is interactions; the file was the Data step's items file.
    const ticked = (name: string): boolean =>
      screen.getByRole<HTMLInputElement>('checkbox', { name: `${name} (writes ${name}.csv)` })
        .checked;
    expect([ticked('interactions'), ticked('items'), ticked('users')]).toEqual([
      false,
      true,
      false,
    ]);
    expect(screen.getByRole('tab', { name: 'items.csv' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await screen.findByTestId('prepare-suggested-items');
    fireEvent.click(screen.getByTestId('prepare-export'));
    await waitFor(() =>
      expect(calls.some(([channel]) => channel === 'data.prepareExport')).toBe(true),
    );
    const exported = calls.find(([channel]) => channel === 'data.prepareExport')?.[1] as {
      recipe: {
        datasets: string[];
        outputs: { datasetType: string; columns: { name: string; from?: string }[] }[];
      };
    };
    expect(exported.recipe.datasets).toEqual(['items']);
    // The fix's conversion (an id), not the suggestion's trim, and the suggested metadata after it.
    expect(exported.recipe.outputs[0]).toMatchObject({
      datasetType: 'items',
      columns: [
        { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'id' } },
        { name: 'DESCRIPTION', from: 'Description' },
        { name: 'UNIT_PRICE', from: 'UnitPrice' },
      ],
    });
  });

  it('reads the file in the encoding of a Latin-1 finding', async () => {
    renderWithStudio(
      <PrepareSection
        workspaceId="ws"
        request={{
          path: '/data/online_retail_raw.csv.gz',
          key: 1,
          fix: { datasetType: 'interactions', fix: { kind: 'encoding', encoding: 'latin-1' } },
        }}
      />,
      core(),
    );
    expect((await screen.findByTestId('prepare-requested-fix')).textContent).toBe(
      "From a finding on the Data step's interactions file: Read the source as Latin-1 (ISO-8859-1) and write UTF-8. It is filled in below (the encoding the recipe reads), with the rest of the suggested mapping: check it, then export.",
    );
    expect(screen.getByTestId('prepare-source-columns').textContent).toContain(
      'read as latin-1, written as UTF-8',
    );
  });
});
