import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecipe, type Recipe, type RecipeInput } from '../../../shared/prepare/recipe.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { toNumber, withConnection } from '../duckdb.js';
import { previewRecipe, runRecipe } from './run-recipe.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const rawPath = sharedDataPath(RAW);
const ratingsPath = sharedDataPath('movielens-latest-small/ratings.csv');
const pocPath = sharedDataPath('personalize-poc-movielens-small/interactions.csv');

function recipeOf(input: RecipeInput): Recipe {
  const parsed = parseRecipe(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.recipe;
}

/** One number from an independent DuckDB query (read_csv's own sniffing, no recipe SQL). */
async function scalar(sql: string, params: Record<string, string>): Promise<number> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(sql, params);
    return toNumber(Object.values(reader.getRowObjectsJS()[0] ?? {})[0]);
  });
}

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'prepare-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe.skipIf(rawPath === undefined)(
  rawPath === undefined ? missingDataReason(RAW) : 'the raw Online Retail export',
  () => {
    it(
      'maps, converts and drops rows as an independent DuckDB query counts them, and writes importable files',
      { timeout: 180_000 },
      async () => {
        const source = rawPath ?? '';
        const text = await readFile(
          new URL('./fixtures/online-retail.recipe.json', import.meta.url),
          'utf8',
        );
        const parsed = parseRecipe(text);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        const files = await runRecipe(source, parsed.recipe, { outDir });
        const [interactions, items, users] = files;
        const read = await scalar('SELECT count(*) FROM read_csv($p)', { p: source });
        const notCancelled = await scalar(
          "SELECT count(*) FROM read_csv($p) WHERE InvoiceNo NOT LIKE 'C%'",
          { p: source },
        );
        const kept = await scalar(
          "SELECT count(*) FROM read_csv($p) WHERE InvoiceNo NOT LIKE 'C%' AND CustomerID IS NOT NULL",
          { p: source },
        );
        expect(interactions?.stages.map((stage) => stage.rows)).toEqual([
          read,
          notCancelled,
          notCancelled,
          kept,
        ]);
        expect(interactions?.rows).toBe(kept);
        const written = interactions?.path ?? '';
        expect(await scalar('SELECT count(*) FROM read_csv($p)', { p: written })).toBe(kept);
        // Dates read as UK local time: BST (UTC+1) in summer, GMT in winter.
        const summer = await scalar(
          "SELECT min(TIMESTAMP) FROM read_csv($p) WHERE TIMESTAMP >= epoch(TIMESTAMPTZ '2011-07-01 00:00:00+01')",
          { p: written },
        );
        const summerRaw = await scalar(
          "SELECT epoch(min(InvoiceDate)) FROM read_csv($p) WHERE InvoiceDate >= TIMESTAMP '2011-07-01' AND CustomerID IS NOT NULL AND InvoiceNo NOT LIKE 'C%'",
          { p: source },
        );
        expect(summer).toBe(summerRaw - 3600);
        const first = (await readFile(written, 'utf8')).split('\n').slice(0, 2);
        expect(first).toEqual([
          'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE',
          '17850,85123A,1291191960,purchase,6.0',
        ]);
        expect(
          await scalar(
            "SELECT count(*) FROM read_csv($p, all_varchar=true) WHERE USER_ID LIKE '%.%'",
            {
              p: written,
            },
          ),
        ).toBe(0);
        expect(interactions?.findings.filter((finding) => finding.severity === 'error')).toEqual(
          [],
        );
        expect(JSON.parse(await readFile(interactions?.schemaPath ?? '', 'utf8'))).toMatchObject({
          name: 'Interactions',
          fields: [
            { name: 'USER_ID', type: 'string' },
            { name: 'ITEM_ID', type: 'string' },
            { name: 'TIMESTAMP', type: 'long' },
            { name: 'EVENT_TYPE', type: 'string' },
            { name: 'EVENT_VALUE', type: 'float' },
          ],
        });
        const codes = await scalar(
          'SELECT count(DISTINCT trim(StockCode)) FROM read_csv($p, all_varchar=true)',
          {
            p: source,
          },
        );
        expect(items?.rows).toBe(codes);
        const customers = await scalar(
          'SELECT count(DISTINCT CAST(CustomerID AS BIGINT)) FROM read_csv($p)',
          { p: source },
        );
        expect(users?.rows).toBe(customers);
        expect(users?.schema).toMatchObject({
          fields: [{ name: 'USER_ID' }, { name: 'COUNTRY', categorical: true }],
        });
      },
    );

    it(
      'previews the first rows and the same stage counts without writing a file',
      { timeout: 180_000 },
      async () => {
        const recipe = recipeOf({
          version: 1,
          name: 'preview',
          outputs: [
            {
              datasetType: 'interactions',
              fileName: 'x.csv',
              columns: [
                { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
                { name: 'ITEM_ID', from: 'StockCode' },
                {
                  name: 'TIMESTAMP',
                  from: 'InvoiceDate',
                  transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
                },
              ],
              steps: [
                { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
                { kind: 'dropBlank', columns: ['USER_ID'] },
                { kind: 'dedupe' },
              ],
            },
          ],
        });
        const preview = await previewRecipe(rawPath ?? '', recipe, 0, 2);
        expect(preview.rows).toEqual([
          { USER_ID: '17850', ITEM_ID: '85123A', TIMESTAMP: '1291191960' },
          { USER_ID: '17850', ITEM_ID: '71053', TIMESTAMP: '1291191960' },
        ]);
        const positive = await scalar('SELECT count(*) FROM read_csv($p) WHERE Quantity > 0', {
          p: rawPath ?? '',
        });
        const distinct = await scalar(
          'SELECT count(*) FROM (SELECT DISTINCT CustomerID, StockCode, InvoiceDate FROM read_csv($p) WHERE Quantity > 0 AND CustomerID IS NOT NULL)',
          { p: rawPath ?? '' },
        );
        expect(preview.stages.map((stage) => stage.rows).slice(1)).toEqual([
          positive,
          positive,
          expect.any(Number),
          distinct,
        ]);
        expect(preview.sql).toContain('GROUP BY "USER_ID", "ITEM_ID", "TIMESTAMP"');
      },
    );

    it('refuses a recipe naming a column the file lacks, and never writes over an input file', async () => {
      const recipe = recipeOf({
        version: 1,
        name: 'bad',
        outputs: [
          {
            datasetType: 'users',
            fileName: 'online_retail_raw.csv',
            columns: [{ name: 'USER_ID', from: 'Customer' }],
          },
        ],
      });
      await expect(previewRecipe(rawPath ?? '', recipe, 0)).rejects.toThrow(
        /outputs\.0\.columns\.0\.from: No column Customer in the source file \(it has InvoiceNo, StockCode/,
      );
      const copy = path.join(outDir, 'online_retail_raw.csv');
      await writeFile(copy, 'CustomerID,Country\n1,UK\n');
      await expect(runRecipe(copy, recipe, { outDir })).rejects.toThrow(/never overwritten/);
      expect(await readFile(copy, 'utf8')).toBe('CustomerID,Country\n1,UK\n');
    });
  },
);

describe.skipIf(ratingsPath === undefined || pocPath === undefined)(
  'ratings to event types',
  () => {
    it("rebuilds AWS's POC interactions from ml-latest-small ratings with the click / watch thresholds", async () => {
      const recipe = recipeOf({
        version: 1,
        name: 'poc-click-watch',
        outputs: [
          {
            datasetType: 'interactions',
            fileName: 'poc-interactions.csv',
            columns: [
              { name: 'USER_ID', from: 'userId' },
              { name: 'ITEM_ID', from: 'movieId' },
              {
                name: 'TIMESTAMP',
                from: 'timestamp',
                transform: { kind: 'timestamp', format: 'epochSeconds' },
              },
              {
                name: 'EVENT_TYPE',
                from: 'rating',
                transform: {
                  kind: 'thresholds',
                  rules: [
                    { above: 1, value: 'click' },
                    { above: 3, value: 'watch' },
                  ],
                },
              },
            ],
          },
        ],
      });
      const [file] = await runRecipe(ratingsPath ?? '', recipe, { outDir });
      expect(file?.rows).toBe(
        await scalar('SELECT count(*) FROM read_csv($p)', { p: pocPath ?? '' }),
      );
      const difference = await scalar(
        `SELECT count(*) FROM (
         (SELECT USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE FROM read_csv($mine) EXCEPT ALL
          SELECT USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE FROM read_csv($aws))
         UNION ALL
         (SELECT USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE FROM read_csv($aws) EXCEPT ALL
          SELECT USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE FROM read_csv($mine)))`,
        { mine: file?.path ?? '', aws: pocPath ?? '' },
      );
      expect(difference).toBe(0);
    });
  },
);
