import { describe, expect, it } from 'vitest';
import { defaultEventType } from './default-event-type.js';

describe('defaultEventType', () => {
  it("takes the profile's most frequent event type (the retail sample's only one is purchase)", () => {
    expect(defaultEventType([{ value: 'purchase', count: 541909 }], undefined)).toBe('purchase');
    expect(
      defaultEventType(
        [
          { value: 'click', count: 3 },
          { value: 'watch', count: 9 },
          { value: 'rate', count: 5 },
        ],
        [{ eventType: 'click' }],
      ),
    ).toBe('watch');
  });

  it("falls back to the shown history's most frequent event type, then to watch", () => {
    expect(
      defaultEventType(undefined, [
        { eventType: 'purchase' },
        { eventType: 'click' },
        { eventType: 'purchase' },
        {},
      ]),
    ).toBe('purchase');
    expect(defaultEventType([], [{}, { eventType: ' ' }])).toBe('watch');
    expect(defaultEventType(undefined, undefined)).toBe('watch');
  });
});
