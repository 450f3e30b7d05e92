import { describe, expect, it } from 'vitest';
import { formatClock, formatPerHour, idleText } from './inventory-format.js';

const at = (text: string) => new Date(text).getTime();

describe('inventory formats', () => {
  it('shows times in the 24-hour format of the jobs timeline, with the date when not today', () => {
    expect(formatClock(at('2026-12-02T15:04:05'), at('2026-12-02T18:00:00'))).toBe('15:04:05');
    expect(formatClock(at('2026-12-02T00:30:00'), at('2026-12-02T18:00:00'))).toBe('00:30:00');
    expect(formatClock(at('2026-12-01T21:09:30'), at('2026-12-02T08:00:00'))).toBe(
      '2026-12-01 21:09:30',
    );
    expect(formatClock(at('2026-12-02T15:04:05'))).not.toMatch(/AM|PM/iu);
  });

  it('marks estimates from unverified prices as approximate, never exact', () => {
    expect(formatPerHour(0.0556)).toBe('$0.0556/h');
    expect(formatPerHour(0.0556, false)).toBe('≈$0.0556/h');
    expect(formatPerHour(0, false)).toBe('$0/h');
    expect(formatPerHour(undefined, false)).toBe('—');
  });

  it('says idle since when the studio sent the last request, unknown otherwise, only for what runs', () => {
    const now = at('2026-12-02T18:00:00');
    const campaign = { kind: 'campaign', status: 'ACTIVE' } as const;
    expect(idleText({ ...campaign, idleSinceMs: at('2026-12-02T17:45:10') }, now)).toBe(
      'idle since 17:45:10',
    );
    expect(idleText(campaign, now)).toBe(
      'last request unknown (requests made outside the studio are not seen)',
    );
    expect(idleText({ kind: 'recommender', status: 'ACTIVE' }, now)).toMatch(
      /^last request unknown/u,
    );
    expect(idleText({ kind: 'campaign', status: 'CREATE IN_PROGRESS' }, now)).toBeUndefined();
    expect(idleText({ kind: 'solution', status: 'ACTIVE' }, now)).toBeUndefined();
  });
});
