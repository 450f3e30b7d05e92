import { describe, expect, it } from 'vitest';
import { suggestIdColumn } from './suggest-id-column.js';

describe('suggestIdColumn', () => {
  it('picks movieId in the POC MovieLens titles file', () => {
    // The header of MovieLens latest-small movies.csv.
    const header = 'movieId,title,genres'.split(',');
    expect(suggestIdColumn(header)).toBe('movieId');
  });

  it('prefers ITEM_ID, then id, then a name ending in id; none when no name fits', () => {
    expect(suggestIdColumn(['sku_id', 'ITEM_ID', 'title'])).toBe('ITEM_ID');
    expect(suggestIdColumn(['title', 'Item Id'])).toBe('Item Id');
    expect(suggestIdColumn(['userid_x', 'ID', 'product_id'])).toBe('ID');
    expect(suggestIdColumn(['title', 'genres'])).toBeUndefined();
  });
});
