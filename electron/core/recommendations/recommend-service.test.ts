import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuideView } from '../../../shared/guide.js';
import type { AwsClients } from '../aws/client-factory.js';
import { ItemIndex } from '../../dataprep/index.js';
import { UserHistoryIndex } from '../../dataprep/index.js';
import { rankItems, recommend } from './recommend-service.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'recommend-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV = 'USER_ID,ITEM_ID,TIMESTAMP\n1,a,10\n1,b,11\n"2",c,12\n1,c,13\n';

/** A guide view whose ACTIVE campaign serves `interactions`. */
function campaignView(interactions: string): GuideView {
  const campaign = {
    campaignArn: 'arn:c',
    name: 'c',
    solutionVersionArn: 'arn:v',
    recipe: 'aws-user-personalization',
    status: 'ACTIVE',
    minProvisionedTPS: 1,
  };
  return {
    files: { interactions },
    fileChecks: {},
    importedFiles: { interactions },
    schemaArns: {},
    datasetArns: {},
    importJobArns: {},
    importStatus: { interactions: 'ACTIVE' },
    importFailures: {},
    importedRows: {},
    solutions: [],
    campaigns: [campaign],
    campaign,
    steps: {},
    filesChanged: false,
    hasResources: true,
  };
}

describe('recommend', () => {
  const clients = {
    runtime: {
      send: () =>
        Promise.resolve({ recommendationId: 'r1', itemList: [{ itemId: 'c', score: 0.5 }] }),
    },
  } as unknown as AwsClients;

  it('adds the user history count: 3 for a known user, 0 for a cold one, and names the campaign', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, CSV);
    const context = { clients, view: campaignView(file) };
    const history = new UserHistoryIndex();
    expect(await recommend(context, new ItemIndex(), '1', 25, history)).toMatchObject({
      userId: '1',
      historyCount: 3,
      recommendationId: 'r1',
      campaignArn: 'arn:c',
    });
    expect(
      (await recommend(context, new ItemIndex(), 'no-such-user-xyz', 25, history)).historyCount,
    ).toBe(0);
  });

  it('leaves historyCount out (recommendations still come) when the file cannot be read', async () => {
    const context = { clients, view: campaignView(path.join(dir, 'gone.csv')) };
    const result = await recommend(context, new ItemIndex(), '1', 25, new UserHistoryIndex());
    expect(result.historyCount).toBeUndefined();
    expect(result.items).toHaveLength(1);
  });

  it('asked by item: says whether the interactions name the item, with its own metadata', async () => {
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, CSV);
    const context = { clients, view: campaignView(file) };
    const known = await recommend(context, new ItemIndex(), '', 25, undefined, { itemId: 'b' });
    expect(known).toMatchObject({ itemId: 'b', isItemInTrainingData: true, itemMetadata: {} });
    const cold = await recommend(context, new ItemIndex(), '', 25, undefined, {
      itemId: '99999999',
    });
    expect(cold.isItemInTrainingData).toBe(false);
    expect(cold.items).toHaveLength(1);
    const gone = { clients, view: campaignView(path.join(dir, 'gone.csv')) };
    expect(
      (await recommend(gone, new ItemIndex(), '', 25, undefined, { itemId: 'b' }))
        .isItemInTrainingData,
    ).toBeUndefined();
  });

  it('refuses before a campaign is ACTIVE', async () => {
    const view = campaignView(path.join(dir, 'x.csv'));
    const context = {
      clients,
      view: {
        ...view,
        campaign: { ...view.campaigns[0], status: 'CREATE IN_PROGRESS' } as GuideView['campaign'],
      },
    };
    await expect(recommend(context, new ItemIndex(), '1', 25)).rejects.toMatchObject({
      code: 'guide.notReady',
    });
  });
});

describe('rankItems', () => {
  it('sends each id once, at its first place, names the repeated ones and keeps the answer order', async () => {
    const sent: { inputList?: string[] }[] = [];
    const clients = {
      runtime: {
        send: (command: { input: { inputList?: string[] } }) => {
          sent.push(command.input);
          return Promise.resolve({
            recommendationId: 'r2',
            personalizedRanking: [
              { itemId: 'b', score: 0.7 },
              { itemId: 'a', score: 0.3 },
              { itemId: 'new' },
            ],
          });
        },
      },
    } as unknown as AwsClients;
    const file = path.join(dir, 'interactions.csv');
    await writeFile(file, CSV);
    const view = campaignView(file);
    const result = await rankItems(
      { clients, view },
      { itemIndex: new ItemIndex() },
      'arn:c',
      '1',
      ['a', 'b', 'a', 'new', 'b', 'a'],
    );
    expect(sent.map((input) => input.inputList)).toEqual([['a', 'b', 'new']]);
    expect(result.duplicates).toEqual([
      { itemId: 'a', count: 3 },
      { itemId: 'b', count: 2 },
    ]);
    expect(result.items.map((item) => [item.itemId, item.score])).toEqual([
      ['b', 0.7],
      ['a', 0.3],
      ['new', undefined],
    ]);
    const once = await rankItems({ clients, view }, { itemIndex: new ItemIndex() }, 'arn:c', '1', [
      'a',
      'b',
    ]);
    expect(once.duplicates).toBeUndefined();
  });
});
