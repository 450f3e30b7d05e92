import type { IGetRowsParams } from 'ag-grid-community';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import { setBridge } from '../../api/client.js';
import { filteredCountText, rowsDatasource } from './PreviewGrid.js';

afterEach(() => setBridge(undefined));

/** A host whose `data.rows` answers one row, with `rowCount` only when given. */
function hostAnswering(rowCount?: number): void {
  setBridge(
    buildBridge(
      (channel: Channel) =>
        Promise.resolve(
          channel === 'data.rows'
            ? {
                ok: true as const,
                value: {
                  rows: [{ USER_ID: '429' }],
                  ...(rowCount === undefined ? {} : { rowCount }),
                },
              }
            : { ok: false as const, error: { code: 'internal' as const, message: channel } },
        ),
      () => () => undefined,
    ),
  );
}

/** Asks the datasource for rows 0–100 and resolves with what it passes to ag-grid. */
async function firstBlock(
  knownRowCount?: () => number | undefined,
): Promise<[unknown, number | undefined]> {
  const successCallback = vi.fn();
  rowsDatasource('/data/interactions.csv', undefined, undefined, knownRowCount).getRows({
    startRow: 0,
    endRow: 100,
    sortModel: [],
    filterModel: {},
    successCallback,
    failCallback: vi.fn(),
    context: undefined,
  } as unknown as IGetRowsParams);
  await vi.waitFor(() => expect(successCallback).toHaveBeenCalled());
  return successCallback.mock.calls[0] as [unknown, number | undefined];
}

describe('the grid datasource', () => {
  it("gives ag-grid the file's counted rows for a page read before the grid table exists", async () => {
    hostAnswering();
    // Without the count ag-grid does not know the last row: Ctrl+End stops at the loaded rows.
    expect((await firstBlock(() => 158_371))[1]).toBe(158_371);
    expect((await firstBlock(() => undefined))[1]).toBe(-1);
    expect((await firstBlock())[1]).toBe(-1);
  });

  it("keeps the page's own count (a filtered or sorted page counts its matches)", async () => {
    hostAnswering(12);
    expect(await firstBlock(() => 158_371)).toEqual([[{ USER_ID: '429' }], 12]);
  });

  it('tells the status line which page waits, until every page has answered', async () => {
    let answer: (() => void) | undefined;
    setBridge(
      buildBridge(
        () =>
          new Promise((resolve) => {
            answer = () => resolve({ ok: true as const, value: { rows: [], rowCount: 0 } });
          }),
        () => () => undefined,
      ),
    );
    const heard: unknown[] = [];
    const successCallback = vi.fn();
    rowsDatasource('/data/interactions.csv', undefined, undefined, undefined, (request) =>
      heard.push(request),
    ).getRows({
      startRow: 400,
      endRow: 600,
      sortModel: [{ colId: 'ITEM_ID', sort: 'desc' }],
      filterModel: {},
      successCallback,
      failCallback: vi.fn(),
      context: undefined,
    } as unknown as IGetRowsParams);
    expect(heard).toEqual([
      {
        path: '/data/interactions.csv',
        offset: 400,
        limit: 200,
        sort: [{ column: 'ITEM_ID', direction: 'desc' }],
        filters: [],
      },
    ]);
    await vi.waitFor(() => expect(answer).toBeDefined());
    answer?.();
    await vi.waitFor(() => expect(successCallback).toHaveBeenCalled());
    expect(heard[1]).toBeUndefined();
    expect(heard).toHaveLength(2);
  });
});

describe('the count of rows matching the filter', () => {
  /** Asks for rows 0–100 with `filterModel` and resolves with what `onFilteredCount` heard. */
  async function heardCount(filterModel: Record<string, unknown>): Promise<unknown[]> {
    const successCallback = vi.fn();
    const onFilteredCount = vi.fn();
    rowsDatasource(
      '/data/interactions.csv',
      undefined,
      undefined,
      () => 541_909,
      undefined,
      onFilteredCount,
    ).getRows({
      startRow: 0,
      endRow: 100,
      sortModel: [],
      filterModel,
      successCallback,
      failCallback: vi.fn(),
      context: undefined,
    } as unknown as IGetRowsParams);
    await vi.waitFor(() => expect(successCallback).toHaveBeenCalled());
    return onFilteredCount.mock.calls.map((call) => call[0] as unknown);
  }

  it("reports the filtered view's count of a filtered page, and none without a filter", async () => {
    hostAnswering(8_557);
    expect(
      await heardCount({ Country: { filterType: 'text', type: 'contains', filter: 'Fra' } }),
    ).toEqual([8_557]);
    expect(await heardCount({})).toEqual([undefined]);
  });

  it('says how many of the rows match', () => {
    expect(filteredCountText(1_234, 541_909)).toBe('1,234 of 541,909 rows match the filter.');
    expect(filteredCountText(1, 541_909)).toBe('1 of 541,909 rows matches the filter.');
    expect(filteredCountText(0)).toBe('0 rows match the filter.');
    expect(filteredCountText(undefined, 541_909)).toBeUndefined();
  });
});
