import { describe, expect, it } from 'vitest';
import { REQUIRED_COLUMNS, resolveColumn } from './data-checks.js';

describe('resolveColumn', () => {
  it('resolves columns exactly first, then case-insensitively', () => {
    expect(resolveColumn([{ name: 'user_id' }, { name: 'USER_ID' }], 'USER_ID')).toBe('USER_ID');
    expect(resolveColumn([{ name: 'User_Id' }], 'USER_ID')).toBe('User_Id');
    expect(resolveColumn([{ name: 'customer' }], 'USER_ID')).toBeUndefined();
  });

  it('lists the required columns of each dataset type', () => {
    expect(REQUIRED_COLUMNS).toEqual({
      interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
      items: ['ITEM_ID'],
      users: ['USER_ID'],
    });
  });
});
