import { describe, expect, it } from 'vitest';
import { suggestIdColumn } from './suggest-id-column.js';
import { pickIdColumn } from '../../../../shared/titles-id-column.js';

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

describe('pickIdColumn', () => {
  // The header of the raw UCI Online Retail export, whose StockCode is the recipe's ITEM_ID.
  const retail =
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  const columns = retail.split(',');
  const matches = columns.map((column) => ({
    column,
    matched: column === 'StockCode' ? 3_612 : column === 'Quantity' ? 12 : 0,
  }));

  it("picks the column holding the campaign's item ids over a name ending in id", () => {
    expect(pickIdColumn(columns, matches)).toBe('StockCode');
    // Before the ids are counted, the name alone does not pick CustomerID.
    expect(pickIdColumn(columns)).toBeUndefined();
  });

  it('picks ITEM_ID at once, by name', () => {
    expect(pickIdColumn(['title', 'ITEM_ID', 'CustomerID'])).toBe('ITEM_ID');
    expect(pickIdColumn(['title', 'item_id'], [{ column: 'title', matched: 5 }])).toBe('item_id');
  });

  it('prefers a named column on a tie, and the name when no column holds an item id', () => {
    const tie = [
      { column: 'imdbId', matched: 40 },
      { column: 'code', matched: 40 },
    ];
    expect(pickIdColumn(['code', 'imdbId'], tie)).toBe('imdbId');
    expect(pickIdColumn(['movieId', 'title'], [])).toBe('movieId');
    expect(pickIdColumn(['movieId', 'tmdbId'], [])).toBeUndefined();
  });
});
