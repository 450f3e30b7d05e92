import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecipe, recipeDatasets, type Recipe } from '../../../shared/prepare/recipe.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { runRecipe } from './run-recipe.js';

const META = 'personalize-poc-movielens-small/item-meta.csv';
const MOVIES = 'messy/ml-1m_movies_excerpt.dat';
const moviesPath = sharedDataPath(MOVIES);
const metaPath = sharedDataPath(META);
const FIXTURE = path.join(import.meta.dirname, 'fixtures/online-retail.recipe.json');

/** The recipe the Prepare form writes for item-meta.csv once it feeds items only. */
const ITEMS_ONLY = {
  version: 1,
  name: 'item-meta',
  datasets: ['items'],
  outputs: [
    {
      datasetType: 'items',
      fileName: 'items.csv',
      columns: [
        { name: 'ITEM_ID', from: 'ITEM_ID', transform: { kind: 'id' } },
        { name: 'GENRE', from: 'GENRE', transform: { kind: 'trim' } },
        { name: 'YEAR', from: 'YEAR', transform: { kind: 'trim' } },
      ],
      steps: [
        { kind: 'dropBlank', columns: ['ITEM_ID'] },
        { kind: 'onePerKey', key: 'ITEM_ID' },
      ],
    },
  ],
};

function parsed(input: unknown): Recipe {
  const result = parseRecipe(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.recipe;
}

let outDir = '';
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'catalogue-'));
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the datasets a recipe feeds', () => {
  it('reads a recipe written before `datasets` as feeding its outputs, as it replayed before', async () => {
    const old = parsed(JSON.parse(await readFile(FIXTURE, 'utf8')));
    expect(old.datasets).toBeUndefined();
    expect(recipeDatasets(old)).toEqual(['interactions', 'items', 'users']);
    expect(recipeDatasets(parsed(ITEMS_ONLY))).toEqual(['items']);
  });

  it('refuses datasets that do not match the outputs, naming the datasets path', () => {
    for (const datasets of [['interactions'], ['items', 'interactions'], ['items', 'items']]) {
      const result = parseRecipe({ ...ITEMS_ONLY, datasets });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain('datasets');
    }
  });

  it.skipIf(metaPath === undefined)(
    `exports an items-only file as items.csv and its schema alone ${metaPath === undefined ? missingDataReason(META) : ''}`,
    async () => {
      const files = await runRecipe(metaPath ?? '', parsed(ITEMS_ONLY), { outDir });
      expect(files.map((file) => [file.datasetType, path.basename(file.path), file.rows])).toEqual([
        ['items', 'items.csv', 9742],
      ]);
      expect((await readdir(outDir)).sort()).toEqual(['items.csv', 'items.schema.json']);
      const schema = JSON.parse(await readFile(path.join(outDir, 'items.schema.json'), 'utf8')) as {
        name: string;
        fields: { name: string; categorical?: boolean }[];
      };
      expect(schema.name).toBe('Items');
      expect(schema.fields.find((field) => field.name === 'GENRE')?.categorical).toBe(true);
    },
  );

  it.skipIf(moviesPath === undefined)(
    `writes TITLE of a movie catalogue as the textual string the mapping proposes ${moviesPath === undefined ? missingDataReason(MOVIES) : ''}`,
    { timeout: 120_000 },
    async () => {
      // The recipe Fix into new files writes for MovieLens 1M's movies.dat (no header, `::`,
      // Latin-1): column1 → TITLE (free text, textual), column2 → GENRES (categorical).
      const recipe = parsed({
        version: 1,
        name: 'movies',
        datasets: ['items'],
        encoding: 'latin-1',
        outputs: [
          {
            datasetType: 'items',
            fileName: 'items.csv',
            columns: [
              { name: 'ITEM_ID', from: 'column0', transform: { kind: 'id' } },
              { name: 'TITLE', from: 'column1' },
              { name: 'GENRES', from: 'column2' },
            ],
          },
        ],
      });
      const movieDir = path.join(outDir, 'movies');
      const [file] = await runRecipe(moviesPath ?? '', recipe, { outDir: movieDir });
      expect(file?.rows).toBe(40);
      const schema = JSON.parse(
        await readFile(path.join(movieDir, 'items.schema.json'), 'utf8'),
      ) as { fields: Record<string, unknown>[] };
      // 40 distinct titles in 40 rows would pass for categorical by count alone.
      expect(schema.fields.find((field) => field.name === 'TITLE')).toEqual({
        name: 'TITLE',
        type: 'string',
        textual: true,
      });
      expect(schema.fields.find((field) => field.name === 'GENRES')).toEqual({
        name: 'GENRES',
        type: 'string',
        categorical: true,
      });
      expect(file?.schemaFindings).toEqual([]);
    },
  );
});
