import { describe, expect, it } from 'vitest';
import { buildDataChecks, resolveColumn } from './data-checks.js';

describe('buildDataChecks', () => {
  it('rejects timestamps that are not epoch numbers', () => {
    const checks = buildDataChecks({
      datasetType: 'interactions',
      rowCount: 5000,
      columns: [
        { name: 'USER_ID', type: 'VARCHAR' },
        { name: 'ITEM_ID', type: 'VARCHAR' },
        { name: 'TIMESTAMP', type: 'TIMESTAMP' },
      ],
      ids: {},
      timestamps: { TIMESTAMP: { column: 'TIMESTAMP', type: 'TIMESTAMP', nullCount: 0, millisecondsCount: 0, nonIntegerCount: 0 } },
      distinctUsers: 100,
      activeUsers: 100,
    });
    expect(checks.filter((check) => check.level === 'error')).toEqual([
      expect.objectContaining({ column: 'TIMESTAMP', message: expect.stringContaining('epoch seconds') as unknown }),
    ]);
  });

  it('needs a metadata column in items and warns on decimal ids', () => {
    const checks = buildDataChecks({
      datasetType: 'items',
      rowCount: 10,
      columns: [{ name: 'ITEM_ID', type: 'DOUBLE' }],
      ids: { ITEM_ID: { column: 'ITEM_ID', type: 'DOUBLE', nullCount: 0, maxLength: 7 } },
      timestamps: {},
    });
    expect(checks.map((check) => check.level)).toEqual(['warning', 'error', 'info']);
  });

  it('resolves columns exactly first, then case-insensitively', () => {
    expect(resolveColumn([{ name: 'user_id' }, { name: 'USER_ID' }], 'USER_ID')).toBe('USER_ID');
    expect(resolveColumn([{ name: 'User_Id' }], 'USER_ID')).toBe('User_Id');
    expect(resolveColumn([{ name: 'customer' }], 'USER_ID')).toBeUndefined();
  });
});
