import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumber, withConnection } from '../electron/dataprep/duckdb.js';
import { missingDataReason, sharedDataPath } from '../electron/testing/shared-data.js';
import {
  recordExportJobs,
  shownProgress,
  watchExportProgress,
} from './fixtures/export-progress.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const raw = sharedDataPath(RAW);

/** Online Retail's service lines (postage, carriage, manual, fees...), as the findings list them. */
const NON_PRODUCT_CODES =
  'POST, DOT, M, C2, 23444, D, S, BANK CHARGES, AMAZONFEE, CRUK, B, m'.split(', ');
const NON_PRODUCTS = `StockCode NOT IN (${NON_PRODUCT_CODES.map((code) => `'${code}'`).join(', ')})`;

/** The raw rows the recipe's row filters keep: not cancelled, a positive quantity, a product. */
const FILTERED = `SELECT count(*) FROM read_csv($p) WHERE InvoiceNo NOT LIKE 'C%' AND Quantity > 0 AND ${NON_PRODUCTS}`;

/** The raw rows the recipe keeps: {@link FILTERED}, with a customer id. */
const KEPT = `${FILTERED} AND CustomerID IS NOT NULL`;

/** The rows of `sql`, whose `$p` is the raw file and `$w` the `written` one. */
async function rowsOf(sql: string, written?: string): Promise<Record<string, unknown>[]> {
  return withConnection(async (connection) =>
    // DuckDB refuses a parameter the query does not use.
    (
      await connection.runAndReadAll(sql, {
        ...(sql.includes('$p') ? { p: raw ?? '' } : {}),
        ...(written === undefined ? {} : { w: written }),
      })
    ).getRowObjectsJS(),
  );
}

async function count(sql: string, written?: string): Promise<number> {
  return toNumber(Object.values((await rowsOf(sql, written))[0] ?? {})[0]);
}

describe.skipIf(raw === undefined)(
  raw === undefined
    ? missingDataReason(RAW)
    : 'the raw Online Retail export fixed into importable files, imported, trained and recommended',
  () => {
    let session: StudioSession;
    let page: Page;
    let studio: StudioPage;
    let outDir = '';

    beforeAll(async () => {
      outDir = await mkdtemp(path.join(os.tmpdir(), 'raw-retail-e2e-'));
      session = await openStudioSession();
      ({ page, studio } = session);
    });
    afterAll(async () => {
      await session?.close();
      await rm(outDir, { recursive: true, force: true });
    });

    it('maps the columns, converts the dates, drops cancellations and blank customers in one click each, and shows the SQL', async () => {
      const section = page.getByTestId('prepare-section');
      await section.getByRole('textbox', { name: 'Raw file path' }).fill(raw ?? '');
      await section.getByRole('button', { name: 'Read columns' }).click();
      await page
        .getByTestId('prepare-source-columns')
        .getByText(/8 columns/u)
        .waitFor({ timeout: 60_000 });
      await section.getByRole('textbox', { name: 'Output folder' }).fill(outDir);
      // Reading the file proposed the mapping (no click on Suggest mapping): the ids and dates by
      // name, and, as no column holds an event type on these order lines, EVENT_TYPE as the
      // constant "purchase".
      await section.getByTestId('prepare-suggested-interactions').waitFor();
      expect(await section.getByTestId('prepare-suggested-interactions').innerText()).toBe(
        'CustomerID → USER_ID (named CustomerID); StockCode → ITEM_ID (named StockCode); InvoiceDate → TIMESTAMP (named InvoiceDate); EVENT_TYPE = "purchase" on every row (constant: order lines (InvoiceNo, Quantity, UnitPrice): each row is a purchase)',
      );
      expect(
        await section.getByRole('textbox', { name: 'Constant value of EVENT_TYPE' }).inputValue(),
      ).toBe('purchase');
      await section.getByTestId('prepare-suggested-interactions').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-1-suggested-mapping');
      // InvoiceDate reads as a DuckDB TIMESTAMP, so the suggestion already converts it with a date pattern.
      await section.getByRole('textbox', { name: 'Time zone of TIMESTAMP' }).fill('Europe/London');
      // The data rules' findings on the raw file offer their row filters: one click each.
      const suggested = page.getByTestId('prepare-suggested-filters-interactions');
      await suggested.waitFor({ timeout: 120_000 });
      expect(await suggested.innerText()).toContain(
        'cancelled invoices: InvoiceNo starts with "C"',
      );
      // The missing required columns' fixes are the column mapping Suggest mapping just filled
      // (the dates by its date pattern, in Europe/London): each reads Fix applied.
      for (const fix of [
        'Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
        'Map StockCode to ITEM_ID with surrounding spaces trimmed',
        'Map InvoiceDate to TIMESTAMP from ISO 8601 dates (read in UTC without an offset) to epoch seconds',
      ])
        expect(
          await suggested.getByRole('button', { name: `Apply fix: ${fix}` }).innerText(),
        ).toMatch(/^Fix applied/u);
      // The suggestion also added the row filters its findings recommend, and the dedupe.
      for (const filter of [
        'Keep rows where InvoiceNo does not start with C',
        'Keep rows where Quantity > 0',
        `Keep rows where StockCode is none of ${NON_PRODUCT_CODES.join(', ')}`,
      ])
        await expect
          .poll(
            () => suggested.getByRole('button', { name: `Add row filter: ${filter}` }).innerText(),
            { timeout: 120_000 },
          )
          .toMatch(/^Filter added/u);
      expect(await section.getByTestId('prepare-suggested-steps-interactions').innerText()).toBe(
        `Added from the findings (remove any of them under Row filters and the row switches below): Keep rows where InvoiceNo does not start with C; Keep rows where Quantity > 0; Keep rows where StockCode is none of ${NON_PRODUCT_CODES.join(', ')}; Drop duplicate rows.`,
      );
      // Postage, fees and manual adjustments are not products: the finding says how many rows.
      expect(await suggested.innerText()).toContain(
        '2,993 rows are on 12 non-product codes of StockCode (postage, fees, manual adjustments)',
      );
      // The export repeats 5,268 invoice lines: the suggestion drops them; the user can keep them
      // (as here: the rows this test counts keep them, as the sample POC does).
      await section.getByRole('checkbox', { name: 'Drop duplicate rows' }).uncheck();
      expect(
        await suggested
          .getByRole('button', { name: 'Drop duplicate rows', exact: true })
          .innerText(),
      ).toBe('Drop duplicate rows');
      expect(await suggested.innerText()).toContain('5,268 rows repeat an earlier row');
      await suggested.scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-1-suggested-filters');
      await section.getByRole('button', { name: 'Preview interactions' }).click();
      const stages = page.getByTestId('prepare-stages');
      await stages.waitFor({ timeout: 120_000 });
      const read = await count('SELECT count(*) FROM read_csv($p)');
      const filtered = await count(FILTERED);
      const kept = await count(KEPT);
      await stages.getByText(read.toLocaleString('en-US')).first().waitFor();
      await stages.getByText(filtered.toLocaleString('en-US')).first().waitFor();
      await stages.getByText(`−${(read - filtered).toLocaleString('en-US')}`).waitFor();
      await stages.getByText(kept.toLocaleString('en-US')).waitFor();
      await stages.getByText(`−${(filtered - kept).toLocaleString('en-US')}`).waitFor();
      const rows = page.getByTestId('prepare-preview-rows');
      await rows.getByText('17850', { exact: true }).first().waitFor();
      // 2010-12-01 08:26 London (GMT in winter) is 1291191960.
      await rows.getByText('1291191960', { exact: true }).first().waitFor();
      expect(await page.getByTestId('prepare-sql').innerText()).toContain(
        "timezone('Europe/London', try_strptime(trim(\"InvoiceDate\"), '%Y-%m-%d %H:%M:%S'))",
      );
      const sql = await page.getByTestId('prepare-sql').innerText();
      expect(sql).toContain(`NOT starts_with(coalesce("InvoiceNo", ''), 'C')`);
      expect(sql).toContain('TRY_CAST(trim("Quantity") AS DOUBLE) > 0');
      expect(sql).toContain(`coalesce("StockCode", '') NOT IN ('POST', 'DOT', 'M', 'C2'`);
      await page.getByTestId('prepare-columns-interactions').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-1-mapping');
      await stages.scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-1-steps');
      await page.getByTestId('prepare-sql').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-1-sql');
    });

    it('cancels the export job with Cancel export: no file is written, nothing is shown as exported', async () => {
      const jobs = recordExportJobs(session);
      await page.getByRole('button', { name: 'Export importable files' }).click();
      const progress = page.getByTestId('prepare-export-progress');
      await progress.waitFor({ timeout: 60_000 });
      await studio.screenshot('raw-retail-2-export-running');
      await progress.getByRole('button', { name: 'Cancel export' }).click();
      await page
        .getByText('The export was cancelled; its partial files were removed.')
        .waitFor({ timeout: 60_000 });
      jobs.stop();
      expect(jobs.seen.some((job) => job.state === 'running')).toBe(true);
      expect(jobs.seen.at(-1)?.state).toBe('cancelled');
      expect(jobs.seen.some((job) => job.state === 'succeeded')).toBe(false);
      // The staged files are removed and none reached the folder.
      expect(await readdir(outDir)).toEqual([]);
      expect(await page.getByTestId('prepare-exported').count()).toBe(0);
      expect(await progress.count()).toBe(0);
      await studio.screenshot('raw-retail-2-export-cancelled');
    });

    it('exports the importable file and its schema, with the job’s progress; the raw file is untouched', async () => {
      const before = await readFile(raw ?? '');
      const jobs = recordExportJobs(session);
      await watchExportProgress(page);
      await page.getByRole('button', { name: 'Export importable files' }).click();
      await page.getByTestId('prepare-exported').waitFor({ timeout: 180_000 });
      jobs.stop();
      const written = path.join(outDir, 'interactions.csv');
      const kept = await count(KEPT);
      // While it ran the Data step showed the job's step, files written and the file waiting for its rows.
      const shown = await shownProgress(page);
      expect(shown.some((text) => text.includes('0 of 1 files written'))).toBe(true);
      expect(
        shown.some(
          (text) =>
            text.includes('Writing interactions.csv') &&
            text.includes('Rows written to interactions.csv: waiting'),
        ),
      ).toBe(true);
      // The job: running through its steps, then succeeded with 1 of 1 files and the rows written.
      const running = jobs.seen.filter((job) => job.state === 'running').map((job) => job.step);
      expect(running).toContain('Writing interactions.csv');
      const last = jobs.seen.at(-1);
      expect(last?.state).toBe('succeeded');
      expect(last?.progress).toEqual({
        done: 1,
        total: 1,
        unit: 'files',
        measures: [
          { label: 'Rows written to interactions.csv', unit: 'rows', done: kept, total: kept },
        ],
      });
      // The header the schema names, in its order.
      const header = (await readFile(written, 'utf8')).slice(0, 200).split('\n')[0];
      expect(header).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
      expect(await count('SELECT count(*) FROM read_csv($w)', written)).toBe(kept);
      // The constant event type from Suggest mapping is on every exported row.
      expect(
        await rowsOf(
          'SELECT EVENT_TYPE, count(*)::INTEGER AS n FROM read_csv($w) GROUP BY 1',
          written,
        ),
      ).toEqual([{ EVENT_TYPE: 'purchase', n: kept }]);
      expect(
        JSON.parse(await readFile(path.join(outDir, 'interactions.schema.json'), 'utf8')),
      ).toMatchObject({
        name: 'Interactions',
      });
      expect((await readFile(raw ?? '')).equals(before)).toBe(true);
      await page.getByTestId('prepared-interactions').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-2-exported');
      // The file browser opens at the exported files, to choose them.
      await page.getByRole('button', { name: 'Choose file for items' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('interactions.schema.json', { exact: true }).waitFor();
      expect(await dialog.getByTestId('file-browser-directory').innerText()).toBe(outDir);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    it('imports the result into the sandbox, trains and recommends', async () => {
      await page.getByRole('button', { name: 'Use these files and continue to import' }).click();
      await page
        .getByRole('button', { name: 'Start import', exact: true })
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          await studio.screenshot('raw-retail-3-not-import');
          throw error;
        });
      await studio.click('Start import');
      await studio.waitForAttribute('import-status-interactions', 'status', 'ACTIVE');
      const kept = await count(KEPT);
      expect(await studio.text('imported-rows-interactions')).toBe(kept.toLocaleString('en-US'));
      await studio.screenshot('raw-retail-3-import');
      await studio.click('Continue to solutions');
      await studio.click('Train');
      for (const recipe of ['aws-user-personalization', 'aws-popularity-count'])
        await studio.waitForAttribute(`solution-status-${recipe}`, 'status', 'ACTIVE');
      await studio.waitForAttribute('metrics-table', 'row-count', '2');
      await studio.screenshot('raw-retail-4-solutions');
      await studio.click('Continue to campaign');
      await studio.click('Deploy');
      await studio.waitForAttribute('campaign-status', 'status', 'ACTIVE');
      await studio.click('Continue to explore');
      await page.getByRole('textbox', { name: 'User ID' }).fill('17850');
      await studio.click('Get recommendations');
      await studio.waitForAttribute('recommendations', 'count', '25');
      const items = await studio.recommendations();
      expect(new Set(items.map((item) => item.itemId)).size).toBe(25);
      await studio.screenshot('raw-retail-5-recommendations');
    });
  },
);

describe.skipIf(raw === undefined)(
  raw === undefined
    ? missingDataReason(RAW)
    : 'the raw Online Retail export fixed into an items file only',
  () => {
    let session: StudioSession;
    let outDir = '';

    beforeAll(async () => {
      outDir = await mkdtemp(path.join(os.tmpdir(), 'raw-retail-items-e2e-'));
      session = await openStudioSession();
    });
    afterAll(async () => {
      await session?.close();
      await rm(outDir, { recursive: true, force: true });
    });

    it('writes items.csv alone, one row per product with its first row’s description and price, and its schema', async () => {
      const { page, studio } = session;
      const section = page.getByTestId('prepare-section');
      await section.getByRole('textbox', { name: 'Raw file path' }).fill(raw ?? '');
      await section.getByRole('button', { name: 'Read columns' }).click();
      await section
        .getByTestId('prepare-source-columns')
        .getByText(/8 columns/u)
        .waitFor({ timeout: 60_000 });
      await section.getByRole('textbox', { name: 'Output folder' }).fill(outDir);
      await section.getByRole('checkbox', { name: 'items (writes items.csv)' }).check();
      await section
        .getByRole('checkbox', { name: 'interactions (writes interactions.csv)' })
        .uncheck();
      await section.getByTestId('prepare-suggest-items').click();
      expect(await section.getByTestId('prepare-suggested-items').innerText()).toBe(
        'StockCode → ITEM_ID (named StockCode); Description → DESCRIPTION (free text, textual); UnitPrice → UNIT_PRICE (numbers, numeric)',
      );
      // InvoiceDate is when a line was sold: no CREATION_TIMESTAMP, and the tab says why.
      expect(await section.getByTestId('prepare-suggested-note-items').innerText()).toBe(
        "No CREATION_TIMESTAMP: InvoiceDate is when an order line was sold, not when the item was added to the catalogue, which is what Personalize reads CREATION_TIMESTAMP as (it tells new items apart for cold-start exploration). Left out, Personalize takes each item's oldest interaction instead: its first sale.",
      );
      const steps = section.getByTestId('prepare-suggested-steps-items');
      await expect
        .poll(() => steps.innerText(), { timeout: 120_000 })
        .toBe(
          `Added from the findings (remove any of them under Row filters and the row switches below): Keep rows where InvoiceNo does not start with C; Keep rows where Quantity > 0; Keep rows where StockCode is none of ${NON_PRODUCT_CODES.join(', ')}; Drop duplicate rows.`,
        );
      await section.getByTestId('prepare-suggested-items').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-items-1-suggested');
      await page.getByTestId('prepare-columns-items').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-items-1-mapping');
      await page.getByRole('button', { name: 'Export importable files' }).click();
      await page.getByTestId('prepare-exported').waitFor({ timeout: 180_000 });
      await page.getByTestId('prepared-items').scrollIntoViewIfNeeded();
      await studio.screenshot('raw-retail-items-2-exported');
      expect((await readdir(outDir)).sort()).toEqual([
        '.poc-studio-export.json',
        'items.csv',
        'items.schema.json',
      ]);
      const written = path.join(outDir, 'items.csv');
      expect((await readFile(written, 'utf8')).split('\n')[0]).toBe(
        'ITEM_ID,DESCRIPTION,UNIT_PRICE',
      );
      // One row per product code the filters keep, and each item's values from its first row.
      const products = await count(
        `SELECT count(DISTINCT trim(StockCode)) FROM read_csv($p) WHERE InvoiceNo NOT LIKE 'C%' AND Quantity > 0 AND ${NON_PRODUCTS}`,
      );
      expect(
        await rowsOf(
          'SELECT count(*)::INTEGER AS n, count(DISTINCT ITEM_ID)::INTEGER AS items FROM read_csv($w, all_varchar = true)',
          written,
        ),
      ).toEqual([{ n: products, items: products }]);
      // POST (postage) is not a product: filtered out.
      expect(
        await rowsOf(
          `SELECT * FROM read_csv($w, all_varchar = true) WHERE ITEM_ID IN ('85123A', '22423', 'POST') ORDER BY ITEM_ID`,
          written,
        ),
      ).toEqual([
        { ITEM_ID: '22423', DESCRIPTION: 'REGENCY CAKESTAND 3 TIER', UNIT_PRICE: '10.95' },
        {
          ITEM_ID: '85123A',
          DESCRIPTION: 'WHITE HANGING HEART T-LIGHT HOLDER',
          UNIT_PRICE: '2.55',
        },
      ]);
      // No CREATION_TIMESTAMP; the description is the Items dataset's one textual field.
      const schema: unknown = JSON.parse(await readFile(`${outDir}/items.schema.json`, 'utf8'));
      expect(schema).toMatchObject({ type: 'record', name: 'Items' });
      expect((schema as { fields: unknown }).fields).toEqual([
        { name: 'ITEM_ID', type: 'string' },
        { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
        { name: 'UNIT_PRICE', type: 'float' },
      ]);
    });
  },
);
