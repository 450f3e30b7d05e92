// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors.js';
import { setBridge } from '../../../api/client.js';
import { fakePrepareDraftsCore } from '../../../test-support/fake-prepare-drafts.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import { clearPrepareDraftMemory } from './prepare-draft.js';

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

const EXPORTED = {
  outDir: '/out/online-retail-raw',
  recipePath: '/ws/recipes/online-retail-raw.json',
  files: [],
};

/** Reads the raw file's columns and applies the suggested mapping, so the export can run. */
async function readAndMap(): Promise<void> {
  fireEvent.change(await screen.findByRole('textbox', { name: 'Raw file path' }), {
    target: { value: '/data/online_retail_raw.csv.gz' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
  await screen.findByTestId('prepare-suggest-interactions');
  fireEvent.click(screen.getByTestId('prepare-suggest-interactions'));
}

/** A core whose folder `/out/online-retail-raw` holds an earlier export (replaced only when asked). */
function handlersWithEarlierExport() {
  return {
    ...fakePrepareDraftsCore().handlers,
    'data.prepareRecipes': () => ({ recipes: [] }),
    'data.prepareColumns': () => ({ columns: RETAIL, encoding: 'utf-8', delimiter: ',' }),
    'data.preview': () => ({ columns: [], rows: [], checks: [], totalRows: 0 }),
    'jobs.list': () => [],
    'data.prepareExport': (input: { outDir?: string; replace?: boolean }) => {
      if (input.outDir === '/out/online-retail-raw' && input.replace !== true)
        throw new AppError(
          'file.exists',
          '/out/online-retail-raw already holds interactions.csv, interactions.schema.json.',
          {
            details: {
              outDir: '/out/online-retail-raw',
              files: 'interactions.csv\ninteractions.schema.json',
              suggestedOutDir: '/out/online-retail-raw-2',
            },
          },
        );
      return { ...EXPORTED, outDir: input.outDir ?? EXPORTED.outDir };
    },
  };
}

const exportCalls = (calls: Array<[string, unknown]>) =>
  calls
    .filter(([channel]) => channel === 'data.prepareExport')
    .map(([, input]) => {
      const { outDir, replace } = input as { outDir?: string; replace?: boolean };
      return { outDir, replace };
    });

const isDisabled = (element: HTMLElement): boolean =>
  element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';

describe('"Export importable files"', () => {
  it('says a relative output folder must be absolute as the field is left, and does not export it', async () => {
    const { calls } = renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlersWithEarlierExport(),
    );
    await readAndMap();
    const folder = screen.getByRole('textbox', { name: 'Output folder' });
    fireEvent.change(folder, { target: { value: 'timestamp ts' } });
    const message =
      'Output folder must be an absolute path, e.g. /Users/you/poc-exports ("timestamp ts" is relative); leave it empty for POC Studio exports in your home folder.';
    // The field says it once it is left, not at each keystroke.
    expect(folder.getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.blur(folder);
    await waitFor(() => expect(folder.getAttribute('aria-invalid')).toBe('true'));
    const described = (folder.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described).toContain(message);
    expect(isDisabled(screen.getByTestId('prepare-export'))).toBe(true);
    expect(screen.getByTestId('prepare-export-blocked').textContent).toBe(message);
    fireEvent.click(screen.getByTestId('prepare-export'));
    expect(exportCalls(calls)).toEqual([]);
    // Under the home folder's ~ it is accepted.
    fireEvent.change(folder, { target: { value: '~/poc-exports' } });
    expect(folder.getAttribute('aria-invalid')).not.toBe('true');
    expect(isDisabled(screen.getByTestId('prepare-export'))).toBe(false);
  });

  it('runs once on a double click: the button is disabled while the export runs, and only the success is shown', async () => {
    let finish: () => void = () => undefined;
    const { calls } = renderWithStudio(<PrepareSection workspaceId="ws" />, {
      ...fakePrepareDraftsCore().handlers,
      'data.prepareRecipes': () => ({ recipes: [] }),
      'data.prepareColumns': () => ({ columns: RETAIL, encoding: 'utf-8', delimiter: ',' }),
      'data.preview': () => ({ columns: [], rows: [], checks: [], totalRows: 0 }),
      'jobs.list': () => [],
      'data.prepareExport': () =>
        new Promise((resolve) => {
          finish = () => resolve(EXPORTED);
        }),
    });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Raw file path' }), {
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

  it('asks before replacing an earlier export: the modal names the files; "Write to a new folder" exports there', async () => {
    const { calls } = renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlersWithEarlierExport(),
    );
    await readAndMap();
    fireEvent.change(screen.getByRole('textbox', { name: 'Output folder' }), {
      target: { value: '/out/online-retail-raw' },
    });
    fireEvent.click(screen.getByTestId('prepare-export'));
    const modal = await screen.findByTestId('prepare-replace-modal');
    expect(within(modal).getByTestId('prepare-replace-files').textContent).toBe(
      'interactions.csvinteractions.schema.json',
    );
    expect(modal.textContent).toContain('/out/online-retail-raw-2');
    // No failure is shown: the refusal is a question.
    expect(screen.queryByText('The export failed')).toBeNull();
    fireEvent.click(within(modal).getByRole('button', { name: 'Write to a new folder' }));
    await screen.findByTestId('prepare-exported');
    expect(exportCalls(calls)).toEqual([
      { outDir: '/out/online-retail-raw', replace: undefined },
      { outDir: '/out/online-retail-raw-2', replace: undefined },
    ]);
    expect(screen.getByRole('textbox', { name: 'Output folder' })).toHaveProperty(
      'value',
      '/out/online-retail-raw-2',
    );
    expect(screen.queryByTestId('prepare-replace-modal')).toBeNull();
  });

  it('replaces the earlier files only with "Replace files"; Cancel writes nothing', async () => {
    const { calls } = renderWithStudio(
      <PrepareSection workspaceId="ws" />,
      handlersWithEarlierExport(),
    );
    await readAndMap();
    fireEvent.change(screen.getByRole('textbox', { name: 'Output folder' }), {
      target: { value: '/out/online-retail-raw' },
    });
    fireEvent.click(screen.getByTestId('prepare-export'));
    fireEvent.click(
      within(await screen.findByTestId('prepare-replace-modal')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('prepare-replace-modal')).toBeNull());
    expect(screen.queryByTestId('prepare-exported')).toBeNull();
    fireEvent.click(screen.getByTestId('prepare-export'));
    fireEvent.click(
      within(await screen.findByTestId('prepare-replace-modal')).getByRole('button', {
        name: 'Replace files',
      }),
    );
    await screen.findByTestId('prepare-exported');
    expect(exportCalls(calls)).toEqual([
      { outDir: '/out/online-retail-raw', replace: undefined },
      { outDir: '/out/online-retail-raw', replace: undefined },
      { outDir: '/out/online-retail-raw', replace: true },
    ]);
  });
});
