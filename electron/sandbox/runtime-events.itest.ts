/**
 * Runtime and events through the real AWS SDK clients against a started sandbox, on the POC
 * MovieLens files (SPEC §3, §8.3): filters applied by GetRecommendations and
 * GetPersonalizedRanking, metadataColumns, promotions, the recipe type's rules, and PutEvents /
 * PutItems / PutUsers changing filters and the next recommendations at once, with invalid calls
 * changing nothing.
 */
import { CreateCampaignCommand, DescribeCampaignCommand } from '@aws-sdk/client-personalize';
import {
  InvalidInputException as EventsInvalidInput,
  PersonalizeEventsClient,
  PersonalizeEventsServiceException,
  PutEventsCommand,
  PutItemsCommand,
  PutUsersCommand,
  ResourceNotFoundException as EventsNotFound,
} from '@aws-sdk/client-personalize-events';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  InvalidInputException,
  PersonalizeRuntimeServiceException,
  ResourceNotFoundException,
  type GetRecommendationsCommandInput,
} from '@aws-sdk/client-personalize-runtime';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { CREATE_TRANSIENT, pollStatus } from './test-support/clients.js';
import {
  createActiveFilter,
  createActiveTracker,
  createPocGroup,
  deploy,
  trainVersion,
  type PocGroup,
} from './test-support/poc-group.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);
const missing = interactionsPath === undefined || itemsPath === undefined;

const caught = caughtAs(PersonalizeRuntimeServiceException);
const caughtEvents = caughtAs(PersonalizeEventsServiceException);
const shared = useSharedSandbox();

let group: PocGroup;
let personalization = '';
let sims = '';
let ranking = '';
let genreFilter = '';
let unwatched = '';
let trackingId = '';
let events: PersonalizeEventsClient;
/** Genres by item id, from the items file. */
const genres = new Map<string, string[]>();
/** Watched items per user, from the interactions file. */
const watched = new Map<string, Set<string>>();
/** A user with 20..60 watch events (all inside the 100-interaction window). */
let viewer = '';

async function recommend(
  input: Omit<GetRecommendationsCommandInput, 'campaignArn'> & { campaignArn?: string },
) {
  const { itemList = [] } = await shared.clients.runtime.send(
    new GetRecommendationsCommand({ campaignArn: personalization, ...input }),
  );
  return itemList;
}

describe.skipIf(missing)(
  `runtime and events through the AWS SDK ${missing ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    beforeAll(async () => {
      const rows = parse<Record<string, string>>(readFileSync(interactionsPath ?? ''), {
        columns: true,
      });
      for (const row of rows) {
        if (row.EVENT_TYPE !== 'watch') continue;
        const set = watched.get(row.USER_ID ?? '') ?? new Set<string>();
        set.add(row.ITEM_ID ?? '');
        watched.set(row.USER_ID ?? '', set);
      }
      viewer =
        [...watched.entries()].find(([, items]) => items.size >= 20 && items.size <= 60)?.[0] ?? '';
      const items = parse<Record<string, string>>(readFileSync(itemsPath ?? ''), { columns: true });
      for (const row of items) genres.set(row.ITEM_ID ?? '', (row.GENRE ?? '').split('|'));
      const clients = shared.clients;
      group = await createPocGroup(clients, 'runtime-poc', {
        interactions: interactionsPath ?? '',
        items: itemsPath ?? '',
      });
      const [upVersion, simsVersion, rankingVersion] = await Promise.all([
        trainVersion(clients, group.datasetGroupArn, 'aws-user-personalization'),
        trainVersion(clients, group.datasetGroupArn, 'aws-sims'),
        trainVersion(clients, group.datasetGroupArn, 'aws-personalized-ranking'),
      ]);
      [personalization, sims, ranking] = await Promise.all([
        deploy(clients, 'runtime-up', upVersion),
        deploy(clients, 'runtime-sims', simsVersion),
        deploy(clients, 'runtime-ranking', rankingVersion),
      ]);
      genreFilter = await createActiveFilter(
        clients,
        group.datasetGroupArn,
        'genre',
        'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
      );
      unwatched = await createActiveFilter(
        clients,
        group.datasetGroupArn,
        'unwatched',
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("WATCH")',
      );
      trackingId = await createActiveTracker(clients, group.datasetGroupArn, 'runtime-tracker');
      events = new PersonalizeEventsClient({
        region: 'us-east-1',
        endpoint: shared.sandbox.endpoint,
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      });
    });

    it('INCLUDE Items.GENRE IN ($GENRE) with "Comedy": 25 items, each with Comedy in its genres (metadata returned)', async () => {
      const itemList = await recommend({
        userId: viewer,
        filterArn: genreFilter,
        filterValues: { GENRE: '"Comedy"' },
        metadataColumns: { ITEMS: ['GENRE', 'YEAR'] },
      });
      expect(itemList).toHaveLength(25);
      for (const item of itemList) {
        expect(item.metadata?.GENRE?.split('|')).toContain('Comedy');
        expect(item.metadata?.GENRE).toBe(genres.get(item.itemId ?? '')?.join('|'));
        expect(item.metadata?.YEAR).toMatch(/^\d{4}/u);
      }
      const two = await recommend({
        userId: viewer,
        filterArn: genreFilter,
        filterValues: { GENRE: '"Horror","Documentary"' },
        numResults: 10,
      });
      for (const item of two)
        expect(
          genres.get(item.itemId ?? '')?.some((g) => g === 'Horror' || g === 'Documentary'),
        ).toBe(true);
      // Values are exact: lower-case "comedy" matches no item.
      expect(
        await recommend({
          userId: viewer,
          filterArn: genreFilter,
          filterValues: { GENRE: '"comedy"' },
        }),
      ).toEqual([]);
    });

    it('Interactions filters (event type matched case-insensitively): INCLUDE gives exactly the watched items, EXCLUDE removes them and still fills numResults', async () => {
      const seen = watched.get(viewer) ?? new Set();
      const unfiltered = await recommend({ userId: viewer, numResults: 500 });
      const watchedOnly = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'watched-only',
        'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("Watch")',
      );
      const history = await recommend({ userId: viewer, filterArn: watchedOnly, numResults: 100 });
      expect(history.map((item) => item.itemId).sort()).toEqual([...seen].sort());
      const itemList = await recommend({ userId: viewer, filterArn: unwatched, numResults: 100 });
      expect(itemList).toHaveLength(100);
      expect(itemList.filter((item) => seen.has(item.itemId ?? ''))).toEqual([]);
      // Kept items stay in the model's order.
      const order = unfiltered.map((item) => item.itemId).filter((id) => !seen.has(id ?? ''));
      expect(itemList.slice(0, order.length).map((item) => item.itemId)).toEqual(
        order.slice(0, itemList.length),
      );
    });

    it('unknown filter or campaign → ResourceNotFoundException (404); filter errors → InvalidInputException', async () => {
      const unknownFilter = await caught(
        recommend({
          userId: viewer,
          filterArn: `${genreFilter}-nope`,
          filterValues: { GENRE: '"x"' },
        }),
      );
      expect(unknownFilter).toBeInstanceOf(ResourceNotFoundException);
      expect(unknownFilter.$metadata.httpStatusCode).toBe(404);
      const unknownCampaign = await caught(
        recommend({ campaignArn: `${personalization}-nope`, userId: viewer }),
      );
      expect(unknownCampaign).toBeInstanceOf(ResourceNotFoundException);
      const missingValue = await caught(recommend({ userId: viewer, filterArn: genreFilter }));
      expect(missingValue).toBeInstanceOf(InvalidInputException);
      expect(missingValue.message).toMatch(/\$GENRE/u);
      const valuesAlone = await caught(
        recommend({ userId: viewer, filterValues: { GENRE: '"x"' } }),
      );
      expect(valuesAlone).toBeInstanceOf(InvalidInputException);
      const emptySegment = await caught(
        recommend({ userId: viewer, filterArn: genreFilter, filterValues: { GENRE: '"a",,"b"' } }),
      );
      expect(emptySegment).toBeInstanceOf(InvalidInputException);
      const users = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'segment-only',
        'INCLUDE UserID WHERE Interactions.EVENT_TYPE IN ("watch")',
      );
      const subject = await caught(recommend({ userId: viewer, filterArn: users }));
      expect(subject).toBeInstanceOf(InvalidInputException);
      expect(subject.message).toMatch(/UserID/u);
    });

    it('numResults 1..500 (50 with metadataColumns), default 25; metadata needs a known column', async () => {
      expect(await recommend({ userId: viewer })).toHaveLength(25);
      expect(await recommend({ userId: viewer, numResults: 500 })).toHaveLength(500);
      expect(await caught(recommend({ userId: viewer, numResults: 501 }))).toBeInstanceOf(
        InvalidInputException,
      );
      expect(
        await caught(
          recommend({ userId: viewer, numResults: 51, metadataColumns: { ITEMS: ['GENRE'] } }),
        ),
      ).toBeInstanceOf(InvalidInputException);
      const unknownColumn = await caught(
        recommend({ userId: viewer, metadataColumns: { ITEMS: ['TITLE'] } }),
      );
      expect(unknownColumn.message).toMatch(/no column TITLE/u);
      expect(await caught(recommend({}))).toBeInstanceOf(InvalidInputException);
    });

    it('metadataColumns on a campaign without enableMetadataWithRecommendations → InvalidInputException', async () => {
      const { personalize } = shared.clients;
      const { campaign } = await personalize.send(
        new DescribeCampaignCommand({ campaignArn: sims }),
      );
      const { campaignArn = '' } = await personalize.send(
        new CreateCampaignCommand({
          name: 'runtime-sims-plain',
          solutionVersionArn: campaign?.solutionVersionArn ?? '',
          minProvisionedTPS: 1,
        }),
      );
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
        CREATE_TRANSIENT,
      );
      const error = await caught(
        recommend({ campaignArn, itemId: '1', metadataColumns: { ITEMS: ['GENRE'] } }),
      );
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toMatch(/enableMetadataWithRecommendations/u);
      expect(await recommend({ campaignArn, itemId: '1', numResults: 3 })).toHaveLength(3);
    });

    it('CurrentItem works with related items only: SIMS neighbours of Toy Story share a genre with it', async () => {
      const sameGenre = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'same-genre',
        'INCLUDE ItemID WHERE Items.GENRE IN CurrentItem.GENRE',
      );
      const itemList = await recommend({
        campaignArn: sims,
        itemId: '1',
        filterArn: sameGenre,
        numResults: 20,
      });
      expect(itemList).toHaveLength(20);
      const toyStory = new Set(genres.get('1'));
      for (const item of itemList)
        expect(genres.get(item.itemId ?? '')?.some((g) => toyStory.has(g))).toBe(true);
      const elsewhere = await caught(recommend({ userId: viewer, filterArn: sameGenre }));
      expect(elsewhere).toBeInstanceOf(InvalidInputException);
      expect(elsewhere.message).toMatch(/related-items/u);
    });

    it('promotions: the promoted share comes from the promotion filter and carries promotionName', async () => {
      const itemList = await recommend({
        userId: viewer,
        numResults: 10,
        filterArn: unwatched,
        promotions: [
          {
            name: 'comedy-push',
            percentPromotedItems: 30,
            filterArn: genreFilter,
            filterValues: { GENRE: '"Comedy"' },
          },
        ],
      });
      expect(itemList).toHaveLength(10);
      const promoted = itemList.filter((item) => item.promotionName === 'comedy-push');
      expect(promoted).toHaveLength(3);
      for (const item of promoted) expect(genres.get(item.itemId ?? '')).toContain('Comedy');
      const seen = watched.get(viewer) ?? new Set();
      for (const item of itemList.filter((entry) => entry.promotionName === undefined))
        expect(seen.has(item.itemId ?? '')).toBe(false);
    });

    it('GetPersonalizedRanking: a permutation of inputList minus the filtered items, unknown items last', async () => {
      const inputList = ['1', '2', '3', '260', '296', '318', 'not-a-film'];
      const { personalizedRanking = [] } = await shared.clients.runtime.send(
        new GetPersonalizedRankingCommand({ campaignArn: ranking, userId: viewer, inputList }),
      );
      expect(personalizedRanking.map((item) => item.itemId).sort()).toEqual([...inputList].sort());
      expect(personalizedRanking[personalizedRanking.length - 1]?.itemId).toBe('not-a-film');
      const filtered = await shared.clients.runtime.send(
        new GetPersonalizedRankingCommand({
          campaignArn: ranking,
          userId: viewer,
          inputList,
          filterArn: genreFilter,
          filterValues: { GENRE: '"Comedy"' },
          metadataColumns: { ITEMS: ['GENRE'] },
        }),
      );
      const comedies = inputList.filter((id) => genres.get(id)?.includes('Comedy'));
      expect(filtered.personalizedRanking?.map((item) => item.itemId).sort()).toEqual(
        comedies.sort(),
      );
      expect(filtered.personalizedRanking?.map((item) => item.itemId)).toEqual(
        personalizedRanking.map((item) => item.itemId).filter((id) => comedies.includes(id ?? '')),
      );
      const tooMany = await caught(
        shared.clients.runtime.send(
          new GetPersonalizedRankingCommand({
            campaignArn: ranking,
            userId: viewer,
            inputList: Array.from({ length: 51 }, (_, i) => String(i + 1)),
            metadataColumns: { ITEMS: ['GENRE'] },
          }),
        ),
      );
      expect(tooMany).toBeInstanceOf(InvalidInputException);
    });

    it('GetPersonalizedRanking: a repeated id is ranked once, as if listed once; ids not in the training data follow in input order without a score', async () => {
      const ask = async (inputList: string[]) =>
        (
          await shared.clients.runtime.send(
            new GetPersonalizedRankingCommand({ campaignArn: ranking, userId: viewer, inputList }),
          )
        ).personalizedRanking ?? [];
      const once = await ask(['1', '2', '3', '260', 'not-a-film', 'also-new']);
      const repeated = await ask([
        '1',
        '2',
        '1',
        '3',
        '260',
        'not-a-film',
        '2',
        'also-new',
        'not-a-film',
      ]);
      expect(repeated).toEqual(once);
      expect(repeated.map((item) => item.itemId)).toHaveLength(6);
      expect(repeated.slice(4)).toEqual([{ itemId: 'not-a-film' }, { itemId: 'also-new' }]);
      const scores = repeated.slice(0, 4).map((item) => item.score ?? 0);
      for (const score of scores) expect(score).toBeGreaterThan(0);
      expect(scores.reduce((sum, score) => sum + score, 0)).toBeCloseTo(1, 9);
    });

    it('PutEvents: a watched item disappears at once under the unwatched filter; a new user gets history-based recommendations', async () => {
      const before = await recommend({ userId: viewer, filterArn: unwatched, numResults: 10 });
      const top = before[0]?.itemId ?? '';
      expect(top).not.toBe('');
      await events.send(
        new PutEventsCommand({
          trackingId,
          userId: viewer,
          sessionId: 'session-1',
          eventList: [{ eventType: 'watch', itemId: top, sentAt: new Date() }],
        }),
      );
      const after = await recommend({ userId: viewer, filterArn: unwatched, numResults: 10 });
      expect(after.map((item) => item.itemId)).not.toContain(top);
      expect(after).toHaveLength(10);

      const coldBefore = await recommend({ userId: 'brand-new-user', numResults: 10 });
      await events.send(
        new PutEventsCommand({
          trackingId,
          userId: 'brand-new-user',
          sessionId: 'session-2',
          eventList: ['1', '2355', '3114'].map((itemId, index) => ({
            eventType: 'click',
            sentAt: new Date(Date.now() + index * 1000),
            properties: JSON.stringify({ itemId }),
          })),
        }),
      );
      const coldAfter = await recommend({ userId: 'brand-new-user', numResults: 10 });
      expect(coldAfter.map((item) => item.itemId)).not.toEqual(
        coldBefore.map((item) => item.itemId),
      );
      const clickedFilter = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'clicked',
        'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($TYPE)',
      );
      const clicked = await recommend({
        userId: 'brand-new-user',
        filterArn: clickedFilter,
        filterValues: { TYPE: '"CLICK"' },
      });
      expect(clicked.map((item) => item.itemId).sort()).toEqual(['1', '2355', '3114'].sort());
    });

    it('PutEvents with an invalid event applies nothing; unknown tracking id → InvalidInputException', async () => {
      const clean = await recommend({ userId: viewer, filterArn: unwatched, numResults: 5 });
      const first = clean[0]?.itemId ?? '';
      const send = (
        eventList: { eventType: string; sentAt: Date; itemId?: string; properties?: string }[],
        id = trackingId,
      ) =>
        events.send(
          new PutEventsCommand({
            trackingId: id,
            userId: viewer,
            sessionId: 'session-1',
            eventList,
          }),
        );
      const cases: [Parameters<typeof send>[0], RegExp][] = [
        [
          [
            { eventType: 'watch', itemId: first, sentAt: new Date() },
            { eventType: 'watch', sentAt: new Date() },
          ],
          /no itemId/u,
        ],
        [
          [
            { eventType: 'watch', itemId: first, sentAt: new Date() },
            { eventType: 'watch', itemId: 'x', sentAt: new Date(), properties: 'not json' },
          ],
          /not valid JSON/u,
        ],
        [
          [
            { eventType: 'watch', itemId: first, sentAt: new Date() },
            { eventType: 'watch', itemId: 'x', sentAt: new Date(), properties: '{"userId": "u"}' },
          ],
          /may not contain userId/u,
        ],
        [
          [
            { eventType: 'watch', itemId: first, sentAt: new Date() },
            {
              eventType: 'watch',
              itemId: 'x',
              sentAt: new Date(),
              properties: '{"device": "phone"}',
            },
          ],
          /maps to no column/u,
        ],
        [
          Array.from({ length: 11 }, () => ({
            eventType: 'watch',
            itemId: first,
            sentAt: new Date(),
          })),
          /eventList/u,
        ],
      ];
      for (const [eventList, message] of cases) {
        const error = await caughtEvents(send(eventList));
        expect(error).toBeInstanceOf(EventsInvalidInput);
        expect(error.message).toMatch(message);
      }
      const unknown = await caughtEvents(
        send([{ eventType: 'watch', itemId: first, sentAt: new Date() }], 'no-such-tracker'),
      );
      expect(unknown).toBeInstanceOf(EventsInvalidInput);
      expect(
        (await recommend({ userId: viewer, filterArn: unwatched, numResults: 5 })).map(
          (item) => item.itemId,
        ),
      ).toEqual(clean.map((item) => item.itemId));
    });

    it('PutItems changes item metadata for filters and metadataColumns at once; PutUsers feeds IF CurrentUser', async () => {
      // Asked before PutItems too: what the filter let through then must not be served after.
      expect(
        await recommend({
          userId: viewer,
          filterArn: genreFilter,
          filterValues: { GENRE: '"Sandbox-Genre"' },
        }),
      ).toEqual([]);
      await events.send(
        new PutItemsCommand({
          datasetArn: group.itemsDatasetArn,
          items: [
            { itemId: '2', properties: JSON.stringify({ genre: 'Sandbox-Genre', year: '1995' }) },
          ],
        }),
      );
      const itemList = await recommend({
        userId: viewer,
        filterArn: genreFilter,
        filterValues: { GENRE: '"Sandbox-Genre"' },
        metadataColumns: { ITEMS: ['GENRE'] },
      });
      expect(itemList).toEqual([
        expect.objectContaining({ itemId: '2', metadata: { GENRE: 'Sandbox-Genre' } }),
      ]);
      const wrongType = await caughtEvents(
        events.send(
          new PutItemsCommand({
            datasetArn: group.usersDatasetArn,
            items: [{ itemId: '2', properties: '{}' }],
          }),
        ),
      );
      expect(wrongType).toBeInstanceOf(EventsInvalidInput);
      const unknown = await caughtEvents(
        events.send(
          new PutItemsCommand({
            datasetArn: `${group.itemsDatasetArn}-nope`,
            items: [{ itemId: '2' }],
          }),
        ),
      );
      expect(unknown).toBeInstanceOf(EventsNotFound);
      const badValue = await caughtEvents(
        events.send(
          new PutUsersCommand({
            datasetArn: group.usersDatasetArn,
            users: [{ userId: 'kid', properties: '{"age": "twelve"}' }],
          }),
        ),
      );
      expect(badValue.message).toMatch(/must be an integer/u);

      const adultsOnly = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'no-horror-for-kids',
        'EXCLUDE ItemID WHERE Items.GENRE IN ("Horror") IF CurrentUser.AGE < 18',
      );
      await events.send(
        new PutUsersCommand({
          datasetArn: group.usersDatasetArn,
          users: [
            { userId: viewer, properties: JSON.stringify({ age: 12, membership: 'free' }) },
            { userId: '1', properties: JSON.stringify({ age: 40 }) },
          ],
        }),
      );
      const horror = await createActiveFilter(
        shared.clients,
        group.datasetGroupArn,
        'horror',
        'INCLUDE ItemID WHERE Items.GENRE IN ("Horror")',
      );
      const horrorForAdult = await recommend({ userId: '1', filterArn: horror, numResults: 5 });
      expect(horrorForAdult).toHaveLength(5);
      const adult = await recommend({ userId: '1', filterArn: adultsOnly, numResults: 200 });
      expect(adult.some((item) => genres.get(item.itemId ?? '')?.includes('Horror'))).toBe(true);
      const kid = await recommend({ userId: viewer, filterArn: adultsOnly, numResults: 200 });
      expect(kid).toHaveLength(200);
      expect(kid.filter((item) => genres.get(item.itemId ?? '')?.includes('Horror'))).toEqual([]);
    });
  },
);
