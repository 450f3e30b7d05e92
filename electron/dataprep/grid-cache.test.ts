import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeGridTables,
  configureGridCache,
  gridCacheKey,
  gridRows,
  gridTable,
  pruneGridCache,
} from './grid-rows.js';

/** A small interactions file of `rows` rows whose users are `<prefix><n>`. */
async function interactions(folder: string, name: string, prefix: string, rows = 2000) {
  const file = path.join(folder, name);
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP'];
  for (let index = 0; index < rows; index++)
    lines.push(`${prefix}${index},i${index % 97},${1_600_000_000 + index}`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

async function databases(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.duckdb')).sort();
}

async function databaseOf(file: string): Promise<string> {
  return `${await gridCacheKey(file)}.duckdb`;
}

let data: string;
let cache: string;

beforeEach(async () => {
  data = await mkdtemp(path.join(tmpdir(), 'grid-cache-data-'));
  cache = await mkdtemp(path.join(tmpdir(), 'grid-cache-folder-'));
  configureGridCache({ folder: cache, budgetBytes: 1024 ** 3 });
});

afterEach(async () => {
  await closeGridTables();
  await rm(data, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe('the grid cache folder', () => {
  it('removes the least recently used databases past its byte budget, never one in use', async () => {
    const a = await interactions(data, 'a.csv', 'a');
    const b = await interactions(data, 'b.csv', 'b');
    const c = await interactions(data, 'c.csv', 'c');
    for (const file of [a, b, c]) await gridTable(file);
    await closeGridTables();
    expect(await databases(cache)).toEqual(
      [await databaseOf(a), await databaseOf(b), await databaseOf(c)].sort(),
    );
    // a was used first, then b; c is opened again (in use).
    const now = Date.now() / 1000;
    await utimes(path.join(cache, await databaseOf(a)), now - 300, now - 300);
    await utimes(path.join(cache, await databaseOf(b)), now - 200, now - 200);
    await gridTable(c);
    const size = async (file: string) =>
      (await stat(path.join(cache, await databaseOf(file)))).size;
    // Room for two: the oldest (a) goes.
    configureGridCache({ budgetBytes: (await size(b)) + (await size(c)) + 1 });
    expect(await pruneGridCache()).toEqual([await databaseOf(a)]);
    expect(await databases(cache)).toEqual([await databaseOf(b), await databaseOf(c)].sort());
    // No room at all: b goes, c stays while it is attached and still pages.
    configureGridCache({ budgetBytes: 0 });
    expect(await pruneGridCache()).toEqual([await databaseOf(b)]);
    expect(await databases(cache)).toEqual([await databaseOf(c)]);
    expect((await gridRows(c, { offset: 1990, limit: 20 })).rows.map((row) => row.USER_ID)).toEqual(
      Array.from({ length: 10 }, (_, index) => `c${1990 + index}`),
    );
  });

  it('keeps to the budget as files are opened: each attach removes the older databases', async () => {
    configureGridCache({ budgetBytes: 1 });
    const a = await interactions(data, 'a.csv', 'a');
    const b = await interactions(data, 'b.csv', 'b');
    await gridTable(a);
    await closeGridTables();
    expect(await databases(cache)).toEqual([await databaseOf(a)]);
    await gridTable(b);
    expect(await databases(cache)).toEqual([await databaseOf(b)]);
    // A half-written build of a process that has ended goes too; this process's own stays.
    const orphan = `${await gridCacheKey(a)}.duckdb.999999999.tmp`;
    const mine = `${await gridCacheKey(a)}.duckdb.${process.pid}.tmp`;
    await writeFile(path.join(cache, orphan), 'x');
    await writeFile(path.join(cache, mine), 'x');
    expect(await pruneGridCache()).toEqual([orphan]);
    expect(await readdir(cache)).toContain(mine);
  });

  it("removes a changed file's old database when the new one is built, even while attached", async () => {
    const file = await interactions(data, 'a.csv', 'u', 50);
    await utimes(file, 1_700_000_000, 1_700_000_000);
    const sorted = {
      offset: 0,
      limit: 2,
      sort: [{ column: 'USER_ID', direction: 'desc' }],
    } as const;
    expect((await gridRows(file, sorted)).rows.map((row) => row.USER_ID)).toEqual(['u9', 'u8']);
    const old = await databaseOf(file);
    expect(await databases(cache)).toEqual([old]);
    // Rewritten in place, the grid still open on it.
    await interactions(data, 'a.csv', 'v', 50);
    await utimes(file, 1_700_000_100, 1_700_000_100);
    expect((await gridRows(file, sorted)).rows.map((row) => row.USER_ID)).toEqual(['v9', 'v8']);
    expect(await databases(cache)).toEqual([await databaseOf(file)]);
    expect(await databaseOf(file)).not.toBe(old);
  });
});
