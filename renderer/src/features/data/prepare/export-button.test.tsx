// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../api/client.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import { clearPrepareDraftMemory } from './prepare-draft.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  clearPrepareDraftMemory();
  window.localStorage.clear();
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

const EXPORTED = {
  outDir: '/out/online-retail-raw',
  recipePath: '/ws/recipes/online-retail-raw.json',
  files: [],
};

const isDisabled = (element: HTMLElement): boolean =>
  element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';

describe('"Export importable files"', () => {
  it('runs once on a double click: the button is disabled while the export runs, and only the success is shown', async () => {
    let finish: () => void = () => undefined;
    const { calls } = renderWithStudio(<PrepareSection workspaceId="ws" />, {
      'data.prepareRecipes': () => ({ recipes: [] }),
      'data.prepareColumns': () => ({ columns: RETAIL, encoding: 'utf-8', delimiter: ',' }),
      'data.preview': () => ({ columns: [], rows: [], checks: [], totalRows: 0 }),
      'jobs.list': () => [],
      'data.prepareExport': () =>
        new Promise((resolve) => {
          finish = () => resolve(EXPORTED);
        }),
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Raw file path' }), {
      target: { value: '/data/online_retail_raw.csv.gz' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
    await screen.findByTestId('prepare-suggest-interactions');
    fireEvent.click(screen.getByTestId('prepare-suggest-interactions'));
    const button = screen.getByTestId('prepare-export');
    expect(isDisabled(button)).toBe(false);
    // A double click: the second click comes before the page has drawn the running state.
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(isDisabled(screen.getByTestId('prepare-export'))).toBe(true));
    fireEvent.click(screen.getByTestId('prepare-export'));
    expect(calls.filter(([channel]) => channel === 'data.prepareExport')).toHaveLength(1);
    finish();
    await screen.findByTestId('prepare-exported');
    expect(isDisabled(screen.getByTestId('prepare-export'))).toBe(false);
    expect(screen.queryByText('The export failed')).toBeNull();
  });
});
