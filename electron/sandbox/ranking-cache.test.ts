/**
 * The runtime's ranked lists on a user-personalization and a SIMS model trained on the POC
 * MovieLens files: a filtered answer is the first numResults matching items of the model's full
 * ranking whether the list is kept or not, a kept list is reused only for the same model input,
 * the budget holds, and a new user's answer is exactly what the offline evaluation ranks.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type MetricKey } from '../../shared/personalize.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { trainSolutionVersion } from './recipes/index.js';
import type { RecommendRequest, ScoredItem, TrainedModel } from './recipes/types.js';
import { MIN_RANKED_PREFIX, RankingCache, type ItemPredicate } from './ranking-cache.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);

function readCsv(file: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(file), { columns: true });
}

/** A real model that counts the asks it answers. */
function counted(model: TrainedModel): { model: TrainedModel; asks: number[] } {
  const asks: number[] = [];
  return {
    asks,
    model: {
      recipe: model.recipe,
      recommend: (request: RecommendRequest) => {
        asks.push(request.numResults);
        return model.recommend(request);
      },
      toJSON: () => model.toJSON(),
    },
  };
}

describe.skipIf(interactionsPath === undefined || itemsPath === undefined)(
  `RankingCache on the POC files ${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    const rows = readCsv(interactionsPath ?? '');
    const genres = new Map(
      readCsv(itemsPath ?? '').map((row) => [row.ITEM_ID ?? '', row.GENRE ?? '']),
    );
    const interactions = rows.map((row) => ({
      userId: row.USER_ID ?? '',
      itemId: row.ITEM_ID ?? '',
      timestamp: Number(row.TIMESTAMP),
      eventType: row.EVENT_TYPE ?? '',
    }));
    const metrics = Object.fromEntries(METRIC_KEYS.map((key) => [key, 0])) as Record<
      MetricKey,
      number
    >;
    const train = (recipe: string): TrainedModel =>
      trainSolutionVersion(
        recipe,
        { interactions, catalogItemIds: [...genres.keys()], hyperParameters: {}, seed: 1 },
        { update: { metrics } },
      ).model;
    const personalization = train('aws-user-personalization');
    const catalogSize = new Set([...genres.keys(), ...interactions.map((row) => row.itemId)]).size;
    const genre =
      (name: string): ItemPredicate =>
      (itemId) =>
        (genres.get(itemId) ?? '').split('|').includes(name);
    const reference = (
      model: TrainedModel,
      request: Omit<RecommendRequest, 'numResults'>,
      numResults: number,
      keep: ItemPredicate | undefined,
    ): ScoredItem[] =>
      model
        .recommend({ ...request, numResults: catalogSize })
        .filter((item) => keep === undefined || keep(item.itemId))
        .slice(0, numResults);
    const users = ['1', '42', '414', '599'];

    it('answers as the full ranking filtered, from the model or from memory, asking the model once per request', () => {
      const filters: [string, ItemPredicate | undefined][] = [
        ['none', undefined],
        ['Comedy', genre('Comedy')],
        ['Film-Noir (87 items)', genre('Film-Noir')],
        ['nothing', () => false],
      ];
      for (const [name, keep] of filters) {
        const { model, asks } = counted(personalization);
        const cache = new RankingCache();
        for (const userId of users) {
          const expected = reference(personalization, { userId }, 25, keep);
          expect(cache.topMatching(model, { userId }, 25, keep, catalogSize), name).toEqual(
            expected,
          );
          const asked = asks.length;
          expect(cache.topMatching(model, { userId }, 25, keep, catalogSize), name).toEqual(
            expected,
          );
          // The second request is answered from memory.
          expect(asks.length, name).toBe(asked);
          expect(new RankingCache(0).topMatching(model, { userId }, 25, keep, catalogSize)).toEqual(
            expected,
          );
        }
        if (name === 'nothing') {
          expect(reference(personalization, { userId: '1' }, 25, genre('Film-Noir')).length).toBe(
            25,
          );
          expect(cache.topMatching(model, { userId: '1' }, 25, () => false, catalogSize)).toEqual(
            [],
          );
        }
      }
      const { model, asks } = counted(personalization);
      new RankingCache().topMatching(model, { userId: '42' }, 25, genre('Comedy'), catalogSize);
      // Comedy is common: the first list the model ranks holds 25 of them.
      expect(asks).toEqual([MIN_RANKED_PREFIX]);
    });

    it('serves every numResults from one kept list, and SIMS by item', () => {
      const cache = new RankingCache();
      for (const numResults of [1, 25, 100, 500])
        expect(
          cache.topMatching(personalization, { userId: '7' }, numResults, undefined, catalogSize),
        ).toEqual(personalization.recommend({ userId: '7', numResults }));
      const sims = train('aws-sims');
      for (const itemId of ['1', '260', '2571'])
        expect(cache.topMatching(sims, { itemId }, 10, genre('Drama'), catalogSize)).toEqual(
          reference(sims, { itemId }, 10, genre('Drama')),
        );
    });

    it('keeps no list for answers read from precomputed lists (SIMS by item, a cold user), answers unchanged', () => {
      const cache = new RankingCache();
      const sims = train('aws-sims');
      for (const itemId of ['1', '260', '2571', 'not-an-item']) {
        expect(cache.topMatching(sims, { itemId }, 25, undefined, catalogSize)).toEqual(
          sims.recommend({ itemId, numResults: 25 }),
        );
        expect(cache.topMatching(sims, { itemId }, 10, genre('Drama'), catalogSize)).toEqual(
          reference(sims, { itemId }, 10, genre('Drama')),
        );
      }
      expect(
        cache.topMatching(personalization, { userId: 'nobody' }, 25, undefined, catalogSize),
      ).toEqual(personalization.recommend({ userId: 'nobody', numResults: 25 }));
      expect(cache.size).toBe(0);
      // A known user's scored list is still kept.
      cache.topMatching(personalization, { userId: '7' }, 25, undefined, catalogSize);
      expect(cache.size).toBe(MIN_RANKED_PREFIX);
    });

    it('a new real-time history is a new model input', () => {
      const cache = new RankingCache();
      const before = cache.topMatching(
        personalization,
        { userId: '1' },
        10,
        undefined,
        catalogSize,
      );
      const extraHistory = ['2571', '1196', '260'];
      const after = cache.topMatching(
        personalization,
        { userId: '1', extraHistory },
        10,
        undefined,
        catalogSize,
      );
      expect(after).toEqual(
        personalization.recommend({ userId: '1', extraHistory, numResults: 10 }),
      );
      expect(after).not.toEqual(before);
    });

    it('keeps at most its budget of ranked items, dropping the least recently used list', () => {
      const cache = new RankingCache(2.5 * MIN_RANKED_PREFIX);
      const { model, asks } = counted(personalization);
      cache.topMatching(model, { userId: '1' }, 25, undefined, catalogSize);
      cache.topMatching(model, { userId: '2' }, 25, undefined, catalogSize);
      expect(cache.size).toBe(2 * MIN_RANKED_PREFIX);
      cache.topMatching(model, { userId: '1' }, 25, undefined, catalogSize);
      cache.topMatching(model, { userId: '3' }, 25, undefined, catalogSize);
      expect(cache.size).toBe(2 * MIN_RANKED_PREFIX);
      expect(asks).toHaveLength(3);
      // User 2 was dropped, user 1 kept.
      cache.topMatching(model, { userId: '1' }, 25, undefined, catalogSize);
      expect(asks).toHaveLength(3);
      cache.topMatching(model, { userId: '2' }, 25, undefined, catalogSize);
      expect(asks).toHaveLength(4);
      // A full ranking over the budget is answered but not kept.
      cache.topMatching(model, { userId: '4' }, 25, () => false, catalogSize);
      expect(cache.size).toBeLessThanOrEqual(2.5 * MIN_RANKED_PREFIX);
    });

    it("a new user's answer is what the offline evaluation ranks for that history", () => {
      const evaluable = personalization as TrainedModel & {
        recommendForItemIds(
          history: readonly string[],
          count: number,
          exclude?: boolean,
        ): ScoredItem[];
      };
      const history = ['1', '50', '296', '318', '593', '2571'];
      const cache = new RankingCache();
      const request = { userId: 'newcomer', extraHistory: history };
      expect(cache.topMatching(personalization, request, 25, undefined, catalogSize)).toEqual(
        evaluable.recommendForItemIds(history, 25),
      );
      // An "unwatched" filter removes the history: the evaluation's excludeHistory ranks the same items.
      const unwatched: ItemPredicate = (itemId) => !history.includes(itemId);
      expect(
        cache
          .topMatching(personalization, request, 25, unwatched, catalogSize)
          .map((item) => item.itemId),
      ).toEqual(evaluable.recommendForItemIds(history, 25, true).map((item) => item.itemId));
    });
  },
);
