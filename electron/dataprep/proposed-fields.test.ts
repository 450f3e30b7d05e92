import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { validateCsv } from './validate-csv.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined ? missingDataReason(DAY) : 'a column the mapping proposes as a reserved field',
  () => {
    it('gets no "mark it categorical" advice: StockCode is the proposed ITEM_ID, Description goes to items', async () => {
      const validation = await validateCsv(day ?? '', { datasetType: 'interactions' });
      const unused = validation.findings
        .filter((finding) => finding.code === 'field.unused')
        .map((finding) => finding.column);
      expect(unused).toEqual(['Description']);
      // A product description in an interactions file belongs in the items file.
      expect(validation.findings.find((finding) => finding.code === 'field.unused')).toMatchObject({
        message:
          'Description describes the item, not the interaction: in an interactions file training ignores it. Item metadata belongs in the items file.',
        fix: 'Move Description to items.csv as a textual field (Fix into new files: tick items), or drop it from the interactions.',
      });
      // It is still named as the ITEM_ID to map.
      expect(
        validation.findings.find(
          (finding) => finding.code === 'column.missing' && finding.column === 'ITEM_ID',
        )?.sample,
      ).toEqual(['StockCode']);
    });
  },
);
