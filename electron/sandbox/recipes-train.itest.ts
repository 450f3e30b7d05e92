/**
 * Every recipe the sandbox trains beyond user-personalization, through the real AWS SDK against a
 * started sandbox, on the A2.1 MovieLens POC files (interactions + items): aws-similar-items,
 * aws-trending-now, aws-sims and aws-personalized-ranking train to ACTIVE, report metrics and
 * answer GetRecommendations / GetPersonalizedRanking as SPEC §3.1 / §3.2 describe.
 */
import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
} from '@aws-sdk/client-personalize';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
} from '@aws-sdk/client-personalize-runtime';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/personalize.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from './test-support/clients.js';
import { useSharedSandbox } from './test-support/sandbox.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);
const missing = interactionsPath === undefined || itemsPath === undefined;

/**
 * The A2.1 Items schema, except YEAR: AWS declared it `int`, but 12 rows are empty and one holds
 * `2006–2007`, which Personalize accepted and the sandbox's importer refuses; a nullable string
 * imports every row.
 */
const ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRE', type: 'string', categorical: true },
    { name: 'YEAR', type: ['null', 'string'] },
  ],
  version: '1.0',
});

const shared = useSharedSandbox();
let datasetGroupArn = '';

async function importFile(
  datasetType: 'Interactions' | 'Items',
  schema: string,
  key: string,
  file: string,
): Promise<void> {
  const { personalize, s3 } = shared.clients;
  await s3.send(
    new PutObjectCommand({ Bucket: 'recipes-data', Key: key, Body: readFileSync(file) }),
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({ name: `movies-${datasetType.toLowerCase()}`, schema }),
  );
  const { datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: `movies-${datasetType.toLowerCase()}`,
      datasetGroupArn,
      schemaArn,
      datasetType,
    }),
  );
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    CREATE_TRANSIENT,
  );
  const { datasetImportJobArn = '' } = await personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: `import-${datasetType.toLowerCase()}`,
      datasetArn,
      dataSource: { dataLocation: `s3://recipes-data/${key}` },
    }),
  );
  const history = await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
        .datasetImportJob?.status,
    CREATE_TRANSIENT,
    120_000,
  );
  expect(history[history.length - 1]).toBe('ACTIVE');
}

/** Creates a solution with `recipe`, trains one version to a final status and deploys it; returns the ARNs and metrics. */
async function trainAndDeploy(
  recipe: string,
  hyperParameters?: Record<string, string>,
): Promise<{ status: string; campaignArn: string; metrics: Record<string, number> }> {
  const { personalize } = shared.clients;
  const { solutionArn = '' } = await personalize.send(
    new CreateSolutionCommand({
      name: recipe,
      datasetGroupArn,
      recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
      ...(hyperParameters ? { solutionConfig: { algorithmHyperParameters: hyperParameters } } : {}),
    }),
  );
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
    CREATE_TRANSIENT,
  );
  const { solutionVersionArn = '' } = await personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  const trained = await pollStatus(
    async () =>
      (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
        .solutionVersion?.status,
    CREATE_TRANSIENT,
    240_000,
  );
  const status = trained[trained.length - 1] ?? '';
  if (status !== 'ACTIVE') return { status, campaignArn: '', metrics: {} };
  const { metrics = {} } = await personalize.send(
    new GetSolutionMetricsCommand({ solutionVersionArn }),
  );
  const { campaignArn = '' } = await personalize.send(
    new CreateCampaignCommand({
      name: `${recipe}-campaign`,
      solutionVersionArn,
      minProvisionedTPS: 1,
    }),
  );
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
    CREATE_TRANSIENT,
  );
  return { status, campaignArn, metrics };
}

describe.skipIf(missing)(
  `recipes train to ACTIVE through the AWS SDK ${missing ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    beforeAll(async () => {
      const { personalize, s3 } = shared.clients;
      await s3.send(new CreateBucketCommand({ Bucket: 'recipes-data' }));
      ({ datasetGroupArn = '' } = await personalize.send(
        new CreateDatasetGroupCommand({ name: 'movies-recipes' }),
      ));
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
            .datasetGroup?.status,
        CREATE_TRANSIENT,
      );
      await importFile(
        'Interactions',
        INTERACTIONS_SCHEMA,
        'movies/interactions.csv',
        interactionsPath ?? '',
      );
      await importFile('Items', ITEMS_SCHEMA, 'movies/items.csv', itemsPath ?? '');
    });

    it('aws-similar-items: ACTIVE, the 8 metrics, related items of Toy Story without scores and without Toy Story itself', async () => {
      const { status, campaignArn, metrics } = await trainAndDeploy('aws-similar-items');
      expect(status).toBe('ACTIVE');
      expect(Object.keys(metrics).sort()).toEqual([...METRIC_KEYS].sort());
      expect(metrics.normalized_discounted_cumulative_gain_at_10).toBeGreaterThan(0.1);
      const { itemList = [] } = await shared.clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, itemId: '1', numResults: 10 }),
      );
      expect(itemList).toHaveLength(10);
      expect(itemList.map((item) => item.itemId)).not.toContain('1');
      expect(itemList.every((item) => item.score === undefined)).toBe(true);
      // Toy Story 2 (3114) co-occurs with Toy Story and shares its genres.
      expect(itemList.map((item) => item.itemId)).toContain('3114');
    });

    it('aws-trending-now: ACTIVE, the same list for any user, without a userId too', async () => {
      const { status, campaignArn, metrics } = await trainAndDeploy('aws-trending-now');
      expect(status).toBe('ACTIVE');
      expect(Object.keys(metrics)).toHaveLength(8);
      const anonymous = await shared.clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, numResults: 10 }),
      );
      const forUser = await shared.clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, userId: '1', numResults: 10 }),
      );
      expect(anonymous.itemList).toHaveLength(10);
      expect(forUser.itemList?.map((item) => item.itemId)).toEqual(
        anonymous.itemList?.map((item) => item.itemId),
      );
    });

    it('aws-sims with min_cointeraction_count: ACTIVE, related items, popular items for an unknown item', async () => {
      const { status, campaignArn } = await trainAndDeploy('aws-sims', {
        min_cointeraction_count: '3',
        popularity_discount_factor: '0.5',
      });
      expect(status).toBe('ACTIVE');
      const related = await shared.clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, itemId: '1', numResults: 5 }),
      );
      expect(related.itemList).toHaveLength(5);
      expect(related.itemList?.map((item) => item.itemId)).not.toContain('1');
      const unknown = await shared.clients.runtime.send(
        new GetRecommendationsCommand({ campaignArn, itemId: 'no-such-film', numResults: 3 }),
      );
      expect(unknown.itemList).toHaveLength(3);
    });

    it('aws-personalized-ranking: ACTIVE, metrics from ranking a shared input list (coverage ≤ 50 items), GetPersonalizedRanking reorders', async () => {
      const { status, campaignArn, metrics } = await trainAndDeploy('aws-personalized-ranking');
      expect(status).toBe('ACTIVE');
      expect(metrics.coverage).toBeLessThanOrEqual(50 / 9742 + 1e-9);
      expect(metrics.coverage).toBeGreaterThan(0);
      const inputList = ['1', '260', '2571', '318', 'unknown-film', '1'];
      const { personalizedRanking = [] } = await shared.clients.runtime.send(
        new GetPersonalizedRankingCommand({ campaignArn, userId: '1', inputList }),
      );
      expect(personalizedRanking.map((item) => item.itemId).sort()).toEqual(
        ['1', '260', '2571', '318', 'unknown-film'].sort(),
      );
      expect(personalizedRanking[personalizedRanking.length - 1]).toEqual({
        itemId: 'unknown-film',
      });
      const sum = personalizedRanking.reduce((total, item) => total + (item.score ?? 0), 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
      const wrong = await shared.clients.runtime
        .send(new GetRecommendationsCommand({ campaignArn, userId: '1' }))
        .catch((error: unknown) => error);
      expect((wrong as Error).name).toBe('InvalidInputException');
    });
  },
);
