import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { FileCache } from './file-cache.js';
import { profileFile } from './file-profile.js';
import { gridRows, gridTable, openForGrid } from './grid-rows.js';
import { previewCsv } from './preview-csv.js';

const LATIN1 = 'messy/ml-1m_movies_excerpt.dat';
const latin1 = sharedDataPath(LATIN1);

/** The title cell of movie 73 (line 31 of the file: `Misérables, Les (1995)` in Latin-1). */
function title73(rows: readonly Record<string, string | null>[]): string | null | undefined {
  const row = rows.find((candidate) => Object.values(candidate)[0] === '73');
  return row === undefined ? undefined : Object.values(row)[1];
}

describe('rereading a file with a chosen encoding', () => {
  it.runIf(latin1 !== undefined)(
    `reads the Latin-1 MovieLens excerpt as UTF-8 or Latin-1, each cached apart ${latin1 === undefined ? missingDataReason(LATIN1) : ''}`,
    async () => {
      const file = latin1 ?? '';
      const before = await readFile(file);
      const detected = await openForGrid(file);
      expect(detected.opened.encoding.encoding).toBe('latin-1');
      expect(title73(detected.rows)).toBe('Misérables, Les (1995)');

      const asUtf8 = await openForGrid(file, 'utf-8');
      expect(asUtf8.opened.chosenEncoding).toBe('utf-8');
      expect(asUtf8.opened.encoding.encoding).toBe('utf-8');
      // The é byte (0xE9) is not UTF-8: it becomes the replacement character, in a copy.
      expect(title73(asUtf8.rows)).toBe('Mis\uFFFDrables, Les (1995)');
      expect(asUtf8.opened.readPath).not.toBe(file);
      expect(asUtf8.rows).toHaveLength(40);

      const asLatin1 = await openForGrid(file, 'latin-1');
      expect(title73(asLatin1.rows)).toBe('Misérables, Les (1995)');
      // Opened as UTF-8 again after Latin-1: the cache keeps the two readings apart.
      expect(title73((await openForGrid(file, 'utf-8')).rows)).toBe('Mis\uFFFDrables, Les (1995)');

      // The grid's pages over the whole-file table follow the chosen encoding too.
      await gridTable(file, 'utf-8');
      await gridTable(file, 'latin-1');
      const sorted = { offset: 0, limit: 100, sort: [{ column: 'column0', direction: 'asc' }] };
      const firstColumn = asUtf8.opened.columns[0]?.name ?? '';
      const secondColumn = asUtf8.opened.columns[1]?.name ?? '';
      const filter = [{ column: secondColumn, type: 'startsWith' as const, value: 'Mis' }];
      const utf8Page = await gridRows(file, {
        ...sorted,
        sort: [],
        filters: filter,
        encoding: 'utf-8',
      });
      const latinPage = await gridRows(file, {
        ...sorted,
        sort: [],
        filters: filter,
        encoding: 'latin-1',
      });
      expect(utf8Page.rows.map((row) => row[secondColumn])).toEqual([
        'Mis\uFFFDrables, Les (1995)',
      ]);
      expect(latinPage.rows.map((row) => row[secondColumn])).toEqual(['Misérables, Les (1995)']);
      expect(utf8Page.rows[0]?.[firstColumn]).toBe('73');

      // The profile reads the same way: the longest title differs by byte count only in UTF-8.
      const profileUtf8 = await profileFile(file, 'items', 'utf-8');
      const profileLatin = await profileFile(file, 'items', 'latin-1');
      expect(profileUtf8.rowCount).toBe(40);
      expect(profileLatin.rowCount).toBe(40);

      // The checks: the encoding finding follows the reading (none when read as chosen UTF-8).
      const checksDetected = await previewCsv(file, 'items', 5);
      const checksUtf8 = await previewCsv(file, 'items', 5, 'utf-8');
      const encodingMessages = (checks: typeof checksDetected.checks) =>
        checks.filter((check) => /latin-1|encoding|utf-8/i.test(check.message)).length;
      expect(encodingMessages(checksDetected.checks)).toBeGreaterThan(0);
      expect(encodingMessages(checksUtf8.checks)).toBe(0);

      // The customer's file is never modified.
      expect(await readFile(file)).toEqual(before);
    },
  );

  it('reads a UTF-16 BE file without a byte order mark when UTF-16 BE is chosen', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'encoding-choice-'));
    const file = path.join(folder, 'items-be.csv');
    const text = 'ITEM_ID,TITLE\n1,Amélie\n2,Léon\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let index = 0; index < le.length; index += 2) {
      be[index] = le[index + 1] ?? 0;
      be[index + 1] = le[index] ?? 0;
    }
    await writeFile(file, be);
    const open = await openForGrid(file, 'utf-16be');
    expect(open.opened.columns.map((column) => column.name)).toEqual(['ITEM_ID', 'TITLE']);
    expect(open.rows).toEqual([
      { ITEM_ID: '1', TITLE: 'Amélie' },
      { ITEM_ID: '2', TITLE: 'Léon' },
    ]);
    expect((await stat(file)).size).toBe(be.length);
  });

  it('keys a cached value by the variant as well as the path', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'encoding-cache-'));
    const file = path.join(folder, 'a.csv');
    await writeFile(file, 'A\n1\n');
    let builds = 0;
    const cache = new FileCache(() => Promise.resolve({ build: ++builds }), 'File');
    const plain = await cache.get(file);
    const utf8 = await cache.get(file, 'utf-8');
    const latin = await cache.get(file, 'latin-1');
    expect([plain.build, utf8.build, latin.build]).toEqual([1, 2, 3]);
    expect(await cache.get(file, 'utf-8')).toBe(utf8);
    expect(await cache.get(file)).toBe(plain);
  });
});
