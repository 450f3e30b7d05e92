import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

/** The bundled sample POC (UCI Online Retail, CC BY 4.0), as the app ships it. */
const SAMPLE_DIR = path.resolve(import.meta.dirname, '..', 'samples', 'online-retail-uci');
const USER = '17850';

/** Interactions of `userId` in the sample, counted independently of the app. */
async function sampleHistoryCount(userId: string): Promise<number> {
  let count = 0;
  const rows = createReadStream(path.join(SAMPLE_DIR, 'interactions.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ columns: true }));
  for await (const row of rows as AsyncIterable<Record<string, string>>)
    if (row.USER_ID === userId) count += 1;
  return count;
}

/** ITEM_ID → DESCRIPTION of the sample's items file (the explorer's title for retail items). */
async function sampleDescriptions(): Promise<Map<string, string>> {
  const rows = parseSync<Record<string, string>>(
    await readFile(path.join(SAMPLE_DIR, 'items.csv'), 'utf8'),
    { columns: true },
  );
  return new Map(rows.map((row) => [row.ITEM_ID ?? '', (row.DESCRIPTION ?? '').trim()]));
}

describe('the guided demo on the bundled sample POC, as a consultant runs it in front of a customer', () => {
  let session: StudioSession;

  beforeAll(async () => {
    session = await openStudioSession();
  });
  afterAll(() => session?.close());

  it('loads the sample with one click and imports all of it', async () => {
    const { studio } = session;
    await studio.click('Use the sample POC');
    expect(await studio.text('row-count-interactions')).toBe('396,337 rows');
    expect(await studio.text('row-count-items')).toBe('4,053 rows');
    await studio.click('Continue to import');
    await studio.click('Start import');
    await studio.waitForAttribute('import-status-interactions', 'status', 'ACTIVE');
    await studio.waitForAttribute('import-status-items', 'status', 'ACTIVE');
    expect(await studio.text('imported-rows-interactions')).toBe('396,337');
    await studio.screenshot('sample-2-import');
  });

  it('trains both recipes; personalization is far ahead of the popularity baseline', async () => {
    const { studio } = session;
    await studio.click('Continue to solutions');
    await studio.click('Train');
    await studio.waitForAttribute('metrics-table', 'row-count', '2');
    const metrics = await studio.metrics(['aws-user-personalization', 'aws-popularity-count']);
    const personalized = metrics['aws-user-personalization'];
    const popularity = metrics['aws-popularity-count'];
    // Measured on this sample with seen items kept (SPEC §3.1): NDCG@10 0.207-0.224 against
    // 0.103-0.113 (1.89-2.08×, split seeds 1..3), coverage ≈ 0.63 against ≈ 0.007.
    expect(personalized?.normalized_discounted_cumulative_gain_at_10).toBeGreaterThan(
      1.5 * (popularity?.normalized_discounted_cumulative_gain_at_10 ?? 1),
    );
    expect(personalized?.coverage).toBeGreaterThan(5 * (popularity?.coverage ?? 1));
    await studio.screenshot('sample-3-solutions');
  });

  it('deploys, then explores a known customer and a cold one', async () => {
    const { studio, page } = session;
    await studio.click('Continue to campaign');
    await studio.click('Deploy');
    await studio.waitForAttribute('campaign-status', 'status', 'ACTIVE');
    await studio.click('Continue to explore');
    await page.getByRole('textbox', { name: 'User ID' }).fill(USER);
    await studio.click('Get recommendations');
    await studio.waitForAttribute('recommendations', 'count', '25');
    await studio.waitForAttribute(
      'recommendations',
      'history-count',
      String(await sampleHistoryCount(USER)),
    );
    expect(await studio.text('recommendations-source')).toContain('aws-user-personalization');
    const descriptions = await sampleDescriptions();
    for (const item of await studio.recommendations()) {
      const description = descriptions.get(item.itemId);
      expect(description, `item ${item.itemId} is in the sample's items file`).toBeDefined();
      // HTML collapses runs of spaces ("LUNCH BAG  BLACK SKULL." shows with one).
      expect(item.title).toBe(description === '' ? item.itemId : description?.replace(/\s+/g, ' '));
    }
    await studio.screenshot('sample-5-explore');

    await page.getByRole('textbox', { name: 'User ID' }).fill('not-a-customer');
    await studio.click('Get recommendations');
    await page.getByTestId('cold-user-alert').waitFor();
    await studio.waitForAttribute('recommendations', 'history-count', '0');
  });

  it('cleans up everything', async () => {
    const { studio, page } = session;
    await studio.goToStep('6. Clean up');
    await studio.click('Delete all resources');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('cleanup-empty').waitFor({ timeout: 240_000 });
    await studio.waitForAttribute('step-state-cleanup', 'state', 'done');
    await studio.screenshot('sample-6-cleanup');
  });
});
