import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ItemIndex, UserHistoryIndex } from '../../dataprep/index.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import type { GuideView } from '../../../shared/guide.js';
import { userHistory } from './recommend-service.js';

const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');

describe.skipIf(interactions === undefined || items === undefined)(
  `a user's history counts the events sent ${interactions === undefined ? missingDataReason('personalize-poc-movielens-small') : ''}`,
  () => {
    it('historyCount is the file rows of user 429 plus the events sent for 429, the sent ones listed first', async () => {
      const rows = parse<Record<string, string>>(await readFile(interactions ?? '', 'utf8'), {
        columns: true,
      });
      const inFile = rows.filter((row) => row.USER_ID === '429').length;
      const view = { importedFiles: { interactions, items } } as unknown as GuideView;
      const source = { itemIndex: new ItemIndex() };
      const index = new UserHistoryIndex();
      const before = await userHistory(view, source, index, '429', 5, []);
      expect(before.historyCount).toBe(inFile);
      const after = await userHistory(view, source, index, '429', 5, [
        { userId: '429', itemId: '1', eventType: 'watch', timestamp: 2_000_000_000 },
        { userId: '429', itemId: '2', eventType: 'click', timestamp: 2_000_000_001 },
        { userId: 'someone-else', itemId: '3', eventType: 'watch', timestamp: 2_000_000_002 },
      ]);
      expect(after.historyCount).toBe(inFile + 2);
      expect(after.interactions.slice(0, 3).map((entry) => [entry.itemId, entry.source])).toEqual([
        ['2', 'event'],
        ['1', 'event'],
        [before.interactions[0]?.itemId, 'file'],
      ]);
      // Item 1 is Toy Story in item-meta.csv: the sent event carries the Items metadata.
      expect(after.interactions[1]?.metadata.GENRE).toBe(
        'Adventure|Animation|Children|Comedy|Fantasy',
      );
    }, 120_000);
  },
);
