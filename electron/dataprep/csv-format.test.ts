import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataPreviewSchema } from '../../shared/ipc/contract.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { withConnection } from './duckdb.js';
import { previewCsv } from './preview-csv.js';
import { csvProfile } from './validate-csv.js';

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
  for (let row = 0; row < 2000; row++)
    lines.push([`u${row % 50}`, `i${row % 300}`, String(1_600_000_000 + row)].join(separator));
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('separator checks', () => {
  it.each([
    ['semicolon.csv', ';', /separated by semicolons \(;\), not commas/],
    ['tab.tsv', '\t', /separated by tabs, not commas/],
    ['pipe.csv', '|', /separated by pipes \(\|\), not commas/],
  ])('reports %s as an error naming the separator', async (name, separator, pattern) => {
    const file = await interactionsFile(name, separator);
    const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
    expect(preview.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
    const errors = preview.checks.filter((check) => check.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(pattern);
    expect(errors[0]?.message).toContain(name);
    expect(errors[0]?.message).toMatch(/Write it comma-separated/);
  });

  it('accepts a comma-separated file with a UTF-8 BOM', async () => {
    const file = path.join(dir, 'bom.csv');
    const body = [
      'USER_ID,ITEM_ID,TIMESTAMP',
      ...Array.from({ length: 1200 }, (_, row) => `u${row % 40},i${row},${1_600_000_000 + row}`),
    ].join('\n');
    await writeFile(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${body}\n`)]),
    );
    const preview = await previewCsv(file, 'interactions', 5);
    expect(preview.columns[0]?.name).toBe('USER_ID');
    expect(preview.checks.filter((check) => check.level !== 'info')).toEqual([]);
  });

  const ml1m = sharedDataPath(ML1M);
  it.skipIf(ml1m === undefined)(
    `finds the :: separator of MovieLens 1M once converted to UTF-8 ${ml1m === undefined ? missingDataReason(ML1M) : ''}`,
    async () => {
      const file = path.join(dir, 'movies-utf8.dat');
      const text = (await readFile(ml1m ?? '')).toString('latin1');
      await writeFile(file, `MOVIE_ID::TITLE::GENRES\n${text}`, 'utf8');
      const preview = await previewCsv(file, 'items', 3);
      expect(preview.columns.map((column) => column.name)).toEqual(['MOVIE_ID', 'TITLE', 'GENRES']);
      expect(preview.checks[0]).toMatchObject({
        level: 'error',
        message: expect.stringMatching(/separated by double colons \(::\), not commas/) as unknown,
      });
    },
  );

  it.skipIf(ml1m === undefined)(
    `reads the original MovieLens 1M file as Latin-1 and ::-separated, with findings ${ml1m === undefined ? missingDataReason(ML1M) : ''}`,
    async () => {
      const preview = await previewCsv(ml1m ?? '', 'items', 3);
      // 40 lines, no header row: the first line is data too.
      expect(preview.rowCount).toBe(40);
      expect(preview.rows[0]).toEqual({
        column0: '1',
        column1: 'Toy Story (1995)',
        column2: "Animation|Children's|Comedy",
      });
      const encoding = preview.checks.find((check) => check.message.includes('is not UTF-8'));
      expect(encoding).toMatchObject({ level: 'warning' });
      expect(encoding?.message).toContain('Latin-1 (ISO-8859-1) (line 31: "');
      expect(encoding?.message).toContain('Transcode it from Latin-1 (ISO-8859-1) to UTF-8');
      expect(
        preview.checks.some((check) => /separated by double colons \(::\)/.test(check.message)),
      ).toBe(true);
    },
  );
});

describe('encoding', () => {
  it('reads a Latin-1 file as Latin-1 and reports it as a finding with a fix', async () => {
    const file = path.join(dir, 'latin1.csv');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('USER_ID,ITEM_ID,TITLE\nu1,i1,Mis'),
        Buffer.from([0xe9]),
        Buffer.from('rables\nu2,i2,ok\n'),
      ]),
    );
    const preview = await previewCsv(file, 'interactions', 5);
    expect(preview.rows[0]).toEqual({ USER_ID: 'u1', ITEM_ID: 'i1', TITLE: 'Misérables' });
    const encoding = preview.checks.find((check) => check.message.includes('is not UTF-8'));
    expect(encoding?.level).toBe('warning');
    expect(encoding?.message).toContain(
      'latin1.csv is not UTF-8: it reads as Latin-1 (ISO-8859-1) (line 2: "u1,i1,Misérables")',
    );
    expect(encoding?.message).toContain('Transcode it from Latin-1 (ISO-8859-1) to UTF-8');
  });

  it('tells Windows-1252 from Latin-1 by its curly quotes, and reads UTF-16', async () => {
    const cp1252 = path.join(dir, 'cp1252.csv');
    await writeFile(
      cp1252,
      Buffer.concat([
        Buffer.from('ITEM_ID,TITLE\n1,'),
        Buffer.from([0x93]),
        Buffer.from('Quoted'),
        Buffer.from([0x94]),
        Buffer.from('\n2,plain\n'),
      ]),
    );
    const first = await previewCsv(cp1252, 'items', 5);
    expect(first.checks.find((check) => check.message.includes('is not UTF-8'))?.message).toContain(
      'reads as Windows-1252',
    );
    const utf16 = path.join(dir, 'utf16.csv');
    await writeFile(utf16, Buffer.from('\ufeffITEM_ID,TITLE\n1,Misérables\n2,Zoë\n', 'utf16le'));
    const second = await previewCsv(utf16, 'items', 5);
    expect(second.rows).toEqual([
      { ITEM_ID: '1', TITLE: 'Misérables' },
      { ITEM_ID: '2', TITLE: 'Zoë' },
    ]);
    expect(second.checks.find((check) => check.message.includes('UTF-16'))).toMatchObject({
      level: 'warning',
    });
  });

  const olist = sharedDataPath(OLIST);
  it.skipIf(olist === undefined)(
    `reads a BOM-prefixed UTF-8 file ${olist === undefined ? missingDataReason(OLIST) : ''}`,
    async () => {
      const profile = await csvProfile(olist ?? '', 'items');
      expect(profile.columns[0]?.name).toBe('product_category_name');
    },
  );
});

describe('empty files', () => {
  it('says a 0-byte file is empty', async () => {
    const file = path.join(dir, 'empty.csv');
    await writeFile(file, '');
    const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
    expect(preview.columns).toEqual([]);
    expect(preview.checks).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^The file is empty: empty\.csv/) as unknown,
      }),
    ]);
    expect(await csvProfile(file, 'interactions')).toEqual({
      path: file,
      rowCount: 0,
      columns: [],
    });
  });

  it('says a header-only file has no data rows', async () => {
    const file = path.join(dir, 'header-only.csv');
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\n');
    const preview = await previewCsv(file, 'interactions', 5);
    expect(preview.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
    expect(preview.checks).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^The file has a header but no data rows/) as unknown,
      }),
    ]);
  });
});

describe('where problems are', () => {
  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(
    `names the first rows of empty ids and shows the dates ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    async () => {
      const file = path.join(dir, 'retail-renamed.csv');
      await withConnection((connection) =>
        connection.run(
          `COPY (SELECT CustomerID AS USER_ID, StockCode AS ITEM_ID, InvoiceDate AS "TIMESTAMP" FROM read_csv('${(retail ?? '').replaceAll("'", "''")}')) TO '${file.replaceAll("'", "''")}'`,
        ),
      );
      const preview = DataPreviewSchema.parse(await previewCsv(file, 'interactions', 5));
      const empty = preview.checks.find(
        (check) => check.column === 'USER_ID' && check.level === 'error',
      );
      expect(empty?.rows).toEqual([623, 1444, 1445, 1446, 1447]);
      expect(empty?.message).toContain(
        'USER_ID is empty in 1,140 rows (data rows 623, 1444, 1445, 1446, 1447, ...',
      );
      const timestamp = preview.checks.find((check) => check.column === 'TIMESTAMP');
      expect(timestamp?.message).toBe(
        "TIMESTAMP holds dates like 2010-12-01 08:26:00, not Unix epoch seconds (2010-12-01 08:26:00 read as UTC is 1291191960). Convert them to whole seconds since 1970-01-01 UTC, stating the time zone they were written in (the Data step's timestamp conversion).",
      );
      expect(timestamp?.samples).toEqual([
        '2010-12-01 08:26:00',
        '2010-12-01 08:28:00',
        '2010-12-01 08:34:00',
      ]);
    },
  );

  it('gives rows and values of millisecond and fractional timestamps', async () => {
    const file = path.join(dir, 'times.csv');
    await writeFile(
      file,
      'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1433221332\nu2,i2,1433221332117\nu3,i3,1433221332.5\n',
    );
    const preview = await previewCsv(file, 'interactions', 5);
    const byMessage = (pattern: RegExp) =>
      preview.checks.find((check) => pattern.test(check.message));
    expect(byMessage(/milliseconds/)).toMatchObject({ rows: [2], samples: ['1433221332117.0'] });
    expect(byMessage(/fractional/)).toMatchObject({ rows: [3], samples: ['1433221332.5'] });
  });
});
