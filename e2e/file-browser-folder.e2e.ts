import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined ? missingDataReason(DAY) : 'the file browser opens where the last file was',
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;

    beforeAll(async () => {
      session = await openStudioSession();
      ({ page, studio } = session);
    });
    afterAll(() => session?.close());

    it('opens at the folder of the file chosen last, also after a reload', async () => {
      await studio.chooseFile('interactions', day ?? '');
      const folder = path.dirname(day ?? '');
      for (const reload of [false, true]) {
        if (reload) await page.reload();
        await page.getByRole('button', { name: 'Choose file for items' }).click();
        const dialog = page.getByRole('dialog');
        await dialog
          .getByText('ml-1m_movies_excerpt.dat', { exact: true })
          .waitFor()
          .catch(async (error: unknown) => {
            await studio.screenshot('file-browser-not-last-folder');
            throw error;
          });
        expect(await dialog.getByTestId('file-browser-directory').innerText()).toBe(folder);
        if (!reload) await studio.screenshot('file-browser-last-folder');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
    });
  },
);
