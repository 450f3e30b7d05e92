import { describe, expect, it } from 'vitest';
import { SentEvents } from './sent-events.js';

describe('the events the studio sent, in a user’s interaction count', () => {
  it('adds the events sent for that user to an answer’s historyCount, and only then', () => {
    const sent = new SentEvents();
    sent.add('w1', [
      { userId: '12445', itemId: '85035C', eventType: 'purchase', timestamp: 1 },
      { userId: '12445', itemId: '22423', eventType: 'purchase', timestamp: 2 },
      { userId: '17850', itemId: '22423', eventType: 'purchase', timestamp: 3 },
    ]);
    const ranked = { historyCount: 3, items: ['85035C'] };
    expect(sent.withSentEvents('w1', '12445', ranked)).toEqual({
      historyCount: 5,
      items: ['85035C'],
    });
    expect(sent.withSentEvents('w2', '12445', ranked)).toBe(ranked);
    expect(sent.withSentEvents('w1', 'no-events', ranked)).toBe(ranked);
    // An answer without a count (e.g. no interactions file indexed) stays without one.
    const uncounted: { historyCount?: number; items: string[] } = { items: [] };
    expect(sent.withSentEvents('w1', '12445', uncounted)).toBe(uncounted);
    expect(sent.withSentEvents('w1', undefined, ranked)).toBe(ranked);
  });
});
