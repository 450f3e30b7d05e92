import { readFile } from 'node:fs/promises';
import {
  ListDatasetGroupsCommand,
  PersonalizeClient,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioBrowserHost } from '../electron/host/main.js';
import { missingDataReason } from '../electron/testing/shared-data.js';
import { METRIC_KEYS } from '../shared/personalize.js';
import { movieLensPocFiles, type MovieLensPocFiles } from './fixtures/movielens.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const files: MovieLensPocFiles | undefined = await movieLensPocFiles();
const RECIPES = ['aws-user-personalization', 'aws-popularity-count'] as const;

/** ITEM_ID → TITLE of the derived items file. */
async function itemTitles(itemsPath: string): Promise<Map<string, string>> {
  const rows = parse<Record<string, string>>(await readFile(itemsPath, 'utf8'), { columns: true });
  return new Map(rows.map((row) => [row.ITEM_ID ?? '', (row.TITLE ?? '').trim()]));
}

describe.skipIf(files === undefined)(
  `the guided POC on MovieLens, in Chromium through the browser host ${files === undefined ? `(${missingDataReason('personalize-poc-movielens-small')})` : ''}`,
  () => {
    let session: StudioSession;
    let host: StudioBrowserHost;
    let page: Page;
    let studio: StudioPage;
    const data = files as MovieLensPocFiles;

    beforeAll(async () => {
      session = await openStudioSession();
      ({ host, page, studio } = session);
    });

    afterAll(() => session?.close());

    it('1 Data: previews both files with their real row counts', async () => {
      await studio.chooseFile('interactions', data.interactions);
      expect(await studio.text('row-count-interactions')).toBe('158,371 rows');
      expect(await studio.text('distinct-users-interactions')).toBe('610');
      await page.getByTestId('preview-grid-interactions').getByText('429').first().waitFor();
      await studio.chooseFile('items', data.items);
      expect(await studio.text('row-count-items')).toBe('9,742 rows');
      expect(await page.getByTestId('check-interactions-error').count()).toBe(0);
      await studio.screenshot('1-data');
    });

    it('2 Import: imports 158,371 interactions', async () => {
      await studio.click('Continue to import');
      await studio.click('Start import');
      await studio.waitForAttribute('import-status-interactions', 'status', 'ACTIVE');
      await studio.waitForAttribute('import-status-items', 'status', 'ACTIVE');
      expect(await studio.text('imported-rows-interactions')).toBe('158,371');
      await studio.screenshot('2-import');
    });

    it('3 Solutions: trains both recipes; user-personalization beats popularity on NDCG@10', async () => {
      await studio.click('Continue to solutions');
      await studio.click('Train');
      for (const recipe of RECIPES)
        await studio.waitForAttribute(`solution-status-${recipe}`, 'status', 'ACTIVE');
      await studio.waitForAttribute('metrics-table', 'row-count', '2');
      const metrics = await studio.metrics(RECIPES);
      for (const recipe of RECIPES) {
        for (const key of METRIC_KEYS) {
          expect(metrics[recipe]?.[key], `${recipe} ${key}`).toBeGreaterThanOrEqual(0);
          expect(metrics[recipe]?.[key], `${recipe} ${key}`).toBeLessThanOrEqual(1);
        }
      }
      const personalized = metrics['aws-user-personalization'];
      const popularity = metrics['aws-popularity-count'];
      expect(personalized?.normalized_discounted_cumulative_gain_at_10).toBeGreaterThan(
        popularity?.normalized_discounted_cumulative_gain_at_10 ?? 1,
      );
      expect(personalized?.coverage).toBeGreaterThan(popularity?.coverage ?? 1);
      await page.getByTestId('metrics-chart').waitFor();
      await studio.screenshot('3-solutions');
    });

    it('4 Campaign: deploys user-personalization with minProvisionedTPS 1', async () => {
      await studio.click('Continue to campaign');
      await studio.click('Deploy');
      await studio.waitForAttribute('campaign-status', 'status', 'ACTIVE');
      await studio.screenshot('4-campaign');
    });

    it('5 Explore: 25 recommended items with their titles', async () => {
      await studio.click('Continue to explore');
      await page.getByRole('textbox', { name: 'User ID' }).fill('429');
      await studio.click('Get recommendations');
      await studio.waitForAttribute('recommendations', 'count', '25');
      const items = await studio.recommendations();
      expect(items).toHaveLength(25);
      expect(new Set(items.map((item) => item.itemId)).size).toBe(25);
      const titles = await itemTitles(data.items);
      for (const item of items) {
        // Titles come from the items file's TITLE column, e.g. "Toy Story (1995)".
        const expected = titles.get(item.itemId);
        expect(expected, `item ${item.itemId} is in the items file`).toBeTruthy();
        expect(item.title).toBe(expected);
      }
      await studio.screenshot('5-explore');
    });

    it('6 Clean up: nothing is left in the POC or in the sandbox', async () => {
      await studio.goToStep('6. Clean up');
      await studio.click('Delete all resources');
      await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByTestId('cleanup-empty').waitFor({ timeout: 240_000 });
      const config = {
        region: 'us-east-1',
        endpoint: host.app.sandboxEndpoint,
        credentials: host.app.sandboxCredentials,
      };
      const personalize = new PersonalizeClient(config);
      const s3 = new S3Client({ ...config, forcePathStyle: true });
      const intruder = new PersonalizeClient({
        ...config,
        credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      });
      try {
        const groups = await personalize.send(new ListDatasetGroupsCommand({}));
        expect(groups.datasetGroups ?? []).toHaveLength(0);
        const buckets = await s3.send(new ListBucketsCommand({}));
        expect(buckets.Buckets ?? []).toHaveLength(0);
        // Anyone else on loopback (another process, a DNS-rebinding page) lacks the per-launch key.
        const refused = await intruder
          .send(new ListDatasetGroupsCommand({}))
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(PersonalizeServiceException);
        expect((refused as PersonalizeServiceException).name).toBe('UnrecognizedClientException');
        expect((refused as PersonalizeServiceException).$metadata.httpStatusCode).toBe(403);
      } finally {
        personalize.destroy();
        s3.destroy();
        intruder.destroy();
      }
      await studio.screenshot('6-cleanup');
    });
  },
);
