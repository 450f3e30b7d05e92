// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors.js';
import { setBridge } from '../../../api/client.js';
import { goToStep, useHashRoute } from '../../../app/use-hash-step.js';
import { fakePrepareDraftsCore } from '../../../test-support/fake-prepare-drafts.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import {
  clearPrepareDraftMemory,
  flushPrepareDrafts,
  LEGACY_PREPARE_DRAFTS_KEY,
  PREPARE_DRAFTS_SAVE_DELAY_MS,
  withFileDraft,
  type PrepareDraft,
} from './prepare-draft.js';
import { outputDraft } from './recipe-form.js';

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

function handlers(columnsOf: (path: string) => typeof MOVIES, core = fakePrepareDraftsCore()) {
  return {
    ...core.handlers,
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

/** The raw file path field, once the form has read the workspace's drafts from the core. */
const pathField = () => screen.findByRole('textbox', { name: 'Raw file path' });

async function readFile(path: string): Promise<void> {
  fireEvent.change(await pathField(), { target: { value: path } });
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
    await readFile('/data/movies.csv');
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
    await readFile('/data/online_retail_raw.csv.gz');
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

const recipeName = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Recipe name' });

function rename(value: string): void {
  fireEvent.change(recipeName(), { target: { value } });
}

const savesOf = (calls: Array<[string, unknown]>) =>
  calls
    .filter(([channel]) => channel === 'data.setPrepareDrafts')
    .map(([, input]) => input as { workspaceId: string; drafts: { files: object } });

describe('the unsaved Prepare form', () => {
  it('comes back after going to another step and back, and after a restart (from the core)', async () => {
    window.location.hash = '#/data';
    const columnsRead: string[] = [];
    const core = fakePrepareDraftsCore();
    const { calls } = renderWithStudio(
      <Guide />,
      handlers((path) => {
        columnsRead.push(path);
        return MOVIES;
      }, core),
    );
    await readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    fireEvent.click(screen.getByTestId('prepare-suggest-items'));
    rename('catalogue');
    act(() => goToStep('import'));
    await screen.findByText('Import step');
    act(() => goToStep('data'));
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(recipeName().value).toBe('catalogue');
    expect(screen.getByRole('textbox', { name: 'Raw file path' })).toHaveProperty(
      'value',
      '/data/movies.csv',
    );
    // The mapping is back: the output's columns read their sources.
    expect(screen.getByTestId('prepare-source-columns').textContent).toContain('movieId');
    expect(screen.getAllByDisplayValue('GENRES').length).toBeGreaterThan(0);
    expect(columnsRead).toEqual(['/data/movies.csv', '/data/movies.csv']);
    // Coming back read the window's copy: the core was asked once.
    expect(calls.filter(([channel]) => channel === 'data.getPrepareDrafts')).toEqual([
      ['data.getPrepareDrafts', { workspaceId: 'ws' }],
    ]);
    // Saved to the core shortly after the last change.
    await waitFor(() =>
      expect(core.stored.get('ws')?.files['/data/movies.csv']?.name).toBe('catalogue'),
    );
    expect(core.stored.get('ws')).toMatchObject({
      sourcePath: '/data/movies.csv',
      readPath: '/data/movies.csv',
    });

    // A restart: the window's memory and localStorage are gone, the core's drafts are not.
    cleanup();
    clearPrepareDraftMemory();
    window.localStorage.clear();
    renderWithStudio(
      <Guide />,
      handlers(() => MOVIES, core),
    );
    expect(screen.getByText('Reading the unsaved form of this workspace…')).toBeTruthy();
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(recipeName().value).toBe('catalogue');
    expect(screen.getAllByDisplayValue('GENRES').length).toBeGreaterThan(0);
    // Another workspace has a form of its own.
    cleanup();
    renderWithStudio(
      <PrepareSection workspaceId="other" />,
      handlers(() => MOVIES, core),
    );
    expect((await pathField()).getAttribute('value')).toBe('');
    expect(recipeName().value).toBe('');
  });

  it('saves a burst of changes once, after the delay, and at once when the page is hidden', async () => {
    const { calls } = renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlers(() => MOVIES),
    );
    await readFile('/data/movies.csv');
    await screen.findByTestId('prepare-suggested-items');
    await act(() => flushPrepareDrafts());
    const before = savesOf(calls).length;
    expect(before).toBeGreaterThan(0);
    rename('c');
    rename('ca');
    rename('cat');
    const lastChangeMs = Date.now();
    expect(savesOf(calls)).toHaveLength(before);
    await waitFor(() => expect(savesOf(calls)).toHaveLength(before + 1));
    expect(Date.now() - lastChangeMs).toBeGreaterThanOrEqual(PREPARE_DRAFTS_SAVE_DELAY_MS - 100);
    expect(savesOf(calls)[before]?.drafts).toMatchObject({
      files: { '/data/movies.csv': { name: 'cat' } },
    });
    // A change that brings back what the core holds sends nothing.
    rename('ca');
    rename('cat');
    await new Promise((resolve) => setTimeout(resolve, PREPARE_DRAFTS_SAVE_DELAY_MS + 100));
    expect(savesOf(calls)).toHaveLength(before + 1);
    // Closing or hiding the window sends the waiting save without waiting for the delay.
    const sooner = { timeout: PREPARE_DRAFTS_SAVE_DELAY_MS / 2 };
    rename('catalogue');
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => expect(savesOf(calls)).toHaveLength(before + 2), sooner);
    expect(savesOf(calls)[before + 1]?.drafts).toMatchObject({
      files: { '/data/movies.csv': { name: 'catalogue' } },
    });
    rename('catalogue 2');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Reflect.deleteProperty(document, 'visibilityState');
    await waitFor(() => expect(savesOf(calls)).toHaveLength(before + 3), sooner);
    expect(savesOf(calls)[before + 2]?.drafts).toMatchObject({
      files: { '/data/movies.csv': { name: 'catalogue 2' } },
    });
    await act(() => flushPrepareDrafts());
  });

  it('says when the core refuses a save, and that the form stays in the window', async () => {
    renderWithStudio(<PrepareSection workspaceId="ws" />, {
      ...handlers(() => MOVIES),
      'data.setPrepareDrafts': () => {
        throw new AppError(
          'input.invalid',
          'The unsaved Prepare form is 513 KiB, over the 512 KiB the studio keeps per workspace: it is kept in this window only.',
        );
      },
    });
    await readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    expect(screen.queryByTestId('prepare-drafts-save-error')).toBeNull();
    await act(() => flushPrepareDrafts());
    const alert = await screen.findByTestId('prepare-drafts-save-error');
    expect(alert.textContent).toContain(
      'The unsaved form could not be saved: it is kept in this window only',
    );
    expect(alert.textContent).toContain('513 KiB, over the 512 KiB');
  });

  it('starts empty when the core cannot be read, and then replaces nothing', async () => {
    const { calls } = renderWithStudio(<PrepareSection workspaceId="ws" />, {
      ...handlers(() => MOVIES),
      'data.getPrepareDrafts': () => {
        throw new AppError('internal', 'The studio stopped answering.');
      },
    });
    expect((await screen.findByTestId('prepare-drafts-load-error')).textContent).toContain(
      'The studio stopped answering.',
    );
    await readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    await act(() => flushPrepareDrafts());
    expect(savesOf(calls)).toEqual([]);
  });

  it('moves the drafts an earlier version kept in localStorage to the core, once', async () => {
    const core = fakePrepareDraftsCore();
    // What an earlier version stored: the movies file mapped as items and named.
    renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlers(() => MOVIES, core),
    );
    await readFile('/data/movies.csv');
    await waitFor(() => expect(feeds('items').checked).toBe(true));
    rename('catalogue');
    await act(() => flushPrepareDrafts());
    const earlier = core.stored.get('ws');
    cleanup();
    clearPrepareDraftMemory();
    core.stored.clear();
    window.localStorage.setItem(`${LEGACY_PREPARE_DRAFTS_KEY}:ws`, JSON.stringify(earlier));

    renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlers(() => MOVIES, core),
    );
    await waitFor(() => expect(recipeName().value).toBe('catalogue'));
    await act(() => flushPrepareDrafts());
    expect(core.stored.get('ws')).toEqual(earlier);
    expect(window.localStorage.getItem(`${LEGACY_PREPARE_DRAFTS_KEY}:ws`)).toBeNull();
  });
});

describe('withFileDraft', () => {
  const draft = (name: string): PrepareDraft => ({
    name,
    outDir: '',
    outputs: [outputDraft('items')],
    joins: [],
    tab: 'items',
  });

  it('puts the edited file last and keeps the drafts of the 20 files edited last', () => {
    let files: Readonly<Record<string, PrepareDraft>> = {};
    for (let index = 1; index <= 20; index += 1)
      files = withFileDraft({ sourcePath: '', files }, `/data/f${index}.csv`, draft(`f${index}`));
    expect(Object.keys(files)).toHaveLength(20);
    // Editing an older file again moves it last; nothing is dropped.
    files = withFileDraft({ sourcePath: '', files }, '/data/f1.csv', draft('f1 again'));
    expect(Object.keys(files).slice(0, 2)).toEqual(['/data/f2.csv', '/data/f3.csv']);
    expect(Object.keys(files).at(-1)).toBe('/data/f1.csv');
    expect(files['/data/f1.csv']?.name).toBe('f1 again');
    // A 21st file: the one edited longest ago goes.
    files = withFileDraft({ sourcePath: '', files }, '/data/f21.csv', draft('f21'));
    expect(Object.keys(files)).toHaveLength(20);
    expect(files['/data/f2.csv']).toBeUndefined();
    expect(Object.keys(files).slice(0, 1)).toEqual(['/data/f3.csv']);
    expect(Object.keys(files).slice(-2)).toEqual(['/data/f1.csv', '/data/f21.csv']);
  });
});
