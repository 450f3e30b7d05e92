import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const LATIN1 = 'messy/ml-1m_movies_excerpt.dat';
const interactions = sharedDataPath(INTERACTIONS);
const latin1 = sharedDataPath(LATIN1);

/** The cell of `column` in the row at `rowIndex` (0-based, as ag-grid numbers rows). */
function cellAt(page: Page, grid: string, rowIndex: number, column: string) {
  return page
    .getByTestId(grid)
    .locator(`[role="row"][row-index="${rowIndex}"] [col-id="${column}"]`);
}

/** Waits until the cell shows text (a row whose block is loading renders empty cells). */
async function loadedText(locator: ReturnType<typeof cellAt>): Promise<string> {
  await locator.waitFor({ timeout: 30_000 });
  await expect
    .poll(async () => (await locator.innerText()).trim(), { timeout: 30_000 })
    .not.toBe('');
  return (await locator.innerText()).trim();
}

/**
 * Text of a cell once loaded; scrolls the grid to that row first (ag-grid renders only the rows
 * near the viewport).
 */
async function cell(page: Page, grid: string, rowIndex: number, column: string): Promise<string> {
  const viewport = page.getByTestId(grid).locator('[role="grid"]').first();
  await viewport.evaluate((element, index) => {
    const row = element.querySelector('[role="row"][row-index]');
    const height = row instanceof HTMLElement ? row.offsetHeight : 42;
    element.scrollTop = Math.max(0, index - 2) * height;
  }, rowIndex);
  return loadedText(cellAt(page, grid, rowIndex, column));
}

describe.skipIf(interactions === undefined || latin1 === undefined)(
  `the Data step's grid over the whole file and its profile ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;

    beforeAll(async () => {
      session = await openStudioSession();
      ({ page, studio } = session);
    });
    afterAll(() => session?.close());

    it('shows the first rows, then counts, checks and the profile charts', async () => {
      await studio.chooseFile('interactions', interactions ?? '');
      // The first line after the header: 429,222,828124615,watch.
      expect(await cell(page, 'preview-grid-interactions', 0, 'USER_ID')).toBe('429');
      expect(await studio.text('row-count-interactions')).toBe('158,371 rows');
      expect(await studio.text('distinct-users-interactions')).toBe('610');
      expect(await studio.text('distinct-items-interactions')).toBe('9,477');
      expect(await studio.text('encoding-interactions')).toBe('UTF-8');
      await page.getByTestId('chart-long-tail-interactions').waitFor({ timeout: 60_000 });
      expect(
        await page.getByTestId('chart-event-types-interactions').getAttribute('aria-label'),
      ).toBe('Event types: click 96,655, watch 61,716');
      await page.getByTestId('chart-time-interactions').waitFor();
      await page.getByTestId('chart-long-tail-interactions').scrollIntoViewIfNeeded();
      await studio.screenshot('data-profile');
    });

    it('goes to the last row of the file with Ctrl+End and sorts the whole file by a column', async () => {
      const grid = 'preview-grid-interactions';
      await cellAt(page, grid, 0, 'USER_ID').click();
      await page.keyboard.press('Control+End');
      // The file's last line: 514,162,1537799250,click (row 158,371), fetched on demand.
      expect(await loadedText(cellAt(page, grid, 158_370, 'EVENT_TYPE'))).toBe('click');
      expect(await loadedText(cellAt(page, grid, 158_370, 'USER_ID'))).toBe('514');
      await page.getByTestId(grid).scrollIntoViewIfNeeded();
      await studio.screenshot('data-grid-last-row');
      await page.keyboard.press('Control+Home');
      expect(await loadedText(cellAt(page, grid, 0, 'USER_ID'))).toBe('429');
      const header = page.getByTestId(grid).locator('[role="columnheader"][col-id="TIMESTAMP"]');
      await header.click();
      await header.click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      // Descending over the whole file: its newest event comes first.
      await expect
        .poll(async () => (await cellAt(page, grid, 0, 'TIMESTAMP').innerText()).trim(), {
          timeout: 30_000,
        })
        .toBe('1537799250');
      await studio.screenshot('data-grid-sorted');
      // A filter says how many rows of the whole file match it.
      expect((await page.getByTestId('grid-filter-count-interactions').innerText()).trim()).toBe(
        '',
      );
      await page
        .getByTestId(grid)
        .locator('[col-id="EVENT_TYPE"] .ag-header-cell-filter-button')
        .click();
      await page.locator('.ag-filter input[type="text"]').first().fill('watch');
      await expect
        .poll(() => studio.text('grid-filter-count-interactions'), { timeout: 30_000 })
        .toBe('61,716 of 158,371 rows match the filter.');
      await page.keyboard.press('Escape');
    });

    it('opens a Latin-1 "::" file with its encoding and separator shown', async () => {
      await studio.chooseFile('items', latin1 ?? '');
      expect(await studio.text('encoding-items')).toContain('Latin-1');
      expect(await studio.text('separator-items')).toBe('Double colon (::), no header row');
      // Line 31 of the file (no header row): 73::Misérables, Les (1995)::Drama|Musical.
      expect(await cell(page, 'preview-grid-items', 30, 'column1')).toBe('Misérables, Les (1995)');
      await page.getByTestId('check-items-error').first().waitFor({ timeout: 60_000 });
      await page.getByTestId('preview-grid-items').scrollIntoViewIfNeeded();
      await studio.screenshot('data-latin1');
    });

    it('rereads the file with the encoding chosen in the select: the grid shows its characters', async () => {
      const select = page.getByTestId('encoding-select-items');
      const title73 = async (): Promise<string> => cell(page, 'preview-grid-items', 30, 'column1');
      const choose = async (label: string): Promise<void> => {
        await select.getByRole('button', { name: /Encoding of the file/u }).click();
        await page.getByRole('option', { name: label, exact: true }).click();
      };
      // Detected: the select shows Latin-1 and says it was detected.
      await expect
        .poll(async () => (await select.innerText()).trim())
        .toContain('Latin-1 (ISO-8859-1)');
      expect(await page.getByText(/^Detected: Latin-1/u).count()).toBeGreaterThan(0);
      // As UTF-8, the byte 0xE9 of "Misérables" is not a character: the grid shows U+FFFD.
      await choose('UTF-8');
      await expect.poll(title73, { timeout: 60_000 }).toBe('Mis\uFFFDrables, Les (1995)');
      expect(await studio.text('encoding-items')).toBe('UTF-8');
      // The choice is named, and the detection stays beside it.
      await page
        .getByText(/^Chosen by you \(detected: Latin-1/u)
        .first()
        .waitFor();
      await page.getByTestId('preview-grid-items').scrollIntoViewIfNeeded();
      await studio.screenshot('data-encoding-utf8');
      // Windows-1252 reads 0xE9 as é again, and the other accented titles with it.
      await choose('Windows-1252');
      await expect.poll(title73, { timeout: 60_000 }).toBe('Misérables, Les (1995)');
      expect(await studio.text('encoding-items')).toContain('Windows-1252');
      // Line 33: 582::Metisse (Café au Lait) (1993)::Comedy.
      expect(await cell(page, 'preview-grid-items', 32, 'column1')).toBe(
        'Metisse (Café au Lait) (1993)',
      );
      await select.scrollIntoViewIfNeeded();
      await studio.screenshot('data-encoding-windows-1252');
    });
  },
);
