import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ItemIndex, UserHistoryIndex } from '../../dataprep/index.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import type { GuideView } from '../../../shared/guide.js';
import { gunzipSync } from 'node:zlib';
import { dryRunInteractions, explainFilter, importedEventTypes } from './filters-service.js';

const RETAIL = new URL('../../../samples/online-retail-uci/interactions.csv.gz', import.meta.url)
  .pathname;

describe('the imported event types for the filter lint and templates', () => {
  it("counts the online-retail sample's one event type, and adds the sent events case-insensitively", async () => {
    const rows = parse<Record<string, string>>(gunzipSync(await readFile(RETAIL)), {
      columns: true,
    });
    const view = { importedFiles: { interactions: RETAIL } } as unknown as GuideView;
    const index = new UserHistoryIndex();
    expect(await importedEventTypes(view, index, [])).toEqual([
      { value: 'purchase', count: rows.length },
    ]);
    expect(
      await importedEventTypes(view, index, [
        { userId: '17850', itemId: '85123A', eventType: 'Purchase', timestamp: 2_000_000_000 },
        { userId: '17850', itemId: '85123A', eventType: 'click', timestamp: 2_000_000_001 },
      ]),
    ).toEqual([
      { value: 'purchase', count: rows.length + 1 },
      { value: 'click', count: 1 },
    ]);
    // Nothing imported: no event types to warn about.
    expect(
      await importedEventTypes({ importedFiles: {} } as unknown as GuideView, index, []),
    ).toBeUndefined();
  }, 120_000);
});

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

    it('reads every interaction of a user from the cached index, as the per-request DuckDB scan did, and explains the top items', async () => {
      const index = new UserHistoryIndex();
      for (const userId of ['429', '414', '1', 'no-such-user-xyz']) {
        const count = await index.count(interactions ?? '', userId);
        const scanned =
          count === 0 ? [] : (await index.history(interactions ?? '', userId, count)).interactions;
        const indexed = await index.allInteractions(interactions ?? '', userId);
        expect(indexed.length, userId).toBe(count);
        expect(indexed, userId).toEqual(
          scanned.map(({ itemId, timestamp, eventType }) => ({ itemId, timestamp, eventType })),
        );
      }
      // User 414 (the heaviest), genre and unwatched: every verdict checked against the files.
      const metadata = await new ItemIndex().load(items ?? '');
      const rows = parse<Record<string, string>>(await readFile(interactions ?? '', 'utf8'), {
        columns: true,
      });
      const history = await dryRunInteractions(view, index, '414', []);
      expect(history).toHaveLength(rows.filter((row) => row.USER_ID === '414').length);
      const verdict = explainFilter(
        'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
        { GENRE: '"Comedy"' },
        (itemId) => metadata.get(itemId),
        history,
      );
      const recentWatches = new Set(
        rows
          .filter((row) => row.USER_ID === '414' && row.EVENT_TYPE === 'watch')
          .sort(
            (a, b) =>
              Number(b.TIMESTAMP) - Number(a.TIMESTAMP) ||
              (a.ITEM_ID ?? '').localeCompare(b.ITEM_ID ?? ''),
          )
          .slice(0, 100)
          .map((row) => row.ITEM_ID),
      );
      let kept = 0;
      for (const [itemId, row] of metadata) {
        const isComedy = (row.GENRE ?? '').split('|').includes('Comedy');
        const expected = !isComedy || recentWatches.has(itemId);
        expect(verdict(itemId).removed, itemId).toBe(expected);
        if (!expected) kept += 1;
      }
      // 3,756 comedies, less those among the 100 most recent watches of user 414.
      expect(kept).toBe(
        3756 -
          [...recentWatches].filter((id) =>
            (metadata.get(id ?? '')?.GENRE ?? '').split('|').includes('Comedy'),
          ).length,
      );
    }, 120_000);

    it('refuses an expression the shared parser rejects, with its position', () => {
      expect(() =>
        explainFilter('EXCLUDE ItemID WHERE Items.GENRE NOT IN ($GENRE)', {}, () => undefined, []),
      ).toThrow(/not valid at \d+/u);
    });
  },
);
