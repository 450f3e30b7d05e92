/**
 * GetRecommendations answers of aws-user-personalization (item-kNN blended with the
 * sequence-aware user-kNN, repeat model on) on the POC MovieLens interactions: the request path
 * with reused work buffers and the heap-ordered top-N answers exactly what the catalogue scoring
 * of `test-support/user-model-reference.ts` answers (the request path as it was before those
 * buffers: fresh arrays per request, the history scored by `scoreHistory`, the top-N heap sorted with
 * a comparator), items and
 * scores bit for bit, for every 10th user, with and without the user's own items, call after call.
 * The user-kNN votes come from `SequenceIndex.score`, which sequence-knn.test.ts pins against
 * its plain algorithm.
 */
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import type { encodeInteractions } from './dataset.js';
import type { trainItemKnnModel } from './item-knn-model.js';
import type { ModelParts } from '../test-support/user-model-reference.js';
import { referenceAnswer, trainPocUserModel } from '../test-support/user-model-reference.js';

const POC_FILE = 'personalize-poc-movielens-small/interactions.csv';
const pocPath = sharedDataPath(POC_FILE);

describe.skipIf(pocPath === undefined)(
  `aws-user-personalization answers on the MovieLens POC file (ANCHORS A2.1) ${pocPath === undefined ? missingDataReason(POC_FILE) : ''}`,
  { timeout: 180_000 },
  () => {
    /** The POC model and its parts, built once on first use (not when the file is missing). */
    let built:
      | {
          data: ReturnType<typeof encodeInteractions>;
          model: ReturnType<typeof trainItemKnnModel>;
          parts: ModelParts;
          users: string[];
        }
      | undefined;
    const setup = (): NonNullable<typeof built> => {
      if (built !== undefined) return built;
      // The blend the POC file's validation chooses (weight 0.6, movielens.test.ts).
      const { data, model, parts } = trainPocUserModel(pocPath ?? '');
      const users = data.histories.userIds.filter((_, index) => index % 10 === 0);
      built = { data, model, parts, users };
      return built;
    };

    it('answers every 10th user (500 and 25 results, with and without the unwatched exclusion) as the catalogue scoring did', () => {
      const { data, model, parts, users } = setup();
      expect(data.histories.size).toBe(610);
      expect(users).toHaveLength(61);
      expect(parts.blend.userKnnWeight).toBe(0.6);
      let reachedEverywhere = 0;
      for (const userId of users) {
        const user = data.histories.indexOf(userId);
        const history = Array.from(data.histories.historyOf(user));
        const served = model.recommend({ userId, numResults: 500, extraHistory: [] });
        const expected = referenceAnswer(parts, history, 500, false, user);
        expect(served).toEqual(expected);
        if (served.length === 500 && (served.at(-1)?.score ?? 0) > 0) reachedEverywhere++;
        expect(model.recommendForUser(userId, 25, true)).toEqual(
          referenceAnswer(parts, history, 25, true, user),
        );
        expect(model.recommend({ userId, numResults: 25 })).toEqual(expected.slice(0, 25));
      }
      expect(reachedEverywhere).toBe(61);
    });

    it('answers a history with real-time events and a new user’s history as before, and a whole catalogue with the back-fill', () => {
      const { data, model, parts, users } = setup();
      const userId = users[3] ?? '';
      const user = data.histories.indexOf(userId);
      const extra = [data.itemIds[5] ?? '', data.itemIds[900] ?? '', data.itemIds[5] ?? ''];
      const history = [...Array.from(data.histories.historyOf(user)), 5, 900, 5];
      expect(model.recommend({ userId, numResults: 100, extraHistory: extra })).toEqual(
        referenceAnswer(parts, history, 100, false, user),
      );
      const newcomer = [17, 3, 250, 17];
      const catalogue = data.itemIds.length + 5;
      expect(
        model.recommendForItemIds(
          newcomer.map((item) => data.itemIds[item] ?? ''),
          catalogue,
        ),
      ).toEqual(referenceAnswer(parts, newcomer, catalogue, false, -1));
      expect(
        model.recommendForItemIds(
          newcomer.map((item) => data.itemIds[item] ?? ''),
          catalogue,
          true,
        ),
      ).toEqual(referenceAnswer(parts, newcomer, catalogue, true, -1));
    });
  },
);
