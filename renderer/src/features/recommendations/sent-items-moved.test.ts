import { describe, expect, it } from 'vitest';
import type { HistoryInteraction } from '../../../../shared/ipc/recommendations.js';
import { sentItemsMovedDown } from './sent-items-moved.js';

const items = (...ids: string[]) => ids.map((itemId) => ({ itemId, metadata: {} }));
const sent = (itemId: string): HistoryInteraction => ({ itemId, source: 'event', metadata: {} });
const fromFile = (itemId: string): HistoryInteraction => ({ itemId, source: 'file', metadata: {} });

describe('sentItemsMovedDown', () => {
  it('lists sent items that left the list or ranked lower, with their ranks', () => {
    const moves = sentItemsMovedDown(items('1', '2', '3', '4'), items('2', '4', '1', '5'), [
      sent('1'),
      sent('3'),
      sent('2'),
    ]);
    expect(moves).toEqual([
      { itemId: '1', before: 1, after: 3 },
      { itemId: '3', before: 3, after: undefined },
    ]);
  });

  it('ignores items from the imported file and sent items that moved up', () => {
    expect(
      sentItemsMovedDown(items('1', '2'), items('2', '1'), [fromFile('1'), sent('2')]),
    ).toEqual([]);
    expect(sentItemsMovedDown(items('1'), items(), undefined)).toEqual([]);
  });
});
