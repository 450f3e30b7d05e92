import { describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { csvProfile } from './validate-csv.js';

const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const RETAIL = 'messy/online-retail-uci_2010-12-01.csv';

describe('csvProfile (the shared scan)', () => {
  const items = sharedDataPath(ITEMS);
  it.skipIf(items === undefined)(
    `profiles item metadata ${items === undefined ? missingDataReason(ITEMS) : ''}`,
    async () => {
      const profile = await csvProfile(items ?? '', 'items');
      expect(profile.rowCount).toBe(9742);
      const genre = profile.columns.find((column) => column.name === 'GENRE');
      expect(genre).toMatchObject({ duckdbType: 'VARCHAR', hasPipe: true });
      const id = profile.columns.find((column) => column.name === 'ITEM_ID');
      expect(id).toMatchObject({
        duckdbType: 'BIGINT',
        distinctCount: 9742,
        nullCount: 0,
        hasPipe: false,
      });
      const year = profile.columns.find((column) => column.name === 'YEAR');
      expect(year?.nullCount).toBe(12);
    },
  );

  const interactions = sharedDataPath(INTERACTIONS);
  it.skipIf(interactions === undefined)(
    `profiles interactions ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`,
    async () => {
      const profile = await csvProfile(interactions ?? '', 'interactions');
      expect(profile.rowCount).toBe(158371);
      expect(profile.columns.find((column) => column.name === 'USER_ID')?.distinctCount).toBe(610);
    },
  );

  const retail = sharedDataPath(RETAIL);
  it.skipIf(retail === undefined)(
    `counts blank customer ids ${retail === undefined ? missingDataReason(RETAIL) : ''}`,
    async () => {
      const profile = await csvProfile(retail ?? '', 'interactions');
      const customer = profile.columns.find((column) => column.name === 'CustomerID');
      expect(customer).toMatchObject({ duckdbType: 'DOUBLE', nullCount: 1140 });
    },
  );

  it('throws file.notFound for a missing file', async () => {
    await expect(csvProfile('/definitely/not/here.csv', 'interactions')).rejects.toMatchObject({
      code: 'file.notFound',
    });
  });
});

describe('csvProfile (the shared scan) on other encodings', () => {
  const latin1 = sharedDataPath('messy/ml-1m_movies_excerpt.dat');
  it.skipIf(latin1 === undefined)(
    `reads a Latin-1 "::" file instead of throwing ${latin1 === undefined ? missingDataReason('messy/ml-1m_movies_excerpt.dat') : ''}`,
    async () => {
      const profile = await csvProfile(latin1 ?? '', 'items');
      expect(profile.rowCount).toBe(40);
      expect(profile.columns.map((column) => column.name)).toEqual([
        'column0',
        'column1',
        'column2',
      ]);
      expect(profile.columns[2]).toMatchObject({ hasPipe: true, nullCount: 0 });
      // Numeric columns are not counted (inference reads distinct counts of text columns only).
      expect(profile.columns[0]?.distinctCount).toBe(0);
      expect(profile.columns[1]?.distinctCount).toBe(40);
    },
  );
});
