import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined
    ? missingDataReason(DAY)
    : 'a file whose findings block the import goes to Fix into new files in one click',
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;

    beforeAll(async () => {
      session = await openStudioSession();
      ({ page, studio } = session);
    });
    afterAll(() => session?.close());

    it('reads the blocked file into Fix into new files, with its mapping suggested', async () => {
      await studio.chooseFile('interactions', day ?? '');
      // The raw export names CustomerID, StockCode and InvoiceDate: the import is blocked.
      const checks = page.getByTestId('checks-interactions');
      await checks.waitFor({ timeout: 60_000 });
      expect(await checks.innerText()).toContain(
        'This blocks the import: fix it into new files (the button above), or fix the file and choose it again.',
      );
      await page.getByRole('button', { name: 'Fix the interactions file into new files' }).click();
      const section = page.getByTestId('prepare-section');
      expect(await section.getByRole('textbox', { name: 'Raw file path' }).inputValue()).toBe(day);
      await section.getByTestId('prepare-suggested-interactions').waitFor({ timeout: 60_000 });
      expect(await section.getByTestId('prepare-suggested-interactions').innerText()).toBe(
        'CustomerID → USER_ID (named CustomerID); StockCode → ITEM_ID (named StockCode); InvoiceDate → TIMESTAMP (named InvoiceDate); EVENT_TYPE = "purchase" on every row (constant: order lines (InvoiceNo, Quantity, UnitPrice): each row is a purchase)',
      );
      await studio.screenshot('fix-blocked-file');
    });
  },
);
