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

describe('checkCell (SPEC §5.1)', () => {
  it('accepts valid values and nulls only in nullable fields', () => {
    expect(checkCell(field('TIMESTAMP', 'long'), '1700000000', 'INTERACTIONS')).toBeUndefined();
    expect(
      checkCell(field('EVENT_VALUE', 'float', { isNullable: true }), '', 'INTERACTIONS'),
    ).toBeUndefined();
    expect(checkCell(field('EVENT_VALUE', 'float'), '2.5e3', 'INTERACTIONS')).toBeUndefined();
    expect(checkCell(field('USER_ID', 'string'), '', 'INTERACTIONS')).toBe(
      'empty value in the non-nullable string field',
    );
  });

  it('rejects bad numbers, booleans, long ids and long categorical values', () => {
    expect(checkCell(field('TIMESTAMP', 'long'), '17.5', 'INTERACTIONS')).toBe(
      '"17.5" is not a valid long',
    );
    expect(checkCell(field('FLAG', 'boolean'), 'True', 'ITEMS')).toBe(
      '"True" is not a valid boolean (use lower-case true or false)',
    );
    expect(checkCell(field('ITEM_ID', 'string'), 'x'.repeat(257), 'ITEMS')).toBe(
      'the id is 257 characters long; at most 256 are allowed',
    );
    expect(
      checkCell(field('GENRES', 'string', { isCategorical: true }), 'g'.repeat(1001), 'ITEMS'),
    ).toMatch(/at most 1000/u);
    expect(
      checkCell(field('GENRES', 'string', { isCategorical: true }), 'g'.repeat(1001), 'USERS'),
    ).toBeUndefined();
  });

  it('labels dataset types as in failure reasons', () => {
    expect(datasetTypeLabel('INTERACTIONS')).toBe('Interactions');
    expect(datasetTypeLabel('ACTION_INTERACTIONS')).toBe('Action_Interactions');
  });
});
