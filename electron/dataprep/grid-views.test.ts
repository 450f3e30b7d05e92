import { mkdtemp, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { csvSource } from './csv-open.js';
import { quoteIdentifier, toText, withConnection } from './duckdb.js';
import {
  closeGridTables,
  gridCacheFolder,
  gridCacheKey,
  gridRows,
  gridTable,
  openForGrid,
  type GridFilter,
  type GridSort,
} from './grid-rows.js';

const POC = 'personalize-poc-movielens-small/interactions.csv';
const RETAIL = 'online-retail-uci/online_retail_raw.csv.gz';
const poc = sharedDataPath(POC);
const retail = sharedDataPath(RETAIL);

/**
 * The same page from a plain query over the CSV: `ORDER BY <sort> NULLS LAST, <file row
 * number> LIMIT / OFFSET` (the row number breaks ties in file order, as the grid does).
 */
async function plainPage(
  file: string,
  sort: GridSort,
  offset: number,
  limit: number,
  where = '',
  params: Record<string, string | number> = {},
): Promise<Record<string, string | null>[]> {
  const { opened } = await openForGrid(file);
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT ${opened.columns.map((column) => `${quoteIdentifier(column.name)}::VARCHAR AS ${quoteIdentifier(column.name)}`).join(', ')} FROM (SELECT row_number() OVER () AS __rn, * FROM ${csvSource(opened, 'ignore')}) AS f ${where}
       ORDER BY f.${quoteIdentifier(sort.column)} ${sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, f.__rn LIMIT ${limit} OFFSET ${offset}`,
      { path: opened.readPath, ...params },
    );
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(row))
        out[key] = value === null ? null : toText(value);
      return out;
    });
  });
}

describe('sorted and filtered views of the grid (built once, paged by position)', () => {
  it.runIf(poc !== undefined)(
    `gives the POC interactions' sorted pages as ORDER BY ... LIMIT / OFFSET does ${poc === undefined ? missingDataReason(POC) : ''}`,
    async () => {
      const file = poc ?? '';
      const sort: GridSort = { column: 'TIMESTAMP', direction: 'desc' };
      // The first sorted page builds the view; the next pages (scrolling on) read it.
      for (const offset of [80_000, 80_200, 158_300]) {
        const page = await gridRows(file, { offset, limit: 200, sort: [sort] });
        expect(page.rowCount).toBe(158_371);
        expect(page.rows).toEqual(await plainPage(file, sort, offset, 200));
      }
      const last = await gridRows(file, { offset: 158_300, limit: 200, sort: [sort] });
      expect(last.rows).toHaveLength(71);
      // The oldest interaction comes last.
      expect(last.rows[70]).toEqual({
        USER_ID: expect.any(String) as string,
        ITEM_ID: expect.any(String) as string,
        TIMESTAMP: (await plainPage(file, { column: 'TIMESTAMP', direction: 'asc' }, 0, 1))[0]
          ?.TIMESTAMP,
        EVENT_TYPE: expect.any(String) as string,
      });
      const clicks: GridFilter = { column: 'EVENT_TYPE', type: 'equals', value: 'click' };
      const byItem: GridSort = { column: 'ITEM_ID', direction: 'asc' };
      const filtered = await gridRows(file, {
        offset: 10_000,
        limit: 200,
        sort: [byItem],
        filters: [clicks],
      });
      const expected = await plainPage(
        file,
        byItem,
        10_000,
        200,
        `WHERE lower("EVENT_TYPE"::VARCHAR) = $v`,
        { v: 'click' },
      );
      expect(filtered.rows).toEqual(expected);
      expect(filtered.rows.every((row) => row.EVENT_TYPE === 'click')).toBe(true);
      // Numbers sort as numbers: ITEM_ID 2 before 10.
      expect(Number(filtered.rows[0]?.ITEM_ID)).toBeLessThanOrEqual(
        Number(filtered.rows[199]?.ITEM_ID),
      );
    },
  );

  it.runIf(retail !== undefined)(
    `gives the raw Online Retail export's sorted and filtered pages as ORDER BY does ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    { timeout: 120_000 },
    async () => {
      const file = retail ?? '';
      const sort: GridSort = { column: 'Quantity', direction: 'desc' };
      for (const offset of [270_000, 270_200, 541_800]) {
        const page = await gridRows(file, { offset, limit: 200, sort: [sort] });
        expect(page.rowCount).toBe(541_909);
        expect(page.rows).toEqual(await plainPage(file, sort, offset, 200));
      }
      // Blank customers, sorted by description: the view holds the 135,080 blank rows only.
      const blank = await gridRows(file, {
        offset: 100_000,
        limit: 100,
        sort: [{ column: 'Description', direction: 'asc' }],
        filters: [{ column: 'CustomerID', type: 'blank' }],
      });
      expect(blank.rowCount).toBe(135_080);
      expect(blank.rows).toEqual(
        await plainPage(
          file,
          { column: 'Description', direction: 'asc' },
          100_000,
          100,
          'WHERE CustomerID IS NULL',
        ),
      );
    },
  );

  it("rebuilds a changed file's grid database instead of reusing the cached one", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'grid-cache-'));
    const file = path.join(folder, 'interactions.csv');
    const v1 = 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1600000001\nu2,i2,1600000002\n';
    // Same size, other content: only the mtime tells them apart.
    const v2 = 'USER_ID,ITEM_ID,TIMESTAMP\nu7,i7,1600000007\nu8,i8,1600000008\n';
    await writeFile(file, v1);
    await utimes(file, 1_700_000_000, 1_700_000_000);
    await gridTable(file);
    const key = await gridCacheKey(file);
    const database = path.join(gridCacheFolder(), `${key}.duckdb`);
    const built = (await stat(database)).ino;
    // A reopen (another process, a restart) attaches the database on disk without building
    // (a build writes a new file and renames it over).
    await closeGridTables();
    await gridTable(file);
    expect((await stat(database)).ino).toBe(built);
    expect((await gridRows(file, { offset: 0, limit: 10 })).rows.map((row) => row.USER_ID)).toEqual(
      ['u1', 'u2'],
    );
    const sorted = {
      offset: 0,
      limit: 10,
      sort: [{ column: 'USER_ID', direction: 'desc' }],
    } as const;
    expect((await gridRows(file, sorted)).rows.map((row) => row.USER_ID)).toEqual(['u2', 'u1']);

    await closeGridTables();
    await writeFile(file, v2);
    await utimes(file, 1_700_000_100, 1_700_000_100);
    expect(v2.length).toBe(v1.length);
    await gridTable(file);
    expect((await gridRows(file, { offset: 0, limit: 10 })).rows.map((row) => row.USER_ID)).toEqual(
      ['u7', 'u8'],
    );
    expect((await gridRows(file, sorted)).rows.map((row) => row.USER_ID)).toEqual(['u8', 'u7']);
    expect(await gridCacheKey(file)).not.toBe(key);
    const names = await readdir(gridCacheFolder());
    expect(names).toContain(`${await gridCacheKey(file)}.duckdb`);
  });
});
