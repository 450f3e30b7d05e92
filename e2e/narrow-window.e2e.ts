import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const raw = sharedDataPath(RAW);

/**
 * The part of `locator`'s box that the jobs panel (open or collapsed) or the window's bottom edge
 * hides, in px², as the page is scrolled now.
 */
async function hiddenArea(page: Page, locator: Locator): Promise<number> {
  return page.evaluate(
    (element) => {
      const box = element.getBoundingClientRect();
      const panel = document.querySelector('[data-testid="jobs-split-panel"]');
      const over = panel?.getBoundingClientRect();
      const top = Math.min(over?.top ?? window.innerHeight, window.innerHeight);
      // Everything from the panel's top edge down is hidden (the panel spans the content's width).
      const hidden = Math.max(0, box.bottom - Math.max(box.top, top));
      return hidden * box.width;
    },
    await locator.elementHandle(),
  );
}

describe.skipIf(raw === undefined)(
  raw === undefined ? missingDataReason(RAW) : 'the Data step in a 900 px wide window',
  () => {
    let session: StudioSession;
    let page: Page;
    beforeAll(async () => {
      session = await openStudioSession(
        process.env.POC_STUDIO_E2E_RENDERER === undefined
          ? {}
          : { rendererDir: process.env.POC_STUDIO_E2E_RENDERER },
      );
      page = session.page;
      await page.setViewportSize({ width: 900, height: 800 });
    });
    afterAll(async () => {
      await session?.close();
    });

    it('the top bar shows the workspace by name, a "Switch workspace" button and no search button', async () => {
      const switcher = session.studio.workspaceSwitcher();
      await switcher.waitFor();
      expect((await switcher.innerText()).trim()).toBe('First POC');
      expect(await switcher.getAttribute('aria-label')).toBe('First POC. Switch workspace');
      expect(await page.getByRole('button', { name: 'Search' }).count()).toBe(0);
      await switcher.click();
      await page.getByRole('menuitem', { name: /^First POC/u }).waitFor();
      await page.keyboard.press('Escape');
      await session.studio.screenshot('narrow-0-top-bar');
    });

    it('Tab to Read columns and on to Export importable files: neither is hidden under the jobs panel', async () => {
      const section = page.getByTestId('prepare-section');
      const path = section.getByRole('textbox', { name: 'Raw file path' });
      await path.fill(raw ?? '');
      await page.evaluate(() => window.scrollTo(0, 0));
      await path.focus();
      // Browse, then Read columns: the browser scrolls each focused control into view.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const read = section.getByRole('button', { name: 'Read columns' });
      expect(await read.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await hiddenArea(page, read)).toBe(0);
      await session.studio.screenshot('narrow-1-read-columns');
      await page.keyboard.press('Enter');
      await page.getByTestId('prepare-suggested-interactions').waitFor({ timeout: 60_000 });
      const exportButton = page.getByTestId('prepare-export');
      await page.getByRole('button', { name: 'Preview interactions' }).focus();
      await page.keyboard.press('Tab');
      expect(await exportButton.evaluate((element) => element === document.activeElement)).toBe(
        true,
      );
      expect(await hiddenArea(page, exportButton)).toBe(0);
      // Open, the panel is taller: the focused control still shows above it.
      await page.getByRole('button', { name: /^Jobs/u }).first().click();
      await page.getByRole('columnheader', { name: 'Elapsed' }).waitFor();
      await page.getByRole('button', { name: 'Preview interactions' }).focus();
      await page.keyboard.press('Tab');
      expect(await hiddenArea(page, exportButton)).toBe(0);
      await session.studio.screenshot('narrow-2-export-panel-open');
    });
  },
);
