import { describe, expect, it } from 'vitest';
import type { SchemaField } from './avro-schema.js';
import { checkCell, datasetTypeLabel } from './csv-records.js';

const field = (
  name: string,
  type: SchemaField['type'],
  extra: Partial<SchemaField> = {},
): SchemaField => ({
  name,
  type,
  isNullable: false,
  isCategorical: false,
  isTextual: false,
  ...extra,
});

describe('checkCell (SPEC §5.1, shared per-value rules)', () => {
  it('accepts valid values and nulls only in nullable fields', () => {
    expect(checkCell(field('TIMESTAMP', 'long'), '1700000000', 'INTERACTIONS')).toBeUndefined();
    expect(
      checkCell(field('EVENT_VALUE', 'float', { isNullable: true }), '', 'INTERACTIONS'),
    ).toBeUndefined();
    expect(checkCell(field('EVENT_VALUE', 'float'), '2.5e3', 'INTERACTIONS')).toBeUndefined();
    expect(checkCell(field('USER_ID', 'string'), '', 'INTERACTIONS')).toEqual({
      severity: 'error',
      code: 'null.required',
      problem: 'empty value in the non-nullable string field',
    });
  });

  it('rejects bad numbers in reserved fields, booleans, long ids and long categorical values', () => {
    expect(checkCell(field('TIMESTAMP', 'long'), '17.5', 'INTERACTIONS')).toEqual({
      severity: 'error',
      code: 'type.mismatch',
      problem: '"17.5" is not a valid long',
    });
    expect(checkCell(field('CREATION_TIMESTAMP', 'long'), 'May 2020', 'ITEMS')?.severity).toBe(
      'error',
    );
    expect(checkCell(field('FLAG', 'boolean'), 'True', 'ITEMS')?.problem).toBe(
      '"True" is not a valid boolean (use lower-case true or false)',
    );
    expect(checkCell(field('ITEM_ID', 'string'), 'x'.repeat(257), 'ITEMS')).toEqual({
      severity: 'error',
      code: 'id.tooLong',
      problem: 'the id is 257 characters long; at most 256 are allowed',
    });
    const long = checkCell(
      field('GENRES', 'string', { isCategorical: true }),
      'g'.repeat(1001),
      'ITEMS',
    );
    expect(long?.severity).toBe('error');
    expect(long?.problem).toMatch(/1001 characters long; at most 1000/u);
    expect(
      checkCell(field('GENRES', 'string', { isCategorical: true }), 'g'.repeat(1000), 'ITEMS'),
    ).toBeUndefined();
    expect(
      checkCell(field('GENRES', 'string', { isCategorical: true }), 'g'.repeat(1001), 'USERS')
        ?.severity,
    ).toBe('warning');
  });

  it("drops AWS's own POC YEAR values (int metadata: blank and 2006–2007) instead of failing", () => {
    const year = field('YEAR', 'int');
    expect(checkCell(year, '1995', 'ITEMS')).toBeUndefined();
    expect(checkCell(year, '', 'ITEMS')).toEqual({
      severity: 'warning',
      code: 'null.required',
      problem: 'empty value in the non-nullable int field',
    });
    expect(checkCell(year, '2006–2007', 'ITEMS')).toEqual({
      severity: 'warning',
      code: 'type.mismatch',
      problem: '"2006–2007" is not a valid int',
    });
  });

  it('labels dataset types as in failure reasons', () => {
    expect(datasetTypeLabel('INTERACTIONS')).toBe('Interactions');
    expect(datasetTypeLabel('ACTION_INTERACTIONS')).toBe('Action_Interactions');
  });
});
