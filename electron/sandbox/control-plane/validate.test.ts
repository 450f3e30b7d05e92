import { describe, expect, it } from 'vitest';
import { validateInput } from './validate.js';

describe('validateInput (shapes of operations.json)', () => {
  it('accepts valid input and ignores unknown members', () => {
    expect(() => validateInput('CreateDatasetGroup', { name: 'ok-name_1', futureMember: 3 })).not.toThrow();
  });

  it('reports missing members, patterns, lengths and enums as InvalidInputException', () => {
    expect(() => validateInput('CreateDatasetGroup', {})).toThrow(expect.objectContaining({ code: 'InvalidInputException' }) as Error);
    expect(() => validateInput('CreateDatasetGroup', { name: '-bad' })).toThrow(/regular expression pattern/u);
    expect(() => validateInput('CreateDatasetGroup', { name: 'a'.repeat(64) })).toThrow(/length less than or equal to 63/u);
    expect(() => validateInput('CreateDatasetGroup', { name: 'ok', domain: 'RETAIL' })).toThrow(/enum value set/u);
    expect(() => validateInput('DescribeDatasetGroup', { datasetGroupArn: 'nope' })).toThrow(/pattern/u);
  });

  it('reports wrong JSON types as SerializationException', () => {
    expect(() => validateInput('CreateDatasetGroup', { name: 5 })).toThrow(expect.objectContaining({ code: 'SerializationException' }) as Error);
    expect(() => validateInput('ListSchemas', { maxResults: 'ten' })).toThrow(expect.objectContaining({ code: 'SerializationException' }) as Error);
  });
});
