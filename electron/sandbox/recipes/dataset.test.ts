import { describe, expect, it } from 'vitest';
import { encodeColumns, encodeInteractions, toColumns } from './dataset.js';

describe('interaction columns (typed arrays, no per-row objects)', () => {
  const records = [
    { userId: 'b', itemId: 'x', timestamp: 30 },
    { userId: 'a', itemId: 'y', timestamp: 20 },
    { userId: 'b', itemId: 'y', timestamp: 10 },
    { userId: 'b', itemId: 'z', timestamp: 30 },
    { userId: 'a', itemId: 'x', timestamp: 5 },
  ];

  it('dictionary-encodes ids in order of first appearance', () => {
    const columns = toColumns(records);
    expect(columns.userIds).toEqual(['b', 'a']);
    expect(columns.itemIds).toEqual(['x', 'y', 'z']);
    expect(Array.from(columns.users)).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(columns.items)).toEqual([0, 1, 1, 2, 0]);
    expect(Array.from(columns.timestamps)).toEqual([30, 20, 10, 30, 5]);
  });

  it('orders each history by time, ties in input order, and counts rows per item', () => {
    const data = encodeColumns(toColumns(records));
    const b = data.histories.historyOf(data.histories.indexOf('b'));
    // b: y@10, then x@30 and z@30 in input order.
    expect(Array.from(b, (item) => data.itemIds[item])).toEqual(['y', 'x', 'z']);
    const a = data.histories.historyOf(data.histories.indexOf('a'));
    expect(Array.from(a, (item) => data.itemIds[item])).toEqual(['x', 'y']);
    expect(Array.from(data.itemCounts)).toEqual([2, 2, 1]);
    expect(Array.from(data.times)).toEqual([10, 30, 30, 5, 20]);
    expect(encodeInteractions(records)).toEqual(data);
  });
});
