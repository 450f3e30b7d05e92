import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuideView } from '../../../shared/guide.js';
import type { AwsClients } from '../aws/client-factory.js';
import { ItemIndex } from '../../dataprep/index.js';
import { UserHistoryIndex } from '../../dataprep/index.js';
import { recommend } from './recommend-service.js';

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
