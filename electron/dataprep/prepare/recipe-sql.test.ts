import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecipe, type RecipeInput } from '../../../shared/prepare/recipe.js';
import { previewRecipe } from './run-recipe.js';

let folder: string;
let file: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'recipe-sql-'));
  file = path.join(folder, 'events.csv');
  await writeFile(
    file,
    [
      'user,item,when_ms,when_iso,kind,score',
      '  17850.0 ,A1,1291191960000,2011-06-01T10:00:00+02:00, Add To-Cart ,4.5',
      '42,B2,1291191960999,2011-06-01 10:00:00,PURCHASE,0.5',
      ',C3,not a time,2011-01-15 10:00:00Z,view,3',
      '42,B2,1291191960999,2011-06-01 10:00:00,purchase,0.5',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function rows(
  columns: RecipeInput['outputs'][number]['columns'],
  steps: RecipeInput['outputs'][number]['steps'] = [],
) {
  const parsed = parseRecipe({
    version: 1,
    name: 't',
    outputs: [{ datasetType: 'interactions', fileName: 'o.csv', columns, steps }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return previewRecipe(file, parsed.recipe, 0, 10);
}

describe('recipe conversions, run by DuckDB', () => {
  it('converts ids, milliseconds, ISO dates with and without an offset, in a time zone', async () => {
    const preview = await rows([
      { name: 'USER_ID', from: 'user', transform: { kind: 'id' } },
      {
        name: 'MS',
        from: 'when_ms',
        transform: { kind: 'timestamp', format: 'epochMilliseconds' },
      },
      {
        name: 'ISO',
        from: 'when_iso',
        transform: { kind: 'timestamp', format: 'iso', timeZone: 'Europe/London' },
      },
    ]);
    expect(preview.rows).toEqual([
      // 10:00+02:00 is 08:00Z; 10:00 London (BST) is 09:00Z; 10:00Z in January stays.
      { USER_ID: '17850', MS: '1291191960', ISO: String(Date.UTC(2011, 5, 1, 8) / 1000) },
      { USER_ID: '42', MS: '1291191960', ISO: String(Date.UTC(2011, 5, 1, 9) / 1000) },
      { USER_ID: null, MS: null, ISO: String(Date.UTC(2011, 0, 15, 10) / 1000) },
      { USER_ID: '42', MS: '1291191960', ISO: String(Date.UTC(2011, 5, 1, 9) / 1000) },
    ]);
  });

  it('folds and maps event types, derives them from thresholds, filters, drops blanks and dedupes', async () => {
    const preview = await rows(
      [
        { name: 'USER_ID', from: 'user', transform: { kind: 'id' } },
        {
          name: 'EVENT_TYPE',
          from: 'kind',
          transform: { kind: 'eventType', mapping: [{ from: 'add to cart', to: 'cart' }] },
        },
      ],
      [{ kind: 'dropBlank', columns: ['USER_ID'] }, { kind: 'dedupe' }],
    );
    expect(preview.rows).toEqual([
      { USER_ID: '17850', EVENT_TYPE: 'cart' },
      { USER_ID: '42', EVENT_TYPE: 'purchase' },
    ]);
    expect(preview.stages.map((stage) => [stage.label, stage.rows])).toEqual([
      ['Rows read', 4],
      ['No row filter', 4],
      ['Columns mapped and converted', 4],
      ['Drop rows with a blank USER_ID', 3],
      ['Drop duplicate rows', 2],
    ]);
    const rated = await rows(
      [
        { name: 'ITEM_ID', from: 'item' },
        {
          name: 'EVENT_TYPE',
          from: 'score',
          transform: {
            kind: 'thresholds',
            rules: [
              { above: 1, value: 'click' },
              { above: 3, value: 'watch' },
            ],
          },
        },
      ],
      [{ kind: 'filter', column: 'item', operator: 'notIn', values: ['C3'] }],
    );
    expect(rated.rows).toEqual([
      { ITEM_ID: 'A1', EVENT_TYPE: 'click' },
      { ITEM_ID: 'A1', EVENT_TYPE: 'watch' },
    ]);
  });
});
