import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const interactionsPath = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const itemMetaPath = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
const moviesPath = sharedDataPath('movielens-latest-small/movies.csv');
const hasData =
  interactionsPath !== undefined && itemMetaPath !== undefined && moviesPath !== undefined;
/** The guide's heavy user of the POC files. */
const USER = '429';
const RECIPES = [
  'aws-user-personalization',
  'aws-popularity-count',
  'aws-sims',
  'aws-personalized-ranking',
] as const;

/** The built renderer the e2e runs serve (shared by every run on this machine). */
const BUILT_RENDERER = path.resolve(import.meta.dirname, '..', 'dist', 'renderer');

/**
 * Copies the built renderer to a temp folder once every asset its index.html names is there:
 * this long run then serves a build that another rebuild cannot swap under it.
 */
async function snapshotRenderer(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const target = await mkdtemp(path.join(os.tmpdir(), 'poc-studio-renderer-'));
    await cp(BUILT_RENDERER, target, { recursive: true });
    // Another run may be rebuilding: an absent index.html is an incomplete build too.
    const html = await readFile(path.join(target, 'index.html'), 'utf8').catch(() => '');
    const assets = [...html.matchAll(/(?:src|href)="(?:\.\/|\/)?(assets\/[^"]+)"/gu)].map(
      (m) => m[1] ?? '',
    );
    const present = await Promise.all(
      assets.map((asset) =>
        stat(path.join(target, asset)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (assets.length > 0 && present.every(Boolean)) return target;
    await rm(target, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  throw new Error(`No complete renderer build in ${BUILT_RENDERER}: run npx vite build.`);
}

/** Rows of a CSV file, read independently of the app. */
async function csvRows(filePath: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(filePath, 'utf8'), { columns: true });
}

/** Selects the tab named `name` (Cloudscape Tabs). */
async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

describe.skipIf(!hasData)(
  `deploy and interact on the POC MovieLens files: campaigns, filters, explorer, events, batch ${hasData ? '' : `(${missingDataReason('personalize-poc-movielens-small')})`}`,
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;
    let genres: Map<string, string[]>;
    let titles: Map<string, string>;
    let watchedByUser: Set<string>;
    let interactionUsers: Set<string>;
    const pageErrors: string[] = [];
    let rendererDir = '';

    beforeAll(async () => {
      genres = new Map(
        (await csvRows(itemMetaPath ?? '')).map((row) => [
          row.ITEM_ID ?? '',
          (row.GENRE ?? '').split('|'),
        ]),
      );
      titles = new Map(
        (await csvRows(moviesPath ?? '')).map((row) => [row.movieId ?? '', row.title ?? '']),
      );
      const interactions = await csvRows(interactionsPath ?? '');
      interactionUsers = new Set(interactions.map((row) => row.USER_ID ?? ''));
      watchedByUser = new Set(
        interactions
          .filter((row) => row.USER_ID === USER && row.EVENT_TYPE === 'watch')
          .map((row) => row.ITEM_ID ?? ''),
      );
      rendererDir = await snapshotRenderer();
      session = await openStudioSession({ rendererDir });
      ({ page, studio } = session);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });

    afterAll(async () => {
      await session?.close();
      if (rendererDir !== '') await rm(rendererDir, { recursive: true, force: true });
    });

    afterEach(async (context) => {
      // What the window showed when a step failed, to judge it.
      if (context.task.result?.state === 'fail' && pageErrors.length > 0)
        console.error(`Errors in the page: ${pageErrors.join(' | ')}`);
      if (context.task.result?.state === 'fail')
        await studio.screenshot(
          `deploy-failed-${context.task.name.slice(0, 24).replace(/\W+/gu, '-')}`,
        );
    });

    it('imports the POC files and trains user-personalization, SIMS, personalized-ranking and the baseline', async () => {
      await studio.chooseFile('interactions', interactionsPath ?? '');
      await studio.chooseFile('items', itemMetaPath ?? '');
      await studio.click('Continue to import');
      await studio.click('Start import');
      await studio.waitForAttribute('import-status-interactions', 'status', 'ACTIVE');
      await studio.waitForAttribute('import-status-items', 'status', 'ACTIVE');
      await studio.click('Continue to solutions');
      for (const recipe of ['aws-sims', 'aws-personalized-ranking'])
        await page.getByRole('checkbox', { name: `Train ${recipe}` }).check();
      await studio.click('Train');
      for (const recipe of RECIPES)
        await studio.waitForAttribute(`solution-status-${recipe}`, 'status', 'ACTIVE', 600_000);
    });

    it('Campaigns: four campaigns side by side with their hourly cost, and an update with its own status', async () => {
      // The training job ends after the studio's own evaluation of each version.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('button')].some(
            (button) => button.textContent === 'Continue to campaign' && !button.disabled,
          ),
        undefined,
        { timeout: 600_000, polling: 500 },
      );
      await studio.click('Continue to campaign');
      await page
        .getByTestId('deploy-cost')
        .filter({ hasText: '1 TPS × $0.0556 per TPS-hour = about $0.0556 per hour, $1.33 per day' })
        .waitFor({ timeout: 60_000 });
      expect(await studio.text('deploy-cost')).toContain('The Local sandbox bills nothing.');
      await studio.click('Deploy');
      await studio.waitForAttribute('campaign-status', 'status', 'ACTIVE');
      for (const recipe of ['aws-sims', 'aws-personalized-ranking', 'aws-popularity-count']) {
        await studio.selectOption(/Solution version/u, recipe);
        await studio.click('Deploy');
        await studio.waitForStatus('campaign-status-', recipe.replace(/^aws-/u, ''), 'ACTIVE');
      }
      await studio.waitForAttribute('campaigns-table', 'count', '4');
      // The user-personalization campaign goes to 2 TPS through UpdateCampaign.
      await page.getByRole('radio', { name: /^Select campaign .*-user-personalization$/u }).check();
      await studio.click('Update');
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('spinbutton', { name: 'New minimum provisioned TPS' }).fill('2');
      expect(await dialog.innerText()).toContain('about $0.1112 per hour');
      await dialog.getByRole('button', { name: 'Update campaign' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid^="campaign-status-"]')]
            .find((element) =>
              element.getAttribute('data-testid')?.endsWith('-user-personalization'),
            )
            ?.getAttribute('data-tps') === '2',
        undefined,
        { timeout: 60_000, polling: 250 },
      );
      await studio.screenshot('deploy-1-campaigns');
    });

    it('Filters: the genre and unwatched templates lint clean, are created, and the dry run explains each item', async () => {
      await openTab(page, 'Filters');
      for (const template of ['Genre (chosen at request time)', 'Unwatched']) {
        await studio.selectOption(/Filter template/u, template);
        await studio.waitForAttribute('filter-lint', 'problems', '0', 10_000);
        await studio.click('Create filter');
      }
      await studio.waitForStatus('filter-status-', 'genre', 'ACTIVE');
      await studio.waitForStatus('filter-status-', 'unwatched', 'ACTIVE');
      // A typo is caught while typing, at its position.
      await studio.selectOption(/Filter template/u, 'Genre (chosen at request time)');
      const editor = page.getByRole('textbox', { name: 'Filter expression' });
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' AND');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="filter-lint"]')?.getAttribute('data-problems') !==
          '0',
      );
      for (let index = 0; index < ' AND'.length; index += 1) await page.keyboard.press('Backspace');
      await studio.waitForAttribute('filter-lint', 'problems', '0', 10_000);
      await page.getByRole('textbox', { name: 'Dry run user ID' }).fill(USER);
      await page.getByRole('textbox', { name: 'Dry run GENRE value' }).fill('Comedy');
      await studio.click('Dry run');
      await page.getByTestId('dry-run').waitFor();
      const verdicts = await page
        .getByTestId('dry-run-row')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-item-id') ?? '',
            row.getAttribute('data-removed'),
          ]),
        );
      expect(verdicts.length).toBeGreaterThan(10);
      for (const [itemId, removed] of verdicts)
        expect(removed, `item ${itemId}`).toBe(
          String(!(genres.get(itemId ?? '') ?? []).includes('Comedy')),
        );
      expect(verdicts.some(([, removed]) => removed === 'true')).toBe(true);
      await studio.screenshot('deploy-2-filters');
    });

    it('Explorer: history beside recommendations, titles from movies.csv, the genre filter keeps only Comedy', async () => {
      await studio.goToStep('5. Explore');
      await page.getByRole('textbox', { name: 'Titles file path' }).fill(moviesPath ?? '');
      await studio.click('Read columns');
      // The id column is picked for the user: movies.csv's movieId holds the ITEM_IDs.
      const idColumn = page.getByRole('button', { name: /Titles file id column/u }).first();
      await expect.poll(() => idColumn.innerText()).toContain('movieId');
      await studio.selectOption(/\bFilter\b(?! template)/u, 'genre');
      await page.getByRole('textbox', { name: 'Filter GENRE value' }).fill('Comedy');
      await page.getByRole('textbox', { name: 'User ID' }).fill(USER);
      await studio.click('Get recommendations');
      await studio.waitForAttribute('recommendations', 'count', '25');
      const shown = await studio.recommendations();
      for (const item of shown) {
        expect(genres.get(item.itemId), `item ${item.itemId}`).toContain('Comedy');
        // Titles come from movies.csv, joined on movieId for display.
        expect(item.title).toBe(titles.get(item.itemId));
      }
      await page.getByTestId('history-row').first().waitFor();
      const history = await studio.itemIds('history-row');
      expect(history.length).toBeGreaterThan(0);
      expect(await studio.text('recommendations-source')).toContain('filter genre');
      await studio.screenshot('deploy-3-explore-genre');
    });

    it('Events: an item sent through PutEvents as watched disappears under the unwatched filter', async () => {
      await studio.selectOption(/\bFilter\b(?! template)/u, 'unwatched');
      await studio.click('Get recommendations');
      await studio.waitForAttribute('recommendations', 'count', '25');
      const before = await studio.itemIds('recommendation-row');
      for (const itemId of before) expect(watchedByUser.has(itemId), `item ${itemId}`).toBe(false);
      const sent = before[0] ?? '';
      const countOf = async (testId: string): Promise<number> =>
        Number(await page.getByTestId(testId).getAttribute('data-history-count'));
      await page.getByTestId('history-row').first().waitFor();
      const historyCount = await countOf('user-history');
      expect(historyCount).toBe(await countOf('recommendations'));
      await studio.click('Create event tracker');
      await studio.waitForAttribute('event-tracker-status', 'status', 'ACTIVE');
      // The sender starts with the file's most frequent type (click): this event is a watch.
      await page.getByRole('textbox', { name: 'Event type', exact: true }).fill('watch');
      await page.getByRole('textbox', { name: 'Item ID of the event' }).fill(sent);
      await studio.click('Send event');
      const wire = JSON.parse(await studio.text('event-wire')) as {
        userId: string;
        eventList: { eventType: string; itemId: string }[];
      };
      expect(wire.userId).toBe(USER);
      expect(wire.eventList).toEqual([
        expect.objectContaining({ eventType: 'watch', itemId: sent }),
      ]);
      await page.getByTestId('before-recommendations').waitFor();
      await page.waitForFunction(
        (itemId) =>
          ![...document.querySelectorAll('[data-testid="recommendation-row"]')].some(
            (row) => row.getAttribute('data-item-id') === itemId,
          ) && document.querySelectorAll('[data-testid="recommendation-row"]').length > 0,
        sent,
      );
      expect(await studio.itemIds('before-recommendations-row')).toContain(sent);
      // The history is read again after the event: the sent one comes first, marked as sent.
      await page.locator('[data-testid="history-row"][data-source="event"]').first().waitFor();
      const history = await studio.itemIds('history-row');
      expect(history[0]).toBe(sent);
      // The interaction counts beside the history and the recommendations count the sent event.
      await studio.waitForAttribute('user-history', 'history-count', String(historyCount + 1));
      await studio.waitForAttribute('recommendations', 'history-count', String(historyCount + 1));
      await studio.screenshot('deploy-4-events');
    });

    it('Similar items of an item (SIMS) and a personalized ranking of a pasted list', async () => {
      await openTab(page, 'Similar items');
      await page.getByRole('textbox', { name: 'Similar to item ID' }).fill('1');
      await studio.click('Get similar items');
      await studio.waitForAttribute('similar-items', 'count', '25');
      expect(await studio.itemIds('similar-items-row')).not.toContain('1');
      await studio.screenshot('deploy-5-similar');
      await openTab(page, 'Personalized ranking');
      const list = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
      await page.getByRole('textbox', { name: 'User ID for the ranking' }).fill(USER);
      await page.getByRole('textbox', { name: 'Item ids to rank' }).fill(list.join('\n'));
      await studio.click('Rank');
      const failure = page.getByRole('alert').filter({ hasText: 'The list could not be ranked' });
      await page.getByTestId('ranking').or(failure).first().waitFor({ timeout: 60_000 });
      if (await failure.isVisible()) throw new Error(await failure.innerText());
      await studio.waitForAttribute('ranking', 'count', '10', 10_000);
      expect([...(await studio.itemIds('ranking-row'))].sort()).toEqual([...list].sort());
      await studio.screenshot('deploy-6-ranking');
    });

    it('Batch: JSON Lines for the heavy and light users, the job runs, its output shows as a grid', async () => {
      await openTab(page, 'Batch');
      await page.getByRole('button', { name: 'Use the heavy and light users' }).click();
      // Cloudscape names a textarea by its form field's label (aria-labelledby wins over aria-label).
      const ids = (await page.getByRole('textbox', { name: 'User ids', exact: true }).inputValue())
        .split('\n')
        .filter((id) => id !== '');
      expect(ids.length).toBeGreaterThan(1);
      for (const id of ids) expect(interactionUsers.has(id), `user ${id}`).toBe(true);
      await studio.click('Run batch inference');
      await studio.waitForStatus('batch-status-', '', 'ACTIVE');
      await studio.waitForAttribute('batch-output', 'count', String(ids.length));
      await studio.screenshot('deploy-7-batch');
      // The grid's CSV export: one line per input user, each with its recommended items.
      const download = page.waitForEvent('download');
      await studio.click('Export CSV');
      const exported = parse<Record<string, string>>(
        await readFile((await (await download).path()) ?? '', 'utf8'),
        // ag-grid starts the file with a byte order mark, for spreadsheets.
        { columns: true, bom: true },
      );
      expect(exported.map((row) => row['User or item']).sort()).toEqual([...ids].sort());
      for (const row of exported) {
        expect(row.Error, `user ${row['User or item']}`).toBe('');
        const items = (row['Recommended items'] ?? '').split('|');
        expect(items).toHaveLength(25);
        // Named as Explore names them: the titles from movies.csv, in the order of the ids.
        expect(row['Item names'], `user ${row['User or item']}`).toBe(
          items.map((itemId) => titles.get(itemId) ?? itemId).join('|'),
        );
      }
      // The grid shows them too: the first line's first item by its movies.csv title.
      const first = exported.find((row) => row.Line === '1');
      const firstTitle = titles.get((first?.['Recommended items'] ?? '').split('|')[0] ?? '');
      expect(firstTitle).toBeDefined();
      await expect.poll(() => page.getByTestId('batch-output').innerText()).toContain(firstTitle);
    });
  },
);
