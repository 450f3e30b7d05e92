import { describe, expect, it } from 'vitest';
import {
  compareSchemaFields,
  hasSchemaErrors,
  lintSchema,
  SCHEMA_RULES,
  withArticle,
} from './schema-rules.js';

const NS = 'com.amazonaws.personalize.schema';

function schema(name: string, fields: unknown[]): string {
  return JSON.stringify({ type: 'record', name, namespace: NS, fields, version: '1.0' });
}

function codes(text: string, type: 'interactions' | 'items' | 'users' | undefined): string[] {
  return lintSchema(text, type).findings.map((item) => item.code);
}

describe('lintSchema', () => {
  it('accepts the SPEC §4.4 example Interactions schema with no error', () => {
    const text =
      '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},{"name":"EVENT_VALUE","type":["float","null"]},{"name":"DEVICE","type":["string","null"],"categorical":true},{"name":"TIMESTAMP","type":"long"},{"name":"IMPRESSION","type":["string","null"]}],"version":"1.0"}';
    const lint = lintSchema(text, 'interactions');
    expect(lint.findings).toEqual([]);
    expect(lint.fields.map((field) => `${field.name}:${field.type}:${field.isNullable}`)).toEqual([
      'USER_ID:string:false',
      'ITEM_ID:string:false',
      'EVENT_TYPE:string:false',
      'EVENT_VALUE:float:true',
      'DEVICE:string:true',
      'TIMESTAMP:long:false',
      'IMPRESSION:string:true',
    ]);
  });

  it('reports each invalid example of SPEC §4.4 with its rule and path', () => {
    const base = [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
    ];
    expect(codes(schema('Interactions', base), 'interactions')).toEqual(['reserved.missing']);
    const intTimestamp = lintSchema(
      schema('Interactions', [...base, { name: 'TIMESTAMP', type: 'int' }]),
      'interactions',
    );
    expect(intTimestamp.findings).toMatchObject([
      { code: 'reserved.type', path: ['fields', 2, 'type'], field: 'TIMESTAMP' },
    ]);
    expect(intTimestamp.findings[0]?.explanation).toBe(SCHEMA_RULES['reserved.type'].explanation);
    const withTs = [...base, { name: 'TIMESTAMP', type: 'long' }];
    expect(
      codes(
        schema('Interactions', [
          ...withTs,
          { name: 'EVENT_TYPE', type: 'string', categorical: true },
        ]),
        'interactions',
      ),
    ).toEqual(['reserved.categorical']);
    expect(
      codes(
        schema('Items', [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRES', type: { type: 'array', items: 'string' } },
        ]),
        'items',
      ),
    ).toEqual(['field.type', 'metadata.none']);
    expect(
      codes(
        schema('Items', [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'PRICE', type: ['int', 'float'] },
          { name: 'PRICE2', type: 'float', categorical: true },
        ]),
        'items',
      ),
    ).toEqual(['field.type', 'field.categoricalType']);
    expect(codes(schema('Items', [{ name: 'ITEM_ID', type: 'string' }]), 'items')).toEqual([
      'metadata.none',
    ]);
    expect(
      codes(
        schema('Users', [
          { name: 'USER_ID', type: 'string' },
          { name: 'BIO', type: 'string', textual: true },
        ]),
        'users',
      ),
    ).toEqual(['field.textualOutsideItems']);
    expect(
      codes(
        schema('Items', [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'A', type: 'string', textual: true },
          { name: 'B', type: 'string', textual: true },
        ]),
        'items',
      ),
    ).toEqual(['schema.textualCount']);
    expect(
      codes(
        schema('Users', [
          { name: 'USER_ID', type: ['null', 'string'] },
          { name: 'AGE', type: 'int' },
        ]),
        'users',
      ),
    ).toEqual(['reserved.nullable']);
  });

  it('catches names: Avro syntax, clashes after removing non-alphanumerics, record name', () => {
    const findings = lintSchema(
      schema('Things', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'GENRES_1', type: 'string', categorical: true },
        { name: 'GENRES1', type: 'string', categorical: true },
        { name: 'unit price', type: 'float' },
      ]),
      'items',
    ).findings;
    expect(findings.map((item) => item.code)).toEqual([
      'schema.name',
      'field.duplicate',
      'field.name',
    ]);
    expect(findings[1]?.message).toBe(
      'GENRES1 clashes with GENRES_1 once non-alphanumerics and case are ignored.',
    );
    expect(findings[2]?.message).toContain('"unit_price"');
  });

  it('warns about plain strings, notes booleans, and says when the JSON does not parse', () => {
    const lint = lintSchema(
      schema('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TITLE', type: 'string' },
        { name: 'IS_NEW', type: 'boolean' },
      ]),
      'items',
    );
    expect(lint.findings.map((item) => [item.code, item.severity])).toEqual([
      ['field.unused', 'warning'],
      ['field.boolean', 'info'],
    ]);
    expect(hasSchemaErrors(lint)).toBe(false);
    const broken = lintSchema('{"type": "record", "fields": [', 'items');
    expect(broken.findings.map((item) => item.code)).toEqual(['schema.json']);
    expect(hasSchemaErrors(broken)).toBe(true);
    expect(codes('{"type":"enum","symbols":["A"]}', 'items')).toEqual(['schema.notRecord']);
    expect(codes('{"type":"record","fields":[]}', 'items')).toEqual(['schema.noFields']);
    expect(codes(`${' '.repeat(20_001)}{}`, 'items')).toEqual([
      'schema.tooLong',
      'schema.notRecord',
    ]);
  });

  it('counts metadata fields against the dataset type limit (Interactions: 5)', () => {
    const fields = [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      ...[1, 2, 3, 4, 5].map((index) => ({ name: `C${index}`, type: 'string', categorical: true })),
    ];
    expect(codes(schema('Interactions', fields), 'interactions')).toEqual([]);
    expect(
      codes(
        schema('Interactions', [...fields, { name: 'C6', type: 'string', categorical: true }]),
        'interactions',
      ),
    ).toEqual(['metadata.tooMany']);
  });

  it('accepts the schemas AWS registered for the POC-in-a-box files (data README)', () => {
    expect(
      lintSchema(
        schema('Interactions', [
          { name: 'USER_ID', type: 'string' },
          { name: 'ITEM_ID', type: 'string' },
          { name: 'EVENT_TYPE', type: 'string' },
          { name: 'TIMESTAMP', type: 'long' },
        ]),
        'interactions',
      ).findings,
    ).toEqual([]);
    expect(
      lintSchema(
        schema('Items', [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRE', type: 'string', categorical: true },
          { name: 'YEAR', type: 'int' },
        ]),
        'items',
      ).findings,
    ).toEqual([]);
  });

  it('writes "an interactions", "an items", "a users" in its messages', () => {
    expect(['interactions', 'items', 'users'].map((type) => withArticle(type as never))).toEqual([
      'an interactions',
      'an items',
      'a users',
    ]);
    const messages = (text: string, type: 'interactions' | 'items' | 'users') =>
      lintSchema(text, type).findings.map((finding) => finding.message);
    expect(
      messages(schema('Interactions', [{ name: 'USER_ID', type: 'string' }]), 'interactions'),
    ).toContain('An interactions schema needs ITEM_ID (string).');
    expect(
      messages(schema('Users', [{ name: 'GENRE', type: 'string', categorical: true }]), 'users'),
    ).toContain('A users schema needs USER_ID (string).');
    expect(messages(schema('Things', [{ name: 'ITEM_ID', type: 'string' }]), 'items')).toContain(
      'The record is named "Things"; an items schema is named "Items".',
    );
  });

  it('without a dataset type checks only what CreateSchema checks', () => {
    expect(codes(schema('Anything', [{ name: 'X', type: 'string' }]), undefined)).toEqual([]);
    expect(
      codes(schema('Anything', [{ name: 'X', type: 'long', categorical: true }]), undefined),
    ).toEqual(['field.categoricalType']);
  });
});

describe('SCHEMA_RULES explanations', () => {
  it('say what the service does in plain words, the reference section kept apart', () => {
    for (const [code, rule] of Object.entries(SCHEMA_RULES)) {
      expect(rule.explanation, code).not.toMatch(/SPEC|§/u);
      expect(rule.explanation, code).toMatch(/\.$/u);
    }
    expect(SCHEMA_RULES['reserved.missing'].explanation).toBe(
      'Interactions need USER_ID, ITEM_ID and TIMESTAMP; Items need ITEM_ID; Users need USER_ID. CreateDataset refuses the schema.',
    );
    expect(SCHEMA_RULES['reserved.missing'].source).toBe('SPEC §4.3');
  });
});

describe('compareSchemaFields', () => {
  it('matches fields by name and names each change', () => {
    const left = lintSchema(
      schema('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'PRICE', type: 'float' },
        { name: 'GENRE', type: 'string', categorical: true },
      ]),
      'items',
    ).fields;
    const right = lintSchema(
      schema('Items', [
        { name: 'ITEM_ID', type: 'string' },
        { name: 'PRICE', type: ['null', 'double'] },
        { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
      ]),
      'items',
    ).fields;
    expect(
      compareSchemaFields(left, right).map((item) => [item.name, item.change, ...item.details]),
    ).toEqual([
      ['ITEM_ID', 'same'],
      ['PRICE', 'changed', 'type float → double', 'becomes nullable'],
      ['GENRE', 'removed', 'string categorical'],
      ['DESCRIPTION', 'added', 'string|null textual'],
    ]);
  });
});
