import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecipe, recipeDatasets, type Recipe } from '../../../shared/prepare/recipe.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { runRecipe } from './run-recipe.js';

const META = 'personalize-poc-movielens-small/item-meta.csv';
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
});
