import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import {
  closeGridTables,
  configureGridCache,
  gridRows,
  gridStatus,
  gridTable,
  gridWorkCounts,
  openForGrid,
  type GridSort,
  type GridStatus,
} from './grid-rows.js';

const RETAIL = 'online-retail-uci/online_retail_raw.csv.gz';
const retail = sharedDataPath(RETAIL);

const folders: string[] = [];

afterAll(async () => {
  await closeGridTables();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** Statuses seen every 20 ms until `work` settles. */
async function statusesWhile(work: Promise<unknown>, status: () => Promise<GridStatus>) {
  let done = false;
  void work.finally(() => (done = true));
  const seen: GridStatus[] = [];
  while (!done) {
    seen.push(await status());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await work;
  return seen;
}

describe('the grid while its table and views are built (raw Online Retail export, 541,909 rows)', () => {
  it.runIf(retail !== undefined)(
    `says what it builds, shares one build per view, and reads a page from the CSV only while the table is built ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    { timeout: 180_000 },
    async () => {
      // A fresh copy and cache folder: nothing built yet.
      const folder = await mkdtemp(path.join(tmpdir(), 'grid-status-'));
      folders.push(folder);
      configureGridCache({ folder: path.join(folder, 'cache') });
      const file = path.join(folder, 'online_retail_raw.csv.gz');
      await copyFile(retail ?? '', file);
      const before = gridWorkCounts();

      const opened = await openForGrid(file);
      expect(opened.rows[0]?.InvoiceNo).toBe('536365');
      // A page in the middle asked for at once is read from the CSV while the table is built.
      const early = gridRows(file, { offset: 300_000, limit: 100 });
      const whileTable = await statusesWhile(early, () => gridStatus(file, {}));
      expect(whileTable[0]?.building).toBe('table');
      const page = await early;
      expect(gridWorkCounts().csvPages).toBe(before.csvPages + 1);
      expect(gridWorkCounts().tableBuilds).toBe(before.tableBuilds + 1);
      await gridTable(file);
      expect(await gridStatus(file, {})).toEqual({ building: 'none' });
      // The same page read from the built table, which the CSV is not read again for.
      const fromTable = await gridRows(file, { offset: 300_000, limit: 100 });
      expect(fromTable.rows).toEqual(page.rows);
      expect(fromTable.rowCount).toBe(541_909);
      expect(gridWorkCounts().csvPages).toBe(before.csvPages + 1);

      // Two blocks of one new sort at once (and the sort clicked again): one build.
      const sort: GridSort[] = [{ column: 'Description', direction: 'desc' }];
      const blocks = Promise.all([
        gridRows(file, { offset: 0, limit: 200, sort }),
        gridRows(file, { offset: 200, limit: 200, sort }),
        gridRows(file, { offset: 0, limit: 200, sort }),
      ]);
      const whileView = await statusesWhile(blocks, () => gridStatus(file, { sort }));
      expect(whileView[0]?.building).toBe('view');
      for (const status of whileView)
        if (status.percent !== undefined) {
          expect(status.percent).toBeGreaterThanOrEqual(0);
          expect(status.percent).toBeLessThanOrEqual(100);
        }
      const [first, second, again] = await blocks;
      expect(gridWorkCounts().viewBuilds).toBe(before.viewBuilds + 1);
      expect(first.rowCount).toBe(541_909);
      expect(again.rows).toEqual(first.rows);
      expect(second.rows[0]?.Description).not.toBeNull();
      expect(await gridStatus(file, { sort })).toEqual({ building: 'none' });
      // Another sort's view is not being built (the file's table is).
      expect(await gridStatus(file, { sort: [{ column: 'Quantity', direction: 'asc' }] })).toEqual({
        building: 'none',
      });
      console.log(
        'statuses while the table builds:',
        whileTable.length,
        'while the view builds:',
        whileView.map((status) => status.percent?.toFixed(0) ?? '?').join(' '),
      );
    },
  );
});
