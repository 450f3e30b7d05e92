import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pickIdColumn } from '../../../shared/titles-id-column.js';
import { TitlesFiles } from './titles-file.js';

const folder = mkdtempSync(join(tmpdir(), 'titles-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Order lines like the UCI Online Retail export: an item on many rows, of many customers. */
const ORDER_LINES = [
  'InvoiceNo,StockCode,Description,Quantity,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,17850,United Kingdom',
  '581514,85123A,WHITE HANGING HEART T-LIGHT HOLDER,14,17754,United Kingdom',
  '581515,22633,HAND WARMER UNION JACK,2,12680,France',
].join('\n');

describe('a titles file whose items are on many rows (order lines)', () => {
  it("picks the column holding the campaign's item ids, not CustomerID", async () => {
    const path = join(folder, 'online_retail.csv');
    writeFileSync(path, `${ORDER_LINES}\n`);
    const titles = new TitlesFiles();
    const matches = await titles.idMatches(path, new Set(['85123A', '22633', '84406B']));
    expect(matches.find((match) => match.column === 'StockCode')?.matched).toBe(2);
    expect(matches.find((match) => match.column === 'CustomerID')?.matched).toBe(0);
    expect(pickIdColumn(await titles.columns(path), matches)).toBe('StockCode');
  });

  it("shows one row per item id, its first: never a later order line's customer", async () => {
    const path = join(folder, 'online_retail_lines.csv');
    writeFileSync(path, `${ORDER_LINES}\n`);
    const byId = await new TitlesFiles().load({ path, idColumn: 'StockCode' });
    expect(byId.size).toBe(2);
    expect(byId.get('85123A')).toEqual({
      InvoiceNo: '536365',
      Description: 'WHITE HANGING HEART T-LIGHT HOLDER',
      Quantity: '6',
      CustomerID: '17850',
      Country: 'United Kingdom',
    });
    expect(byId.get('22633')?.InvoiceNo).toBe('536366');
  });
});
