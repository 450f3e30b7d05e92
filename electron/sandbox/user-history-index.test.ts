/**
 * The runtime's per-user index built from the typed columns (user-history-index.ts) equals the
 * one built from per-row records (every interaction as an object, sorted by time, appended user
 * by user) on AWS's POC MovieLens interactions, with PutEvents records after the bulk rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { GroupData, type EventRecord } from './events-store.js';
import { InteractionTableBuilder, rowCount } from './recipes/interaction-table.js';
import { interactionRecordsOf, type DatasetRecords } from './store.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);

/** The file's rows as the import job stores them (typed columns). */
function bulkRecords(text: string, reversed = false): DatasetRecords {
  const builder = new InteractionTableBuilder();
  const [, ...lines] = text.trim().split('\n');
  if (reversed) lines.reverse();
  for (const line of lines) {
    const [userId = '', itemId = '', timestamp = '', eventType = ''] = line.split(',');
    builder.add(userId, itemId, Number(timestamp), eventType);
  }
  // PutEvents records (JSON beside the table): one earlier than the bulk rows of user 1, a
  // mixed-case event type, a new user, and a tie on time with the record before it.
  const events: EventRecord[] = [
    { userId: '1', itemId: '318', timestamp: 900_000_000, eventType: 'Watch', receivedAtMs: 5 },
    {
      userId: 'new-user',
      itemId: '1',
      timestamp: 1_700_000_000,
      eventType: 'click',
      receivedAtMs: 7,
    },
    { userId: '1', itemId: '2571', timestamp: 1_700_000_000, eventType: 'click', receivedAtMs: 6 },
  ];
  return { interactions: events, rows: [], table: builder.build() };
}

/** The index as it was built before: every row as a record, stably sorted by time. */
function fromRecords(records: DatasetRecords): GroupData {
  const data = new GroupData('group', new Map(), { datasets: {} });
  const ordered = interactionRecordsOf(records)
    .map((record, index) => ({ record, index }))
    .sort((a, b) => a.record.timestamp - b.record.timestamp || a.index - b.index)
    .map((entry) => entry.record);
  data.indexInteractions(ordered);
  return data;
}

function fromColumns(records: DatasetRecords): GroupData {
  const data = new GroupData('group', new Map(), { datasets: {} });
  data.indexDataset(records);
  return data;
}

/** Every user's lists and realtime items of both indexes side by side. */
function expectSameIndex(columns: GroupData, records: GroupData): void {
  const users = columns.interactions.userIds();
  expect([...users].sort()).toEqual([...records.interactions.userIds()].sort());
  for (const userId of users) {
    expect(columns.interactions.get(userId), userId).toEqual(records.interactions.get(userId));
    expect(columns.realtimeItems(userId, 0), userId).toEqual(records.realtimeItems(userId, 0));
  }
  expect(columns.catalogSize).toBe(records.catalogSize);
}

describe.skipIf(interactionsPath === undefined)(
  `per-user index from typed columns ${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    const records = bulkRecords(readFileSync(interactionsPath ?? '', 'utf8'));

    it('equals the index built from records on the POC interactions (610 users + 1, 9,719 items)', () => {
      const table = records.table;
      if (table === undefined) throw new Error('no table');
      expect(rowCount(table)).toBe(158_371);
      const columns = fromColumns(records);
      const old = fromRecords(records);
      expectSameIndex(columns, old);
      expect(columns.interactions.userIds()).toHaveLength(611);
      expect(columns.catalogSize).toBe(table.itemIds.length);
      const total = columns.interactions
        .userIds()
        .reduce(
          (sum, userId) =>
            sum +
            [...(columns.interactions.get(userId)?.values() ?? [])].reduce(
              (count, items) => count + items.length,
              0,
            ),
          0,
        );
      expect(total).toBe(158_371 + 3);
      // User 1's earliest interaction is the PutEvents record dated before the bulk rows.
      expect(columns.interactions.get('1')?.get('watch')?.[0]).toBe('318');
      expect(columns.realtimeItems('1', 0)).toEqual(['318', '2571']);
      expect(columns.interactions.get('no-such-user')).toBeUndefined();
    });

    it('equals it with the rows in reverse order (every user sorted by time, ties in table order)', () => {
      const reversed = bulkRecords(readFileSync(interactionsPath ?? '', 'utf8'), true);
      const columns = fromColumns(reversed);
      expectSameIndex(columns, fromRecords(reversed));
      // Oldest first whatever the table's order: the same lists as the file in time order, up to
      // the order of rows with the same time.
      const watched = (data: GroupData): string[] =>
        [...(data.interactions.get('429')?.get('watch') ?? [])].sort();
      expect(watched(columns)).toEqual(watched(fromColumns(records)));
    });

    it('stays equal once PutEvents records are appended to both', () => {
      const columns = fromColumns(records);
      const old = fromRecords(records);
      const appended: EventRecord[] = [
        { userId: '1', itemId: '1', timestamp: 1_800_000_000, eventType: 'WATCH', receivedAtMs: 9 },
        { userId: 'later', itemId: 'x', timestamp: 1_800_000_001, receivedAtMs: 10 },
      ];
      columns.indexInteractions(appended);
      old.indexInteractions(appended);
      expectSameIndex(columns, old);
      expect(columns.interactions.get('1')?.get('watch')?.at(-1)).toBe('1');
      expect(columns.interactions.get('later')).toEqual(new Map([['', ['x']]]));
    });
  },
);
