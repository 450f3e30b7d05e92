import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../recipes/types.js';
import { splitForEvaluation, stratifiedSplitByItem } from './split.js';
import { createRandom, seededShuffle } from './random.js';

/** 200 users; user u has 10 + (u mod 23) interactions, item ids encode the time order (t000, t001, …). */
function syntheticInteractions(): InteractionRecord[] {
  const records: InteractionRecord[] = [];
  for (let user = 0; user < 200; user++) {
    const count = 10 + (user % 23);
    // Written newest first so the split has to sort by time.
    for (let k = count - 1; k >= 0; k--) {
      records.push({
        userId: `u${user}`,
        itemId: `t${String(k).padStart(3, '0')}`,
        timestamp: 1_000_000 + k * 60,
      });
    }
  }
  // One user with a single interaction can never be held out.
  records.push({ userId: 'solo', itemId: 't000', timestamp: 5 });
  return records;
}

describe('splitForEvaluation (SPEC §7.1)', () => {
  const interactions = syntheticInteractions();

  it('holds out round(10%) of the users and trains on all interactions of the others', () => {
    const split = splitForEvaluation(interactions, 1);
    expect(split.testUsers).toHaveLength(20);
    const held = new Set(split.testUsers.map((user) => user.userId));
    expect(split.train.some((record) => held.has(record.userId))).toBe(false);
    const heldRows = interactions.filter((record) => held.has(record.userId)).length;
    expect(split.train.length + heldRows).toBe(interactions.length);
  });

  it('gives the oldest 90% as history and the newest 10% as relevant items', () => {
    for (const user of splitForEvaluation(interactions, 7).testUsers) {
      const count = 10 + (Number(user.userId.slice(1)) % 23);
      const historyLength = Math.floor(count * 0.9);
      expect(user.history).toEqual(
        Array.from({ length: historyLength }, (_, k) => `t${String(k).padStart(3, '0')}`),
      );
      expect(user.relevant).toEqual(
        Array.from(
          { length: count - historyLength },
          (_, k) => `t${String(historyLength + k).padStart(3, '0')}`,
        ),
      );
    }
  });

  it('never holds out a user with fewer than 2 interactions', () => {
    for (let seed = 0; seed < 30; seed++) {
      expect(
        splitForEvaluation(interactions, seed).testUsers.some((user) => user.userId === 'solo'),
      ).toBe(false);
    }
  });

  it('is deterministic per seed, independent of input order, and differs between seeds', () => {
    const ids = (seed: number, records: readonly InteractionRecord[]): string[] =>
      splitForEvaluation(records, seed).testUsers.map((user) => user.userId);
    expect(ids(3, interactions)).toEqual(ids(3, interactions));
    expect(ids(3, [...interactions].reverse()).sort()).toEqual(ids(3, interactions).sort());
    expect(ids(4, interactions)).not.toEqual(ids(3, interactions));
  });
});

describe('seeded random', () => {
  it('repeats per seed, stays in [0, 1) and shuffles to a permutation', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const shuffled = seededShuffle([1, 2, 3, 4, 5, 6, 7, 8], createRandom(9));
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seededShuffle([1, 2, 3, 4, 5, 6, 7, 8], createRandom(10))).not.toEqual(shuffled);
  });
});

describe('stratifiedSplitByItem (ANCHORS B protocol)', () => {
  const records = Array.from({ length: 40 }, (_, k) => ({
    userId: `u${k % 10}`,
    itemId: `i${k % 4}`,
    timestamp: k,
  }));

  it("puts round(ratio · n) of each item's interactions in training and the rest in the tests, per user", () => {
    const { train, tests } = stratifiedSplitByItem(records, 0.75, 42);
    for (const item of ['i0', 'i1', 'i2', 'i3'])
      expect(train.filter((record) => record.itemId === item)).toHaveLength(8);
    const tested = [...tests.values()].flat();
    expect(tested).toHaveLength(8);
    for (const item of ['i0', 'i1', 'i2', 'i3'])
      expect(tested.filter((itemId) => itemId === item)).toHaveLength(2);
    // Every interaction lands on exactly one side.
    expect(train.length + tested.length).toBe(records.length);
  });

  it('is deterministic per seed', () => {
    const first = stratifiedSplitByItem(records, 0.75, 42);
    expect(stratifiedSplitByItem(records, 0.75, 42)).toEqual(first);
    expect(stratifiedSplitByItem(records, 0.75, 43).train).not.toEqual(first.train);
  });
});
