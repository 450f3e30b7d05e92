import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pickUserShortcuts, UserHistoryIndex } from './user-history-index.js';

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

  it('rejects a file without USER_ID with data.invalid', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, 'ITEM_ID,TIMESTAMP\na,1\n');
    await expect(new UserHistoryIndex().count(file, '1')).rejects.toMatchObject({ code: 'data.invalid' });
  });
});

describe('UserHistoryIndex.shortcuts', () => {
  it('picks the 3 heaviest users, 3 users with 2-3 interactions and an absent id (ties by user id)', async () => {
    // u1: 9, u2: 7, u3: 7, u4: 5, u5..u9: 2/3/2/3/2, u10: 1, new-customer-1: 1 (so cold is new-customer-2).
    const perUser: Array<[string, number]> = [
      ['u1', 9], ['u3', 7], ['u2', 7], ['u4', 5], ['u9', 2], ['u5', 2], ['u6', 3], ['u7', 2], ['u8', 3], ['u10', 1], ['new-customer-1', 1],
    ];
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP'];
    let t = 0;
    for (const [user, n] of perUser) for (let i = 0; i < n; i += 1) lines.push(`${user},item-${i},${(t += 1)}`);
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
    const counts = new Map([['a', 50], ['b', 40], ['c', 30], ['d', 20], ['e', 10], ['f', 2], ['g', 1], ['h', 10]]);
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
});
