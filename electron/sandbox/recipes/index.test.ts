import { describe, expect, it } from 'vitest';
import {
  deserializeModel,
  SUPPORTED_RECIPES,
  trainSolutionVersion,
  TrainingDataError,
} from './index.js';
import type { InteractionRecord, ScoredItem, TrainInput } from './index.js';

/** Users in 4 taste groups of 10 items; each user interacts with 8 items of their group plus 2 globally popular ones. */
function groupedInteractions(userCount: number): InteractionRecord[] {
  const records: InteractionRecord[] = [];
  for (let user = 0; user < userCount; user++) {
    const group = user % 4;
    for (let k = 0; k < 8; k++) {
      records.push({
        userId: `u${user}`,
        itemId: `g${group}-${(user + k) % 10}`,
        timestamp: 1000 + user * 100 + k,
      });
    }
    records.push({ userId: `u${user}`, itemId: 'hit-a', timestamp: 1000 + user * 100 + 8 });
    records.push({
      userId: `u${user}`,
      itemId: user % 3 === 0 ? 'hit-b' : 'hit-c',
      timestamp: 1000 + user * 100 + 9,
    });
  }
  return records;
}

function input(interactions: readonly InteractionRecord[], seed = 1): TrainInput {
  return { interactions, catalogItemIds: [], hyperParameters: {}, seed };
}

function expectValidScores(items: readonly ScoredItem[]): void {
  for (let k = 0; k < items.length; k++) {
    const score = items[k]?.score ?? 0;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    if (k > 0) expect(score).toBeLessThanOrEqual(items[k - 1]?.score ?? 1);
  }
  // Scores are shares of all recommendable items (SPEC §3.1), so any top-N sums to at most 1.
  expect(items.reduce((sum, item) => sum + item.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
  expect(new Set(items.map((item) => item.itemId)).size).toBe(items.length);
}

describe('trainSolutionVersion minimum data (SPEC §5.5)', () => {
  it('fails with fewer than 1000 interactions', () => {
    const small = groupedInteractions(99);
    expect(small.length).toBe(990);
    expect(() => trainSolutionVersion('aws-popularity-count', input(small))).toThrow(
      TrainingDataError,
    );
    expect(() => trainSolutionVersion('aws-popularity-count', input(small))).toThrow(
      'Create failed. Dataset has fewer than 1000 interactions.',
    );
  });

  it('fails with fewer than 25 users having at least 2 interactions', () => {
    const records: InteractionRecord[] = [];
    for (let user = 0; user < 24; user++) {
      for (let k = 0; k < 50; k++)
        records.push({ userId: `u${user}`, itemId: `i${k}`, timestamp: k });
    }
    records.push({ userId: 'single', itemId: 'i1', timestamp: 1 });
    let caught: unknown;
    try {
      trainSolutionVersion('aws-user-personalization', input(records));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TrainingDataError);
    expect((caught as TrainingDataError).failureReason).toBe(
      'Create failed. Dataset has fewer than 25 users with at least 2 interactions each.',
    );
  });

  it('rejects a recipe it cannot train', () => {
    expect(() =>
      trainSolutionVersion('aws-next-best-action', input(groupedInteractions(120))),
    ).toThrow(/cannot train/);
  });
});

describe.each(SUPPORTED_RECIPES)('%s on synthetic taste groups', (recipe) => {
  const interactions = groupedInteractions(120);
  const result = trainSolutionVersion(recipe, input(interactions));

  it('returns the 8 metrics in [0, 1]', () => {
    expect(Object.keys(result.metrics)).toHaveLength(8);
    for (const value of Object.values(result.metrics)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('recommends distinct items with scores in (0, 1], descending, and falls back for unknown users', () => {
    const known = result.model.recommend({ userId: 'u5', numResults: 10 });
    expect(known).toHaveLength(10);
    expectValidScores(known);
    const unknown = result.model.recommend({ userId: 'nobody', numResults: 5 });
    expect(unknown).toHaveLength(5);
    expectValidScores(unknown);
  });

  it('scores are shares: all recommendable items of a user sum to 1, a top 3 to less', () => {
    const catalogue = new Set(interactions.map((record) => record.itemId)).size;
    for (const userId of ['u5', 'nobody']) {
      // SPEC §3.1: items the user already interacted with are not removed, so every item is recommendable.
      const all = result.model.recommend({ userId, numResults: 1000 });
      expect(all).toHaveLength(catalogue);
      expectValidScores(all);
      expect(Math.abs(all.reduce((sum, item) => sum + item.score, 0) - 1)).toBeLessThanOrEqual(
        1e-9,
      );
      const top = result.model.recommend({ userId, numResults: 3 });
      expect(top).toEqual(all.slice(0, 3));
      expect(top.reduce((sum, item) => sum + item.score, 0)).toBeLessThan(1);
    }
  });

  it('restores from JSON with identical recommendations', () => {
    const restored = deserializeModel(JSON.parse(JSON.stringify(result.model.toJSON())));
    expect(restored.recipe).toBe(recipe);
    for (const userId of ['u0', 'u7', 'nobody']) {
      expect(restored.recommend({ userId, numResults: 25 })).toEqual(
        result.model.recommend({ userId, numResults: 25 }),
      );
    }
  });
});

describe('recipe behaviour on synthetic taste groups', () => {
  const interactions = groupedInteractions(120);

  it('popularity-count keeps the items a user already interacted with (SPEC §3.1): the same list for everyone', () => {
    const { model } = trainSolutionVersion('aws-popularity-count', input(interactions));
    expect(model.recommend({ userId: 'u5', numResults: 5 })).toEqual(
      model.recommend({ userId: 'nobody', numResults: 5 }),
    );
    expect(model.recommend({ userId: 'u5', numResults: 1 })[0]?.itemId).toBe('hit-a');
  });

  it('user-personalization ranks seen items by the learned repeat model: nobody here comes back to an item, so they follow every new one', () => {
    const { model } = trainSolutionVersion('aws-user-personalization', input(interactions));
    const seen = new Set(
      interactions.filter((record) => record.userId === 'u6').map((record) => record.itemId),
    );
    const all = model.recommend({ userId: 'u6', numResults: 1000 }).map((item) => item.itemId);
    const firstSeen = all.findIndex((itemId) => seen.has(itemId));
    expect(firstSeen).toBe(all.length - seen.size);
  });

  it('popularity-count ranks by interaction count, ties by item id', () => {
    const { model } = trainSolutionVersion('aws-popularity-count', input(interactions));
    const top = model.recommend({ userId: 'nobody', numResults: 3 }).map((item) => item.itemId);
    // hit-a: 120, hit-c: 80, hit-b: 40; group items: 24 each, so g0-0 (lowest id) comes next.
    expect(top).toEqual(['hit-a', 'hit-c', 'hit-b']);
    expect(model.recommend({ userId: 'nobody', numResults: 4 })[3]?.itemId).toBe('g0-0');
  });

  it("user-personalization recommends the user's own taste group first", () => {
    const { model } = trainSolutionVersion('aws-user-personalization', input(interactions));
    const top = model.recommend({ userId: 'u6', numResults: 2 });
    expect(top.map((item) => item.itemId.slice(0, 2))).toEqual(['g2', 'g2']);
    expect(top[0]?.score).toBeLessThan(1);
  });

  it('user-personalization uses extraHistory for users it has never seen', () => {
    const { model } = trainSolutionVersion('aws-user-personalization', input(interactions));
    const top = model.recommend({ userId: 'new', extraHistory: ['g3-1', 'g3-2'], numResults: 3 });
    expect(top.every((item) => item.itemId.startsWith('g3-'))).toBe(true);
  });

  it("real-time events (extraHistory, what PutEvents feeds) change a known user's next recommendations at once", () => {
    const { model } = trainSolutionVersion('aws-user-personalization-v2', input(interactions));
    const before = model.recommend({ userId: 'u6', numResults: 2 });
    expect(before.map((item) => item.itemId.slice(0, 2))).toEqual(['g2', 'g2']);
    const events = ['g1-1', 'g1-2', 'g1-3', 'g1-4', 'g1-5', 'g1-6'];
    const after = model.recommend({ userId: 'u6', extraHistory: events, numResults: 2 });
    expect(after.map((item) => item.itemId.slice(0, 2))).toEqual(['g1', 'g1']);
  });

  it('sims answers with neighbours of the given item', () => {
    const { model } = trainSolutionVersion('aws-sims', input(interactions));
    const similar = model.recommend({ itemId: 'g1-4', numResults: 5 });
    expect(
      similar.map((item) => item.itemId).filter((itemId) => itemId.startsWith('g1-')),
    ).toHaveLength(5);
    expect(similar.some((item) => item.itemId === 'g1-4')).toBe(false);
  });

  it('restores a model saved in the earlier item-knn/1 format (no blend, no repeat model) as item-kNN alone', () => {
    const { model } = trainSolutionVersion('aws-sims', input(interactions));
    const json = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    const legacy: Record<string, unknown> = {
      ...json,
      format: 'item-knn/1',
      recencyHalfDistance: 1,
    };
    delete legacy.blend;
    delete legacy.repeat;
    const restored = deserializeModel(legacy);
    expect(restored.recommend({ itemId: 'g1-4', numResults: 5 })).toEqual(
      model.recommend({ itemId: 'g1-4', numResults: 5 }),
    );
  });

  it('rejects unknown serialised formats', () => {
    expect(() => deserializeModel({ format: 'nope' })).toThrow(/Unknown serialised model format/);
    expect(() => deserializeModel(null)).toThrow(/not an object/);
  });
});

describe('aws-personalized-ranking (SPEC §3.2)', () => {
  const interactions = groupedInteractions(120);
  const { model } = trainSolutionVersion('aws-personalized-ranking', input(interactions));

  it("reorders the input list by the user's taste, scores sum to 1, unknown items last without score", () => {
    const ranking =
      model.rank?.({ userId: 'u6', inputList: ['g0-1', 'unknown-item', 'g2-4', 'g2-4', 'g1-1'] }) ??
      [];
    expect(ranking.map((item) => item.itemId)).toEqual(['g2-4', 'g0-1', 'g1-1', 'unknown-item']);
    const scores = ranking.slice(0, 3).map((item) => item.score ?? 0);
    expect(Math.abs(scores.reduce((sum, score) => sum + score, 0) - 1)).toBeLessThanOrEqual(1e-9);
    expect(scores.every((score) => score > 0)).toBe(true);
    expect(ranking[3]?.score).toBeUndefined();
  });

  it('ranks by popularity for a user it has never seen', () => {
    const ranking =
      model.rank?.({ userId: 'stranger', inputList: ['g3-1', 'hit-b', 'hit-a'] }) ?? [];
    expect(ranking.map((item) => item.itemId)).toEqual(['hit-a', 'hit-b', 'g3-1']);
  });
});

describe('aws-sims co-occurrence (SPEC §6.2 hyperparameters)', () => {
  const interactions = groupedInteractions(120);

  it('min_cointeraction_count drops pairs shared by too few users; popular items fill the list', () => {
    // Only u0 has both rare-a and rare-b; every other pair of the data is shared by many users.
    const rare: InteractionRecord[] = [
      { userId: 'u0', itemId: 'rare-a', timestamp: 5000 },
      { userId: 'u0', itemId: 'rare-b', timestamp: 5001 },
    ];
    const data = [...interactions, ...rare];
    const strict = trainSolutionVersion('aws-sims', input(data)).model.recommend({
      itemId: 'rare-a',
      numResults: 3,
    });
    expect(strict.map((item) => item.itemId)).not.toContain('rare-b');
    expect(strict.map((item) => item.itemId)[0]).toBe('hit-a');
    const loose = trainSolutionVersion('aws-sims', {
      ...input(data),
      hyperParameters: { min_cointeraction_count: '0' },
    }).model;
    expect(
      loose.recommend({ itemId: 'rare-a', numResults: 3 }).map((item) => item.itemId),
    ).toContain('rare-b');
  });

  it('an unknown item gets the popular items (SPEC §3.1)', () => {
    const { model } = trainSolutionVersion('aws-sims', input(interactions));
    expect(
      model.recommend({ itemId: 'no-such-item', numResults: 2 }).map((item) => item.itemId),
    ).toEqual(['hit-a', 'hit-c']);
  });
});

describe('aws-similar-items (co-occurrence blended with item metadata)', () => {
  const interactions = groupedInteractions(120);
  // A film nobody co-watched with the g1 items, but with the same metadata as g1-4.
  const lonely: InteractionRecord[] = Array.from({ length: 3 }, (_, k) => ({
    userId: `solo${k}`,
    itemId: 'twin',
    timestamp: 9000 + k,
  }));
  const itemMetadata = [
    ...Array.from({ length: 10 }, (_, k) => ({
      ITEM_ID: `g1-${k}`,
      GENRE: k === 4 ? 'Noir|Drama' : 'Comedy',
      YEAR: '1990',
    })),
    { ITEM_ID: 'twin', GENRE: 'Noir|Drama', YEAR: '1990' },
  ];

  it('ranks an item with the same metadata among the neighbours although nobody co-interacted with it', () => {
    const data = [...interactions, ...lonely];
    const withMetadata = trainSolutionVersion('aws-similar-items', {
      ...input(data),
      itemMetadata,
    }).model;
    expect(
      withMetadata.recommend({ itemId: 'g1-4', numResults: 10 }).map((item) => item.itemId),
    ).toContain('twin');
    const withoutMetadata = trainSolutionVersion('aws-similar-items', input(data)).model;
    expect(
      withoutMetadata.recommend({ itemId: 'g1-4', numResults: 10 }).map((item) => item.itemId),
    ).not.toContain('twin');
  });

  it('answers an item query with co-occurring items first (the g1 group)', () => {
    const { model } = trainSolutionVersion('aws-similar-items', {
      ...input(interactions),
      itemMetadata,
    });
    const similar = model.recommend({ itemId: 'g1-4', numResults: 5 }).map((item) => item.itemId);
    expect(similar.filter((itemId) => itemId.startsWith('g1-'))).toHaveLength(5);
  });
});

describe('aws-trending-now (recent growth)', () => {
  it('ranks the item whose interactions grow in the newest window first, and orders the rest by growth, not by count', () => {
    const records: InteractionRecord[] = groupedInteractions(120);
    const newest = Math.max(...records.map((record) => record.timestamp));
    // 'rising': 5 interactions before, 150 in the newest window; 'hit-a' stays at 120 overall.
    for (let k = 0; k < 5; k++)
      records.push({ userId: `early${k}`, itemId: 'rising', timestamp: newest - 100_000 + k });
    for (let k = 0; k < 150; k++)
      records.push({ userId: `late${k}`, itemId: 'rising', timestamp: newest + 1000 + k });
    const { model, metrics } = trainSolutionVersion('aws-trending-now', input(records));
    const top = model.recommend({ numResults: 3 }).map((item) => item.itemId);
    expect(top[0]).toBe('rising');
    // rising (155 rows) is also the most popular overall; the rest of the two lists differ.
    const popular = trainSolutionVersion('aws-popularity-count', input(records)).model.recommend({
      numResults: 1,
    });
    expect(popular[0]?.itemId).toBe('rising');
    expect(model.recommend({ numResults: 25 }).map((item) => item.itemId)).not.toEqual(
      trainSolutionVersion('aws-popularity-count', input(records))
        .model.recommend({ numResults: 25 })
        .map((item) => item.itemId),
    );
    expect(Object.keys(metrics)).toHaveLength(8);
  });
});
