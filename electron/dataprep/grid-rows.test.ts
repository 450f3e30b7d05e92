import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { gridRows, gridTable, openForGrid } from './grid-rows.js';

const RETAIL_DAY = 'messy/online-retail-uci_2010-12-01.csv';
const LATIN1 = 'messy/ml-1m_movies_excerpt.dat';
const retailDay = sharedDataPath(RETAIL_DAY);
const latin1 = sharedDataPath(LATIN1);

describe('the grid over the whole file (SQL paging, sorting, filtering)', () => {
  it.runIf(retailDay !== undefined)(
    `pages, sorts and filters the retail day ${retailDay === undefined ? missingDataReason(RETAIL_DAY) : ''}`,
    async () => {
      const file = retailDay ?? '';
      const open = await openForGrid(file);
      expect(open.rows).toHaveLength(100);
      expect(open.rows[0]).toMatchObject({ InvoiceNo: '536365', StockCode: '85123A' });
      expect(open.opened.columns.map((column) => column.name)).toContain('CustomerID');
      // Before and after the grid table: the same page in file order.
      const early = await gridRows(file, { offset: 3000, limit: 200 });
      await gridTable(file);
      const page = await gridRows(file, { offset: 3000, limit: 200 });
      expect(page.rowCount).toBe(3108);
      expect(page.rows).toHaveLength(108);
      expect(page.rows).toEqual(early.rows);
      // The file's last line is invoice 536597.
      expect(page.rows[107]?.InvoiceNo).toBe('536597');

      const sorted = await gridRows(file, {
        offset: 0,
        limit: 3,
        sort: [{ column: 'Quantity', direction: 'desc' }],
      });
      expect(sorted.rows.map((row) => Number(row.Quantity))).toEqual(
        [...sorted.rows.map((row) => Number(row.Quantity))].sort((a, b) => b - a),
      );
      // Sorted as numbers over the whole file, not as text: the largest quantity of the day.
      const largest = Math.max(
        ...(await gridRows(file, { offset: 0, limit: 1000 })).rows
          .concat((await gridRows(file, { offset: 1000, limit: 1000 })).rows)
          .concat((await gridRows(file, { offset: 2000, limit: 1000 })).rows)
          .concat((await gridRows(file, { offset: 3000, limit: 1000 })).rows)
          .map((row) => Number(row.Quantity)),
      );
      expect(Number(sorted.rows[0]?.Quantity)).toBe(largest);
      const ascending = await gridRows(file, {
        offset: 0,
        limit: 1,
        sort: [{ column: 'Quantity', direction: 'asc' }],
      });
      expect(Number(ascending.rows[0]?.Quantity)).toBeLessThan(0);

      const blanks = await gridRows(file, {
        offset: 0,
        limit: 1000,
        filters: [{ column: 'CustomerID', type: 'blank' }],
      });
      expect(blanks.rowCount).toBe(1140);
      expect(blanks.rows.every((row) => row.CustomerID === null)).toBe(true);
      const france = await gridRows(file, {
        offset: 0,
        limit: 1000,
        filters: [
          { column: 'Country', type: 'equals', value: 'france' },
          { column: 'Quantity', type: 'greaterThanOrEqual', value: 24 },
        ],
      });
      expect(france.rowCount).toBeGreaterThan(0);
      expect(
        france.rows.every((row) => row.Country === 'France' && Number(row.Quantity) >= 24),
      ).toBe(true);
      const lights = await gridRows(file, {
        offset: 0,
        limit: 5,
        filters: [{ column: 'Description', type: 'contains', value: 'T-LIGHT' }],
      });
      expect(lights.rows.every((row) => row.Description?.includes('T-LIGHT'))).toBe(true);

      await expect(
        gridRows(file, { offset: 0, limit: 5, sort: [{ column: 'Nope', direction: 'asc' }] }),
      ).rejects.toThrow(/no column Nope/u);
      await expect(
        gridRows(file, {
          offset: 0,
          limit: 5,
          filters: [{ column: 'Quantity', type: 'greaterThan', value: 'lots' }],
        }),
      ).rejects.toThrow(/needs a number; got "lots"/u);
    },
  );

  it.runIf(latin1 !== undefined)(
    `shows a Latin-1 '::' file decoded ${latin1 === undefined ? missingDataReason(LATIN1) : ''}`,
    async () => {
      const open = await openForGrid(latin1 ?? '');
      expect(open.opened.encoding.encoding).toBe('latin-1');
      expect(open.opened.delimiter).toBe('::');
      const page = await gridRows(latin1 ?? '', {
        offset: 0,
        limit: 50,
        filters: [{ column: 'column1', type: 'startsWith', value: 'misérables' }],
      });
      expect(page.rows.map((row) => row.column1)).toEqual(['Misérables, Les (1995)']);
    },
  );

  it('keeps a small file with one bad row in its columns and pages past the bad row', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'grid-'));
    const file = path.join(folder, 'bad-row.csv');
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1600000000\nu2,i2\nu3,i3,1600000002\n');
    const open = await openForGrid(file);
    expect(open.opened.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
    const page = await gridRows(file, { offset: 0, limit: 10 });
    expect(page.rows.map((row) => row.USER_ID)).toEqual(['u1', 'u3']);
  });
});
