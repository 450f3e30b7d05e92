import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import { chooseOption } from './fixtures/select.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined
    ? missingDataReason(DAY)
    : 'editing an exported schema in the form and in the JSON editor',
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;
    let outDir = '';

    beforeAll(async () => {
      outDir = await mkdtemp(path.join(os.tmpdir(), 'schema-editor-e2e-'));
      session = await openStudioSession();
      ({ page, studio } = session);
      const section = page.getByTestId('prepare-section');
      await section.getByRole('textbox', { name: 'Raw file path' }).fill(day ?? '');
      await section.getByRole('button', { name: 'Read columns' }).click();
      await page.getByTestId('prepare-source-columns').waitFor({ timeout: 60_000 });
      await section.getByRole('textbox', { name: 'Output folder' }).fill(outDir);
      // Reading the file proposed its mapping (CustomerID → USER_ID, …, EVENT_TYPE "purchase").
      await page.getByTestId('prepare-suggested-interactions').waitFor();
      expect(
        await section.getByRole('textbox', { name: 'Constant value of EVENT_TYPE' }).inputValue(),
      ).toBe('purchase');
      await section.getByRole('button', { name: 'Export importable files' }).click();
      await page.getByTestId('prepared-interactions').waitFor({ timeout: 120_000 });
    });
    afterAll(async () => {
      await session?.close();
      await rm(outDir, { recursive: true, force: true });
    });

    it('the form edits a field; the linter explains the rule it breaks', async () => {
      const card = page.getByTestId('prepared-interactions');
      await card.getByTestId('schema-ok-interactions').waitFor();
      await chooseOption(page, 'Type of TIMESTAMP', 'int');
      const findings = card.getByTestId('schema-findings-interactions');
      await findings.locator('[data-code="reserved.type"]').waitFor();
      expect(await findings.innerText()).toContain(
        'TIMESTAMP is reserved in interactions with type long, not int.',
      );
      expect(await findings.innerText()).toContain('Unix epoch seconds');
      await card.scrollIntoViewIfNeeded();
      await studio.screenshot('schema-1-form-error');
      await chooseOption(page, 'Type of TIMESTAMP', 'long');
      await card.getByRole('checkbox', { name: 'EVENT_TYPE nullable' }).check();
      await card.getByTestId('schema-ok-interactions').waitFor();
    });

    it('the JSON editor marks a broken rule in the gutter, then saves the fixed schema beside the file', async () => {
      const card = page.getByTestId('prepared-interactions');
      await card.getByRole('tab', { name: 'JSON' }).click();
      const editor = card.getByRole('textbox', { name: 'interactions schema JSON' });
      await editor.waitFor();
      expect(await editor.innerText()).toContain('"null",');
      const broken = JSON.stringify(
        {
          type: 'record',
          name: 'Interactions',
          namespace: 'com.amazonaws.personalize.schema',
          fields: [
            { name: 'USER_ID', type: 'string' },
            { name: 'ITEM_ID', type: 'string' },
            { name: 'TIMESTAMP', type: 'long' },
            { name: 'EVENT_TYPE', type: ['null', 'string'], categorical: true },
          ],
          version: '1.0',
        },
        // One line: typed indentation would reach the page as non-breaking spaces.
      );
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(broken);
      await card.locator('.cm-lint-marker-error').first().waitFor({ state: 'attached' });
      await card.locator('.cm-lintRange-error').first().scrollIntoViewIfNeeded();
      await card.locator('[data-code="reserved.categorical"]').waitFor();
      await studio.screenshot('schema-2-json-error');
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(broken.replace(',"categorical":true', ''));
      await card.getByTestId('schema-ok-interactions').waitFor();
      // The editor lints 150 ms after the last edit.
      await expect.poll(() => card.locator('.cm-lint-marker-error').count()).toBe(0);
      await card.getByTestId('save-schema-interactions').click();
      await card.getByText('Schema saved as').waitFor();
      await expect
        .poll(
          async () =>
            readFile(path.join(outDir, 'interactions.schema.json'), 'utf8').then(
              (text) => JSON.parse(text) as { fields: unknown[] },
            ),
          { timeout: 10_000 },
        )
        .toMatchObject({ fields: [{}, {}, {}, { name: 'EVENT_TYPE', type: ['null', 'string'] }] });
      const saved = JSON.parse(
        await readFile(path.join(outDir, 'interactions.schema.json'), 'utf8'),
      ) as {
        fields: Record<string, unknown>[];
      };
      expect(saved.fields[3]).toEqual({ name: 'EVENT_TYPE', type: ['null', 'string'] });
      await card.getByRole('tab', { name: 'Form' }).click();
      expect(await card.getByRole('checkbox', { name: 'EVENT_TYPE categorical' }).isChecked()).toBe(
        false,
      );
      await studio.screenshot('schema-3-saved');
    });

    it('the Import step shows the schema each dataset is created with; an edit there is kept in the workspace', async () => {
      await page.getByTestId('prepare-use-files').click();
      const card = page.getByTestId('import-schema-interactions');
      await card.waitFor({ timeout: 20_000 });
      // The schema saved beside the exported file is the one the import will use.
      await expect
        .poll(() =>
          card.getByTestId('import-schema-source-interactions').getAttribute('data-source'),
        )
        .toBe('beside');
      const nullable = card.getByRole('checkbox', { name: 'EVENT_TYPE nullable' });
      expect(await nullable.isChecked()).toBe(true);
      await nullable.uncheck();
      await card.getByTestId('schema-ok-interactions').waitFor();
      await card.getByTestId('keep-import-schema-interactions').click();
      await expect
        .poll(() =>
          card.getByTestId('import-schema-source-interactions').getAttribute('data-source'),
        )
        .toBe('edited');
      await card.scrollIntoViewIfNeeded();
      await studio.screenshot('schema-4-import-step');
      // Kept across a reload, and the file beside the export is left as it was.
      await page.reload();
      const reloaded = page.getByTestId('import-schema-interactions');
      await expect
        .poll(
          () =>
            reloaded.getByTestId('import-schema-source-interactions').getAttribute('data-source'),
          { timeout: 60_000 },
        )
        .toBe('edited');
      expect(
        await reloaded.getByRole('checkbox', { name: 'EVENT_TYPE nullable' }).isChecked(),
      ).toBe(false);
      const beside = JSON.parse(
        await readFile(path.join(outDir, 'interactions.schema.json'), 'utf8'),
      ) as { fields: Record<string, unknown>[] };
      expect(beside.fields[3]).toEqual({ name: 'EVENT_TYPE', type: ['null', 'string'] });
    });
  },
);
