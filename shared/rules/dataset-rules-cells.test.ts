import { describe, expect, it } from 'vitest';
import { cellDatasetType, checkCellValue, valueRuleSeverity } from './dataset-rules-cells.js';

const year = { name: 'YEAR', type: 'int', isNullable: false, isCategorical: false } as const;
const timestamp = { ...year, name: 'TIMESTAMP', type: 'long' } as const;

describe('per-value rules shared by the studio and the sandbox import (SPEC §5.1)', () => {
  it('grades blanks: required fields fail the import, metadata blanks are dropped', () => {
    expect(valueRuleSeverity('interactions', 'USER_ID', 'null')).toBe('error');
    expect(valueRuleSeverity('interactions', 'TIMESTAMP', 'null')).toBe('error');
    expect(valueRuleSeverity('items', 'ITEM_ID', 'null')).toBe('error');
    expect(valueRuleSeverity('items', 'YEAR', 'null')).toBe('warning');
    expect(valueRuleSeverity('users', 'USER_ID', 'null')).toBe('error');
  });

  it('grades unparsable values: reserved fields fail, metadata values are dropped', () => {
    expect(checkCellValue(timestamp, '2010-12-01 08:26', 'interactions')).toEqual({
      severity: 'error',
      code: 'type.mismatch',
      problem: '"2010-12-01 08:26" is not a valid long',
    });
    expect(checkCellValue(year, '2006–2007', 'items')?.severity).toBe('warning');
    expect(checkCellValue({ ...year, type: 'float' }, '1e3', 'items')).toBeUndefined();
    expect(checkCellValue({ ...year, isNullable: true }, '', 'items')).toBeUndefined();
  });

  it("maps the service's dataset types", () => {
    expect(cellDatasetType('INTERACTIONS')).toBe('interactions');
    expect(cellDatasetType('USERS')).toBe('users');
    expect(cellDatasetType('ACTION_INTERACTIONS')).toBe('action_interactions');
  });
});
