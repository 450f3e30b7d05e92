import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioDeps } from '../app/domain-module.js';
import { dataModule } from './data-module.js';
import { prepareModule } from './prepare-module.js';
import { sampleFiles } from './samples.js';

let dir = '';
const deps = { samples: sampleFiles() } as unknown as StudioDeps;
const data = dataModule(deps).handlers;
const prepare = prepareModule(deps).handlers;

const EMPTY_MESSAGE = 'The file is empty: empty.csv has no header and no rows.';
const HEADER_MESSAGE =
  'The file has a header but no data rows: header-only.csv holds only the header (USER_ID,ITEM_ID,TIMESTAMP).';

function handler<K extends keyof typeof data>(
  handlers: typeof data,
  name: K,
): NonNullable<(typeof data)[K]> {
  const found = handlers[name];
  if (found === undefined) throw new Error(`no ${name} handler`);
  return found;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'empty-files-'));
  await writeFile(path.join(dir, 'empty.csv'), '');
  await writeFile(path.join(dir, 'header-only.csv'), '\uFEFFUSER_ID,ITEM_ID,TIMESTAMP\r\n');
  await writeFile(path.join(dir, 'one-row.csv'), 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n');
  // The only data row has a field too many: a row DuckDB skips, not a header-only file.
  await writeFile(path.join(dir, 'bad-row.csv'), 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,17,extra\n');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an empty or header-only file in the Data step', () => {
  it('Read columns (data.prepareColumns) says it at once, before any mapping', async () => {
    const read = handler(prepare, 'data.prepareColumns');
    const empty = await read({ path: path.join(dir, 'empty.csv') });
    // No placeholder column0 for a file with nothing in it.
    expect(empty.columns).toEqual([]);
    expect(empty.checks).toEqual([
      {
        level: 'error',
        code: 'file.empty',
        message: `${EMPTY_MESSAGE} Export the data again, with a header row (e.g. USER_ID,ITEM_ID,TIMESTAMP) and one record per line.`,
      },
    ]);
    const header = await read({ path: path.join(dir, 'header-only.csv') });
    expect(header.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
    expect(header.checks).toEqual([
      {
        level: 'error',
        code: 'file.headerOnly',
        message: `${HEADER_MESSAGE} Export it again with the records below the header.`,
      },
    ]);
    expect((await read({ path: path.join(dir, 'one-row.csv') })).checks).toEqual([]);
    expect((await read({ path: path.join(dir, 'bad-row.csv') })).checks).toEqual([]);
  });

  it('the grid (data.open) shows no column for an empty file; the profile carries the finding', async () => {
    const open = handler(data, 'data.open');
    expect((await open({ path: path.join(dir, 'empty.csv') })).columns).toEqual([]);
    const profile = handler(data, 'data.profile');
    const emptyProfile = await profile({
      path: path.join(dir, 'empty.csv'),
      datasetType: 'interactions',
    });
    expect(emptyProfile.checks?.map((check) => [check.code, check.level])).toEqual([
      ['file.empty', 'error'],
    ]);
    expect(emptyProfile.checks?.[0]?.message).toContain(EMPTY_MESSAGE);
    const headerProfile = await profile({
      path: path.join(dir, 'header-only.csv'),
      datasetType: 'interactions',
    });
    expect(headerProfile.checks?.map((check) => check.code)).toEqual(['file.headerOnly']);
    expect(headerProfile.checks?.[0]?.message).toContain(HEADER_MESSAGE);
    const rows = await profile({
      path: path.join(dir, 'one-row.csv'),
      datasetType: 'interactions',
    });
    expect(rows.checks).toBeUndefined();
  });

  it('the checks (data.preview) give the same codes', async () => {
    const preview = handler(data, 'data.preview');
    const empty = await preview({
      path: path.join(dir, 'empty.csv'),
      datasetType: 'interactions',
      limit: 5,
    });
    expect(empty.checks.map((check) => [check.code, check.level])).toEqual([
      ['file.empty', 'error'],
    ]);
    const header = await preview({
      path: path.join(dir, 'header-only.csv'),
      datasetType: 'interactions',
      limit: 5,
    });
    expect(
      header.checks.filter((check) => check.level === 'error').map((check) => check.code),
    ).toEqual(['file.headerOnly']);
  });
});
