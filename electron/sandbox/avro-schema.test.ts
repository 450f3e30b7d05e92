import { describe, expect, it } from 'vitest';
import { checkSchemaForDatasetType, parseAvroSchema } from './avro-schema.js';

const record = (fields: unknown[]): string =>
  JSON.stringify({ type: 'record', name: 'Interactions', fields });

describe('parseAvroSchema (avsc, then the shared schema rules)', () => {
  it('returns the fields with base type, nullability and flags', () => {
    expect(
      parseAvroSchema(
        record([
          { name: 'USER_ID', type: 'string' },
          { name: 'PRICE', type: ['float', 'null'] },
          { name: 'GENRE', type: ['null', 'string'], categorical: true },
        ]),
      ),
    ).toEqual([
      {
        name: 'USER_ID',
        type: 'string',
        isNullable: false,
        isCategorical: false,
        isTextual: false,
      },
      { name: 'PRICE', type: 'float', isNullable: true, isCategorical: false, isTextual: false },
      { name: 'GENRE', type: 'string', isNullable: true, isCategorical: true, isTextual: false },
    ]);
  });

  it('refuses what avsc refuses, with its reason', () => {
    expect(() => parseAvroSchema(record([{ name: 'A', type: 'strin' }]))).toThrow(
      /not a valid Avro schema \(undefined type name: strin\)/,
    );
    expect(() => parseAvroSchema(record([{ name: '1A', type: 'string' }]))).toThrow(
      /invalid field name: 1A/,
    );
    expect(() => parseAvroSchema('{"type": "record"')).toThrow(/not valid JSON/);
  });

  it('refuses valid Avro that Personalize does not support (shared rules)', () => {
    expect(() => parseAvroSchema(record([{ name: 'A', type: ['int', 'float'] }]))).toThrow(
      /Invalid schema: A has type \["int","float"\]/,
    );
    expect(() => parseAvroSchema(record([{ name: 'A', type: 'long', categorical: true }]))).toThrow(
      /only strings can be categorical/,
    );
    expect(() =>
      parseAvroSchema(
        record([
          { name: 'GENRES_1', type: 'string' },
          { name: 'GENRES1', type: 'string' },
        ]),
      ),
    ).toThrow(/clashes with GENRES_1/);
  });
});

describe('checkSchemaForDatasetType', () => {
  const fields = parseAvroSchema(
    record([
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_VALUE', type: ['null', 'double'] },
    ]),
  );

  it('accepts a valid Interactions schema and refuses it as Items or Users', () => {
    expect(() => checkSchemaForDatasetType(fields, 'INTERACTIONS')).not.toThrow();
    expect(() => checkSchemaForDatasetType(fields, 'USERS')).not.toThrow();
    expect(() => checkSchemaForDatasetType(fields.slice(0, 1), 'USERS')).toThrow(
      /Invalid schema for USERS dataset: Add at least one metadata field besides USER_ID/,
    );
    expect(() => checkSchemaForDatasetType(fields.slice(0, 2), 'INTERACTIONS')).toThrow(
      /: An interactions schema needs TIMESTAMP \(long\)\./,
    );
    expect(() => checkSchemaForDatasetType(fields, 'ACTIONS')).toThrow(/ACTION_ID is missing/);
  });

  it('refuses a nullable required field and a categorical EVENT_TYPE', () => {
    const nullable = parseAvroSchema(
      record([
        { name: 'USER_ID', type: ['null', 'string'] },
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TIMESTAMP', type: 'long' },
      ]),
    );
    expect(() => checkSchemaForDatasetType(nullable, 'INTERACTIONS')).toThrow(
      /USER_ID is required/,
    );
    const categorical = parseAvroSchema(
      record([
        { name: 'USER_ID', type: 'string' },
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TIMESTAMP', type: 'long' },
        { name: 'EVENT_TYPE', type: 'string', categorical: true },
      ]),
    );
    expect(() => checkSchemaForDatasetType(categorical, 'INTERACTIONS')).toThrow(
      /EVENT_TYPE cannot be categorical/,
    );
  });
});
