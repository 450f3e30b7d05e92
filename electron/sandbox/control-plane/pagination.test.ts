import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors.js';
import { paginate } from './pagination.js';

const items = Array.from({ length: 5 }, (_, index) => index);

describe('paginate (SPEC §2.3)', () => {
  it('pages with opaque tokens bound to the operation and filter', () => {
    const first = paginate('ListSchemas', '', items, { maxResults: 2 });
    expect(first.page).toEqual([0, 1]);
    const second = paginate('ListSchemas', '', items, {
      maxResults: 2,
      nextToken: first.nextToken,
    });
    expect(second.page).toEqual([2, 3]);
    const third = paginate('ListSchemas', '', items, {
      maxResults: 2,
      nextToken: second.nextToken,
    });
    expect(third).toEqual({ page: [4] });
  });

  it('rejects foreign or garbled tokens and out-of-range maxResults', () => {
    const { nextToken } = paginate('ListSchemas', '', items, { maxResults: 2 });
    expect(() => paginate('ListDatasets', '', items, { nextToken })).toThrow(
      expect.objectContaining({ code: 'InvalidNextTokenException' }) as ServiceError,
    );
    expect(() => paginate('ListSchemas', 'other', items, { nextToken })).toThrow(ServiceError);
    expect(() => paginate('ListSchemas', '', items, { nextToken: '%%%' })).toThrow(ServiceError);
    // A character appended to the token still decodes to the same JSON: refused all the same.
    expect(() => paginate('ListSchemas', '', items, { nextToken: `${nextToken ?? ''}x` })).toThrow(
      expect.objectContaining({ code: 'InvalidNextTokenException' }) as ServiceError,
    );
    expect(paginate('ListSchemas', '', items, { nextToken, maxResults: 2 }).page).toEqual([2, 3]);
    expect(() => paginate('ListSchemas', '', items, { maxResults: 101 })).toThrow(
      expect.objectContaining({ code: 'InvalidInputException' }) as ServiceError,
    );
  });
});
