import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { ItemIndex } from './item-index.js';

const MOVIELENS_ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
/** The bundled sample (in the repository, not under ../shared/data). */
const RETAIL_ITEMS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../samples/online-retail-uci/items.csv',
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'item-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ItemIndex', () => {
  it('keeps every column but ITEM_ID as text, exactly as written (plain and gzipped files)', async () => {
    const csv =
      'ITEM_ID,TITLE,PRICE,CREATION_TIMESTAMP\n1, Padded ,0.50,1291193100\n2,"Comma, quoted",,\n1,Later row wins,1.00,2\n';
    const plain = path.join(dir, 'items.csv');
    const gz = path.join(dir, 'items.csv.gz');
    await writeFile(plain, csv);
    await writeFile(gz, gzipSync(csv));
    for (const file of [plain, gz]) {
      const items = await new ItemIndex().load(file);
      expect([...items.keys()]).toEqual(['1', '2']);
      expect(items.get('1')).toEqual({
        TITLE: 'Later row wins',
        PRICE: '1.00',
        CREATION_TIMESTAMP: '2',
      });
      expect(items.get('2')).toEqual({ TITLE: 'Comma, quoted', PRICE: '', CREATION_TIMESTAMP: '' });
    }
  });

  it('reads the file once, again when it changes, and finds item_id in any case', async () => {
    const file = path.join(dir, 'items.csv');
    await writeFile(file, 'ITEM_ID,GENRE\na,Drama\n');
    const index = new ItemIndex();
    const first = await index.load(file);
    expect(await index.load(file)).toBe(first);
    await writeFile(file, 'item_id,GENRE\nb,Comedy|Crime\n');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect([...(await index.load(file))]).toEqual([['b', { GENRE: 'Comedy|Crime' }]]);
  });

  it('rejects a file without ITEM_ID with data.invalid and a missing file with file.notFound; an empty file has no items', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, 'USER_ID,AGE\n1,20\n');
    const index = new ItemIndex();
    await expect(index.load(file)).rejects.toMatchObject({
      code: 'data.invalid',
      message: `${file} has no ITEM_ID column.`,
    });
    const gone = path.join(dir, 'gone.csv');
    await expect(index.load(gone)).rejects.toMatchObject({
      code: 'file.notFound',
      message: `Items file ${gone} does not exist. Check the path or pick the file again.`,
    });
    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect((await index.load(empty)).size).toBe(0);
  });

  const movielens = sharedDataPath(MOVIELENS_ITEMS);
  it.skipIf(movielens === undefined)(
    `indexes the MovieLens items ${movielens === undefined ? missingDataReason(MOVIELENS_ITEMS) : ''}`,
    async () => {
      const items = await new ItemIndex().load(movielens ?? '');
      expect(items.size).toBe(9742);
      expect(items.get('1')).toEqual({
        GENRE: 'Adventure|Animation|Children|Comedy|Fantasy',
        YEAR: '1995',
      });
      expect(items.get('193609')).toEqual({ GENRE: 'Comedy', YEAR: '1991' });
    },
  );

  it('indexes the bundled online-retail items, quoted commas and trailing spaces kept', async () => {
    const items = await new ItemIndex().load(RETAIL_ITEMS);
    expect(items.size).toBe(4053);
    expect(items.get('10002')).toEqual({
      DESCRIPTION: 'INFLATABLE POLITICAL GLOBE ',
      PRICE: '0.85',
      CREATION_TIMESTAMP: '1291193100',
    });
    expect(items.get('17107D')).toEqual({
      DESCRIPTION: "FLOWER FAIRY,5 SUMMER B'DRAW LINERS",
      PRICE: '2.55',
      CREATION_TIMESTAMP: '1291379040',
    });
    expect(items.get('85123A')?.DESCRIPTION).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
  });
});
