import { describe, expect, it } from 'vitest';
import { validateCsv } from '../../dataprep/validate-csv.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import {
  creationTimeNote,
  guessDatasets,
  suggestConstants,
  suggestMapping,
  suggestMetadata,
} from '../../../shared/rules/column-mapping.js';
import type { StudioDeps } from '../app/domain-module.js';
import { prepareModule } from './prepare-module.js';

const MOVIES = 'messy/ml-1m_movies_excerpt.dat';
const movies = sharedDataPath(MOVIES);

const prepare = prepareModule({} as unknown as StudioDeps).handlers;
const readColumns = prepare['data.prepareColumns'];

describe.skipIf(movies === undefined)(
  movies === undefined
    ? missingDataReason(MOVIES)
    : "Fix into new files reads MovieLens' movies.dat as the Data step does",
  () => {
    it('feeds items only by default: no column of times, a title and a |-joined column', async () => {
      const read = await readColumns?.({ path: movies ?? '' });
      expect(read?.hasHeader).toBe(false);
      // The figures the guess reads come with the columns.
      expect(read?.columns).toEqual([
        { name: 'column0', type: 'BIGINT', nullCount: 0, maxLength: 4, pipeCount: 0 },
        expect.objectContaining({ name: 'column1', type: 'VARCHAR', pipeCount: 0, distinct: 40 }),
        expect.objectContaining({ name: 'column2', type: 'VARCHAR', pipeCount: 25, distinct: 25 }),
      ]);
      expect(guessDatasets(read?.columns ?? [])).toEqual(['items']);
    });

    it('maps it as the Data step proposes: ITEM_ID, TITLE, GENRES (categorical)', async () => {
      const columns = (await readColumns?.({ path: movies ?? '' }))?.columns ?? [];
      const proposed = [
        ...suggestMapping('items', columns),
        ...suggestMetadata('items', columns),
      ].map((proposal) => `${proposal.column} → ${proposal.field} (${proposal.reason})`);
      expect(proposed).toEqual([
        'column0 → ITEM_ID (whole numbers, ids)',
        'column1 → TITLE (free text, textual)',
        'column2 → GENRES (categories, categorical)',
      ]);
      // The Data step's "no header" finding on the same file, given as the Items file.
      const validation = await validateCsv(movies ?? '', { datasetType: 'items' });
      const noHeader = validation.findings.find((finding) => finding.code === 'file.noHeader');
      expect(noHeader?.sample).toEqual(['ITEM_ID', 'TITLE', 'GENRES']);
    });
  },
);

const RETAIL = 'online-retail-uci/online_retail_raw.csv.gz';
const retail = sharedDataPath(RETAIL);

describe.skipIf(retail === undefined)(
  retail === undefined
    ? missingDataReason(RETAIL)
    : 'Fix into new files on the raw Online Retail export: each column goes to the dataset it describes',
  () => {
    it("offers Country (the customer's) to users.csv, not as item metadata, the description only to items.csv, and no creation time from the invoice dates", async () => {
      const columns = (await readColumns?.({ path: retail ?? '' }))?.columns ?? [];
      const fields = (type: 'items' | 'users'): string[] =>
        [...suggestMapping(type, columns), ...suggestMetadata(type, columns)].map(
          (proposal) => `${proposal.column} → ${proposal.field}`,
        );
      expect(fields('items')).toEqual([
        'StockCode → ITEM_ID',
        'Description → DESCRIPTION',
        'UnitPrice → UNIT_PRICE',
      ]);
      // InvoiceDate is when a line was sold: no CREATION_TIMESTAMP, and the suggestion says why.
      expect(creationTimeNote(columns)).toMatch(
        /^No CREATION_TIMESTAMP: InvoiceDate is when an order line was sold/u,
      );
      expect(fields('users')).toEqual(['CustomerID → USER_ID', 'Country → COUNTRY']);
    });
  },
);

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined ? missingDataReason(DAY) : 'Fix into new files on a day of Online Retail',
  () => {
    it('proposes no event type or value from Quantity and Country (7 countries that day)', async () => {
      const columns = (await readColumns?.({ path: day ?? '' }))?.columns ?? [];
      expect(columns.find((column) => column.name === 'Country')?.distinct).toBe(7);
      expect(
        suggestMapping('interactions', columns).map(
          (proposal) => `${proposal.column} → ${proposal.field}`,
        ),
      ).toEqual(['CustomerID → USER_ID', 'StockCode → ITEM_ID', 'InvoiceDate → TIMESTAMP']);
      expect(suggestConstants('interactions', columns)).toMatchObject([
        { field: 'EVENT_TYPE', value: 'purchase' },
      ]);
    });
  },
);
