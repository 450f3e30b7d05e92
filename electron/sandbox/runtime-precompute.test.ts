/**
 * The runtime's kept and precomputed answers on the POC MovieLens files (issue 8 item 7): a
 * user-personalization and a SIMS model trained on them, the guide's genre filter
 * (`INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)`) compiled once and tested on every Items row
 * (`CompiledFilterCache`), ranked lists kept per user (`RankingCache`) and SIMS / cold answers
 * read with the filter applied during the walk (`recommendMatching`) give exactly the
 * recommendations of the uncached path: the filter compiled for the request, the model's full
 * ranking filtered and cut to numResults (SPEC §8.3).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type MetricKey } from '../../shared/personalize.js';
import { compileFilter, type FilterRow } from '../../shared/rules/filter-evaluation.js';
import {
  parseFilterExpression,
  parseFilterValues,
  type FilterAst,
} from '../../shared/rules/filter-expression.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { CompiledFilterCache } from './filter-cache.js';
import { RankingCache, type ItemPredicate } from './ranking-cache.js';
import { trainSolutionVersion } from './recipes/index.js';
import type { RecommendRequest, ScoredItem, TrainedModel } from './recipes/types.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);

function readCsv(file: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(file), { columns: true });
}

function ast(expression: string): FilterAst {
  const parsed = parseFilterExpression(expression).ast;
  if (parsed === undefined) throw new Error(`does not parse: ${expression}`);
  return parsed;
}

const GENRES = [
  'Comedy',
  'Drama',
  'Action',
  'Thriller',
  'Romance',
  'Horror',
  'Sci-Fi',
  'Film-Noir',
];

describe.skipIf(interactionsPath === undefined || itemsPath === undefined)(
  `Kept and precomputed runtime answers on the POC files ${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    const rows = readCsv(interactionsPath ?? '');
    const itemRows = new Map<string, FilterRow>(
      readCsv(itemsPath ?? '').map((row) => [row.ITEM_ID ?? '', row]),
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
        { interactions, catalogItemIds: [...itemRows.keys()], hyperParameters: {}, seed: 1 },
        { update: { metrics } },
      ).model;
    const catalogSize = new Set([...itemRows.keys(), ...interactions.map((row) => row.itemId)])
      .size;
    const genreAst = ast('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)');
    const valuesOf = (genre: string) => {
      const parsed = parseFilterValues({ GENRE: `"${genre}"` });
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.values;
    };
    /** The uncached path: the filter compiled for this request alone. */
    const compiledForRequest = (genre: string, allowsCurrentItem: boolean): ItemPredicate =>
      compileFilter(genreAst, {
        subject: 'ItemID',
        values: valuesOf(genre),
        itemRow: (id) => itemRows.get(id),
        allowsCurrentItem,
      });
    const filters = new CompiledFilterCache();
    const scope = {};
    /** The runtime's path: compiled once per genre, tested on every Items row. */
    const kept = (genre: string, allowsCurrentItem: boolean): ItemPredicate =>
      filters.get(
        `genre\u0000${genre}\u0000${String(allowsCurrentItem)}`,
        scope,
        () => compiledForRequest(genre, allowsCurrentItem),
        itemRows,
      );
    /** The model's full ranking for one request. */
    const fullRanking = (
      model: TrainedModel,
      request: Omit<RecommendRequest, 'numResults'>,
    ): ScoredItem[] => model.recommend({ ...request, numResults: catalogSize });
    /** The full ranking filtered, cut to `numResults` (SPEC §8.3). */
    const uncached = (
      full: readonly ScoredItem[],
      numResults: number,
      keep: ItemPredicate | undefined,
    ): ScoredItem[] =>
      full.filter((item) => keep === undefined || keep(item.itemId)).slice(0, numResults);
    const userIds = [...new Set(interactions.map((row) => row.userId))];

    it('user-personalization: every 10th POC user, each genre and none, from kept lists = the uncached path', () => {
      const model = train('aws-user-personalization');
      const rankings = new RankingCache();
      const sample = userIds.filter((_, index) => index % 10 === 0);
      expect(sample.length).toBeGreaterThan(60);
      let compared = 0;
      for (const userId of [...sample, 'not-a-user']) {
        const full = fullRanking(model, { userId });
        expect(rankings.topMatching(model, { userId }, 25, undefined, catalogSize)).toEqual(
          uncached(full, 25, undefined),
        );
        for (const genre of GENRES) {
          const expected = uncached(full, 25, compiledForRequest(genre, false));
          const answer = rankings.topMatching(
            model,
            { userId },
            25,
            kept(genre, false),
            catalogSize,
          );
          expect(answer, `${userId} ${genre}`).toEqual(expected);
          expect(answer.length).toBe(25);
          compared++;
        }
      }
      expect(compared).toBe((sample.length + 1) * GENRES.length);
      // Horror: the answers really are Horror films, in the model's order.
      const horror = rankings.topMatching(
        model,
        { userId: '1' },
        25,
        kept('Horror', false),
        catalogSize,
      );
      for (const item of horror) expect(itemRows.get(item.itemId)?.GENRE).toMatch(/Horror/u);
    }, 180_000);

    it('SIMS: 150 items (and an unknown one), each genre, read with the filter during the walk = the uncached path', () => {
      const model = train('aws-sims');
      expect(typeof model.recommendMatching).toBe('function');
      const rankings = new RankingCache();
      const itemIds = [...itemRows.keys()];
      const sample = Array.from(
        { length: 150 },
        (_, index) => itemIds[(index * 7919) % itemIds.length] ?? '',
      );
      for (const itemId of [...sample, 'not-an-item']) {
        const full = fullRanking(model, { itemId });
        for (const genre of GENRES) {
          const expected = uncached(full, 25, compiledForRequest(genre, true));
          expect(
            rankings.topMatching(model, { itemId }, 25, kept(genre, true), catalogSize),
            `${itemId} ${genre}`,
          ).toEqual(expected);
        }
        expect(rankings.topMatching(model, { itemId }, 10, undefined, catalogSize)).toEqual(
          uncached(full, 10, undefined),
        );
      }
      // Nothing is kept for SIMS answers.
      expect(rankings.size).toBe(0);
    }, 180_000);
  },
);
