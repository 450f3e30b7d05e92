import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { mostActiveUsers, pickUserShortcuts, UserHistoryIndex } from './user-history.js';

const MOVIELENS = 'personalize-poc-movielens-small/interactions.csv';
/** The bundled sample (in the repository, not under ../shared/data). */
const RETAIL = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../samples/online-retail-uci/interactions.csv.gz',
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'user-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV = 'USER_ID,ITEM_ID,TIMESTAMP\n1,a,10\n1,b,11\n"2",c,12\n1,c,13\n';

describe('UserHistoryIndex', () => {
  it('counts the interactions of each user (plain and gzipped files), 0 for an unknown user', async () => {
    const plain = path.join(dir, 'interactions.csv');
    const gz = path.join(dir, 'interactions.csv.gz');
    await writeFile(plain, CSV);
    await writeFile(gz, gzipSync(CSV));
    const index = new UserHistoryIndex();
    for (const file of [plain, gz]) {
      expect(await index.count(file, '1')).toBe(3);
      expect(await index.count(file, '2')).toBe(1);
      expect(await index.count(file, 'no-such-user-xyz')).toBe(0);
    }
  });

  it('reads the file once, and again when it changes', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, CSV);
    const index = new UserHistoryIndex();
    const first = await index.load(file);
    expect(await index.load(file)).toBe(first);
    await writeFile(file, 'user_id,ITEM_ID\n9,a\n');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    expect(await index.count(file, '9')).toBe(1);
    expect(await index.count(file, '1')).toBe(0);
  });

  it('rejects a file without USER_ID with data.invalid, a missing file with file.notFound, a folder with file.unreadable', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, 'ITEM_ID,TIMESTAMP\na,1\n');
    const index = new UserHistoryIndex();
    await expect(index.count(file, '1')).rejects.toMatchObject({
      code: 'data.invalid',
      message: `${file} has no USER_ID column.`,
    });
    await expect(index.count(path.join(dir, 'gone.csv'), '1')).rejects.toMatchObject({
      code: 'file.notFound',
      message: `Interactions file ${path.join(dir, 'gone.csv')} does not exist. Check the path or pick the file again.`,
    });
    await expect(index.count(dir, '1')).rejects.toMatchObject({ code: 'file.unreadable' });
  });

  it('skips empty user ids and has no users in an empty or header-only file', async () => {
    const file = path.join(dir, 'gaps.csv');
    await writeFile(file, 'USER_ID,ITEM_ID\n,a\n1,b\n');
    const index = new UserHistoryIndex();
    expect([...(await index.load(file))]).toEqual([['1', 1]]);
    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect((await index.load(empty)).size).toBe(0);
    const headerOnly = path.join(dir, 'header.csv');
    await writeFile(headerOnly, 'USER_ID,ITEM_ID,TIMESTAMP\n');
    expect((await index.load(headerOnly)).size).toBe(0);
  });

  const movielens = sharedDataPath(MOVIELENS);
  it.skipIf(movielens === undefined)(
    `counts MovieLens users ${movielens === undefined ? missingDataReason(MOVIELENS) : ''}`,
    async () => {
      const counts = await new UserHistoryIndex().load(movielens ?? '');
      expect(counts.size).toBe(610);
      expect([...counts.values()].reduce((sum, n) => sum + n, 0)).toBe(158_371);
      expect(counts.get('414')).toBe(4116);
      expect(counts.get('442')).toBe(9);
    },
  );

  it('counts the users of the bundled online-retail sample (gzipped)', async () => {
    const index = new UserHistoryIndex();
    const counts = await index.load(RETAIL);
    expect(counts.size).toBe(4334);
    expect([...counts.values()].reduce((sum, n) => sum + n, 0)).toBe(396_337);
    expect(await index.count(RETAIL, '17841')).toBe(7838);
    expect(await index.count(RETAIL, '12346')).toBe(1);
  });
});

describe('UserHistoryIndex.history', () => {
  it('lists the most recent interactions first, with event types, ties by item id', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(
      file,
      'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n1,a,10,click,\n1,b,12,watch,2.5\n2,c,12,click,\n1,c,12,click,1\n1,d,,click,\n',
    );
    const history = await new UserHistoryIndex().history(file, '1', 3);
    expect(history).toEqual({
      userId: '1',
      historyCount: 4,
      interactions: [
        { itemId: 'b', timestamp: 12, eventType: 'watch', eventValue: 2.5 },
        { itemId: 'c', timestamp: 12, eventType: 'click', eventValue: 1 },
        { itemId: 'a', timestamp: 10, eventType: 'click' },
      ],
    });
  });

  it('reads a file without TIMESTAMP backwards, and has no history for an unknown user', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, 'user_id,item_id\n1,a\n1,b\n1,c\n');
    const index = new UserHistoryIndex();
    expect((await index.history(file, '1', 2)).interactions).toEqual([
      { itemId: 'c' },
      { itemId: 'b' },
    ]);
    expect(await index.history(file, 'nobody')).toEqual({
      userId: 'nobody',
      historyCount: 0,
      interactions: [],
    });
  });

  const movielens = sharedDataPath(MOVIELENS);
  it.skipIf(movielens === undefined)(
    `gives the latest MovieLens interactions of user 414 ${movielens === undefined ? missingDataReason(MOVIELENS) : ''}`,
    async () => {
      const history = await new UserHistoryIndex().history(movielens ?? '', '414', 3);
      expect(history.historyCount).toBe(4116);
      expect(history.interactions).toEqual([
        { itemId: '180985', timestamp: 1_527_978_072, eventType: 'click' },
        { itemId: '180985', timestamp: 1_527_978_072, eventType: 'watch' },
        { itemId: '187595', timestamp: 1_527_977_920, eventType: 'click' },
      ]);
    },
  );

  it('gives event values of the bundled online-retail sample', async () => {
    const history = await new UserHistoryIndex().history(RETAIL, '12346');
    expect(history).toEqual({
      userId: '12346',
      historyCount: 1,
      interactions: [
        { itemId: '23166', timestamp: 1_295_344_860, eventType: 'purchase', eventValue: 74_215 },
      ],
    });
  });
});

describe('UserHistoryIndex.shortcuts', () => {
  it('picks the 3 heaviest users, 3 users with 2-3 interactions and an absent id (ties by user id)', async () => {
    // u1: 9, u2: 7, u3: 7, u4: 5, u5..u9: 2/3/2/3/2, u10: 1, new-customer-1: 1 (so cold is new-customer-2).
    const perUser: [string, number][] = [
      ['u1', 9],
      ['u3', 7],
      ['u2', 7],
      ['u4', 5],
      ['u9', 2],
      ['u5', 2],
      ['u6', 3],
      ['u7', 2],
      ['u8', 3],
      ['u10', 1],
      ['new-customer-1', 1],
    ];
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP'];
    let t = 0;
    for (const [user, n] of perUser)
      for (let i = 0; i < n; i += 1) lines.push(`${user},item-${i},${(t += 1)}`);
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    expect(await new UserHistoryIndex().shortcuts(file)).toEqual({
      heavy: [
        { userId: 'u1', historyCount: 9 },
        { userId: 'u2', historyCount: 7 },
        { userId: 'u3', historyCount: 7 },
      ],
      light: [
        { userId: 'u5', historyCount: 2 },
        { userId: 'u6', historyCount: 3 },
        { userId: 'u7', historyCount: 2 },
      ],
      cold: ['new-customer-2'],
    });
  });

  it('falls back to the fewest interactions >= 2 when few users have 2-3, never repeating a heavy user', () => {
    const counts = new Map([
      ['a', 50],
      ['b', 40],
      ['c', 30],
      ['d', 20],
      ['e', 10],
      ['f', 2],
      ['g', 1],
      ['h', 10],
    ]);
    expect(pickUserShortcuts(counts)).toEqual({
      heavy: [
        { userId: 'a', historyCount: 50 },
        { userId: 'b', historyCount: 40 },
        { userId: 'c', historyCount: 30 },
      ],
      light: [
        { userId: 'f', historyCount: 2 },
        { userId: 'e', historyCount: 10 },
        { userId: 'h', historyCount: 10 },
      ],
      cold: ['new-customer-1'],
    });
  });

  const movielens = sharedDataPath(MOVIELENS);
  it.skipIf(movielens === undefined)(
    `picks MovieLens shortcuts ${movielens === undefined ? missingDataReason(MOVIELENS) : ''}`,
    async () => {
      expect(await new UserHistoryIndex().shortcuts(movielens ?? '')).toEqual({
        heavy: [
          { userId: '414', historyCount: 4116 },
          { userId: '474', historyCount: 3430 },
          { userId: '599', historyCount: 2849 },
        ],
        // No MovieLens user has 2-3 ratings: the fewest above.
        light: [
          { userId: '442', historyCount: 9 },
          { userId: '245', historyCount: 21 },
          { userId: '214', historyCount: 23 },
        ],
        cold: ['new-customer-1'],
      });
    },
  );

  it('picks light users with 2-3 purchases in the bundled online-retail sample', async () => {
    const shortcuts = await new UserHistoryIndex().shortcuts(RETAIL);
    expect(shortcuts.heavy.map((user) => user.userId)).toEqual(['17841', '14911', '14096']);
    expect(shortcuts.light).toEqual([
      { userId: '12445', historyCount: 3 },
      { userId: '12587', historyCount: 3 },
      { userId: '12665', historyCount: 2 },
    ]);
  });
});

describe('mostActiveUsers', () => {
  it('gives the most active users, ties by id, and none for count 0', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, 'USER_ID,ITEM_ID\nb,1\na,1\nb,2\nc,1\na,2\n');
    expect(await mostActiveUsers(file, 2)).toEqual([
      { userId: 'a', historyCount: 2 },
      { userId: 'b', historyCount: 2 },
    ]);
    expect(await mostActiveUsers(file, 0)).toEqual([]);
  });

  it('gives the 4 most active customers of the bundled online-retail sample', async () => {
    expect(await mostActiveUsers(RETAIL, 4)).toEqual([
      { userId: '17841', historyCount: 7838 },
      { userId: '14911', historyCount: 5589 },
      { userId: '14096', historyCount: 5095 },
      { userId: '12748', historyCount: 4580 },
    ]);
  });
});
