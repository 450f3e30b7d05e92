import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { validateCsv } from './validate-csv.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined ? missingDataReason(DAY) : 'the duplicate rows of a day of Online Retail',
  () => {
    it('weigh twice as interactions; as items, they are said to add nothing', async () => {
      const duplicate = async (datasetType: 'interactions' | 'items') =>
        (await validateCsv(day ?? '', { datasetType })).findings.find(
          (finding) => finding.code === 'row.duplicate',
        );
      const interactions = await duplicate('interactions');
      expect(interactions?.count).toBe(44);
      expect(interactions?.message).toContain('repeated interactions weigh twice in training');
      const items = await duplicate('items');
      expect(items?.count).toBe(44);
      expect(items?.message).toContain(
        'an items file holds one row per item, and a repeated row adds nothing to it',
      );
      expect(items?.message).not.toContain('interactions');
      expect(items?.fix).toBe("Drop the duplicates (the Data step's dedupe).");
    });
  },
);
