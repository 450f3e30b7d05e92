// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../api/client.js';
import { goToStep, useHashRoute } from '../../../app/use-hash-step.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import { clearPrepareDraftMemory, PREPARE_DRAFTS_KEY } from './prepare-draft.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  clearPrepareDraftMemory();
  window.localStorage.clear();
  window.location.hash = '';
});

/** movielens-latest-small/movies.csv as data.prepareColumns reads it (a catalogue: no user, no time). */
const MOVIES = [
  { name: 'movieId', type: 'BIGINT' },
  { name: 'title', type: 'VARCHAR' },
  { name: 'genres', type: 'VARCHAR' },
];

/** The raw Online Retail export's columns (an order export: interactions). */
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

const noChecks = { columns: [], rows: [], checks: [], totalRows: 0 };

function handlers(columnsOf: (path: string) => typeof MOVIES) {
  return {
    'data.prepareRecipes': () => ({ recipes: [] }),
    'data.prepareColumns': (input: { path: string }) => ({
      columns: columnsOf(input.path),
      encoding: 'utf-8',
      delimiter: ',',
    }),
    'data.preview': () => noChecks,
    'data.prepareExport': () => ({ outDir: '/out', recipePath: '/out/r.json', files: [] }),
  };
}

function readFile(path: string): void {
  fireEvent.change(screen.getByRole('textbox', { name: 'Raw file path' }), {
    target: { value: path },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
}

const feeds = (type: string) =>
  screen.getByRole<HTMLInputElement>('checkbox', { name: `${type} (writes ${type}.csv)` });

describe('which datasets the raw file feeds', () => {
  it('reads a catalogue as items only: items findings, items mapping, items.csv alone', async () => {
    const { calls } = renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlers(() => MOVIES),
    );
    readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(feeds('interactions').checked).toBe(false);
    expect(feeds('users').checked).toBe(false);
    // The last dataset stays on (an export writes a file).
    expect(feeds('items').disabled).toBe(true);
    expect(screen.getByRole('tab', { name: 'items.csv' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'interactions.csv' })).toBeNull();
    // Reading the file proposed its mapping: no click on Suggest mapping needed.
    expect((await screen.findByTestId('prepare-suggested-items')).textContent).toBe(
      'movieId → ITEM_ID (named movieId); title → TITLE (free text, textual); genres → GENRES (categories, categorical)',
    );
    // The findings are the items rules' (no USER_ID / TIMESTAMP guessed).
    const checked = calls.filter(([channel]) => channel === 'data.preview');
    expect(checked.map(([, input]) => (input as { datasetType: string }).datasetType)).toEqual([
      'items',
    ]);
    fireEvent.click(screen.getByTestId('prepare-export'));
    await waitFor(() =>
      expect(calls.some(([channel]) => channel === 'data.prepareExport')).toBe(true),
    );
    const exported = calls.find(([channel]) => channel === 'data.prepareExport')?.[1] as {
      recipe: { datasets: string[]; outputs: { fileName: string; columns: { name: string }[] }[] };
    };
    expect(exported.recipe.datasets).toEqual(['items']);
    expect(
      exported.recipe.outputs.map((output) => [
        output.fileName,
        output.columns.map((column) => column.name),
      ]),
    ).toEqual([['items.csv', ['ITEM_ID', 'TITLE', 'GENRES']]]);
  });

  it('reads an order export as interactions, and lets the user add items with the keyboard', async () => {
    renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlers(() => RETAIL),
    );
    readFile('/data/online_retail_raw.csv.gz');
    await waitFor(() => expect(feeds('interactions').checked).toBe(true));
    expect(feeds('items').checked).toBe(false);
    // A native checkbox: Space toggles it, as a click does.
    feeds('items').focus();
    fireEvent.click(feeds('items'));
    expect(feeds('items').checked).toBe(true);
    expect(screen.getByRole('tab', { name: 'items.csv' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'interactions.csv' })).toBeTruthy();
  });
});

/** The guide's routing in small: the Data step shows the form, another step does not. */
function Guide() {
  const route = useHashRoute();
  return route === 'data' ? <PrepareSection workspaceId="ws" /> : <p>Import step</p>;
}

describe('the unsaved Prepare form', () => {
  it('comes back after going to another step and back, and after a restart', async () => {
    window.location.hash = '#/data';
    const columnsRead: string[] = [];
    renderWithStudio(
      <Guide />,
      handlers((path) => {
        columnsRead.push(path);
        return MOVIES;
      }),
    );
    readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    fireEvent.click(screen.getByTestId('prepare-suggest-items'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Recipe name' }), {
      target: { value: 'catalogue' },
    });
    act(() => goToStep('import'));
    await screen.findByText('Import step');
    act(() => goToStep('data'));
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(screen.getByRole('textbox', { name: 'Recipe name' })).toHaveProperty(
      'value',
      'catalogue',
    );
    expect(screen.getByRole('textbox', { name: 'Raw file path' })).toHaveProperty(
      'value',
      '/data/movies.csv',
    );
    // The mapping is back: the output's columns read their sources.
    expect(screen.getByTestId('prepare-source-columns').textContent).toContain('movieId');
    expect(screen.getAllByDisplayValue('GENRES').length).toBeGreaterThan(0);
    expect(columnsRead).toEqual(['/data/movies.csv', '/data/movies.csv']);

    // A restart: the window's memory is gone, the workspace's stored draft is not.
    cleanup();
    clearPrepareDraftMemory();
    expect(window.localStorage.getItem(`${PREPARE_DRAFTS_KEY}:ws`)).toContain('catalogue');
    renderWithStudio(
      <Guide />,
      handlers(() => MOVIES),
    );
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(screen.getByRole('textbox', { name: 'Recipe name' })).toHaveProperty(
      'value',
      'catalogue',
    );
    expect(screen.getAllByDisplayValue('GENRES').length).toBeGreaterThan(0);
    // Another workspace has a form of its own.
    cleanup();
    renderWithStudio(
      <PrepareSection workspaceId="other" />,
      handlers(() => MOVIES),
    );
    expect(screen.getByRole('textbox', { name: 'Recipe name' })).toHaveProperty('value', '');
  });
});
