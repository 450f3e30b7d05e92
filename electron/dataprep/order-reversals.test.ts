import { describe, expect, it } from 'vitest';
import { parseRecipe, type Recipe, type Step } from '../../shared/prepare/recipe.js';
import type { Finding } from '../../shared/rules/findings.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { toNumber, withConnection } from './duckdb.js';
import { previewRecipe } from './prepare/run-recipe.js';
import { validateCsv } from './validate-csv.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const MOVIELENS = 'personalize-poc-movielens-small/interactions.csv';
const raw = sharedDataPath(RAW);
const day = sharedDataPath(DAY);
const movielens = sharedDataPath(MOVIELENS);

/** One number from an independent DuckDB query over `p`. */
async function scalar(sql: string, p: string): Promise<number> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(sql, { p });
    return toNumber(Object.values(reader.getRowObjectsJS()[0] ?? {})[0]);
  });
}

const byCode = (findings: readonly Finding[], code: string): Finding | undefined =>
  findings.find((finding) => finding.code === code);

/** A recipe of one interactions output over the raw export, with `steps` as its row steps. */
function recipeWith(steps: readonly Step[]): Recipe {
  const parsed = parseRecipe({
    version: 1,
    name: 'reversal fix',
    outputs: [
      {
        datasetType: 'interactions',
        fileName: 'interactions.csv',
        columns: [
          { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
          { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
          {
            name: 'TIMESTAMP',
            from: 'InvoiceDate',
            transform: { kind: 'timestamp', format: 'pattern', pattern: '%Y-%m-%d %H:%M:%S' },
          },
        ],
        steps: [...steps],
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.recipe;
}

describe.skipIf(raw === undefined)(
  `cancelled invoices and non-positive quantities of the raw Online Retail export ${raw === undefined ? missingDataReason(RAW) : ''}`,
  () => {
    it(
      'are warnings with exact counts, first rows, samples and a row filter that drops exactly them',
      { timeout: 120_000 },
      async () => {
        const file = raw ?? '';
        const { findings } = await validateCsv(file, { datasetType: 'interactions' });
        const cancelledRows = await scalar(
          "SELECT count(*) FROM read_csv($p) WHERE InvoiceNo LIKE 'C%'",
          file,
        );
        const cancelledInvoices = await scalar(
          "SELECT count(DISTINCT InvoiceNo) FROM read_csv($p) WHERE InvoiceNo LIKE 'C%'",
          file,
        );
        const firstCancelled = await scalar(
          "SELECT min(rn) FROM (SELECT row_number() OVER () AS rn, InvoiceNo FROM read_csv($p)) WHERE InvoiceNo LIKE 'C%'",
          file,
        );
        const cancelled = byCode(findings, 'row.cancelled');
        expect(cancelled).toMatchObject({
          severity: 'warning',
          column: 'InvoiceNo',
          count: cancelledRows,
          row: firstCancelled,
          fixStep: { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
        });
        // The UCI description's first cancellation: C536379 (a discount line of 2010-12-01).
        expect(cancelled?.sample?.[0]).toBe('C536379');
        expect(cancelled?.sample?.every((value) => value.startsWith('C'))).toBe(true);
        expect(cancelled?.message).toContain(
          `${cancelledRows.toLocaleString('en-US')} rows of ${cancelledInvoices.toLocaleString('en-US')} cancelled invoices`,
        );

        const nonPositiveRows = await scalar(
          'SELECT count(*) FROM read_csv($p) WHERE Quantity <= 0',
          file,
        );
        const notOnCancelled = await scalar(
          "SELECT count(*) FROM read_csv($p) WHERE Quantity <= 0 AND InvoiceNo NOT LIKE 'C%'",
          file,
        );
        const nonPositive = byCode(findings, 'row.nonPositiveQuantity');
        expect(nonPositive).toMatchObject({
          severity: 'warning',
          column: 'Quantity',
          count: nonPositiveRows,
          fixStep: { kind: 'filter', column: 'Quantity', operator: 'greaterThan', value: 0 },
        });
        expect(nonPositive?.sample?.every((value) => Number(value) <= 0)).toBe(true);
        expect(nonPositive?.message).toContain(
          `${notOnCancelled.toLocaleString('en-US')} of them not on a cancelled invoice`,
        );
        // Warnings: the service imports such rows, the studio only says what they are. The
        // errors: the missing columns, and the blank CustomerIDs (the proposed USER_ID).
        expect(
          findings.filter((finding) => finding.severity === 'error').map((f) => f.code),
        ).toEqual(['column.missing', 'null.required', 'column.missing', 'column.missing']);

        // The one-click fixes, replayed as recipe row filters, drop exactly the counted rows.
        const steps = [cancelled?.fixStep, nonPositive?.fixStep].filter(
          (step): step is Step => step !== undefined,
        );
        const read = await scalar('SELECT count(*) FROM read_csv($p)', file);
        const preview = await previewRecipe(file, recipeWith(steps.slice(0, 1)), 0, 5);
        expect(preview.stages.map((stage) => stage.rows).slice(0, 2)).toEqual([
          read,
          read - cancelledRows,
        ]);
        const both = await previewRecipe(file, recipeWith(steps), 0, 5);
        const eitherRows = await scalar(
          "SELECT count(*) FROM read_csv($p) WHERE InvoiceNo LIKE 'C%' OR Quantity <= 0",
          file,
        );
        expect(both.stages[1]?.rows).toBe(read - eitherRows);
      },
    );
  },
);

describe.skipIf(day === undefined || movielens === undefined)(
  `order reversals on one day of Online Retail and none on a file without them ${day === undefined ? missingDataReason(DAY) : movielens === undefined ? missingDataReason(MOVIELENS) : ''}`,
  () => {
    it('counts the 26 cancellation rows and 27 negative quantities the data README lists', async () => {
      const { findings } = await validateCsv(day ?? '', { datasetType: 'interactions' });
      expect(byCode(findings, 'row.cancelled')?.count).toBe(26);
      expect(byCode(findings, 'row.nonPositiveQuantity')?.count).toBe(27);
    });

    it('says nothing about reversals where there is no invoice or quantity column', async () => {
      const { findings } = await validateCsv(movielens ?? '', { datasetType: 'interactions' });
      expect(byCode(findings, 'row.cancelled')).toBeUndefined();
      expect(byCode(findings, 'row.nonPositiveQuantity')).toBeUndefined();
    });
  },
);
