import { describe, expect, it } from 'vitest';
import { idleMarker } from './inventory.js';

describe('poc-studio inventory: the idle marker', () => {
  it('says when the studio last asked an active campaign, or that it cannot know', () => {
    const at = Date.UTC(2026, 11, 2, 5, 20, 11, 345);
    expect(idleMarker({ kind: 'campaign', status: 'ACTIVE', idleSinceMs: at })).toBe(
      ' (idle since 2026-12-02T05:20:11Z)',
    );
    expect(idleMarker({ kind: 'recommender', status: 'ACTIVE' })).toBe(
      ' (last request unknown: requests made outside the studio are not seen)',
    );
    expect(idleMarker({ kind: 'campaign', status: 'DELETE PENDING', idleSinceMs: at })).toBe('');
    expect(idleMarker({ kind: 'solution', status: 'ACTIVE' })).toBe('');
  });
});
