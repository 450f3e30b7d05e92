import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { DataPreviewSchema } from '../../shared/ipc/contract.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { withConnection } from './duckdb.js';
import { previewCsv } from './preview-csv.js';
import { profileCsv } from './profile-csv.js';

const ML1M = 'messy/ml-1m_movies_excerpt.dat';
const OLIST = 'messy/olist_product_category_name_translation.csv';
const RETAIL = 'messy/online-retail-uci_2010-12-01.csv';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dataprep-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes 2,000 interactions separated by `separator` into the temp dir. */
async function interactionsFile(name: string, separator: string): Promise<string> {
  const lines = [['USER_ID', 'ITEM_ID', 'TIMESTAMP'].join(separator)];
  for (let row = 0; row < 2000; row++) lines.push([`u${row % 50}`, `i${row % 300}`, String(1_600_000_000 + row)].join(separator));
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('separator checks', () => {
  it.each([
    ['semicolon.csv', ';', /separated by semicolons \(;\), not commas/],
    ['tab.tsv', '\t', /separated by tabs, not commas/],
    ['pipe.csv', '|', /separated by pipes \(\|\), not commas/],
  ])('reports %s as an error naming the separator', async (name, separator, pattern) => {
    const file = await interactionsFile(name, separator);
    const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
    expect(preview.columns.map((column) => column.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
    const errors = preview.checks.filter((check) => check.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(pattern);
    expect(errors[0]?.message).toContain(name);
    expect(errors[0]?.message).toMatch(/Re-export it as comma-separated CSV/);
  });

  it('accepts a comma-separated file with a UTF-8 BOM', async () => {
    const file = path.join(dir, 'bom.csv');
    const body = ['USER_ID,ITEM_ID,TIMESTAMP', ...Array.from({ length: 1200 }, (_, row) => `u${row % 40},i${row},${1_600_000_000 + row}`)].join('\n');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${body}\n`)]));
    const preview = await previewCsv(file, 'interactions', 5);
    expect(preview.columns[0]?.name).toBe('USER_ID');
    expect(preview.checks.filter((check) => check.level !== 'info')).toEqual([]);
  });

  const ml1m = sharedDataPath(ML1M);
  it.skipIf(ml1m === undefined)(`finds the :: separator of MovieLens 1M once converted to UTF-8 ${ml1m === undefined ? missingDataReason(ML1M) : ''}`, async () => {
    const file = path.join(dir, 'movies-utf8.dat');
    const text = (await readFile(ml1m ?? '')).toString('latin1');
    await writeFile(file, `MOVIE_ID::TITLE::GENRES\n${text}`, 'utf8');
    const preview = await previewCsv(file, 'items', 3);
    expect(preview.columns.map((column) => column.name)).toEqual(['MOVIE_ID', 'TITLE', 'GENRES']);
    expect(preview.checks[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/separated by double colons \(::\), not commas/) as unknown });
  });

  it.skipIf(ml1m === undefined)(`reports the original MovieLens 1M file as Latin-1 and ::-separated ${ml1m === undefined ? missingDataReason(ML1M) : ''}`, async () => {
    const error = await caught(previewCsv(ml1m ?? '', 'items', 3));
    expect(error.code).toBe('data.invalid');
    expect(error.message).toContain('is not UTF-8');
    expect(error.message).toContain('Line 31');
    expect(error.message).toContain('0xE9');
    expect(error.message).toMatch(/double colons \(::\)/);
    expect(error.message).not.toMatch(/CSV Error on Line/);
  });
});

describe('encoding', () => {
  it('explains a Latin-1 file instead of passing DuckDB error text on', async () => {
    const file = path.join(dir, 'latin1.csv');
    await writeFile(file, Buffer.concat([Buffer.from('USER_ID,ITEM_ID,TITLE\nu1,i1,Mis'), Buffer.from([0xe9]), Buffer.from('rables\nu2,i2,ok\n')]));
    for (const read of [() => previewCsv(file, 'interactions', 5), () => profileCsv(file)]) {
      const error = await caught(read());
      expect(error.code).toBe('data.invalid');
      expect(error.message).toContain(file);
      expect(error.message).toContain('Line 2 (byte 31) holds 0xE9: "u1,i1,Misérables"');
      expect(error.message).toContain('Personalize needs UTF-8');
      expect(error.message).toContain('iconv -f latin1 -t utf-8');
      expect(error.message).not.toMatch(/CSV Error on Line|Original Line/);
    }
  });

  const olist = sharedDataPath(OLIST);
  it.skipIf(olist === undefined)(`reads a BOM-prefixed UTF-8 file ${olist === undefined ? missingDataReason(OLIST) : ''}`, async () => {
    const profile = await profileCsv(olist ?? '');
    expect(profile.columns[0]?.name).toBe('product_category_name');
  });
});

describe('empty files', () => {
  it('says a 0-byte file is empty', async () => {
    const file = path.join(dir, 'empty.csv');
    await writeFile(file, '');
    const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
    expect(preview.columns).toEqual([]);
    expect(preview.checks).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^The file is empty: empty\.csv/) as unknown })]);
    expect(await profileCsv(file)).toEqual({ path: file, rowCount: 0, columns: [] });
  });

  it('says a header-only file has no data rows', async () => {
    const file = path.join(dir, 'header-only.csv');
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\n');
    const preview = await previewCsv(file, 'interactions', 5);
    expect(preview.columns.map((column) => column.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
    expect(preview.checks).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^The file has a header but no data rows/) as unknown })]);
  });
});

describe('where problems are', () => {
  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(`names the first rows of empty ids and shows the dates ${retail === undefined ? missingDataReason(RETAIL) : ''}`, async () => {
    const file = path.join(dir, 'retail-renamed.csv');
    await withConnection((connection) =>
      connection.run(
        `COPY (SELECT CustomerID AS USER_ID, StockCode AS ITEM_ID, InvoiceDate AS "TIMESTAMP" FROM read_csv('${(retail ?? '').replaceAll("'", "''")}')) TO '${file.replaceAll("'", "''")}'`,
      ),
    );
    const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
    const empty = preview.checks.find((check) => check.column === 'USER_ID' && check.level === 'error');
    expect(empty?.rows).toEqual([623, 1444, 1445, 1446, 1447]);
    expect(empty?.message).toContain('USER_ID is empty in 1,140 rows (data rows 623, 1444, 1445, 1446, 1447, ...');
    const timestamp = preview.checks.find((check) => check.column === 'TIMESTAMP');
    expect(timestamp?.message).toBe(
      'TIMESTAMP holds dates like 2010-12-01 08:26:00, not Unix epoch seconds; convert them to seconds since 1970-01-01 UTC (2010-12-01 08:26:00 read as UTC is 1291191960).',
    );
    expect(timestamp?.samples).toEqual(['2010-12-01 08:26:00']);
  });

  it('gives rows and values of millisecond and fractional timestamps', async () => {
    const file = path.join(dir, 'times.csv');
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1433221332\nu2,i2,1433221332117\nu3,i3,1433221332.5\n');
    const preview = await previewCsv(file, 'interactions', 5);
    const byMessage = (pattern: RegExp) => preview.checks.find((check) => pattern.test(check.message));
    expect(byMessage(/milliseconds/)).toMatchObject({ rows: [2], samples: ['1433221332117.0'] });
    expect(byMessage(/fractional/)).toMatchObject({ rows: [3], samples: ['1433221332.5'] });
  });
});
