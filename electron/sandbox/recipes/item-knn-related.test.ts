import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { encodeInteractions } from './dataset.js';
import { deserializeModel, itemKnnParams } from './index.js';
import type { InteractionRecord } from './index.js';
import { ItemKnnModel, itemKnnModelFromTable, trainItemKnnModel } from './item-knn-model.js';
import { similarItemsTable } from './similar-items.js';

/** Sequences by user, one interaction per item a minute apart. */
function records(sequences: Readonly<Record<string, readonly string[]>>): InteractionRecord[] {
  return Object.entries(sequences).flatMap(([userId, items]) =>
    items.map((itemId, k) => ({ userId, itemId, timestamp: 1000 + 60 * k })),
  );
}

/**
 * 160 users in 4 taste groups of 12 items, each with 7 items of the group and a popular item;
 * every 9th user also takes an item of the next group, and a few items are seen once only.
 */
function tasteGroups(): InteractionRecord[] {
  const sequences: Record<string, string[]> = {};
  for (let user = 0; user < 160; user++) {
    const group = user % 4;
    const items = Array.from({ length: 7 }, (_, k) => `g${group}-${(user * 5 + k * 3) % 12}`);
    items.push(user % 3 === 0 ? 'hit-a' : 'hit-b');
    if (user % 9 === 0) items.push(`g${(group + 1) % 4}-${user % 12}`);
    if (user % 40 === 7) items.push(`once-${user}`);
    sequences[`u${user}`] = items;
  }
  return records(sequences);
}

/** Every item id of a model's catalogue, in encoding order. */
function catalogue(interactions: readonly InteractionRecord[]): string[] {
  return [...new Set(interactions.map((record) => record.itemId))];
}

/**
 * The related-items answer (GetRecommendations with itemId, SPEC §3.1) read from the
 * precomputed per-item lists must equal the catalogue-wide scoring of the history [item] with
 * the item itself excluded — what `aws-sims` answered before the lists existed — bit for bit,
 * items and scores, for every item and for lists shorter and longer than the item's neighbours.
 */
function expectSameAsScoring(
  model: ItemKnnModel,
  itemIds: readonly string[],
  counts: readonly number[] = [1, 3, 25, itemIds.length + 5],
): void {
  for (const itemId of itemIds) {
    for (const numResults of counts) {
      const fast = model.recommend({ itemId, numResults });
      const scored = model.recommendForItemIds([itemId], numResults, true);
      expect(fast).toEqual(scored);
    }
  }
  for (const numResults of counts) {
    expect(model.recommend({ itemId: 'not-in-training', numResults })).toEqual(
      model.recommendForItemIds([], numResults),
    );
  }
}

describe('aws-sims answers from precomputed per-item neighbour lists', () => {
  const tiny = records({
    u1: ['a', 'b', 'c'],
    u2: ['a', 'b', 'd'],
    u3: ['b', 'c'],
    u4: ['a', 'e'],
    u5: ['f'],
  });
  const tinyModel = trainItemKnnModel(
    'aws-sims',
    encodeInteractions(tiny),
    itemKnnParams('aws-sims', { min_cointeraction_count: '0' }),
    { repeatModel: true },
  );

  it('pins the answer for a hand-built history set: co-occurring items best first, then the popularity back-fill, never the item itself', () => {
    const answer = tinyModel.recommend({ itemId: 'a', numResults: 5 });
    // a shares two users with b, one each with c, d and e (the rarer targets weigh more: the
    // popularity discount); f never meets a and fills in last.
    expect(answer.map((item) => item.itemId)).toEqual(['b', 'e', 'd', 'c', 'f']);
    expect(answer.map((item) => Number(item.score.toFixed(6)))).toEqual([
      0.291307, 0.281574, 0.241349, 0.159231, 0.026539,
    ]);
    // Scores are shares of every recommendable item (the catalogue less a): they sum to 1.
    expect(answer.reduce((sum, item) => sum + item.score, 0)).toBeCloseTo(1, 12);
    // f has no neighbour: the most popular items (a and b: 3 rows each, by id; then c), each its
    // count over the 10 rows of the catalogue less f; never f itself.
    const ofF = tinyModel.recommend({ itemId: 'f', numResults: 3 });
    expect(ofF.map((item) => item.itemId)).toEqual(['a', 'b', 'c']);
    expect(ofF.map((item) => Number(item.score.toFixed(12)))).toEqual([0.3, 0.3, 0.2]);
    expectSameAsScoring(tinyModel, catalogue(tiny));
  });

  it('answers every item as the catalogue-wide scoring did, after a save and restore too', () => {
    const interactions = tasteGroups();
    const data = encodeInteractions(interactions);
    const model = trainItemKnnModel('aws-sims', data, itemKnnParams('aws-sims', {}), {
      repeatModel: true,
    });
    const itemIds = catalogue(interactions);
    expectSameAsScoring(model, itemIds);
    const restored = deserializeModel(JSON.parse(JSON.stringify(model.toJSON())));
    if (!(restored instanceof ItemKnnModel)) throw new Error('restored an unexpected model');
    expectSameAsScoring(restored, itemIds);
    // With min_cointeraction_count 3 (the default) the once-seen items reach nothing: back-fill only.
    const once = model.recommend({ itemId: 'once-7', numResults: 4 });
    expect(once.map((item) => item.itemId)).toEqual(
      model.recommendForItemIds([], 4).map((item) => item.itemId),
    );
  });

  it('answers aws-similar-items (co-occurrence blended with metadata) as the scoring did', () => {
    const interactions = tasteGroups();
    const data = encodeInteractions(interactions);
    const rows = catalogue(interactions).map((itemId) => ({
      ITEM_ID: itemId,
      GENRE: itemId.startsWith('g') ? `genre-${itemId.slice(1, 2)}` : 'hit',
    }));
    const table = similarItemsTable(data, rows, itemKnnParams('aws-similar-items', {}), 0.25);
    const model = itemKnnModelFromTable('aws-similar-items', data, table, {
      recencyHalfDistance: 1,
      repeatModel: true,
    });
    expectSameAsScoring(model, catalogue(interactions));
  });

  it('answers a cold user of aws-user-personalization with the popularity back-fill the scoring gave', () => {
    const interactions = tasteGroups();
    const model = trainItemKnnModel(
      'aws-user-personalization',
      encodeInteractions(interactions),
      itemKnnParams('aws-user-personalization', {}),
      { userKnnWeight: 0.6, repeatModel: true },
    );
    for (const numResults of [1, 10, 60]) {
      expect(model.recommend({ userId: 'nobody', numResults })).toEqual(
        model.recommendForItemIds([], numResults),
      );
      // With the user-kNN blended in, an item's answer is still the scoring's.
      expect(model.recommend({ itemId: 'g1-3', numResults })).toEqual(
        model.recommendForItemIds(['g1-3'], numResults, true),
      );
    }
  });
});

const POC_FILE = 'personalize-poc-movielens-small/interactions.csv';
const pocPath = sharedDataPath(POC_FILE);

describe.skipIf(pocPath === undefined)(
  `aws-sims on the MovieLens POC file (ANCHORS A2.1) ${pocPath === undefined ? missingDataReason(POC_FILE) : ''}`,
  { timeout: 120_000 },
  () => {
    it('answers every 20th of the 9,477 items interacted with, 25 and 500 results, as the catalogue-wide scoring did', () => {
      const rows = parse<Record<string, string>>(readFileSync(pocPath ?? ''), {
        columns: true,
        skip_empty_lines: true,
      });
      const interactions = rows.map((row) => ({
        userId: row.USER_ID ?? '',
        itemId: row.ITEM_ID ?? '',
        timestamp: Number(row.TIMESTAMP),
      }));
      const data = encodeInteractions(interactions);
      const model = trainItemKnnModel('aws-sims', data, itemKnnParams('aws-sims', {}), {
        repeatModel: true,
      });
      expect(data.itemIds).toHaveLength(9477);
      const sample = data.itemIds.filter((_, index) => index % 20 === 0);
      expectSameAsScoring(model, sample, [25, 500]);
    });
  },
);
