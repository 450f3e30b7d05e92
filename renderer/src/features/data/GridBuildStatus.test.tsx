// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import { setBridge } from '../../api/client.js';
import { buildStatusText, GridBuildStatus, type PendingRows } from './GridBuildStatus.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const SORTED: PendingRows = {
  path: '/data/interactions.csv',
  offset: 1_000_000,
  limit: 200,
  sort: [{ column: 'ITEM_ID', direction: 'desc' }],
  filters: [],
};

/** A host whose `data.rowsStatus` answers `status`; returns the inputs it was asked with. */
function hostAnswering(status: { building: string; percent?: number }): unknown[] {
  const asked: unknown[] = [];
  setBridge(
    buildBridge(
      (channel: Channel, input: unknown) => {
        if (channel !== 'data.rowsStatus')
          return Promise.resolve({
            ok: false as const,
            error: { code: 'internal' as const, message: channel },
          });
        asked.push(input);
        return Promise.resolve({ ok: true as const, value: status });
      },
      () => () => undefined,
    ),
  );
  return asked;
}

describe('the status line over the grid', () => {
  it('says which build a page waits for, on how many rows, and how far along', () => {
    expect(buildStatusText({ building: 'view', percent: 42.7 }, SORTED, 2_000_000)).toBe(
      'Sorting all 2,000,000 rows by ITEM_ID (descending): building the view once, its next pages come at once… 42 %',
    );
    expect(
      buildStatusText(
        { building: 'view' },
        {
          ...SORTED,
          sort: [],
          filters: [{ column: 'EVENT_TYPE', type: 'equals', value: 'purchase' }],
        },
      ),
    ).toBe('Filtering all rows: building the view once, its next pages come at once…');
    // A sorted page waits for the file's table; an unsorted one is read from the file meanwhile.
    expect(buildStatusText({ building: 'table', percent: 7 }, SORTED, 2_000_000)).toBe(
      'Reading all 2,000,000 rows of the file for sorting and filtering (once per file version)… 7 %',
    );
    expect(buildStatusText({ building: 'table', percent: 7.9 }, { ...SORTED, sort: [] })).toBe(
      'Loading rows 1,000,001–1,000,200 from the file while all rows are read for sorting and filtering (once per file version, 7 % done)…',
    );
    expect(
      buildStatusText({ building: 'table' }, { ...SORTED, sort: [], offset: 1_999_900 }, 2_000_000),
    ).toBe(
      'Loading rows 1,999,901–2,000,000 from the file while all 2,000,000 rows are read for sorting and filtering (once per file version)…',
    );
    expect(buildStatusText({ building: 'none' }, SORTED)).toBeUndefined();
  });

  it('shows the status of a waiting sorted page and stops asking once the page has come', async () => {
    const asked = hostAnswering({ building: 'view', percent: 55 });
    const { rerender } = render(<GridBuildStatus request={SORTED} rowCount={2_000_000} />);
    const status = screen.getByRole('status');
    await vi.waitFor(() =>
      expect(status.textContent).toBe(
        'Sorting all 2,000,000 rows by ITEM_ID (descending): building the view once, its next pages come at once… 55 %',
      ),
    );
    expect(asked[0]).toEqual({
      path: '/data/interactions.csv',
      sort: [{ column: 'ITEM_ID', direction: 'desc' }],
      filters: [],
    });
    rerender(<GridBuildStatus request={undefined} rowCount={2_000_000} />);
    expect(status.textContent).toBe('');
    const calls = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(asked.length).toBe(calls);
  });

  it('shows nothing while the page waits for nothing being built', async () => {
    const asked = hostAnswering({ building: 'none' });
    render(<GridBuildStatus request={SORTED} />);
    await vi.waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});

describe('the preview grid', () => {
  it("shows the status line while its first page is read from the file during the table's build", async () => {
    await import('../../components/ag-grid-setup.js');
    const { PreviewGrid } = await import('./PreviewGrid.js');
    const asked: Channel[] = [];
    setBridge(
      buildBridge(
        (channel: Channel) => {
          asked.push(channel);
          if (channel === 'data.rowsStatus')
            return Promise.resolve({
              ok: true as const,
              value: { building: 'table' as const, percent: 30 },
            });
          // The page never answers while the table builds.
          return new Promise(() => undefined);
        },
        () => () => undefined,
      ),
    );
    render(
      <PreviewGrid
        path="/data/interactions.csv"
        columns={[{ name: 'USER_ID', type: 'VARCHAR' }]}
        datasetType="interactions"
        rowCount={158_371}
      />,
    );
    await vi.waitFor(
      () =>
        expect(screen.getByTestId('grid-build-status').textContent).toBe(
          'Loading rows 1–200 from the file while all 158,371 rows are read for sorting and filtering (once per file version, 30 % done)…',
        ),
      { timeout: 3000 },
    );
    expect(asked).toContain('data.rows');
  });
});
