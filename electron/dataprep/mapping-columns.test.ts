import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { openCsv } from './csv-open.js';
import { withConnection } from './duckdb.js';
import * as mappingStats from './mapping-stats.js';
import { fileMappingColumns, validateCsv } from './validate-csv.js';

// Counts the reads the mapping guess makes of its own (the real function runs).
vi.mock('./mapping-stats.js', async (original) => {
  const actual = await original<typeof import('./mapping-stats.js')>();
  return {
    ...actual,
    mappingColumns: vi.fn(actual.mappingColumns),
  };
});
const ownReads = vi.mocked(mappingStats.mappingColumns);

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const day = sharedDataPath(DAY);

describe.skipIf(day === undefined)(
  day === undefined
    ? missingDataReason(DAY)
    : 'Read columns takes the mapping figures from the Data step when it checked the file',
  () => {
    const dirs: string[] = [];
    /** A copy of the day's export of its own, so that no other test's cache answers. */
    const copy = async (): Promise<string> => {
      const dir = await mkdtemp(path.join(tmpdir(), 'mapping-columns-'));
      dirs.push(dir);
      const file = path.join(dir, 'online-retail-day.csv');
      await copyFile(day ?? '', file);
      return file;
    };
    /** The figures as a read of their own finds them (the reference). */
    const reference = async (file: string) =>
      withConnection(async (connection) =>
        mappingStats.mappingColumns(connection, await openCsv(connection, file)),
      );
    // A function returned by the hook would be run as its cleanup: return nothing.
    beforeEach(() => {
      ownReads.mockClear();
    });
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    it('after a validation: the same figures, without a read of their own', async () => {
      const file = await copy();
      const expected = await reference(file);
      ownReads.mockClear();
      await validateCsv(file, { datasetType: 'interactions' });
      const { opened, columns } = await fileMappingColumns(file);
      expect(ownReads).not.toHaveBeenCalled();
      expect(columns).toEqual(expected);
      expect(opened.delimiter).toBe(',');
      // Real values of that day: 7 countries, 1,570 descriptions, no empty StockCode.
      expect(columns.find((column) => column.name === 'Country')?.distinct).toBe(7);
      expect(columns.find((column) => column.name === 'StockCode')?.nullCount).toBe(0);
    });

    it('without one: reads once, and a second Read columns of the same file version does not', async () => {
      const file = await copy();
      const first = await fileMappingColumns(file);
      const second = await fileMappingColumns(file);
      expect(ownReads).toHaveBeenCalledTimes(1);
      expect(second.columns).toEqual(first.columns);
      expect(first.columns).toEqual(await reference(file));
    });
  },
);
