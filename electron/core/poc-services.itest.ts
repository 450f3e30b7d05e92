import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { METRIC_KEYS, SKELETON_RECIPES } from '../../shared/personalize.js';
import { emptyPocState } from '../../shared/poc.js';
import { createAwsClients, type AwsClients } from './aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from './jobs/poller.js';
import { deployCampaign } from './poc/campaign-service.js';
import { ensureEnvironment } from './poc/environment-service.js';
import { importDatasets } from './poc/import-service.js';
import { listInventory } from './poc/inventory-service.js';
import { ItemIndex } from './poc/item-index.js';
import { PocSession } from './poc/poc-session.js';
import { recommend } from './poc/recommend-service.js';
import { trainSolutions } from './poc/solutions-service.js';
import { teardownPoc } from './poc/teardown-service.js';
import { uploadPocFiles } from './poc/upload-service.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);

describe.skipIf(interactionsPath === undefined || itemsPath === undefined)(`whole POC through the services (${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : 'MovieLens POC files'})`, () => {
  let sandbox: RunningSandbox;
  let clients: AwsClients;
  let directory: string;
  let session: PocSession;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'poc-itest-'));
    sandbox = await startSandbox({ port: 0, dataDir: path.join(directory, 'sandbox'), timing: 'fast' });
    clients = createAwsClients({ kind: 'sandbox', endpoint: sandbox.endpoint, region: 'us-east-1', accountId: '123456789012' });
    session = new PocSession({
      workspaceId: 'itest',
      clients,
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      workDir: path.join(directory, 'work'),
      initialState: { ...emptyPocState(), files: { interactions: interactionsPath, items: itemsPath } },
    });
  });

  afterAll(async () => {
    clients.destroy();
    await sandbox.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('imports, trains, deploys, recommends and tears everything down', async () => {
    const context = session.context();
    await ensureEnvironment(context);
    const uploaded = await uploadPocFiles(context);
    const imported = await importDatasets(context, uploaded);
    expect(imported.importedRows.interactions).toBe(158_371);
    expect(imported.importedRows.items).toBe(9_742);
    expect(session.getState().importStatus).toEqual({ interactions: 'ACTIVE', items: 'ACTIVE' });

    const solutions = await trainSolutions(context, SKELETON_RECIPES);
    expect(solutions.map((solution) => solution.recipe)).toEqual([...SKELETON_RECIPES]);
    for (const solution of solutions) {
      expect(Object.keys(solution.metrics ?? {}).sort()).toEqual([...METRIC_KEYS].sort());
      for (const key of METRIC_KEYS) {
        const value = solution.metrics?.[key] ?? -1;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    const ndcg10 = (recipe: string): number => solutions.find((solution) => solution.recipe === recipe)?.metrics?.normalized_discounted_cumulative_gain_at_10 ?? 0;
    expect(ndcg10('aws-user-personalization')).toBeGreaterThan(ndcg10('aws-popularity-count'));

    await deployCampaign(context, 'aws-user-personalization', 1);
    expect(session.getState().campaign?.status).toBe('ACTIVE');
    const result = await recommend(context, new ItemIndex(), '414', 25);
    expect(result.items).toHaveLength(25);
    expect(result.items.filter((item) => item.metadata.GENRE !== undefined).length).toBeGreaterThan(20);

    const before = await listInventory(context);
    expect(before.map((entry) => entry.kind).sort()).toEqual(['bucket', 'campaign', 'dataset', 'dataset', 'datasetGroup', 'object', 'object', 'schema', 'schema', 'solution', 'solution']);
    const teardown = await teardownPoc(context);
    expect(teardown.remaining).toEqual([]);
    expect(teardown.deleted).toHaveLength(before.length);
    expect(session.getState().datasetGroupArn).toBeUndefined();
    expect(await listInventory(context)).toEqual([]);
  });
});
