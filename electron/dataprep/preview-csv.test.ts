import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { DataPreviewSchema } from '../../shared/ipc/contract.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { previewCsv } from './preview-csv.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const RETAIL = 'messy/online-retail-uci_2010-12-01.csv';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dataprep-preview-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('previewCsv on shared data', () => {
  const interactions = sharedDataPath(INTERACTIONS);
  it.skipIf(interactions === undefined)(
    `reads the movielens interactions ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`,
    async () => {
      const file = interactions ?? '';
      const before = await readFile(file);
      const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
      expect(preview.rowCount).toBe(158371);
      expect(preview.distinct.USER_ID).toBe(610);
      expect(preview.columns.map((column) => column.name)).toEqual([
        'USER_ID',
        'ITEM_ID',
        'TIMESTAMP',
        'EVENT_TYPE',
      ]);
      expect(preview.columns.find((column) => column.name === 'TIMESTAMP')?.type).toBe('BIGINT');
      expect(preview.rows).toHaveLength(5);
      expect(preview.rows[0]).toEqual({
        USER_ID: '429',
        ITEM_ID: '222',
        TIMESTAMP: '828124615',
        EVENT_TYPE: 'watch',
      });
      expect(preview.checks.filter((check) => check.level === 'error')).toEqual([]);
      expect(preview.checks.filter((check) => check.level === 'warning')).toEqual([]);
      expect((await readFile(file)).equals(before)).toBe(true);
    },
  );

  const items = sharedDataPath(ITEMS);
  it.skipIf(items === undefined)(
    `reads the item metadata ${items === undefined ? missingDataReason(ITEMS) : ''}`,
    async () => {
      const preview = await previewCsv(items ?? '', 'items', 3);
      expect(preview.rowCount).toBe(9742);
      expect(preview.columns.map((column) => column.name)).toEqual(['ITEM_ID', 'GENRE', 'YEAR']);
      expect(preview.distinct.ITEM_ID).toBe(9742);
      expect(preview.rows).toHaveLength(3);
      expect(preview.checks.filter((check) => check.level === 'error')).toEqual([]);
    },
  );

  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(
    `reports findings on a messy retail file ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    async () => {
      const preview = await previewCsv(retail ?? '', 'interactions', 10);
      expect(preview.rowCount).toBe(3108);
      const missing = preview.checks.filter(
        (check) => check.level === 'error' && check.message.includes('missing'),
      );
      expect(missing.map((check) => check.column).sort()).toEqual([
        'ITEM_ID',
        'TIMESTAMP',
        'USER_ID',
      ]);
      for (const check of missing) expect(check.message).toMatch(/rename/i);
    },
  );
});

describe('previewCsv on generated files', () => {
  it('flags null ids, millisecond and fractional timestamps, long ids, few rows and few active users', async () => {
    const lines = ['user_id,ITEM_ID,TIMESTAMP'];
    lines.push(`u1,${'x'.repeat(300)},1433221332117`);
    lines.push(',i2,1433221332.5');
    lines.push('u3,i3,1433221332');
    const file = path.join(dir, "it's interactions.csv");
    await writeFile(file, `${lines.join('\n')}\n`);
    const preview = await previewCsv(file, 'interactions', 100);
    expect(preview.rowCount).toBe(3);
    const byColumn = (column: string) =>
      preview.checks
        .filter((check) => check.column === column)
        .map((check) => check.message)
        .join(' | ');
    expect(byColumn('user_id')).toMatch(/named exactly USER_ID/);
    expect(byColumn('user_id')).toMatch(/empty in 1 row/);
    expect(byColumn('ITEM_ID')).toMatch(/at most 256/);
    expect(byColumn('TIMESTAMP')).toMatch(/milliseconds/);
    expect(byColumn('TIMESTAMP')).toMatch(/fractional/);
    expect(
      preview.checks.some(
        (check) => check.level === 'error' && check.message.includes('at least 1,000'),
      ),
    ).toBe(true);
    expect(
      preview.checks.some(
        (check) => check.level === 'warning' && check.message.includes('at least 25'),
      ),
    ).toBe(true);
  });

  it('reads gzip files transparently', async () => {
    const { gzipSync } = await import('node:zlib');
    const file = path.join(dir, 'items.csv.gz');
    await writeFile(file, gzipSync('ITEM_ID,GENRES\n1,A|B\n2,C\n'));
    const preview = await previewCsv(file, 'items', 10);
    expect(preview.rowCount).toBe(2);
    expect(preview.rows[0]).toEqual({ ITEM_ID: '1', GENRES: 'A|B' });
  });

  it('throws file.notFound naming the path', async () => {
    const file = path.join(dir, 'nope.csv');
    const error: unknown = await previewCsv(file, 'items', 10).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file.notFound');
    expect((error as AppError).message).toContain(file);
  });

  it('throws file.unreadable for a folder', async () => {
    await expect(previewCsv(dir, 'items', 10)).rejects.toMatchObject({ code: 'file.unreadable' });
  });
});
