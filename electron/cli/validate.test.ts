import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { inferDatasetType, validateCommand } from './validate.js';

const OLIST = 'messy/olist_product_category_name_translation.csv';
const RETAIL = 'messy/online-retail-uci_2010-12-01.csv';
const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs validate and captures what it prints. */
async function validate(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await validateCommand(args, (text) => (output += text));
  return { code, output };
}

describe('inferDatasetType', () => {
  it('infers from USER_ID / ITEM_ID, case-insensitively, and gives up without either', () => {
    expect(inferDatasetType([{ name: 'USER_ID' }, { name: 'ITEM_ID' }])?.datasetType).toBe('interactions');
    expect(inferDatasetType([{ name: 'item_id' }, { name: 'GENRES' }])?.datasetType).toBe('items');
    expect(inferDatasetType([{ name: 'USER_ID' }, { name: 'AGE' }])?.datasetType).toBe('users');
    expect(inferDatasetType([{ name: 'product_category_name' }])).toBeUndefined();
  });
});

describe('validate', () => {
  const olist = sharedDataPath(OLIST);
  it.skipIf(olist === undefined)(`says it cannot tell the type of a file without ids ${olist === undefined ? missingDataReason(OLIST) : ''}`, async () => {
    const { code, output } = await validate([olist ?? '']);
    expect(code).toBe(1);
    expect(output).not.toContain('read as users');
    expect(output).toContain('dataset type unknown');
    expect(output).toMatch(/error: Cannot tell which dataset olist_product_category_name_translation\.csv is/);
    expect(output).toContain('Interactions need USER_ID, ITEM_ID, TIMESTAMP');
  });

  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(`reports each missing required column once, as an error ${retail === undefined ? missingDataReason(RETAIL) : ''}`, async () => {
    const { code, output } = await validate([retail ?? '', '--type', 'interactions']);
    expect(code).toBe(1);
    for (const column of ['USER_ID', 'ITEM_ID', 'TIMESTAMP']) {
      const lines = output.split('\n').filter((line) => line.includes(`Required column ${column} `));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
    }
  });

  const interactions = sharedDataPath(INTERACTIONS);
  it.skipIf(interactions === undefined)(`exits 0 for a clean interactions file ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`, async () => {
    const { code, output } = await validate([interactions ?? '']);
    expect(code).toBe(0);
    expect(output).toContain('checked as interactions, inferred');
  });

  it('exits 1 for a semicolon-separated file', async () => {
    const file = path.join(dir, 'semicolon.csv');
    const rows = Array.from({ length: 2000 }, (_, row) => `u${row % 50};i${row % 300};${1_600_000_000 + row}`);
    await writeFile(file, `USER_ID;ITEM_ID;TIMESTAMP\n${rows.join('\n')}\n`);
    const { code, output } = await validate([file]);
    expect(code).toBe(1);
    expect(output).toMatch(/error: semicolon\.csv is separated by semicolons/);
  });

  it('uses the app messages for a missing path and a folder', async () => {
    const missing = path.join(dir, 'missing.csv');
    await expect(validate([missing])).rejects.toMatchObject({
      code: 'file.notFound',
      message: `${missing} does not exist. Check the path or pick the file again.`,
    });
    await expect(validate([dir])).rejects.toMatchObject({
      code: 'file.unreadable',
      message: `${dir} is a folder, not a CSV file. Pick a .csv or .csv.gz file.`,
    });
  });

  it('rejects an unknown --type', async () => {
    await expect(validate([dir, '--type', 'actions'])).rejects.toMatchObject({ code: 'input.invalid' });
  });
});
