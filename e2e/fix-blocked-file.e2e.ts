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
      // Each missing column's fix is a mapping: it says so, and has its own button.
      expect(await checks.innerText()).toContain(
        'This blocks the import: its Fix into new files button writes new files with this fix (Map CustomerID to USER_ID as an id (trim, drop a trailing .0)), or fix the file and choose it again.',
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

    it("opens Fix into new files from the finding's own button, with its mapping filled in", async () => {
      const finding = page.getByRole('button', {
        name: 'Fix into new files: Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
      });
      await finding.scrollIntoViewIfNeeded();
      await studio.screenshot('fix-blocked-file-finding');
      await finding.click();
      const section = page.getByTestId('prepare-section');
      const note = section.getByTestId('prepare-requested-fix');
      await note.waitFor({ timeout: 60_000 });
      expect(await note.innerText()).toBe(
        "From a finding on the Data step's interactions file: Map CustomerID to USER_ID as an id (trim, drop a trailing .0). It is filled in below (interactions.csv), with the rest of the suggested mapping: check it, then export.",
      );
      // The form's USER_ID reads CustomerID as an id: the finding's Apply fix reads Fix applied.
      const applied = section.getByRole('button', {
        name: 'Apply fix: Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
      });
      await expect.poll(() => applied.innerText(), { timeout: 60_000 }).toMatch(/^Fix applied/u);
      await note.scrollIntoViewIfNeeded();
      await studio.screenshot('fix-blocked-file-finding-prepare');
    });
  },
);
