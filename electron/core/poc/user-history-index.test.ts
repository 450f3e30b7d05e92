import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyPocState, type PocState } from '../../../shared/poc.js';
import type { AwsClients } from '../aws/client-factory.js';
import { ItemIndex } from './item-index.js';
import { recommend } from './recommend-service.js';
import { UserHistoryIndex } from './user-history-index.js';

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

describe('recommend historyCount', () => {
  const campaignState = (interactions: string): PocState => ({
    ...emptyPocState(),
    files: { interactions },
    campaign: { campaignArn: 'arn:c', solutionVersionArn: 'arn:v', recipe: 'aws-user-personalization', status: 'ACTIVE', minProvisionedTPS: 1 },
  });
  const clients = { runtime: { send: () => Promise.resolve({ recommendationId: 'r1', itemList: [{ itemId: 'c', score: 0.5 }] }) } } as unknown as AwsClients;

  it('adds the user history count: 3 for a known user, 0 for a cold one', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, CSV);
    const context = { clients, getState: () => campaignState(file) };
    const history = new UserHistoryIndex();
    expect(await recommend(context, new ItemIndex(), '1', 25, history)).toMatchObject({ userId: '1', historyCount: 3, recommendationId: 'r1' });
    expect((await recommend(context, new ItemIndex(), 'no-such-user-xyz', 25, history)).historyCount).toBe(0);
  });

  it('leaves historyCount out (recommendations still come) when the file cannot be read', async () => {
    const context = { clients, getState: () => campaignState(path.join(dir, 'gone.csv')) };
    const result = await recommend(context, new ItemIndex(), '1', 25, new UserHistoryIndex());
    expect(result.historyCount).toBeUndefined();
    expect(result.items).toHaveLength(1);
  });
});
