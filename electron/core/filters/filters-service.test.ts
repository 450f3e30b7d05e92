import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ItemIndex, UserHistoryIndex } from '../../dataprep/index.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import type { GuideView } from '../../../shared/guide.js';
import { dryRunInteractions, explainFilter } from './filters-service.js';

const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');

describe.skipIf(interactions === undefined || items === undefined)(
  `the filter dry run on the POC MovieLens files ${interactions === undefined ? missingDataReason('personalize-poc-movielens-small') : ''}`,
  () => {
    const view = { importedFiles: { interactions, items } } as unknown as GuideView;

    it('keeps exactly the Comedy items under the genre filter, naming the deciding expression', async () => {
      const metadata = await new ItemIndex().load(items ?? '');
      const verdict = explainFilter(
        'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
        { GENRE: '"Comedy"' },
        (itemId) => metadata.get(itemId),
        [],
      );
      let comedies = 0;
      for (const [itemId, row] of metadata) {
        const isComedy = (row.GENRE ?? '').split('|').includes('Comedy');
        if (isComedy) comedies += 1;
        expect(verdict(itemId).removed, itemId).toBe(!isComedy);
      }
      // Counted independently in item-meta.csv: 3,756 of 9,742 items list Comedy.
      expect(comedies).toBe(3756);
      expect(verdict('1')).toEqual({
        removed: false,
        reason: 'Kept: matches INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
      });
      expect(verdict('2').reason).toBe(
        'Removed: matches no INCLUDE expression (INCLUDE ItemID WHERE Items.GENRE IN ($GENRE))',
      );
    }, 120_000);

    it('removes what user 429 watched under "unwatched", and an event sent as watched too', async () => {
      const rows = parse<Record<string, string>>(await readFile(interactions ?? '', 'utf8'), {
        columns: true,
      });
      const watched = rows.filter((row) => row.USER_ID === '429' && row.EVENT_TYPE === 'watch');
      const clickedOnly = rows.find(
        (row) =>
          row.USER_ID === '429' &&
          row.EVENT_TYPE === 'click' &&
          !watched.some((entry) => entry.ITEM_ID === row.ITEM_ID),
      )?.ITEM_ID;
      expect(clickedOnly).toBeDefined();
      const history = await dryRunInteractions(view, new UserHistoryIndex(), '429', [
        { userId: '429', itemId: '999999', eventType: 'Watch', timestamp: 2_000_000_000 },
        { userId: 'someone-else', itemId: '888888', eventType: 'watch', timestamp: 2_000_000_000 },
      ]);
      const verdict = explainFilter(
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
        {},
        () => undefined,
        history,
      );
      // The filter looks at the 100 most recent watches (SPEC §8.2 rule 9): the sent one is the newest.
      const recentWatches = [...watched]
        .sort((a, b) => Number(b.TIMESTAMP) - Number(a.TIMESTAMP))
        .slice(0, 99);
      for (const row of recentWatches) expect(verdict(row.ITEM_ID ?? '').removed).toBe(true);
      expect(verdict('999999')).toEqual({
        removed: true,
        reason: 'Removed: matches EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
      });
      expect(verdict('888888').removed).toBe(false);
      expect(verdict(clickedOnly ?? '').removed).toBe(false);
    }, 120_000);

    it('refuses an expression the shared parser rejects, with its position', () => {
      expect(() =>
        explainFilter('EXCLUDE ItemID WHERE Items.GENRE NOT IN ($GENRE)', {}, () => undefined, []),
      ).toThrow(/not valid at \d+/u);
    });
  },
);
