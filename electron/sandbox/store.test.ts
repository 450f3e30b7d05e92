import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deserializeModel, trainSolutionVersion } from './recipes/index.js';
import type { InteractionRecord } from './recipes/index.js';
import { recordsOfTable, tableFromRecords } from './recipes/interaction-table.js';
import { packModel } from './recipes/model-file.js';
import { interactionRecordsOf, interactionTableOf, SandboxStore } from './store.js';

const DATASET_ARN = 'arn:aws:personalize:us-east-1:000000000000:dataset/group/INTERACTIONS';
const VERSION_ARN = 'arn:aws:personalize:us-east-1:000000000000:solution/s/version';

function fileId(arn: string): string {
  return createHash('sha256').update(arn).digest('hex').slice(0, 24);
}

/** 120 users × 10 interactions over 30 items, with event types and values. */
function interactions(): InteractionRecord[] {
  const out: InteractionRecord[] = [];
  for (let user = 0; user < 120; user++)
    for (let k = 0; k < 10; k++)
      out.push({
        userId: `u${user}`,
        itemId: `i${(user * 7 + k * 3) % 30}`,
        timestamp: 1_700_000_000 + user * 50 + k,
        eventType: k % 3 === 0 ? 'click' : 'watch',
        eventValue: k,
      });
  return out;
}

const folders: string[] = [];
async function freshStore(): Promise<SandboxStore> {
  const folder = await mkdtemp(path.join(tmpdir(), 'sandbox-store-'));
  folders.push(folder);
  const store = new SandboxStore(folder);
  await store.load();
  return store;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true })));
});

describe('sandbox store: interactions as a binary table, models as binary files', () => {
  it('persists bulk interactions as typed columns (datasets/<id>.bin) beside the event records', async () => {
    const store = await freshStore();
    const bulk = interactions();
    const event = {
      userId: 'u1',
      itemId: 'i9',
      timestamp: 1_800_000_000,
      eventType: 'watch',
      receivedAtMs: 1_800_000_000_000,
    };
    await store.setRecords(DATASET_ARN, {
      interactions: [event],
      rows: [],
      table: tableFromRecords(bulk),
    });
    const names = (await readdir(path.join(store.dataDir, 'datasets'))).sort();
    expect(names).toEqual([`${fileId(DATASET_ARN)}.bin`, `${fileId(DATASET_ARN)}.json`]);
    const json = JSON.parse(
      await readFile(path.join(store.dataDir, 'datasets', `${fileId(DATASET_ARN)}.json`), 'utf8'),
    ) as { interactions: unknown[] };
    expect(json.interactions).toEqual([event]);

    // A second store on the same folder reads the files (no load(): the state names no dataset).
    const reopened = new SandboxStore(store.dataDir);
    const records = await reopened.getRecords(DATASET_ARN);
    expect(records.table).toBeDefined();
    expect(recordsOfTable(interactionTableOf(records))).toEqual([
      ...bulk,
      { userId: 'u1', itemId: 'i9', timestamp: 1_800_000_000, eventType: 'watch' },
    ]);
    expect(interactionRecordsOf(records)).toEqual([...bulk, event]);
  });

  it('keeps the contextual columns of the table and the ids of PutItems rows across a reopen', async () => {
    const store = await freshStore();
    const withDevice = interactions().map((record, row) => ({
      ...record,
      columns: { DEVICE: row % 2 === 0 ? 'mobile' : 'desktop' },
    }));
    const itemsArn = DATASET_ARN.replace('INTERACTIONS', 'ITEMS');
    await store.setRecords(DATASET_ARN, {
      interactions: [],
      rows: [],
      table: tableFromRecords(withDevice),
    });
    await store.setRecords(itemsArn, {
      interactions: [],
      rows: [{ ITEM_ID: 'i1' }, { ITEM_ID: 'p1' }],
      putRowIds: ['p1'],
    });
    const reopened = new SandboxStore(store.dataDir);
    const table = (await reopened.getRecords(DATASET_ARN)).table;
    expect(table?.extraColumns?.map((column) => [column.name, column.values])).toEqual([
      ['DEVICE', ['mobile', 'desktop']],
    ]);
    expect(Array.from(table?.extraColumns?.[0]?.codes ?? []).slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect((await reopened.getRecords(itemsArn)).putRowIds).toEqual(['p1']);
  });

  it('reads a dataset saved before the table existed (every row a JSON record) and trains on it', async () => {
    const store = await freshStore();
    const bulk = interactions();
    await mkdir(path.join(store.dataDir, 'datasets'), { recursive: true });
    await writeFile(
      path.join(store.dataDir, 'datasets', `${fileId(DATASET_ARN)}.json`),
      JSON.stringify({ interactions: bulk, rows: [] }),
    );
    const records = await store.getRecords(DATASET_ARN);
    expect(records.table).toBeUndefined();
    const table = interactionTableOf(records);
    expect(recordsOfTable(table)).toEqual(bulk);
    const fromTable = trainSolutionVersion('aws-popularity-count', {
      table,
      catalogItemIds: [],
      hyperParameters: {},
      seed: 5,
    });
    const fromRecords = trainSolutionVersion('aws-popularity-count', {
      interactions: bulk,
      catalogItemIds: [],
      hyperParameters: {},
      seed: 5,
    });
    expect(fromTable.metrics).toEqual(fromRecords.metrics);
  });

  it('saves the binary model file and still loads a model saved as JSON before it', async () => {
    const store = await freshStore();
    const { model } = trainSolutionVersion('aws-user-personalization', {
      interactions: interactions(),
      catalogItemIds: [],
      hyperParameters: {},
      seed: 5,
    });
    const request = { userId: 'u3', numResults: 10 };
    await store.saveModel(VERSION_ARN, JSON.parse(JSON.stringify(model.toJSON())));
    expect(deserializeModel(await store.loadModel(VERSION_ARN)).recommend(request)).toEqual(
      model.recommend(request),
    );
    await store.saveModel(VERSION_ARN, packModel(model.toJSON()));
    expect(await readdir(path.join(store.dataDir, 'models'))).toEqual([
      `${fileId(VERSION_ARN)}.bin`,
    ]);
    expect(deserializeModel(await store.loadModel(VERSION_ARN)).recommend(request)).toEqual(
      model.recommend(request),
    );
    await writeFile(path.join(store.dataDir, 'models', `${fileId(VERSION_ARN)}.bin`), 'garbage!');
    await expect(store.loadModel(VERSION_ARN)).rejects.toThrow(/retrain the solution version/u);
    await store.deleteFiles(VERSION_ARN);
    expect(await store.loadModel(VERSION_ARN)).toBeUndefined();
  });

  it('sweeps the .bin files of resources no longer in the state', async () => {
    const store = await freshStore();
    await store.setRecords(DATASET_ARN, {
      interactions: [],
      rows: [],
      table: tableFromRecords(interactions()),
    });
    const reopened = new SandboxStore(store.dataDir);
    await reopened.load();
    expect(await readdir(path.join(store.dataDir, 'datasets'))).toEqual([]);
  });
});
