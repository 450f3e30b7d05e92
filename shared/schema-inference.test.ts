import { describe, expect, it } from 'vitest';
import type { ColumnProfile, CsvProfile } from './dataprep.js';
import { inferSchema } from './schema-inference.js';

function column(
  name: string,
  duckdbType: string,
  extra: Partial<ColumnProfile> = {},
): ColumnProfile {
  return {
    name,
    duckdbType,
    distinctCount: 10,
    nullCount: 0,
    maxLength: 8,
    hasPipe: false,
    ...extra,
  };
}

function profile(rowCount: number, columns: ColumnProfile[]): CsvProfile {
  return { path: '/tmp/x.csv', rowCount, columns };
}

describe('inferSchema', () => {
  it('gives reserved interaction fields their fixed types, whatever DuckDB sniffed', () => {
    const { schema, warnings } = inferSchema(
      'interactions',
      profile(1000, [
        column('USER_ID', 'BIGINT'),
        column('ITEM_ID', 'BIGINT'),
        column('TIMESTAMP', 'BIGINT'),
        column('EVENT_TYPE', 'VARCHAR', { distinctCount: 2 }),
        column('EVENT_VALUE', 'BIGINT'),
      ]),
    );
    expect(schema.name).toBe('Interactions');
    expect(schema.fields).toEqual([
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
      { name: 'EVENT_VALUE', type: 'float' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns about a missing required column and nulls in a required one', () => {
    const { warnings } = inferSchema(
      'interactions',
      profile(100, [column('USER_ID', 'VARCHAR', { nullCount: 3 }), column('ITEM_ID', 'VARCHAR')]),
    );
    expect(warnings.join('\n')).toMatch(/TIMESTAMP is missing/);
    expect(warnings.join('\n')).toMatch(/USER_ID has 3 empty cells/);
  });

  it('marks pipe-joined and low-cardinality strings categorical, integers int/long, decimals float, nulls nullable', () => {
    const { schema } = inferSchema(
      'items',
      profile(9742, [
        column('ITEM_ID', 'BIGINT', { distinctCount: 9742 }),
        column('GENRE', 'VARCHAR', { distinctCount: 951, hasPipe: true, maxLength: 60 }),
        column('YEAR', 'BIGINT', { nullCount: 12 }),
        column('PRICE', 'DOUBLE', { nullCount: 5 }),
        column('STOCK', 'BIGINT'),
        column('CREATION_TIMESTAMP', 'BIGINT'),
      ]),
    );
    expect(schema.fields).toEqual([
      { name: 'ITEM_ID', type: 'string' },
      { name: 'GENRE', type: 'string', categorical: true },
      { name: 'YEAR', type: ['null', 'int'] },
      { name: 'PRICE', type: ['null', 'float'] },
      { name: 'STOCK', type: 'long' },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
    ]);
  });

  it('makes the longest free-text Items column the single textual field', () => {
    const { schema, warnings } = inferSchema(
      'items',
      profile(4053, [
        column('ITEM_ID', 'VARCHAR', { distinctCount: 4053 }),
        column('DESCRIPTION', 'VARCHAR', { distinctCount: 3900, nullCount: 112, maxLength: 35 }),
        column('TITLE', 'VARCHAR', { distinctCount: 4000, maxLength: 20 }),
      ]),
    );
    expect(schema.fields[1]).toEqual({
      name: 'DESCRIPTION',
      type: ['null', 'string'],
      textual: true,
    });
    expect(schema.fields[2]).toEqual({ name: 'TITLE', type: 'string' });
    expect(warnings.join('\n')).toMatch(/TITLE is free text/);
  });

  it('never marks textual outside Items', () => {
    const { schema } = inferSchema(
      'users',
      profile(5000, [
        column('USER_ID', 'VARCHAR', { distinctCount: 5000 }),
        column('BIO', 'VARCHAR', { distinctCount: 5000, maxLength: 400 }),
      ]),
    );
    expect(schema.fields[1]).toEqual({ name: 'BIO', type: 'string' });
  });

  it('keeps over-long values out of categorical and warns when only the id is left', () => {
    const { schema, warnings } = inferSchema('users', profile(10, [column('USER_ID', 'VARCHAR')]));
    expect(schema.fields).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/at least one metadata column/);
    const long = inferSchema(
      'users',
      profile(10, [
        column('USER_ID', 'VARCHAR'),
        column('NOTE', 'VARCHAR', { distinctCount: 2, maxLength: 1500 }),
      ]),
    );
    expect(long.schema.fields[1]).toEqual({ name: 'NOTE', type: 'string' });
  });
});
