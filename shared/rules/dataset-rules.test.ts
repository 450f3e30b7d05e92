import { describe, expect, it } from 'vitest';
import {
  foldEventType,
  invoiceColumn,
  nearDuplicateEventTypes,
  quantityColumn,
  validateDataset,
  type DatasetStats,
} from './dataset-rules.js';
import { findingToCheck, hasErrors } from './findings.js';
import { columnStats, interactionsStats } from './test-support/dataset-stats.js';

const column = columnStats;

/** A clean interactions file of 5,000 rows from 100 users, with epoch-second timestamps; `extra` overrides. */
function interactions(extra: Partial<DatasetStats> = {}): DatasetStats {
  return interactionsStats({
    timestamps: {
      TIMESTAMP: {
        column: 'TIMESTAMP',
        type: 'BIGINT',
        numeric: true,
        min: 1_600_000_000,
        max: 1_650_000_000,
        millisecondsCount: 0,
        fractionalCount: 0,
        futureCount: 0,
      },
    },
    ...extra,
  });
}

const codes = (stats: DatasetStats): string[] =>
  validateDataset(stats).map((finding) => finding.code);

describe('validateDataset', () => {
  it('finds nothing but the summary in a clean file', () => {
    const findings = validateDataset(interactions());
    expect(findings).toEqual([
      {
        severity: 'info',
        code: 'summary',
        message: '5,000 interactions from 100 users, 100 users with 2 or more.',
        count: 5000,
      },
    ]);
    expect(hasErrors(findings)).toBe(false);
  });

  it('flags identical timestamps on every row and future times', () => {
    const ts = {
      column: 'TIMESTAMP',
      type: 'BIGINT',
      numeric: true,
      min: 1_800_000_000,
      max: 1_800_000_000,
      millisecondsCount: 0,
      fractionalCount: 0,
      futureCount: 5000,
      futureExample: { rows: [1, 2], samples: ['1800000000', '1800000000'] },
    };
    const findings = validateDataset(interactions({ timestamps: { TIMESTAMP: ts } }));
    const zero = findings.find((finding) => finding.code === 'timestamp.zeroVariance');
    expect(zero).toMatchObject({
      severity: 'warning',
      column: 'TIMESTAMP',
      count: 5000,
      sample: ['1800000000'],
    });
    expect(zero?.message).toBe(
      'TIMESTAMP is 1800000000 on all 5,000 rows: every event has the same time, so training cannot learn any order or recency.',
    );
    expect(findings.find((finding) => finding.code === 'timestamp.future')).toMatchObject({
      row: 1,
      rows: [1, 2],
      count: 5000,
    });
  });

  it('folds event types by case and spaces, lists near-duplicates and counts them against the 10', () => {
    expect(foldEventType(' Add to Cart ')).toBe('addtocart');
    expect(foldEventType('add_to_cart')).toBe('addtocart');
    const values = [
      'click',
      'Click',
      ' click',
      'view',
      'purchase',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ].map((value, index) => ({ value, count: 100 - index }));
    expect(nearDuplicateEventTypes(values)).toEqual([
      { folded: 'click', values: ['click', 'Click', ' click'], count: 297 },
    ]);
    const columns = [...interactions().columns, column('EVENT_TYPE', 'VARCHAR')];
    const findings = validateDataset(
      interactions({ columns, eventTypes: { column: 'EVENT_TYPE', distinct: 12, values } }),
    );
    const near = findings.find((finding) => finding.code === 'eventType.nearDuplicate');
    expect(near?.sample).toEqual(['click', 'Click', ' click']);
    const many = findings.find((finding) => finding.code === 'eventType.tooMany');
    expect(many?.severity).toBe('error');
    expect(many?.message).toBe(
      'EVENT_TYPE has 12 distinct values; with 1 optional column that is 13, over the 10 Personalize allows (10 after folding case and spaces).',
    );
  });

  it('needs 1,000 interactions and 25 users with 2 or more', () => {
    expect(codes(interactions({ rowCount: 999, activeUsers: 24 }))).toEqual([
      'data.tooFewInteractions',
      'data.tooFewActiveUsers',
      'summary',
    ]);
    expect(codes(interactions({ distinctUsers: 10_000, activeUsers: 30 }))).toEqual([
      'data.lowActiveShare',
      'summary',
    ]);
  });

  it('reports ids missing from the items file with the match rate and near misses', () => {
    const findings = validateDataset(
      interactions({
        references: [
          {
            kind: 'users',
            column: 'USER_ID',
            fileName: 'users.csv',
            hasIdColumn: true,
            distinctIds: 200,
            matchedIds: 10,
            missingRows: 4000,
            missingSamples: ['17850.0'],
            nearMissIds: 190,
            nearMisses: [{ value: '17850.0', match: '17850' }],
          },
        ],
      }),
    );
    const missing = findings.find((finding) => finding.code === 'reference.missing');
    expect(missing?.severity).toBe('error');
    expect(missing?.message).toBe(
      '190 USER_ID values of 200 (4,000 interaction rows) are not in users.csv: 5.0% of ids match; 190 ids match once case, spaces, ".0" or leading zeros are ignored ("17850.0" ~ "17850").',
    );
    expect(missing?.fix).toContain('drop the ".0"');
  });

  it('checks the header against a declared schema: missing, extra, order, nulls, types, unused strings', () => {
    const stats = interactions({
      columns: [
        column('ITEM_ID', 'VARCHAR'),
        column('USER_ID', 'VARCHAR'),
        column('TIMESTAMP', 'BIGINT'),
        column('DEVICE', 'VARCHAR', { nullCount: 3 }),
        column('PRICE', 'VARCHAR'),
      ],
      typeMismatches: { PRICE: { count: 2, example: { rows: [4, 9], samples: ['n/a', '1,5'] } } },
      schema: {
        source: 'declared',
        fields: [
          { name: 'USER_ID', type: 'string' },
          { name: 'ITEM_ID', type: 'string' },
          { name: 'TIMESTAMP', type: 'long' },
          { name: 'DEVICE', type: 'string' },
          { name: 'PRICE', type: ['null', 'float'] },
          { name: 'CHANNEL', type: 'string', categorical: true },
        ],
      },
    });
    const findings = validateDataset(stats);
    expect(
      findings.map((finding) => `${finding.severity}:${finding.code}:${finding.column ?? ''}`),
    ).toEqual([
      'warning:null.required:DEVICE',
      'error:schema.fieldMissing:CHANNEL',
      'info:schema.order:',
      'warning:field.unused:DEVICE',
      'warning:type.mismatch:PRICE',
      'info:summary:',
    ]);
    expect(findings.find((finding) => finding.code === 'type.mismatch')).toMatchObject({
      count: 2,
      rows: [4, 9],
      sample: ['n/a', '1,5'],
    });
  });

  it('checks names: invalid, clashing, reserved in another dataset type, and metadata counts', () => {
    const stats: DatasetStats = {
      ...interactions(),
      datasetType: 'items',
      columns: [
        column('ITEM_ID', 'VARCHAR'),
        column('product name', 'VARCHAR'),
        column('PRODUCT_NAME', 'VARCHAR'),
        column('EVENT_TYPE', 'VARCHAR'),
      ],
      timestamps: {},
    };
    const found = validateDataset(stats);
    expect(found.find((finding) => finding.code === 'column.invalidName')?.fix).toBe(
      'Rename it, e.g. to PRODUCT_NAME.',
    );
    expect(found.find((finding) => finding.code === 'column.nameClash')?.message).toContain(
      '"product name" and "PRODUCT_NAME" clash',
    );
    expect(found.find((finding) => finding.code === 'column.reservedElsewhere')?.message).toBe(
      'EVENT_TYPE is a reserved field of interactions, not of items: here it is plain metadata.',
    );
    const wide = interactions({
      columns: [
        ...interactions().columns,
        ...['A', 'B', 'C', 'D', 'E', 'F'].map((name) => column(name, 'BIGINT')),
      ],
    });
    expect(codes(wide)).toContain('metadata.tooMany');
  });

  it('warns of cancelled invoices and non-positive quantities with a row filter as fix, and only when there are some', () => {
    const stats = interactions({
      reversals: {
        cancelled: {
          column: 'InvoiceNo',
          count: 3,
          invoices: 2,
          example: { rows: [4, 9, 10], samples: ['C1', 'C2', 'C2'] },
        },
        nonPositive: {
          column: 'Qty',
          count: 4,
          negative: 3,
          zero: 1,
          notCancelled: 1,
          example: { rows: [4, 9, 10, 12], samples: ['-1', '-2', '-2', '0'] },
        },
      },
    });
    const findings = validateDataset(stats);
    expect(findings.find((item) => item.code === 'row.cancelled')).toEqual({
      severity: 'warning',
      code: 'row.cancelled',
      message:
        '3 rows of 2 cancelled invoices: InvoiceNo starts with "C" (data rows 4, 9, 10, counting the line after the header as row 1; values "C1", "C2", "C2"). A cancellation reverses an earlier purchase; imported as interactions, each would count as one more purchase of the item.',
      column: 'InvoiceNo',
      row: 4,
      rows: [4, 9, 10],
      count: 3,
      sample: ['C1', 'C2', 'C2'],
      fix: 'Drop cancelled invoices: a row filter keeping rows whose InvoiceNo does not start with "C".',
      fixStep: { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
    });
    const quantity = findings.find((item) => item.code === 'row.nonPositiveQuantity');
    expect(quantity).toMatchObject({
      severity: 'warning',
      column: 'Qty',
      count: 4,
      fixStep: { kind: 'filter', column: 'Qty', operator: 'greaterThan', value: 0 },
    });
    expect(quantity?.message).toContain(
      '4 rows with a Qty of 0 or less: 3 negative, 1 zero, 1 of them not on a cancelled invoice',
    );
    expect(hasErrors(findings)).toBe(false);
    expect(
      codes(
        interactions({
          reversals: {
            cancelled: { column: 'InvoiceNo', count: 0, invoices: 0 },
            nonPositive: { column: 'Qty', count: 0, negative: 0, zero: 0 },
          },
        }),
      ),
    ).toEqual(['summary']);
    expect(invoiceColumn([{ name: 'Invoice No' }, { name: 'Quantity' }])).toBe('Invoice No');
    expect(invoiceColumn([{ name: 'order_id' }])).toBe('order_id');
    expect(invoiceColumn([{ name: 'InvoiceDate' }])).toBeUndefined();
    expect(quantityColumn([{ name: 'QTY' }])).toBe('QTY');
    expect(quantityColumn([{ name: 'QuantityOnHand' }])).toBeUndefined();
  });

  it('says an empty file is empty and a header-only file has no data rows, with the fix', () => {
    expect(validateDataset(interactions({ empty: true, rowCount: 0 }))).toEqual([
      {
        severity: 'error',
        code: 'file.empty',
        message: 'The file is empty: i.csv has no header and no rows.',
        fix: 'Export the data again, with a header row (e.g. USER_ID,ITEM_ID,TIMESTAMP) and one record per line.',
      },
    ]);
    const headerOnly = validateDataset(interactions({ rowCount: 0, malformedCount: 0 }));
    expect(headerOnly.filter((finding) => finding.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'file.headerOnly',
        message: expect.stringMatching(
          /^The file has a header but no data rows: i\.csv holds only the header \(USER_ID,ITEM_ID,TIMESTAMP/u,
        ) as unknown,
        fix: 'Export it again with the records below the header.',
      }),
    ]);
  });

  it('maps findings onto the preview checks with rows, samples and the fix', () => {
    const [first] = validateDataset(interactions({ quotedHeader: true }));
    expect(first?.code).toBe('header.quoted');
    expect(findingToCheck(first ?? { severity: 'info', code: 'summary', message: '' })).toEqual({
      level: 'warning',
      code: 'header.quoted',
      message:
        'The header row of i.csv is quoted ("USER_ID", "ITEM_ID", "TIMESTAMP"...); Personalize expects the field names unquoted. Write the header without quotes (exporting the file from the Data step does).',
    });
  });

  it('reports malformed rows with their line numbers and content', () => {
    const findings = validateDataset(
      interactions({
        malformedCount: 2,
        malformed: [
          {
            line: 3,
            content: 'u2,i2,200,extra',
            problem: 'TOO MANY COLUMNS: Expected Number of Columns: 3 Found: 4',
          },
          {
            line: 7,
            content: 'u9',
            problem: 'MISSING COLUMNS: Expected Number of Columns: 3 Found: 1',
          },
        ],
      }),
    );
    expect(findings[0]).toMatchObject({
      severity: 'error',
      code: 'row.malformed',
      row: 3,
      count: 2,
      sample: ['u2,i2,200,extra', 'u9'],
    });
    expect(findings[0]?.message).toBe(
      '2 rows of i.csv cannot be read as 3 columns: line 3 "u2,i2,200,extra" (TOO MANY COLUMNS: Expected Number of Columns: 3 Found: 4); also lines 7. The import job would fail on them.',
    );
  });
});
