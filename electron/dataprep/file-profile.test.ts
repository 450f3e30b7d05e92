import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { profileFile } from './file-profile.js';

const POC = 'personalize-poc-movielens-small/interactions.csv';
const ITEM_META = 'personalize-poc-movielens-small/item-meta.csv';
const RETAIL_DAY = 'messy/online-retail-uci_2010-12-01.csv';
const poc = sharedDataPath(POC);
const itemMeta = sharedDataPath(ITEM_META);
const retailDay = sharedDataPath(RETAIL_DAY);

describe('profileFile (charts and table of the Data step, exact counts)', () => {
  it.runIf(poc !== undefined)(
    `profiles the POC interactions: users, items, event types, long tail, time ${poc === undefined ? missingDataReason(POC) : ''}`,
    async () => {
      const profile = await profileFile(poc ?? '', 'interactions');
      // The README's numbers: 158,371 rows, 610 users, 9,477 items; 96,655 click and 61,716 watch.
      expect(profile.rowCount).toBe(158_371);
      expect(profile.users?.distinct).toBe(610);
      expect(profile.items?.distinct).toBe(9477);
      expect(profile.eventTypes).toEqual([
        { value: 'click', count: 96_655 },
        { value: 'watch', count: 61_716 },
      ]);
      const users = profile.users;
      expect(users?.points.at(-1)).toMatchObject({ rank: 610, cumulativeShare: 1 });
      // Counted with Python's csv module: the most active user has 4,116 rows, the 7th 1,959
      // (the last of the top 1%), the median 114.5.
      expect(users).toMatchObject({ max: 4116, median: 114.5, single: 0 });
      expect(users?.points[0]).toMatchObject({ rank: 7, count: 1959 });
      const counts = users?.points.map((point) => point.count) ?? [];
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(profile.columns.find((column) => column.name === 'USER_ID')).toMatchObject({
        nullCount: 0,
        distinct: 610,
        distinctApproximate: false,
        min: '1',
        max: '610',
      });
      // TIMESTAMP is no id: its distinct count is an estimate, flagged so (the file holds 81,890
      // distinct TIMESTAMP values, counted with Python's csv module); its other figures are exact.
      const timestamp = profile.columns.find((column) => column.name === 'TIMESTAMP');
      expect(timestamp).toMatchObject({ nullCount: 0, distinctApproximate: true, maxLength: 10 });
      expect(Math.abs((timestamp?.distinct ?? 0) / 81_890 - 1)).toBeLessThan(0.2);
      const time = profile.time;
      expect(time?.column).toBe('TIMESTAMP');
      expect(time?.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(158_371);
      expect(time?.bucketSeconds).toBe(365 * 86_400);
      expect(new Date((time?.min ?? 0) * 1000).getUTCFullYear()).toBe(1996);
    },
  );

  it.runIf(itemMeta !== undefined)(
    `counts distinct values exactly where estimates were off ${itemMeta === undefined ? missingDataReason(ITEM_META) : ''}`,
    async () => {
      const profile = await profileFile(itemMeta ?? '', 'items');
      expect(profile.rowCount).toBe(9742);
      const year = profile.columns.find((column) => column.name === 'YEAR');
      expect(year).toMatchObject({ nullCount: 12, maxLength: 9 });
      const genre = profile.columns.find((column) => column.name === 'GENRE');
      // Python's csv module counts 951 distinct GENRE values (DuckDB's estimate said 911).
      expect(genre?.distinct).toBe(951);
      expect(genre?.distinctApproximate).toBe(false);
      expect(profile.users).toBeUndefined();
    },
  );

  it.runIf(retailDay !== undefined)(
    `charts a raw export's date column over time ${retailDay === undefined ? missingDataReason(RETAIL_DAY) : ''}`,
    async () => {
      const profile = await profileFile(retailDay ?? '', 'interactions');
      expect(profile.rowCount).toBe(3108);
      expect(profile.time?.column).toBe('InvoiceDate');
      expect(profile.time?.bucketSeconds).toBe(3600);
      expect(profile.time?.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3108);
      expect(profile.columns.find((column) => column.name === 'CustomerID')?.nullCount).toBe(1140);
    },
  );
});
