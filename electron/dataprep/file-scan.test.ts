import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { withJobConnection } from './duckdb.js';
import { scanFile } from './file-scan.js';
import { openFile, validateCsv } from './validate-csv.js';

const SKYTRAX = 'messy/skytrax_lounge_excerpt.csv';
const ITEM_META = 'personalize-poc-movielens-small/item-meta.csv';
const skytrax = sharedDataPath(SKYTRAX);
const itemMeta = sharedDataPath(ITEM_META);

describe('scanFile (one read of the file for validation and the profile)', () => {
  it.runIf(skytrax !== undefined)(
    `reads a wide file's further columns per type with the same figures ${skytrax === undefined ? missingDataReason(SKYTRAX) : ''}`,
    async () => {
      const opened = await openFile(skytrax ?? '');
      const roles = { ids: [], timestamps: [] };
      const [grouped, paired] = await withJobConnection(async (connection) => [
        await scanFile(connection, opened, roles, 'scan_a', 1_700_000_000),
        // One column in the GROUPING SETS read, the other 20 as (column, value) pairs.
        await scanFile(connection, opened, roles, 'scan_b', 1_700_000_000, 1),
      ]);
      expect(opened.columns.length).toBe(21);
      expect(paired.rowCount).toBe(grouped.rowCount);
      expect(paired.columns).toEqual(grouped.columns);
      const rating = grouped.columns.find((column) => column.name === 'overall_rating');
      expect(rating?.distinct).toBeGreaterThan(1);
      expect(grouped.columns.find((column) => column.name === 'airline_name')).toMatchObject({
        nullCount: 0,
      });
    },
  );

  it.runIf(itemMeta !== undefined)(
    `finds no duplicate rows in a file whose ITEM_ID values all differ ${itemMeta === undefined ? missingDataReason(ITEM_META) : ''}`,
    async () => {
      const result = await validateCsv(itemMeta ?? '', { datasetType: 'items' });
      expect(result.rowCount).toBe(9742);
      expect(result.distinct.ITEM_ID).toBe(9742);
      expect(result.findings.some((finding) => finding.code === 'row.duplicate')).toBe(false);
      const year = result.profile.columns.find((column) => column.name === 'YEAR');
      expect(year).toMatchObject({ nullCount: 12, maxLength: 9 });
    },
  );
});
