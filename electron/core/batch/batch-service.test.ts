import { describe, expect, it } from 'vitest';
import type { GuideView } from '../../../shared/guide.js';
import { ItemIndex, UserHistoryIndex } from '../../dataprep/index.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { metadataJoiner } from '../recommendations/recommend-service.js';
import { TitlesFiles } from '../recommendations/titles-file.js';
import {
  batchFamilyOf,
  batchInputLines,
  markColdUsers,
  outputMetadata,
  parseBatchOutput,
  parseS3Uri,
} from './batch-service.js';

describe('batch input (SPEC §2.17)', () => {
  it('writes one JSON object per line for each recipe family, with filterValues on every line', () => {
    expect(batchInputLines('user', ['429', '1'])).toBe('{"userId":"429"}\n{"userId":"1"}\n');
    expect(batchInputLines('related', ['1'], [], { GENRE: '"Comedy"' })).toBe(
      '{"itemId":"1","filterValues":{"GENRE":"\\"Comedy\\""}}\n',
    );
    expect(batchInputLines('ranking', ['429'], ['1', '2'])).toBe(
      '{"userId":"429","itemList":["1","2"]}\n',
    );
    const line = JSON.parse(
      batchInputLines('user', ['7'], [], { GENRE: '"Comedy","Drama"' }).trim(),
    ) as {
      filterValues: Record<string, string>;
    };
    expect(line.filterValues.GENRE).toBe('"Comedy","Drama"');
  });

  it('refuses a ranking batch without the items to rank', () => {
    expect(() => batchInputLines('ranking', ['429'])).toThrow(/list of items to rank/u);
  });

  it('maps recipe types to input families', () => {
    expect(batchFamilyOf('RELATED_ITEMS')).toBe('related');
    expect(batchFamilyOf('PERSONALIZED_RANKING')).toBe('ranking');
    expect(batchFamilyOf('USER_PERSONALIZATION')).toBe('user');
    expect(batchFamilyOf(undefined)).toBe('user');
  });
});

describe('batch output', () => {
  it('parses recommendedItems with scores, ranked itemList, errors and lines that are not JSON', () => {
    const text = [
      '{"input":{"userId":"429"},"output":{"recommendedItems":["1","2"],"scores":[0.5,0.25]},"error":null}',
      '{"input":{"userId":"7","itemList":["3","4"]},"output":{"itemList":[{"itemId":"4","score":0.7},{"itemId":"3","score":0.3}]}}',
      '{"input":{"itemId":"x"},"output":{"recommendedItems":[]},"error":"Item x is not in the model"}',
      'not json',
      '',
    ].join('\n');
    const rows = parseBatchOutput(text);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      line: 1,
      key: '429',
      keyKind: 'user',
      input: '{"userId":"429"}',
      itemIds: ['1', '2'],
      scores: [0.5, 0.25],
    });
    expect(rows[1]).toMatchObject({
      key: '7',
      keyKind: 'user',
      itemIds: ['4', '3'],
      scores: [0.7, 0.3],
    });
    expect(rows[2]).toMatchObject({
      key: 'x',
      keyKind: 'item',
      itemIds: [],
      error: 'Item x is not in the model',
    });
    expect(rows[3]).toMatchObject({ line: 4, input: 'not json' });
    expect(rows[3]?.keyKind).toBeUndefined();
    expect(rows[3]?.error).toMatch(/^Not JSON/u);
  });

  it('splits s3:// paths and refuses others', () => {
    expect(parseS3Uri('s3://bucket/batch/job/output/')).toEqual({
      bucket: 'bucket',
      key: 'batch/job/output/',
    });
    expect(() => parseS3Uri('https://bucket/x')).toThrow(/not an s3:\/\/ path/u);
  });
});

describe('outputMetadata (names of a batch output)', () => {
  it('joins the POC Items file and movies.csv for every item of the output, leaving out unknown ids', async () => {
    const items = '/work/shared/data/personalize-poc-movielens-small/item-meta.csv';
    const view = { importedFiles: { items } } as unknown as GuideView;
    const metadataOf = await metadataJoiner(view, {
      itemIndex: new ItemIndex(),
      titles: new TitlesFiles(),
      titlesFile: {
        path: '/work/shared/data/movielens-latest-small/movies.csv',
        idColumn: 'movieId',
      },
    });
    const rows = parseBatchOutput(
      [
        '{"input":{"userId":"1"},"output":{"recommendedItems":["318","296","999999"],"scores":[0.5,0.25,0.125]},"error":null}',
        '{"input":{"itemId":"1"},"output":{"recommendedItems":["2"],"scores":[0.5]},"error":null}',
      ].join('\n'),
    );
    expect(outputMetadata(rows, metadataOf)).toEqual({
      '318': {
        title: 'Shawshank Redemption, The (1994)',
        genres: 'Crime|Drama',
        GENRE: 'Crime|Drama',
        YEAR: '1994',
      },
      '296': {
        title: 'Pulp Fiction (1994)',
        genres: 'Comedy|Crime|Drama|Thriller',
        GENRE: 'Comedy|Crime|Drama|Thriller',
        YEAR: '1994',
      },
      // The key of a related-items line is an item too.
      '1': {
        title: 'Toy Story (1995)',
        genres: 'Adventure|Animation|Children|Comedy|Fantasy',
        GENRE: 'Adventure|Animation|Children|Comedy|Fantasy',
        YEAR: '1995',
      },
      '2': {
        title: 'Jumanji (1995)',
        genres: 'Adventure|Children|Fantasy',
        GENRE: 'Adventure|Children|Fantasy',
        YEAR: '1995',
      },
    });
  });
});

const POC_INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const pocInteractions = sharedDataPath(POC_INTERACTIONS);

describe.skipIf(pocInteractions === undefined)(
  `markColdUsers on the POC interactions ${pocInteractions === undefined ? missingDataReason(POC_INTERACTIONS) : ''}`,
  () => {
    it('marks the lines of users the interactions file does not name, and no other line', async () => {
      const counts = await new UserHistoryIndex().load(pocInteractions ?? '');
      expect(counts.get('1')).toBeGreaterThan(0);
      const output = [
        { input: { userId: '1' }, output: { recommendedItems: ['260'], scores: [0.1] } },
        { input: { userId: 'new-customer-7' }, output: { recommendedItems: ['356', '318'] } },
        { input: { userId: 'new-customer-8' }, output: { recommendedItems: [] }, error: 'bad' },
        { input: { itemId: 'no-such-item' }, output: { recommendedItems: ['356'] } },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n');
      const rows = markColdUsers(parseBatchOutput(output), counts);
      expect(rows.map((row) => [row.key, row.fallback])).toEqual([
        ['1', undefined],
        ['new-customer-7', 'coldUser'],
        ['new-customer-8', undefined],
        ['no-such-item', undefined],
      ]);
    });
  },
);
