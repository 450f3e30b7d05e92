import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { toNumber, withConnection } from './duckdb.js';
import { validateCsv } from './validate-csv.js';

const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const raw = sharedDataPath(RAW);
const ITEMS = 'online-retail-uci/items.csv';
const items = sharedDataPath(ITEMS);

/** Online Retail's service lines, most rows first (postage, carriage, manual, fees...). */
const SERVICE_CODES = [
  'POST',
  'DOT',
  'M',
  'C2',
  '23444',
  'D',
  'S',
  'BANK CHARGES',
  'AMAZONFEE',
  'CRUK',
  'B',
  'm',
];

async function count(file: string, where: string): Promise<number> {
  return withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM read_csv($p, all_varchar = true) WHERE ${where}`,
      { p: file },
    );
    return toNumber(reader.getRowObjectsJS()[0]?.n);
  });
}

describe.skipIf(raw === undefined)(
  raw === undefined ? missingDataReason(RAW) : 'non-product codes of the raw Online Retail export',
  () => {
    it('finds the rows on postage, fee and manual codes, with a row filter dropping them', async () => {
      const validation = await validateCsv(raw ?? '', { datasetType: 'interactions' });
      const found = validation.findings.find((finding) => finding.code === 'row.nonProduct');
      const list = SERVICE_CODES.map((code) => `'${code}'`).join(', ');
      const rows = await count(raw ?? '', `StockCode IN (${list})`);
      expect(rows).toBe(2_993);
      expect(found).toMatchObject({
        severity: 'warning',
        column: 'StockCode',
        count: rows,
        fixStep: { kind: 'filter', column: 'StockCode', operator: 'notIn', values: SERVICE_CODES },
      });
      expect(found?.message).toMatch(
        /^2,993 rows are on 12 non-product codes of StockCode \(postage, fees, manual adjustments\): "POST \(POSTAGE\)", "DOT \(DOTCOM POSTAGE\)", "M \(Manual\)", "C2 \(CARRIAGE\)"/u,
      );
      expect(found?.sample).toContain('AMAZONFEE (AMAZON FEE)');
      // Products stay: codes without digits that name no service, and a carriage clock.
      const step = found?.fixStep;
      const dropped = step?.kind === 'filter' ? (step.values ?? []) : [];
      for (const product of ['DCGSSBOY', 'DCGSSGIRL', 'PADS', '85168B'])
        expect(dropped).not.toContain(product);
    });
  },
);

describe.skipIf(items === undefined)(
  items === undefined ? missingDataReason(ITEMS) : "the sample POC's items file",
  () => {
    it('flags the Next Day Carriage item, not the products', async () => {
      const validation = await validateCsv(items ?? '', { datasetType: 'items' });
      const found = validation.findings.find((finding) => finding.code === 'row.nonProduct');
      expect(found).toMatchObject({
        count: 1,
        sample: ['23444 (Next Day Carriage)'],
        fixStep: { kind: 'filter', column: 'ITEM_ID', operator: 'notIn', values: ['23444'] },
      });
    });
  },
);
