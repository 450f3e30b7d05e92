import { describe, expect, it } from 'vitest';
import { LineHashSet } from './export-job.js';

describe('LineHashSet (the dataset export duplicate check)', () => {
  it('tells new lines from lines added before, across many table growths', () => {
    const lines = Array.from(
      { length: 200_000 },
      (_, row) => `u${row % 997},i${(row * 7) % 40_009},${1_700_000_000 + row * 60},watch`,
    );
    const set = new LineHashSet();
    expect(lines.filter((line) => set.add(line))).toHaveLength(200_000);
    expect(set.size).toBe(200_000);
    // Every line again, and lines differing in one character or in order, which are new.
    expect(lines.filter((line) => set.add(line))).toHaveLength(0);
    expect(set.add('u0,i0,1700000000,watcH')).toBe(true);
    expect(set.add('i0,u0,1700000000,watch')).toBe(true);
    expect(set.add('')).toBe(true);
    expect(set.add('')).toBe(false);
    expect(set.size).toBe(200_003);
  });
});
