import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlLiteral } from './csv-format.js';
import { withConnection } from './duckdb.js';
import {
  closeGridTables,
  configureGridCache,
  gridRows,
  gridStatus,
  gridTable,
  gridWorkCounts,
  isPending,
  openForGrid,
} from './grid-rows.js';

/** Rows of the generated file (its malformed lines aside). */
const ROWS = 2_000_000;

/** Row numbers (0-based) after which the file has a malformed line: 150,000, 250,000... */
const MALFORMED_AFTER = { first: 150_000, every: 100_000 };

let folder = '';
let file = '';

/**
 * Writes an interactions file of {@link ROWS} readable rows (row n: USER_ID u<n % 1000>,
 * TIMESTAMP 1600000000 + n) with a malformed line after every {@link MALFORMED_AFTER} row, in
 * turn one with two fields and one whose TIMESTAMP is not a number: both are skipped, so the
 * grid's row n still has TIMESTAMP 1600000000 + n.
 */
async function writeFileWithMalformedLines(target: string): Promise<void> {
  await withConnection((connection) =>
    connection.run(
      `COPY (SELECT line FROM (
         SELECT 0 AS k, 0 AS sub, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE' AS line
         UNION ALL SELECT i + 1, 0, 'u' || (i % 1000) || ',i' || ((i * 7919) % 5000) || ',' || (1600000000 + i) || ',' || ['click', 'view', 'purchase'][(i % 3) + 1] FROM range(${ROWS}) t(i)
         UNION ALL SELECT i + 1, 1, CASE WHEN (i // ${MALFORMED_AFTER.every}) % 2 = 0 THEN 'u-bad,i-bad' ELSE 'u-bad,i-bad,not-a-time,click' END
           FROM range(${MALFORMED_AFTER.first}, ${ROWS}, ${MALFORMED_AFTER.every}) t(i)
       ) ORDER BY k, sub) TO ${sqlLiteral(target)} (HEADER false, DELIMITER '|')`,
    ),
  );
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'grid-build-pages-'));
  configureGridCache({ folder: path.join(folder, 'cache') });
  file = path.join(folder, 'interactions.csv');
  await writeFileWithMalformedLines(file);
}, 60_000);

afterAll(async () => {
  await closeGridTables();
  await rm(folder, { recursive: true, force: true });
});

describe(`a page in the middle of a ${ROWS.toLocaleString('en-US')}-row file while its grid table is built`, () => {
  it(
    'comes from the file before the table, with the row numbers and values the table then has',
    { timeout: 120_000 },
    async () => {
      const before = gridWorkCounts();
      const opened = await openForGrid(file);
      expect(opened.rows[0]).toEqual({
        USER_ID: 'u0',
        ITEM_ID: 'i0',
        TIMESTAMP: '1600000000',
        EVENT_TYPE: 'click',
      });
      const table = gridTable(file);

      const middle = await gridRows(file, { offset: 1_000_000, limit: 200 });
      // Read from the file while the table was still being built.
      expect(await isPending(table)).toBe(true);
      expect(gridWorkCounts().csvPages).toBe(before.csvPages + 1);
      expect(await gridStatus(file, {})).toMatchObject({ building: 'table' });
      // Row 1,000,000: the 9 malformed lines above it are skipped, as the table skips them.
      expect(middle.rows[0]).toEqual({
        USER_ID: 'u0',
        ITEM_ID: `i${(1_000_000 * 7919) % 5000}`,
        TIMESTAMP: '1601000000',
        EVENT_TYPE: ['click', 'view', 'purchase'][1_000_000 % 3],
      });
      expect(middle.rows.map((row) => Number(row.TIMESTAMP))).toEqual(
        Array.from({ length: 200 }, (_, index) => 1_601_000_000 + index),
      );
      expect(middle.rowCount).toBeUndefined();
      // The next block of the scroll comes from the rows already read.
      const next = await gridRows(file, { offset: 1_000_200, limit: 200 });
      expect(next.rows[0]?.TIMESTAMP).toBe('1601000200');
      expect(gridWorkCounts().csvPages).toBe(before.csvPages + 1);
      // The end of the file, read during the build too, counts the readable rows.
      const last = await gridRows(file, { offset: ROWS - 100, limit: 200 });
      expect(last.rows).toHaveLength(100);
      expect(last.rows.at(-1)?.TIMESTAMP).toBe(String(1_600_000_000 + ROWS - 1));
      if (await isPending(table)) expect(last.rowCount).toBe(ROWS);

      await table;
      expect(gridWorkCounts().tableBuilds).toBe(before.tableBuilds + 1);
      expect(await gridStatus(file, {})).toEqual({ building: 'none' });
      const csvPagesBuilt = gridWorkCounts().csvPages;
      // The same pages from the built table: equal row for row.
      const fromTable = await gridRows(file, { offset: 1_000_000, limit: 200 });
      expect(fromTable.rows).toEqual(middle.rows);
      expect(fromTable.rowCount).toBe(ROWS);
      expect((await gridRows(file, { offset: 1_000_200, limit: 200 })).rows).toEqual(next.rows);
      expect((await gridRows(file, { offset: ROWS - 100, limit: 200 })).rows).toEqual(last.rows);
      expect(gridWorkCounts().csvPages).toBe(csvPagesBuilt);
      // Sorted views still come from the table: the newest event first.
      const newest = await gridRows(file, {
        offset: 0,
        limit: 1,
        sort: [{ column: 'TIMESTAMP', direction: 'desc' }],
      });
      expect(newest.rows[0]?.TIMESTAMP).toBe(String(1_600_000_000 + ROWS - 1));
      expect(newest.rowCount).toBe(ROWS);
    },
  );
});
