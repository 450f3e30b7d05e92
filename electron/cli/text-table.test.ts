import { describe, expect, it } from 'vitest';
import { clipToWidth, displayWidth, formatTextTable } from './text-table.js';

describe('displayWidth', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('商品')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
    expect(displayWidth('£5')).toBe(2);
  });
});

describe('formatTextTable', () => {
  it('pads by terminal columns, clips long cells and keeps cells on one line', () => {
    const lines = formatTextTable(
      [
        { header: 'name', maxWidth: 10 },
        { header: 'n', align: 'right' },
      ],
      [
        ['商品の名前', '1'],
        ['a\nb', '22'],
        ['x'.repeat(30), '333'],
      ],
      0,
    );
    expect(lines).toEqual([
      'name          n',
      '商品の名前    1',
      'a b          22',
      'xxxxxxxxx…  333',
    ]);
    expect(clipToWidth('商品の名前', 5)).toBe('商品…');
  });
});
