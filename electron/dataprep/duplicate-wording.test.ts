import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the duplicate rows finding', () => {
  it('says "1 row repeats" for one duplicate and "2 rows repeat" for two', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'duplicate-wording-'));
    try {
      const message = async (copies: number): Promise<string | undefined> => {
        const path = join(folder, `users-${copies}.csv`);
        const rows = ['USER_ID,COUNTRY', '12346,United Kingdom', '12347,Iceland'];
        for (let copy = 0; copy < copies; copy += 1) rows.push('12347,Iceland');
        writeFileSync(path, `${rows.join('\n')}\n`);
        return (await validateCsv(path, { datasetType: 'users' })).findings.find(
          (finding) => finding.code === 'row.duplicate',
        )?.message;
      };
      expect(await message(1)).toMatch(/^1 row repeats an earlier row in every column/u);
      expect(await message(2)).toMatch(/^2 rows repeat an earlier row in every column/u);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
