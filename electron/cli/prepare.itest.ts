import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumber, withConnection } from '../dataprep/duckdb.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { ROOT, runCli } from './test-support.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const RECIPE = path.join(ROOT, 'electron/dataprep/prepare/fixtures/online-retail.recipe.json');

async function count(sql: string, file: string): Promise<number> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(sql, { p: file });
    return toNumber(Object.values(reader.getRowObjectsJS()[0] ?? {})[0]);
  });
}

describe('poc-studio prepare', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'cli-prepare-itest-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const raw = sharedDataPath(RAW);
  it.skipIf(raw === undefined)(
    `replays the Online Retail recipe into importable files ${raw === undefined ? missingDataReason(RAW) : ''}`,
    async () => {
      const out = path.join(directory, 'retail');
      const { code, stdout, stderr } = await runCli([
        'prepare',
        raw ?? '',
        '--recipe',
        RECIPE,
        '--out',
        out,
        '--json',
      ]);
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout) as {
        outputs: { datasetType: string; path: string; rows: number; schemaPath: string }[];
      };
      expect(report.outputs.map((output) => output.datasetType)).toEqual([
        'interactions',
        'items',
        'users',
      ]);
      const kept = await count(
        "SELECT count(*) FROM read_csv($p) WHERE CustomerID IS NOT NULL AND InvoiceNo NOT LIKE 'C%'",
        raw ?? '',
      );
      expect(report.outputs[0]?.rows).toBe(kept);
      expect(
        await count('SELECT count(*) FROM read_csv($p)', path.join(out, 'interactions.csv')),
      ).toBe(kept);
      const schema = JSON.parse(await readFile(path.join(out, 'users.schema.json'), 'utf8')) as {
        name: string;
      };
      expect(schema.name).toBe('Users');
      const text = await runCli(['prepare', raw ?? '', '--recipe', RECIPE, '--out', out]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain(
        `Drop rows with a blank USER_ID  (−${(
          (await count(
            "SELECT count(*) FROM read_csv($p) WHERE InvoiceNo NOT LIKE 'C%'",
            raw ?? '',
          )) - kept
        ).toLocaleString('en-US')})`,
      );
    },
  );

  it('exits 1 naming the recipe path of each problem', async () => {
    const recipe = path.join(directory, 'bad.recipe.json');
    await writeFile(
      recipe,
      JSON.stringify({
        version: 1,
        name: 'bad',
        outputs: [
          {
            datasetType: 'users',
            fileName: 'users.txt',
            columns: [{ name: 'USER ID', from: 'x' }],
          },
        ],
      }),
    );
    const file = path.join(directory, 'in.csv');
    await writeFile(file, 'x,y\n1,2\n');
    const { code, stdout } = await runCli([
      'prepare',
      file,
      '--recipe',
      recipe,
      '--out',
      directory,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('outputs.0.fileName: A file name such as interactions.csv');
    expect(stdout).toContain('outputs.0.columns.0.name: Use letters, digits and _');
  });

  const movies = sharedDataPath('movielens-latest-small/movies.csv');
  it.skipIf(movies === undefined)(
    'replays an items-only recipe of a catalogue: only items.csv and its schema are written',
    async () => {
      const recipe = path.join(directory, 'movies.recipe.json');
      await writeFile(
        recipe,
        JSON.stringify({
          version: 1,
          name: 'movies',
          datasets: ['items'],
          outputs: [
            {
              datasetType: 'items',
              fileName: 'items.csv',
              columns: [
                { name: 'ITEM_ID', from: 'movieId', transform: { kind: 'id' } },
                { name: 'TITLE', from: 'title', transform: { kind: 'trim' } },
                { name: 'GENRES', from: 'genres', transform: { kind: 'trim' } },
              ],
              steps: [
                { kind: 'dropBlank', columns: ['ITEM_ID'] },
                { kind: 'onePerKey', key: 'ITEM_ID' },
              ],
            },
          ],
        }),
      );
      const out = path.join(directory, 'movies');
      const { code, stdout, stderr } = await runCli([
        'prepare',
        movies ?? '',
        '--recipe',
        recipe,
        '--out',
        out,
        '--json',
      ]);
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout) as { outputs: { datasetType: string; rows: number }[] };
      expect(report.outputs).toMatchObject([{ datasetType: 'items', rows: 9742 }]);
      expect((await readdir(out)).sort()).toEqual(['items.csv', 'items.schema.json']);
    },
  );
});
