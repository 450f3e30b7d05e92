import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/rules/findings.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { withConnection } from './duckdb.js';
import { validateCsv } from './validate-csv.js';

const RETAIL_DAY = 'messy/online-retail-uci_2010-12-01.csv';
const OLIST_PRODUCTS = 'messy/olist_products_dataset_head300.csv';
const USERS = 'online-retail-uci/users.csv';
const ITEMS = 'online-retail-uci/items.csv';
const ITEM_META = 'personalize-poc-movielens-small/item-meta.csv';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dataprep-validate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOW = 1_700_000_000;
const byCode = (findings: readonly Finding[], code: string): Finding | undefined =>
  findings.find((finding) => finding.code === code);

/** `rows` interactions lines `USER_ID,ITEM_ID,TIMESTAMP[,EVENT_TYPE]` from `line(row)`. */
async function generated(
  name: string,
  header: string,
  rows: number,
  line: (row: number) => string,
): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    `${header}\n${Array.from({ length: rows }, (_, row) => line(row)).join('\n')}\n`,
  );
  return file;
}

describe('validateCsv on real data', () => {
  const retail = sharedDataPath(RETAIL_DAY);
  const users = sharedDataPath(USERS);
  const items = sharedDataPath(ITEMS);
  it.skipIf(retail === undefined || users === undefined || items === undefined)(
    `matches a mapped retail day against the users and items files: ".0" near misses ${retail === undefined ? missingDataReason(RETAIL_DAY) : ''}`,
    async () => {
      const file = path.join(dir, 'retail-day-mapped.csv');
      await withConnection((connection) =>
        connection.run(
          `COPY (SELECT CustomerID::VARCHAR AS USER_ID, StockCode AS ITEM_ID, epoch(InvoiceDate)::BIGINT AS "TIMESTAMP" FROM read_csv('${(retail ?? '').replaceAll("'", "''")}')) TO '${file.replaceAll("'", "''")}'`,
        ),
      );
      const result = await validateCsv(file, {
        datasetType: 'interactions',
        usersFile: users ?? '',
        itemsFile: items ?? '',
        now: NOW,
      });
      expect(result.rowCount).toBe(3108);
      const [itemRef, userRef] = result.findings.filter(
        (finding) => finding.code === 'reference.missing',
      );
      expect(itemRef?.message).toBe(
        '5 ITEM_ID values of 1,351 (9 interaction rows) are not in items.csv: 99.63% of ids match.',
      );
      expect(itemRef?.severity).toBe('warning');
      expect(userRef?.severity).toBe('error');
      expect(userRef?.message).toBe(
        '98 USER_ID values of 98 (1,968 interaction rows) are not in users.csv: 0.0% of ids match; 98 ids match once case, spaces, ".0" or leading zeros are ignored ("17968.0" ~ "17968", "17850.0" ~ "17850", "17920.0" ~ "17920", "12433.0" ~ "12433", "14729.0" ~ "14729").',
      );
      expect(byCode(result.findings, 'null.required')).toMatchObject({
        severity: 'error',
        column: 'USER_ID',
        count: 1140,
        rows: [623, 1444, 1445, 1446, 1447],
        fixStep: { kind: 'dropBlank', columns: ['USER_ID'] },
      });
      expect(byCode(result.findings, 'row.duplicate')).toMatchObject({
        count: 101,
        fixStep: { kind: 'dedupe' },
      });
      expect(byCode(result.findings, 'data.tooFewActiveUsers')).toBeUndefined();
    },
  );

  const olist = sharedDataPath(OLIST_PRODUCTS);
  it.skipIf(olist === undefined)(
    `reports the quoted header of the Olist products file ${olist === undefined ? missingDataReason(OLIST_PRODUCTS) : ''}`,
    async () => {
      const result = await validateCsv(olist ?? '', { datasetType: 'items', now: NOW });
      expect(result.rowCount).toBe(300);
      expect(byCode(result.findings, 'header.quoted')?.message).toBe(
        'The header row of olist_products_dataset_head300.csv is quoted ("product_id", "product_category_name", "product_name_lenght"...); Personalize expects the field names unquoted.',
      );
      expect(byCode(result.findings, 'column.missing')?.column).toBe('ITEM_ID');
    },
  );

  const itemMeta = sharedDataPath(ITEM_META);
  it.skipIf(itemMeta === undefined)(
    `warns about YEAR's blanks and "2006–2007" under the notebook's schema ${itemMeta === undefined ? missingDataReason(ITEM_META) : ''}`,
    async () => {
      const schema = {
        fields: [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRE', type: 'string', categorical: true },
          { name: 'YEAR', type: 'int' },
        ],
      };
      const result = await validateCsv(itemMeta ?? '', { datasetType: 'items', schema, now: NOW });
      expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(byCode(result.findings, 'type.mismatch')).toMatchObject({
        column: 'YEAR',
        count: 1,
        rows: [9519],
        sample: ['2006–2007'],
      });
      expect(byCode(result.findings, 'null.required')).toMatchObject({
        severity: 'warning',
        column: 'YEAR',
        count: 12,
      });
      // Blanks in an attribute are not dropped in one click: the rows still carry an item.
      expect(byCode(result.findings, 'null.required')?.fixStep).toBeUndefined();
    },
  );
});

describe('validateCsv on generated files', () => {
  it('reports a malformed row with its line and content instead of reading one column', async () => {
    const file = await generated('one-bad-row.csv', 'USER_ID,ITEM_ID,TIMESTAMP', 1200, (row) =>
      row === 40
        ? `u${row},i${row},${1_600_000_000 + row},extra`
        : `u${row % 30},i${row},${1_600_000_000 + row}`,
    );
    const result = await validateCsv(file, { datasetType: 'interactions', now: NOW });
    expect(result.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
    expect(result.rowCount).toBe(1199);
    expect(byCode(result.findings, 'row.malformed')).toMatchObject({
      severity: 'error',
      row: 42,
      count: 1,
      sample: ['u40,i40,1600000040,extra'],
    });
    expect(byCode(result.findings, 'column.missing')).toBeUndefined();
  });

  it('flags a 1,001-character categorical value, `|` in a plain field, and event types over the limit', async () => {
    const long = 'x'.repeat(1001);
    const events = [
      'click',
      'Click',
      'view',
      ' view',
      'buy',
      'cart',
      'like',
      'share',
      'save',
      'rate',
      'skip',
      'play',
    ];
    const file = await generated(
      'events.csv',
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,DEVICE',
      1300,
      (row) =>
        `u${row % 40},i${row},${1_600_000_000 + row},${events[row % events.length] ?? ''},${row === 7 ? long : 'phone'}`,
    );
    const result = await validateCsv(file, { datasetType: 'interactions', now: NOW });
    expect(byCode(result.findings, 'categorical.tooLong')).toMatchObject({
      column: 'DEVICE',
      count: 1,
      rows: [8],
    });
    expect(byCode(result.findings, 'eventType.tooMany')?.message).toBe(
      'EVENT_TYPE has 12 distinct values; with 1 optional column that is 13, over the 10 Personalize allows (10 after folding case and spaces).',
    );
    expect(
      result.findings
        .filter((finding) => finding.code === 'eventType.nearDuplicate')
        .map((finding) => [...(finding.sample ?? [])].sort()),
    ).toEqual([
      [' view', 'view'],
      ['Click', 'click'],
    ]);
    expect(result.distinct.EVENT_TYPE).toBe(12);
  });

  it('flags identical timestamps, milliseconds and future dates', async () => {
    const same = await generated(
      'same-time.csv',
      'USER_ID,ITEM_ID,TIMESTAMP',
      1000,
      (row) => `u${row % 30},i${row},1600000000`,
    );
    expect(
      byCode(
        (await validateCsv(same, { datasetType: 'interactions', now: NOW })).findings,
        'timestamp.zeroVariance',
      ),
    ).toMatchObject({ count: 1000 });
    const mixed = await generated(
      'mixed-time.csv',
      'USER_ID,ITEM_ID,TIMESTAMP',
      1000,
      (row) =>
        `u${row % 30},i${row},${row === 3 ? 1433221332117 : row === 5 ? 1800000000 : 1600000000 + row}`,
    );
    const findings = (await validateCsv(mixed, { datasetType: 'interactions', now: NOW })).findings;
    expect(byCode(findings, 'timestamp.milliseconds')).toMatchObject({
      count: 1,
      rows: [4],
      sample: ['1433221332117'],
    });
    expect(byCode(findings, 'timestamp.future')).toMatchObject({
      count: 1,
      rows: [6],
      sample: ['1800000000'],
    });
  });

  it('finds a Latin-1 byte past the first 64 KB and re-reads the whole file as Latin-1', async () => {
    const file = path.join(dir, 'late-latin1.csv');
    const head = `ITEM_ID,TITLE\n${Array.from({ length: 5000 }, (_, row) => `i${row},plain title ${row}`).join('\n')}\n`;
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(head),
        Buffer.from('i5000,Mis'),
        Buffer.from([0xe9]),
        Buffer.from('rables\n'),
      ]),
    );
    const result = await validateCsv(file, { datasetType: 'items', now: NOW });
    expect(result.rowCount).toBe(5001);
    expect(byCode(result.findings, 'encoding.latin1')?.message).toContain(
      '(line 5002: "i5000,Misérables")',
    );
    expect(byCode(result.findings, 'row.malformed')).toBeUndefined();
  });

  it('caches per path, size and mtime: an unchanged file is not re-read, a changed one is', async () => {
    const file = await generated('cached.csv', 'ITEM_ID,GENRE', 10, (row) => `i${row},g${row % 3}`);
    const first = await validateCsv(file, { datasetType: 'items', now: NOW });
    expect(first.rowCount).toBe(10);
    const before = await readFile(file);
    await writeFile(
      file,
      `ITEM_ID,GENRE\n${Array.from({ length: 12 }, (_, row) => `j${row},g`).join('\n')}\n`,
    );
    expect((await validateCsv(file, { datasetType: 'items', now: NOW })).rowCount).toBe(12);
    await writeFile(file, before);
    const stamp = new Date('2024-01-01T00:00:00Z');
    await utimes(file, stamp, stamp);
    expect((await validateCsv(file, { datasetType: 'items', now: NOW })).rowCount).toBe(10);
  });
});

const MOVIES = 'movielens-latest-small/movies.csv';
const movies = sharedDataPath(MOVIES);

describe('approximate distinct counts', () => {
  it.runIf(movies !== undefined)(
    `never exceed the values they count ${movies === undefined ? missingDataReason(MOVIES) : ''}`,
    async () => {
      const result = await validateCsv(movies ?? '', { datasetType: 'items', now: NOW });
      expect(result.rowCount).toBe(9742);
      // DuckDB's HyperLogLog estimates 10,772 distinct titles in these 9,742 rows.
      const title = result.profile.columns.find((column) => column.name === 'title');
      expect(title?.distinctCount).toBeLessThanOrEqual(9742);
      expect(title?.distinctCount).toBeGreaterThan(9000);
    },
  );
});
