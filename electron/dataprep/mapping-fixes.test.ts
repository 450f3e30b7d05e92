import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMappingFix, type MappingFix } from '../../shared/prepare/mapping-fix.js';
import { parseRecipe, type Recipe, type RecipeInput } from '../../shared/prepare/recipe.js';
import type { Finding } from '../../shared/rules/findings.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { toNumber, toText, withConnection } from './duckdb.js';
import { runRecipe } from './prepare/run-recipe.js';
import { validateCsv } from './validate-csv.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const MOVIES = 'messy/ml-1m_movies_excerpt.dat';
const day = sharedDataPath(DAY);
const movies = sharedDataPath(MOVIES);

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'mapping-fixes-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const codes = (findings: readonly Finding[]): string[] => findings.map((finding) => finding.code);

/** The fixes of `findings` with one of `wanted` codes, in order. */
function fixesOf(findings: readonly Finding[], wanted: readonly string[]): MappingFix[] {
  return findings.flatMap((finding) =>
    wanted.includes(finding.code) && finding.fixMapping !== undefined ? [finding.fixMapping] : [],
  );
}

/** `start` with each fix written into its output 0, parsed as `poc-studio prepare` reads it. */
function fixedRecipe(start: RecipeInput, fixes: readonly MappingFix[]): Recipe {
  const parsed = parseRecipe(fixes.reduce((recipe, fix) => applyMappingFix(recipe, 0, fix), start));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.recipe;
}

function emptyRecipe(
  datasetType: 'interactions' | 'items',
  columns: RecipeInput['outputs'][0]['columns'] = [],
): RecipeInput {
  return {
    version: 1,
    name: 'fixes',
    outputs: [{ datasetType, fileName: `${datasetType}.csv`, columns, steps: [] }],
  };
}

/** Rows of an independent DuckDB query over `p`. */
async function rows(sql: string, p: string): Promise<Record<string, unknown>[]> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(sql, { p });
    return reader.getRowObjectsJS();
  });
}

describe.skipIf(day === undefined)(
  `the column-mapping fixes of one day of the raw Online Retail export, replayed ${day === undefined ? missingDataReason(DAY) : ''}`,
  () => {
    it(
      'map CustomerID, StockCode and InvoiceDate into a file with none of the findings they fix',
      { timeout: 120_000 },
      async () => {
        const file = day ?? '';
        const { findings } = await validateCsv(file, { datasetType: 'interactions' });
        const fixes = fixesOf(findings, ['column.missing']);
        expect(fixes).toEqual([
          { kind: 'column', target: 'USER_ID', source: 'CustomerID', transform: { kind: 'id' } },
          { kind: 'column', target: 'ITEM_ID', source: 'StockCode', transform: { kind: 'trim' } },
          {
            kind: 'column',
            target: 'TIMESTAMP',
            source: 'InvoiceDate',
            transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
          },
        ]);
        const [written] = await runRecipe(file, fixedRecipe(emptyRecipe('interactions'), fixes), {
          outDir: path.join(outDir, 'day'),
        });
        const after = codes(written?.findings ?? []);
        for (const fixed of ['column.missing', 'timestamp.notEpoch', 'id.decimal'])
          expect(after).not.toContain(fixed);
        // The first line 536365,85123A,...,2010-12-01 08:26:00,2.55,17850.0 as importable values.
        const [first] = await rows(
          'SELECT * FROM read_csv($p, all_varchar = true) LIMIT 1',
          written?.path ?? '',
        );
        expect(first).toEqual({
          USER_ID: '17850',
          ITEM_ID: '85123A',
          TIMESTAMP: String(Date.UTC(2010, 11, 1, 8, 26) / 1000),
        });
        // The blank CustomerIDs stay: that is the blank-id switch's finding, not a mapping one.
        expect(after).toContain('null.required');
      },
    );
  },
);

describe.skipIf(movies === undefined)(
  `the encoding fix of a Latin-1 file (MovieLens 1M movies.dat), replayed ${movies === undefined ? missingDataReason(MOVIES) : ''}`,
  () => {
    it(
      'reads the file as Latin-1 and writes UTF-8 with its accents intact',
      { timeout: 120_000 },
      async () => {
        const file = movies ?? '';
        const { findings } = await validateCsv(file, { datasetType: 'items' });
        const [fix] = fixesOf(findings, ['encoding.latin1']);
        expect(fix).toEqual({ kind: 'encoding', encoding: 'latin-1' });
        // No header: column0 is the movie id, column2 the genres (`Animation|Children's|Comedy`).
        const start = emptyRecipe('items', [
          { name: 'ITEM_ID', from: 'column0', transform: { kind: 'id' } },
          { name: 'TITLE', from: 'column1' },
          { name: 'GENRES', from: 'column2' },
        ]);
        const [written] = await runRecipe(
          file,
          fixedRecipe(start, fix === undefined ? [] : [fix]),
          {
            outDir: path.join(outDir, 'movies'),
          },
        );
        expect(codes(written?.findings ?? [])).not.toContain('encoding.latin1');
        const text = await readFile(written?.path ?? '', 'utf8');
        expect(text).toContain('Misérables');
        // The recipe's encoding is what the run reads: read as UTF-8, the same bytes do not decode.
        const [wrong] = await runRecipe(
          file,
          fixedRecipe(start, [{ kind: 'encoding', encoding: 'utf-8' }]),
          { outDir: path.join(outDir, 'movies-utf8') },
        );
        expect(await readFile(wrong?.path ?? '', 'utf8')).not.toContain('Misérables');
      },
    );
  },
);

describe('the timestamp and event-type fixes of a clickstream export, replayed', () => {
  it(
    'divide milliseconds by 1,000 and fold near-duplicate event types into a file without those findings',
    { timeout: 120_000 },
    async () => {
      // Retail Rocket's documented events.csv rows (`1433221332117,257597,view,355908`), with
      // the spellings of event types that differ only by case or spaces.
      const spellings = [
        'view',
        'view',
        'View',
        'addtocart',
        'addtocart',
        'Add To Cart',
        'transaction',
      ];
      const lines = Array.from({ length: 1400 }, (_, index) => {
        const millis = 1_433_221_332_117 + index * 61_000;
        return `${millis},${257_597 + (index % 40)},${spellings[index % spellings.length] ?? 'view'},${355_908 + (index % 97)}`;
      });
      const file = path.join(outDir, 'events.csv');
      await writeFile(file, `TIMESTAMP,USER_ID,EVENT_TYPE,ITEM_ID\n${lines.join('\n')}\n`);
      const { findings } = await validateCsv(file, { datasetType: 'interactions' });
      expect(codes(findings)).toEqual(
        expect.arrayContaining(['timestamp.milliseconds', 'eventType.nearDuplicate']),
      );
      const fixes = fixesOf(findings, ['timestamp.milliseconds', 'eventType.nearDuplicate']);
      expect(fixes).toHaveLength(3);
      const start = emptyRecipe('interactions', [
        { name: 'USER_ID', from: 'USER_ID', transform: { kind: 'id' } },
        { name: 'ITEM_ID', from: 'ITEM_ID', transform: { kind: 'id' } },
      ]);
      const [written] = await runRecipe(file, fixedRecipe(start, fixes), {
        outDir: path.join(outDir, 'events'),
      });
      const after = codes(written?.findings ?? []);
      expect(after).not.toContain('timestamp.milliseconds');
      expect(after).not.toContain('eventType.nearDuplicate');
      const counts = await rows(
        'SELECT EVENT_TYPE AS e, count(*) AS n, min(TIMESTAMP) AS t FROM read_csv($p) GROUP BY 1 ORDER BY 1',
        written?.path ?? '',
      );
      expect(counts.map((row) => [toText(row.e), toNumber(row.n)])).toEqual([
        ['addtocart', 600],
        ['transaction', 200],
        ['view', 600],
      ]);
      expect(Math.min(...counts.map((row) => toNumber(row.t)))).toBe(1_433_221_332);
    },
  );
});

describe('the event-type fix: the finding, the mapping table and the written file agree', () => {
  it(
    'names the most frequent spelling of each group as the table writes it',
    { timeout: 120_000 },
    async () => {
      // Most frequent first: "View" and "add_to_cart", not their lower-case folded forms.
      const spellings = [
        ...Array<string>(5).fill('View'),
        ...Array<string>(2).fill('VIEW'),
        'view ',
        ...Array<string>(3).fill('add_to_cart'),
        'Add To Cart',
        'addtocart',
        'purchase',
      ];
      const lines = Array.from(
        { length: 1400 },
        (_, index) =>
          `u${index % 40},i${index % 97},${1_600_000_000 + index * 60},${spellings[index % spellings.length] ?? 'View'}`,
      );
      const file = path.join(outDir, 'events-mixed.csv');
      await writeFile(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${lines.join('\n')}\n`);
      const { findings } = await validateCsv(file, { datasetType: 'interactions' });
      const near = findings.filter((finding) => finding.code === 'eventType.nearDuplicate');
      expect(near.map((finding) => finding.fix)).toEqual([
        'Map them to "View", the most frequent spelling (the Data step\'s event-type mapping: "VIEW" → "View", "view " → "View").',
        'Map them to "add_to_cart", the most frequent spelling (the Data step\'s event-type mapping: "Add To Cart" → "add_to_cart", "addtocart" → "add_to_cart").',
      ]);
      // One table for the file, under every finding.
      const [fix] = fixesOf(near, ['eventType.nearDuplicate']);
      expect(
        near.every((finding) => JSON.stringify(finding.fixMapping) === JSON.stringify(fix)),
      ).toBe(true);
      expect(fix).toEqual({
        kind: 'column',
        target: 'EVENT_TYPE',
        source: 'EVENT_TYPE',
        transform: {
          kind: 'eventType',
          fold: true,
          mapping: [
            { from: 'VIEW', to: 'View' },
            { from: 'view ', to: 'View' },
            { from: 'Add To Cart', to: 'add_to_cart' },
            { from: 'addtocart', to: 'add_to_cart' },
          ],
        },
      });
      const start = emptyRecipe('interactions', [
        { name: 'USER_ID', from: 'USER_ID', transform: { kind: 'id' } },
        { name: 'ITEM_ID', from: 'ITEM_ID', transform: { kind: 'id' } },
        { name: 'TIMESTAMP', from: 'TIMESTAMP' },
      ]);
      const [written] = await runRecipe(file, fixedRecipe(start, fix === undefined ? [] : [fix]), {
        outDir: path.join(outDir, 'events-mixed'),
      });
      expect(codes(written?.findings ?? [])).not.toContain('eventType.nearDuplicate');
      const counts = await rows(
        'SELECT EVENT_TYPE AS e, count(*) AS n FROM read_csv($p) GROUP BY 1 ORDER BY 2 DESC',
        written?.path ?? '',
      );
      expect(counts.map((row) => [toText(row.e), toNumber(row.n)])).toEqual([
        ['View', 800],
        ['add_to_cart', 500],
        ['purchase', 100],
      ]);
    },
  );
});

describe.skipIf(day === undefined)(
  `the encoding fix of a UTF-16 file (the raw Online Retail day, re-encoded), replayed ${day === undefined ? missingDataReason(DAY) : ''}`,
  () => {
    it(
      'detects UTF-16 LE and BE, with and without a BOM, and writes the same UTF-8 file from each',
      { timeout: 120_000 },
      async () => {
        // The header and first 149 rows of the day, as written (UTF-8 without accents).
        const text =
          (await readFile(day ?? '', 'utf8')).split('\n').slice(0, 150).join('\n') + '\n';
        const le = Buffer.from(text, 'utf16le');
        const be = Buffer.from(le).swap16();
        const variants = {
          'le-bom': [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'utf-16le'],
          le: [le, 'utf-16le'],
          'be-bom': [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be'],
          be: [be, 'utf-16be'],
        } as const;
        const utf8 = path.join(outDir, 'day-utf8.csv');
        await writeFile(utf8, text);
        const columns = fixesOf(
          (await validateCsv(utf8, { datasetType: 'interactions' })).findings,
          ['column.missing'],
        );
        const [expected] = await runRecipe(
          utf8,
          fixedRecipe(emptyRecipe('interactions'), columns),
          { outDir: path.join(outDir, 'day-utf8') },
        );
        const expectedText = await readFile(expected?.path ?? '', 'utf8');
        expect(expectedText.split('\n')[1]).toBe(
          `17850,85123A,${Date.UTC(2010, 11, 1, 8, 26) / 1000}`,
        );
        for (const [name, [bytes, encoding]] of Object.entries(variants)) {
          const file = path.join(outDir, `day-${name}.csv`);
          await writeFile(file, bytes);
          const { findings, rowCount } = await validateCsv(file, { datasetType: 'interactions' });
          expect(rowCount, name).toBe(149);
          const utf16 = findings.find((finding) => finding.code === 'encoding.utf16');
          expect(utf16?.message, name).toBe(
            `day-${name}.csv is UTF-16 (${encoding === 'utf-16be' ? 'big' : 'little'} endian) text; it was read as UTF-16 here, but Personalize reads only UTF-8.`,
          );
          expect(utf16?.fixMapping, name).toEqual({ kind: 'encoding', encoding });
          // The same column fixes as the UTF-8 file's, plus the encoding fix.
          expect(fixesOf(findings, ['column.missing']), name).toEqual(columns);
          const [written] = await runRecipe(
            file,
            fixedRecipe(emptyRecipe('interactions'), [...columns, { kind: 'encoding', encoding }]),
            { outDir: path.join(outDir, `day-${name}`) },
          );
          const out = await readFile(written?.path ?? '');
          // UTF-8 (no BOM, no zero bytes), row for row the file the UTF-8 source gives.
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(out), name).not.toThrow();
          expect(out.includes(0), name).toBe(false);
          expect(out.toString('utf8'), name).toBe(expectedText);
          expect(codes(written?.findings ?? []), name).not.toContain('encoding.utf16');
        }
      },
    );
  },
);
