import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { importSummary } from '../../../shared/jobs.js';
import { assertSameSchema, formatCount } from './import-service.js';

const oldFields = [
  { name: 'USER_ID', type: 'string' as const },
  { name: 'ITEM_ID', type: 'string' as const },
  { name: 'TIMESTAMP', type: 'long' as const },
];

describe('assertSameSchema', () => {
  it('accepts the same field names and types in any order', () => {
    expect(() =>
      assertSameSchema(
        'interactions',
        { fields: oldFields },
        '/data/old.csv',
        { fields: [...oldFields].reverse() },
        '/data/new.csv',
      ),
    ).not.toThrow();
  });

  it('fails fast with guide.notReady when the new file has other columns', () => {
    const newFields = [...oldFields, { name: 'EVENT_VALUE', type: 'float' as const }];
    let caught: unknown;
    try {
      assertSameSchema(
        'interactions',
        { fields: oldFields },
        '/data/old.csv',
        { fields: newFields },
        '/data/new.csv',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('guide.notReady');
    expect((caught as AppError).message).toBe(
      'The interactions dataset already exists with the schema of old.csv (columns USER_ID, ITEM_ID, TIMESTAMP); ' +
        'new.csv has columns USER_ID, ITEM_ID, TIMESTAMP, EVENT_VALUE. ' +
        "A dataset's schema cannot change: clean up this POC (step 6) and import again.",
    );
  });

  it('fails when a field changes type', () => {
    const changed = oldFields.map((field) =>
      field.name === 'TIMESTAMP' ? { name: 'TIMESTAMP', type: ['null', 'long'] as const } : field,
    );
    expect(() =>
      assertSameSchema(
        'items',
        { fields: oldFields },
        undefined,
        { fields: changed },
        '/x/items.csv',
      ),
    ).toThrow(/schema of an earlier file/);
  });
});

describe('formatCount', () => {
  it('adds thousands separators', () => {
    expect(formatCount(396_337)).toBe('396,337');
    expect(formatCount(42)).toBe('42');
  });
});

describe('importSummary (the import job’s last step)', () => {
  it('names what was imported and what was left as it was', () => {
    expect(importSummary({ importedRows: { interactions: 158_371 }, unchanged: [] })).toBe(
      'Imported 158,371 interactions rows',
    );
    expect(importSummary({ importedRows: { interactions: 158_371 }, unchanged: ['items'] })).toBe(
      'Imported 158,371 interactions rows; items unchanged since its last import, not imported again',
    );
    expect(importSummary({ importedRows: {}, unchanged: ['interactions'] })).toBe(
      'Nothing to import: interactions is imported already from this file, unchanged since',
    );
  });
});
