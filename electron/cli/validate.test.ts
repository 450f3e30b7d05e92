import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumber, toText, withConnection } from '../dataprep/duckdb.js';
import { missingDataReason, SHARED_ROOT, sharedDataPath } from '../testing/shared-data.js';
import { displayWidth } from './text-table.js';
import { inferDatasetType, validateCommand, type JsonReport } from './validate.js';

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

/** Rows of the raw Online Retail export, in file order, where `condition` holds (an independent query). */
async function rawRows(condition: string, select: string): Promise<unknown[]> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT ${select} AS v FROM (SELECT row_number() OVER () AS rn, * FROM read_csv($p)) WHERE ${condition} ORDER BY rn`,
      { p: sharedDataPath('online-retail-uci/online_retail_raw.csv.gz') ?? '' },
    );
    return reader.getRowObjectsJS().map((row) => row.v);
  });
}
const rawCount = async (condition: string): Promise<number> =>
  (await rawRows(condition, 'rn')).length;
const rawFirstRow = async (condition: string): Promise<number> =>
  toNumber((await rawRows(condition, 'rn'))[0]);

/** Runs validate and captures what it prints. */
async function validate(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await validateCommand(args, (text) => (output += text));
  return { code, output };
}

describe('inferDatasetType', () => {
  it('infers from USER_ID / ITEM_ID, case-insensitively, and gives up without either', () => {
    expect(inferDatasetType([{ name: 'USER_ID' }, { name: 'ITEM_ID' }])?.datasetType).toBe(
      'interactions',
    );
    expect(inferDatasetType([{ name: 'item_id' }, { name: 'GENRES' }])?.datasetType).toBe('items');
    expect(inferDatasetType([{ name: 'USER_ID' }, { name: 'AGE' }])?.datasetType).toBe('users');
    expect(inferDatasetType([{ name: 'product_category_name' }])).toBeUndefined();
  });
});

describe('validate', () => {
  const olist = sharedDataPath(OLIST);
  it.skipIf(olist === undefined)(
    `says it cannot tell the type of a file without ids ${olist === undefined ? missingDataReason(OLIST) : ''}`,
    async () => {
      const { code, output } = await validate([olist ?? '']);
      expect(code).toBe(1);
      expect(output).not.toContain('read as users');
      expect(output).toContain('dataset type unknown');
      expect(output).toMatch(
        /error: Cannot tell which dataset olist_product_category_name_translation\.csv is/,
      );
      expect(output).toContain('Interactions need USER_ID, ITEM_ID, TIMESTAMP');
    },
  );

  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(
    `without --type, gives the Suggest mapping's guesses for a raw export and points to prepare ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    async () => {
      const { code, output } = await validate([retail ?? '']);
      expect(code).toBe(1);
      expect(output).toContain(
        'As interactions, the columns look like CustomerID → USER_ID (named CustomerID), StockCode → ITEM_ID (named StockCode), InvoiceDate → TIMESTAMP (named InvoiceDate), EVENT_TYPE = "purchase" on every row (constant: order lines (InvoiceNo, Quantity, UnitPrice): each row is a purchase): write importable files',
      );
      expect(output).toContain('poc-studio prepare FILE --recipe RECIPE.json --out DIR');
    },
  );

  it.skipIf(retail === undefined)(
    `reports each missing required column once, as an error ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    async () => {
      const { code, output } = await validate([retail ?? '', '--type', 'interactions']);
      expect(code).toBe(1);
      for (const column of ['USER_ID', 'ITEM_ID', 'TIMESTAMP']) {
        const lines = output
          .split('\n')
          .filter((line) => line.includes(`Required column ${column} `));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^error: /);
      }
    },
  );

  const interactions = sharedDataPath(INTERACTIONS);
  it.skipIf(interactions === undefined)(
    `exits 0 for a clean interactions file ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`,
    async () => {
      const { code, output } = await validate([interactions ?? '']);
      expect(code).toBe(0);
      expect(output).toContain('checked as interactions, inferred');
    },
  );

  it('exits 1 for a semicolon-separated file', async () => {
    const file = path.join(dir, 'semicolon.csv');
    const rows = Array.from(
      { length: 2000 },
      (_, row) => `u${row % 50};i${row % 300};${1_600_000_000 + row}`,
    );
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
    await expect(validate([dir, '--type', 'actions'])).rejects.toMatchObject({
      code: 'input.invalid',
    });
  });
});

/** Runs `validate --json` and parses what it prints. */
async function validateJson(args: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, output } = await validate([...args, '--json']);
  return { code, report: JSON.parse(output) as JsonReport };
}

/**
 * Every data file under ../shared/data with its expected exit code, dataset type, data rows and
 * finding codes (in order, summary included): what a consultant sees for each real export. Row
 * counts are the files' line counts (files without a header row keep their first line as data).
 */
const EVERY_FILE: Readonly<
  Record<string, readonly [number, string | null, number, readonly string[]]>
> = {
  'messy/ml-1m_movies_excerpt.dat': [
    1,
    null,
    40,
    ['encoding.latin1', 'file.separator', 'file.noHeader', 'column.missing'],
  ],
  'messy/olist_product_category_name_translation.csv': [
    1,
    null,
    72,
    ['encoding.bom', 'column.missing'],
  ],
  'messy/olist_products_dataset_head300.csv': [1, null, 300, ['header.quoted', 'column.missing']],
  'messy/online-retail-uci_2010-12-01.csv': [
    1,
    null,
    3108,
    [
      'row.duplicate',
      'row.cancelled',
      'row.nonPositiveQuantity',
      'row.nonProduct',
      'column.missing',
    ],
  ],
  'messy/skytrax_lounge_excerpt.csv': [1, null, 21, ['header.quoted', 'column.missing']],
  'movielens-100k/u.data': [1, null, 100000, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/u.genre': [1, null, 19, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/u.info': [1, null, 2, ['column.invalidName', 'column.missing']],
  'movielens-100k/u.item': [
    1,
    null,
    1682,
    ['encoding.latin1', 'file.separator', 'file.noHeader', 'column.missing'],
  ],
  'movielens-100k/u.occupation': [1, null, 20, ['column.missing']],
  'movielens-100k/u.user': [1, null, 943, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/u1.base': [1, null, 80000, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/u1.test': [1, null, 20000, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/ua.base': [1, null, 90570, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-100k/ua.test': [1, null, 9430, ['file.separator', 'file.noHeader', 'column.missing']],
  'movielens-latest-small/links.csv': [1, null, 9742, ['column.missing']],
  'movielens-latest-small/movies.csv': [1, null, 9742, ['column.missing']],
  'movielens-latest-small/ratings.csv': [1, null, 100836, ['column.missing']],
  'movielens-latest-small/tags.csv': [1, null, 3683, ['column.missing']],
  'online-retail-uci/interactions.csv.gz': [
    0,
    'interactions',
    396337,
    ['row.duplicate', 'summary'],
  ],
  // 23444 "Next Day Carriage" is a service line, not a product.
  'online-retail-uci/items.csv': [0, 'items', 4053, ['row.nonProduct', 'summary']],
  'online-retail-uci/online_retail_raw.csv.gz': [
    1,
    null,
    541909,
    [
      'row.duplicate',
      'row.cancelled',
      'row.nonPositiveQuantity',
      'row.nonProduct',
      'column.missing',
    ],
  ],
  'online-retail-uci/users.csv': [0, 'users', 4372, ['summary']],
  'personalize-poc-movielens-small/interactions.csv': [0, 'interactions', 158371, ['summary']],
  'personalize-poc-movielens-small/item-meta.csv': [0, 'items', 9742, ['summary']],
};

describe('validate --json on every file of the shared data', () => {
  const root =
    sharedDataPath('README.md') === undefined ? undefined : path.join(SHARED_ROOT, 'data');
  it.skipIf(root === undefined)(
    `covers every data file there is ${root === undefined ? missingDataReason('README.md') : ''}`,
    () => {
      const found = readdirSync(root ?? '', { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !/\.(md|txt)$/u.test(entry.name))
        .map((entry) => path.relative(root ?? '', path.join(entry.parentPath, entry.name)))
        .sort();
      expect(found).toEqual(Object.keys(EVERY_FILE).sort());
    },
  );

  for (const [relative, [exit, type, rows, codes]] of Object.entries(EVERY_FILE)) {
    const file = sharedDataPath(relative);
    it.skipIf(file === undefined)(
      `${relative}: exit ${exit}, ${codes.join(', ')} ${file === undefined ? missingDataReason(relative) : ''}`,
      async () => {
        const { code, report } = await validateJson([file ?? '']);
        expect(code).toBe(exit);
        expect(report).toMatchObject({ file, type, rows });
        expect([...new Set(report.findings.map((finding) => finding.code))]).toEqual(codes);
        for (const finding of report.findings) {
          expect(Object.keys(finding)).toEqual([
            'severity',
            'code',
            'message',
            'row',
            'column',
            'count',
            'sample',
            'fix',
            'fixStep',
            'fixMapping',
          ]);
        }
        expect(report.schema === null).toBe(type === null);
      },
    );
  }

  const raw = sharedDataPath('online-retail-uci/online_retail_raw.csv.gz');
  it.skipIf(raw === undefined)(
    `names what the raw Online Retail export lacks as interactions ${raw === undefined ? missingDataReason('online-retail-uci/online_retail_raw.csv.gz') : ''}`,
    async () => {
      const { code, report } = await validateJson([raw ?? '', '--type', 'interactions']);
      expect(code).toBe(1);
      const missing = report.findings.filter((finding) => finding.code === 'column.missing');
      expect(missing.map((finding) => finding.column)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
      // Each missing field names the column that holds it; those columns are not metadata.
      expect(missing.map((finding) => finding.sample)).toEqual([
        ['CustomerID'],
        ['StockCode'],
        ['InvoiceDate'],
      ]);
      expect(missing[0]?.message).toBe(
        'Required column USER_ID is missing from online_retail_raw.csv.gz for interactions; CustomerID looks like it: named CustomerID.',
      );
      expect(missing[0]?.fix).toBe(
        'Rename CustomerID to USER_ID (the Data step\'s column mapping; "Suggest mapping" proposes it).',
      );
      // Each with its fix as the recipe's column mapping, converted to what the field needs.
      expect(missing.map((finding) => finding.fixMapping)).toEqual([
        { kind: 'column', target: 'USER_ID', source: 'CustomerID', transform: { kind: 'id' } },
        { kind: 'column', target: 'ITEM_ID', source: 'StockCode', transform: { kind: 'trim' } },
        {
          kind: 'column',
          target: 'TIMESTAMP',
          source: 'InvoiceDate',
          transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
        },
      ]);
      expect(report.findings.some((finding) => finding.code === 'metadata.tooMany')).toBe(false);
      expect(report.findings.find((finding) => finding.code === 'null.required')?.message).toBe(
        'CustomerID, the proposed USER_ID, is empty in 135,080 rows of 541,909 (data rows 623, 1444, 1445, 1446, 1447, ..., counting the line after the header as row 1); USER_ID is required and Personalize rejects those rows.',
      );
      expect(report.findings.find((finding) => finding.code === 'row.duplicate')).toMatchObject({
        severity: 'warning',
        count: 5268,
        row: 518,
      });
      // Duplicates, cancellations and non-positive quantities, each with its fix as a recipe step.
      expect(
        report.findings
          .filter((finding) => finding.fixStep !== null)
          .map(({ severity, code, column, count, row, fixStep }) => ({
            severity,
            code,
            column,
            count,
            row,
            fixStep,
          })),
      ).toEqual([
        {
          // Announced before the mapping: the blank CustomerIDs, the future USER_ID.
          severity: 'error',
          code: 'null.required',
          column: 'CustomerID',
          count: await rawCount('CustomerID IS NULL'),
          row: await rawFirstRow('CustomerID IS NULL'),
          fixStep: { kind: 'dropBlank', columns: ['USER_ID'] },
        },
        {
          severity: 'warning',
          code: 'row.duplicate',
          column: null,
          count: 5268,
          row: 518,
          fixStep: { kind: 'dedupe' },
        },
        {
          severity: 'warning',
          code: 'row.cancelled',
          column: 'InvoiceNo',
          count: await rawCount("InvoiceNo LIKE 'C%'"),
          row: await rawFirstRow("InvoiceNo LIKE 'C%'"),
          fixStep: { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
        },
        {
          severity: 'warning',
          code: 'row.nonPositiveQuantity',
          column: 'Quantity',
          count: await rawCount('Quantity <= 0'),
          row: await rawFirstRow('Quantity <= 0'),
          fixStep: { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
        },
        {
          severity: 'warning',
          code: 'row.nonProduct',
          column: 'StockCode',
          count: await rawCount(
            "StockCode IN ('POST', 'DOT', 'M', 'C2', '23444', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'B', 'm')",
          ),
          row: null,
          fixStep: {
            kind: 'filter',
            column: 'StockCode',
            operator: 'notIn',
            values: [
              'POST',
              'DOT',
              'M',
              'C2',
              '23444',
              'D',
              'S',
              'BANK CHARGES',
              'AMAZONFEE',
              'CRUK',
              'B',
              'm',
            ],
          },
        },
      ]);
      expect(report.findings.find((finding) => finding.code === 'row.cancelled')?.sample).toEqual(
        (await rawRows("InvoiceNo LIKE 'C%'", 'InvoiceNo')).slice(0, 5).map(toText),
      );
    },
  );

  const interactions = sharedDataPath('online-retail-uci/interactions.csv.gz');
  const users = sharedDataPath('online-retail-uci/users.csv');
  it.skipIf(interactions === undefined || users === undefined)(
    `checks --schema and --users ${users === undefined ? missingDataReason('online-retail-uci/users.csv') : ''}`,
    async () => {
      const schemaFile = path.join(dir, 'interactions-schema.json');
      const fields = [
        { name: 'USER_ID', type: 'string' },
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TIMESTAMP', type: 'long' },
        { name: 'EVENT_TYPE', type: 'string' },
        { name: 'EVENT_VALUE', type: 'float' },
        { name: 'CHANNEL', type: 'string', categorical: true },
      ];
      await writeFile(schemaFile, JSON.stringify({ type: 'record', name: 'Interactions', fields }));
      const { code, report } = await validateJson([
        interactions ?? '',
        '--schema',
        schemaFile,
        '--users',
        users ?? '',
      ]);
      expect(code).toBe(1);
      expect(report.schema).toEqual({ fields });
      expect(
        report.findings.find((finding) => finding.code === 'schema.fieldMissing'),
      ).toMatchObject({ severity: 'error', column: 'CHANNEL' });
      expect(report.findings.some((finding) => finding.code === 'reference.missing')).toBe(false);
    },
  );
});

describe('validate messages on real files', () => {
  const ml1m = sharedDataPath('messy/ml-1m_movies_excerpt.dat');
  it.skipIf(ml1m === undefined)(
    `says a "::" file has no header and proposes names instead of inventing a header ${ml1m === undefined ? missingDataReason('messy/ml-1m_movies_excerpt.dat') : ''}`,
    async () => {
      const { report } = await validateJson([ml1m ?? '', '--type', 'items']);
      const byCode = (code: string) => report.findings.find((finding) => finding.code === code);
      expect(byCode('file.separator')?.message).toContain(
        '(detected "::"; 3 columns, no header row)',
      );
      expect(report.findings.some((finding) => finding.message.includes('header column0'))).toBe(
        false,
      );
      expect(byCode('file.noHeader')).toMatchObject({
        severity: 'warning',
        sample: ['ITEM_ID', 'TITLE', 'GENRES'],
        fix: "Add the first line ITEM_ID,TITLE,GENRES (the Data step's column mapping names the columns on export).",
      });
      expect(byCode('file.noHeader')?.message).toContain('the file has no header row');
      const { output } = await validate([ml1m ?? '', '--type', 'items']);
      expect(output).toContain(
        'Proposed schema (the file has no header row: fields are numbered column0, column1...; proposed names ITEM_ID, TITLE, GENRES):',
      );
      expect(byCode('column.missing')?.message).toBe(
        'ml-1m_movies_excerpt.dat has no header row, so no column is named ITEM_ID (required for items); column 1 (column0) looks like it: whole numbers, ids.',
      );
      // Counted from 1 and named as the grid heads it.
      expect(byCode('column.missing')?.fix).toBe(
        "Name column 1 (column0) ITEM_ID in a header row (the Data step's column mapping).",
      );
    },
  );

  const uData = sharedDataPath('movielens-100k/u.data');
  it.skipIf(uData === undefined)(
    `proposes USER_ID, ITEM_ID, EVENT_VALUE, TIMESTAMP for MovieLens u.data ${uData === undefined ? missingDataReason('movielens-100k/u.data') : ''}`,
    async () => {
      const { report } = await validateJson([uData ?? '', '--type', 'interactions']);
      expect(report.findings.find((finding) => finding.code === 'file.noHeader')?.sample).toEqual([
        'USER_ID',
        'ITEM_ID',
        'EVENT_VALUE',
        'TIMESTAMP',
      ]);
    },
  );

  const day = sharedDataPath('messy/online-retail-uci_2010-12-01.csv');
  it.skipIf(day === undefined)(
    `names the column-mapping fix of each missing column in the text report ${day === undefined ? missingDataReason('messy/online-retail-uci_2010-12-01.csv') : ''}`,
    async () => {
      const { output } = await validate([day ?? '', '--type', 'interactions']);
      const line = output
        .split('\n')
        .find((text) => text.includes('Required column USER_ID is missing'));
      expect(line).toMatch(
        / Recipe mapping: Map CustomerID to USER_ID as an id \(trim, drop a trailing \.0\) \(\{"kind":"column","target":"USER_ID","source":"CustomerID","transform":\{"kind":"id"\}\}\)\.$/u,
      );
      expect(output).toContain(
        ' Recipe mapping: Map InvoiceDate to TIMESTAMP from ISO 8601 dates (read in UTC without an offset) to epoch seconds (',
      );
    },
  );

  const sample = sharedDataPath('online-retail-uci/interactions.csv.gz');
  it.skipIf(sample === undefined)(
    `keeps the sample POC's duplicate-row warning: they are invoice lines the source export repeats ${sample === undefined ? missingDataReason('online-retail-uci/interactions.csv.gz') : ''}`,
    async () => {
      // The raw UCI export repeats 5,268 invoice lines in every column (same invoice, item,
      // quantity, price and minute); 5,192 of them survive the derivation's filters. With the
      // invoice number and price dropped, 5,231 rows of interactions.csv.gz repeat an earlier
      // row: real duplicates that weigh twice in training, so the warning stands.
      const { report } = await validateJson([sample ?? '']);
      expect(report.findings.find((finding) => finding.code === 'row.duplicate')).toMatchObject({
        severity: 'warning',
        count: 5231,
        fixStep: { kind: 'dedupe' },
      });
      // The text report names the same fix as the recipe step to replay.
      const { output } = await validate([sample ?? '']);
      expect(output.split('\n').find((line) => line.includes('repeat an earlier row'))).toMatch(
        / Recipe step: Drop duplicate rows \(\{"kind":"dedupe"\}\)\.$/u,
      );
    },
  );

  it('aligns the column table with wide, accented and long names', async () => {
    const file = path.join(dir, 'unicode.csv');
    const rows = Array.from(
      { length: 30 },
      (_, index) =>
        `u${index % 5},i${index},${1700000000 + index},名前${index},café${index},${'x'.repeat(index)}`,
    );
    await writeFile(
      file,
      `USER_ID,ITEM_ID,TIMESTAMP,商品の名前,cafe\u0301_name,${'very_long_column_name_'.repeat(4)}\n${rows.join('\n')}\n`,
    );
    const { output } = await validate([file, '--type', 'interactions']);
    const lines = output.split('\n');
    const start = lines.findIndex((line) => line.startsWith('  column'));
    const table = lines.slice(start, start + 7);
    expect(table).toHaveLength(7);
    // Every line ends at the same terminal column (the right-aligned max length).
    expect(new Set(table.map(displayWidth)).size).toBe(1);
    expect(table.some((line) => line.includes('商品の名前'))).toBe(true);
    expect(table.some((line) => line.includes('very_long_column_name_very_long_column_…'))).toBe(
      true,
    );
  });
});
