import { describe, expect, it } from 'vitest';
import { DataCheckSchema } from '../ipc/data.js';
import { applyMappingFix, describeMappingFix } from '../prepare/mapping-fix.js';
import { buildOutputQuery } from '../prepare/recipe-sql.js';
import { parseRecipe, type RecipeInput } from '../prepare/recipe.js';
import { validateDataset } from './dataset-rules.js';
import { findingToCheck, type Finding } from './findings.js';
import { columnStats, interactionsStats } from './test-support/dataset-stats.js';

const column = columnStats;
const stats = interactionsStats;

const byCode = (findings: readonly Finding[], code: string): Finding[] =>
  findings.filter((finding) => finding.code === code);

/** The raw UCI Online Retail export's header, with the types DuckDB sniffs for it. */
const RETAIL_COLUMNS = [
  column('InvoiceNo', 'VARCHAR'),
  column('StockCode', 'VARCHAR'),
  column('Description', 'VARCHAR'),
  column('Quantity', 'BIGINT'),
  column('InvoiceDate', 'TIMESTAMP', { maxLength: 19 }),
  column('UnitPrice', 'DOUBLE'),
  column('CustomerID', 'DOUBLE', { maxLength: 7 }),
  column('Country', 'VARCHAR'),
];

/** An interactions file whose EVENT_TYPE column holds `values` (row counts). */
function events(values: { value: string; count: number }[], distinct = values.length) {
  return stats({
    columns: [...stats({}).columns, column('EVENT_TYPE', 'VARCHAR')],
    eventTypes: { column: 'EVENT_TYPE', distinct, values },
  });
}

describe('mapping-level fixes of the data rules (fixMapping)', () => {
  it('maps each missing required column of the raw Online Retail export from the column that holds it, with its conversion', () => {
    const findings = validateDataset(
      stats({ fileName: 'online_retail_raw.csv.gz', columns: RETAIL_COLUMNS }),
    );
    expect(byCode(findings, 'column.missing').map((finding) => finding.fixMapping)).toEqual([
      { kind: 'column', target: 'USER_ID', source: 'CustomerID', transform: { kind: 'id' } },
      { kind: 'column', target: 'ITEM_ID', source: 'StockCode', transform: { kind: 'trim' } },
      {
        kind: 'column',
        target: 'TIMESTAMP',
        source: 'InvoiceDate',
        transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
      },
    ]);
    const [user, , time] = byCode(findings, 'column.missing');
    expect(user?.fix).toBe(
      'Rename CustomerID to USER_ID (the Data step\'s column mapping; "Suggest mapping" proposes it).',
    );
    expect(describeMappingFix(user?.fixMapping ?? { kind: 'encoding', encoding: 'utf-8' })).toBe(
      'Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
    );
    expect(describeMappingFix(time?.fixMapping ?? { kind: 'encoding', encoding: 'utf-8' })).toBe(
      'Map InvoiceDate to TIMESTAMP from ISO 8601 dates (read in UTC without an offset) to epoch seconds',
    );
  });

  it("names a headerless file's source column from 1, as the finding does (MovieLens u.data)", () => {
    const findings = validateDataset(
      stats({
        fileName: 'u.data',
        hasHeader: false,
        delimiter: '\t',
        columns: [
          column('column0', 'BIGINT', { maxLength: 3 }),
          column('column1', 'BIGINT', { maxLength: 4 }),
          column('column2', 'BIGINT', { maxLength: 1 }),
          column('column3', 'BIGINT', { maxLength: 9 }),
        ],
      }),
    );
    const [user] = byCode(findings, 'column.missing');
    expect(user?.message).toContain('column 1 (column0) looks like it');
    expect(user?.fixMapping).toEqual({
      kind: 'column',
      target: 'USER_ID',
      source: 'column0',
      transform: { kind: 'id' },
    });
    expect(describeMappingFix(user?.fixMapping ?? { kind: 'encoding', encoding: 'utf-8' })).toBe(
      'Map column 1 (column0) to USER_ID as an id (trim, drop a trailing .0)',
    );
  });

  it('offers no mapping when no column holds the field', () => {
    const findings = validateDataset(
      stats({ columns: [column('USER_ID', 'VARCHAR'), column('ITEM_ID', 'VARCHAR')] }),
    );
    const missing = byCode(findings, 'column.missing');
    expect(missing.map((finding) => [finding.column, finding.fixMapping])).toEqual([
      ['TIMESTAMP', undefined],
    ]);
  });

  it('renames a column that differs by case, keeping its conversion', () => {
    const findings = validateDataset(
      stats({
        columns: [
          column('user_id', 'VARCHAR'),
          column('ITEM_ID', 'VARCHAR'),
          column('TIMESTAMP', 'BIGINT'),
        ],
      }),
    );
    expect(byCode(findings, 'column.case')[0]?.fixMapping).toEqual({
      kind: 'column',
      target: 'USER_ID',
      source: 'user_id',
    });
  });

  it('drops the ".0" of decimal ids', () => {
    const findings = validateDataset(
      stats({
        ids: {
          USER_ID: { column: 'USER_ID', type: 'DOUBLE', longCount: 0, maxLength: 7 },
        },
      }),
    );
    expect(byCode(findings, 'id.decimal')[0]?.fixMapping).toEqual({
      kind: 'column',
      target: 'USER_ID',
      source: 'USER_ID',
      transform: { kind: 'id' },
    });
  });

  it('converts ISO dates (REES46 "2019-10-01 00:00:00 UTC") to epoch seconds, and offers nothing for other text', () => {
    const timestamp = (type: string, samples: string[]) =>
      validateDataset(
        stats({
          columns: [
            column('USER_ID', 'VARCHAR'),
            column('ITEM_ID', 'VARCHAR'),
            column('event_time', 'VARCHAR'),
          ],
          timestamps: {
            TIMESTAMP: {
              column: 'event_time',
              type,
              numeric: false,
              millisecondsCount: 0,
              fractionalCount: 0,
              futureCount: 0,
              samples,
            },
          },
        }),
      );
    const iso = byCode(
      timestamp('VARCHAR', ['2019-10-01 00:00:00 UTC', '2019-10-01 00:00:04 UTC']),
      'timestamp.notEpoch',
    );
    expect(iso[0]?.fixMapping).toEqual({
      kind: 'column',
      target: 'TIMESTAMP',
      source: 'event_time',
      transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
    });
    const sniffed = byCode(timestamp('TIMESTAMP', ['2010-12-01 08:26:00']), 'timestamp.notEpoch');
    expect(sniffed[0]?.fixMapping).toMatchObject({ transform: { format: 'iso' } });
    // Excel's "8:30:00 AM" needs a pattern the user knows: no one-click guess.
    const excel = byCode(timestamp('VARCHAR', ['8:30:00 AM']), 'timestamp.notEpoch');
    expect(excel[0]?.fixMapping).toBeUndefined();
  });

  it('divides milliseconds (Retail Rocket 1433221332117) by 1,000 only when every value is milliseconds', () => {
    const millis = (min: number) =>
      validateDataset(
        stats({
          timestamps: {
            TIMESTAMP: {
              column: 'TIMESTAMP',
              type: 'BIGINT',
              numeric: true,
              min,
              max: 1_442_545_187_788,
              millisecondsCount: 4000,
              fractionalCount: 0,
              futureCount: 0,
            },
          },
        }),
      );
    expect(byCode(millis(1_430_622_004_384), 'timestamp.milliseconds')[0]?.fixMapping).toEqual({
      kind: 'column',
      target: 'TIMESTAMP',
      source: 'TIMESTAMP',
      transform: { kind: 'timestamp', format: 'epochMilliseconds', timeZone: 'UTC' },
    });
    const mixed = byCode(millis(1_430_622_004), 'timestamp.milliseconds');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]?.fixMapping).toBeUndefined();
  });

  it('truncates fractional epoch seconds', () => {
    const findings = validateDataset(
      stats({
        timestamps: {
          TIMESTAMP: {
            column: 'TIMESTAMP',
            type: 'DOUBLE',
            numeric: true,
            min: 1_600_000_000.5,
            max: 1_650_000_000.25,
            millisecondsCount: 0,
            fractionalCount: 12,
            futureCount: 0,
          },
        },
      }),
    );
    expect(byCode(findings, 'timestamp.fractional')[0]?.fixMapping).toMatchObject({
      target: 'TIMESTAMP',
      transform: { kind: 'timestamp', format: 'epochSeconds' },
    });
  });

  it('maps near-duplicate event types onto their most frequent spelling, the same table on every group', () => {
    const findings = validateDataset(
      events([
        { value: 'view', count: 900 },
        { value: ' View', count: 50 },
        { value: 'Add to Cart', count: 30 },
        { value: 'add_to_cart', count: 20 },
        { value: 'purchase', count: 10 },
      ]),
    );
    const near = byCode(findings, 'eventType.nearDuplicate');
    expect(near).toHaveLength(2);
    const table = {
      kind: 'column',
      target: 'EVENT_TYPE',
      source: 'EVENT_TYPE',
      transform: {
        kind: 'eventType',
        fold: true,
        mapping: [
          { from: ' View', to: 'view' },
          { from: 'add_to_cart', to: 'Add to Cart' },
        ],
      },
    };
    expect(near.map((finding) => finding.fixMapping)).toEqual([table, table]);
    // The table's SQL writes exactly three event types.
    const recipe = parseRecipe({
      version: 1,
      name: 'events',
      outputs: [
        {
          datasetType: 'interactions',
          fileName: 'interactions.csv',
          columns: [{ name: 'EVENT_TYPE', from: 'EVENT_TYPE', transform: table.transform }],
        },
      ],
    });
    expect(recipe.ok).toBe(true);
    if (recipe.ok)
      expect(buildOutputQuery(recipe.recipe, 0, { source: 'src', joins: [] }).sql).toContain(
        "WHEN 'view' THEN 'view' WHEN 'addtocart' THEN 'Add to Cart'",
      );
  });

  it('brings more than 10 event types under the limit: by folding, or (all values listed) the rest as "other"', () => {
    const spellings = ['click', 'Click', 'CLICK', 'view', 'View', 'buy', 'Buy', 'cart', 'Cart'];
    const folded = validateDataset(
      events(spellings.map((value, index) => ({ value, count: 100 - index }))),
    );
    // 9 raw values + EVENT_TYPE = 10: not over; add three more spellings.
    const over = validateDataset(
      events(
        [...spellings, 'Add To Cart', 'add to cart', 'ADD TO CART'].map((value, index) => ({
          value,
          count: 100 - index,
        })),
      ),
    );
    expect(byCode(folded, 'eventType.tooMany')).toEqual([]);
    const tooMany = byCode(over, 'eventType.tooMany')[0];
    expect(tooMany?.fixMapping).toEqual(byCode(over, 'eventType.nearDuplicate')[0]?.fixMapping);
    const distinct = Array.from({ length: 14 }, (_, index) => ({
      value: `event${index}`,
      count: 1000 - index,
    }));
    const many = byCode(validateDataset(events(distinct)), 'eventType.tooMany')[0];
    const mapping =
      many?.fixMapping?.kind === 'column' && many.fixMapping.transform?.kind === 'eventType'
        ? many.fixMapping.transform.mapping
        : [];
    // EVENT_TYPE counts as one of the 10: 8 kept, the other 6 written "other".
    expect(mapping).toEqual(distinct.slice(8).map(({ value }) => ({ from: value, to: 'other' })));
    // More distinct values than listed: no table can cover them.
    const partial = byCode(validateDataset(events(distinct, 60)), 'eventType.tooMany')[0];
    expect(partial?.fixMapping).toBeUndefined();
  });

  it('reads a Latin-1 / Windows-1252 file in its encoding and writes UTF-8', () => {
    const findings = validateDataset(
      stats({ encoding: 'windows-1252', encodingExample: { line: 31, text: 'Misérables' } }),
    );
    const latin = byCode(findings, 'encoding.latin1')[0];
    expect(latin?.fixMapping).toEqual({ kind: 'encoding', encoding: 'windows-1252' });
    expect(describeMappingFix(latin?.fixMapping ?? { kind: 'encoding', encoding: 'utf-8' })).toBe(
      'Read the source as Windows-1252 and write UTF-8',
    );
  });

  it('crosses the IPC boundary as a DataCheck, parsed by zod, which rejects a malformed fix', () => {
    const findings = validateDataset(stats({ columns: RETAIL_COLUMNS }));
    const checks = findings.map(findingToCheck);
    for (const check of checks) expect(DataCheckSchema.parse(check)).toEqual(check);
    expect(checks.filter((check) => check.fixMapping !== undefined)).toHaveLength(3);
    const bad = DataCheckSchema.safeParse({
      level: 'error',
      message: 'x',
      fixMapping: { kind: 'column', target: 'USER ID', source: 'CustomerID' },
    });
    expect(bad.success).toBe(false);
  });

  it('writes a fix into a recipe: the target column reads the source, an event-type table merges', () => {
    const recipe: RecipeInput = {
      version: 1,
      name: 'r',
      outputs: [
        {
          datasetType: 'interactions',
          fileName: 'interactions.csv',
          columns: [
            { name: 'USER_ID', value: '' },
            {
              name: 'EVENT_TYPE',
              from: 'event',
              transform: { kind: 'eventType', mapping: [{ from: 'buy', to: 'purchase' }] },
            },
          ],
        },
      ],
    };
    const fixed = applyMappingFix(
      applyMappingFix(recipe, 0, {
        kind: 'column',
        target: 'USER_ID',
        source: 'CustomerID',
        transform: { kind: 'id' },
      }),
      0,
      {
        kind: 'column',
        target: 'EVENT_TYPE',
        source: 'event',
        transform: { kind: 'eventType', fold: true, mapping: [{ from: 'View', to: 'view' }] },
      },
    );
    expect(fixed.outputs[0]?.columns).toEqual([
      { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
      {
        name: 'EVENT_TYPE',
        from: 'event',
        transform: {
          kind: 'eventType',
          fold: true,
          mapping: [
            { from: 'buy', to: 'purchase' },
            { from: 'View', to: 'view' },
          ],
        },
      },
    ]);
    expect(recipe.outputs[0]?.columns[0]).toEqual({ name: 'USER_ID', value: '' });
    expect(applyMappingFix(recipe, 0, { kind: 'encoding', encoding: 'latin-1' }).encoding).toBe(
      'latin-1',
    );
    expect(parseRecipe(fixed).ok).toBe(true);
  });
});
