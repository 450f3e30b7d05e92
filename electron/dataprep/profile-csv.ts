import type { ColumnProfile, CsvProfile } from '../../shared/dataprep.js';
import { isEmptyCsv } from './csv-format.js';
import { csvSource } from './csv-open.js';
import { assertCsvFile, queryCsv, quoteIdentifier, toNumber, withConnection } from './duckdb.js';
import { openFile } from './validate-csv.js';

/** Above this many distinct values (estimated) the profile keeps DuckDB's approximate count. */
export const EXACT_DISTINCT_LIMIT = 100_000;

/**
 * Profiles every column of a CSV (.csv or .csv.gz) with DuckDB: sniffed type, distinct
 * non-null values (exact up to {@link EXACT_DISTINCT_LIMIT}, approximate above), empty
 * cells, longest value in characters and whether any value holds a `|`. Never modifies
 * the file. An empty file (no bytes besides a BOM and whitespace) has no columns and no rows;
 * the file is opened as validation opens it (openFile: a separator DuckDB does not detect on
 * its own such as `::`, Latin-1 / Windows-1252 / UTF-16 read in their encoding).
 *
 * @throws AppError `file.notFound` (names the path), `file.unreadable`, `data.invalid` (not
 *   parseable as CSV).
 */
export async function profileCsv(path: string): Promise<CsvProfile> {
  await assertCsvFile(path);
  if (await isEmptyCsv(path)) return { path, rowCount: 0, columns: [] };
  // Opened as validation opens it: Latin-1 / UTF-16 read in their encoding, any separator.
  const opened = await openFile(path);
  const readPath = opened.readPath;
  return queryCsv(path, () =>
    withConnection(async (connection) => {
      const source = csvSource(opened, 'ignore');
      const columns = opened.columns;
      const selects = ['count(*) AS row_count'];
      columns.forEach((column, index) => {
        const quoted = quoteIdentifier(column.name);
        const text = `${quoted}::VARCHAR`;
        selects.push(
          `approx_count_distinct(${quoted}) AS d${index}`,
          `count(*) - count(${quoted}) AS n${index}`,
          `coalesce(max(length(${text})), 0) AS l${index}`,
          `coalesce(bool_or(contains(${text}, '|')), false) AS p${index}`,
        );
      });
      const reader = await connection.runAndReadAll(`SELECT ${selects.join(', ')} FROM ${source}`, {
        path: readPath,
      });
      const row = reader.getRowObjectsJS()[0] ?? {};
      const estimates = columns.map((_, index) => toNumber(row[`d${index}`]));
      const exactIndexes = columns
        .map((_, index) => index)
        .filter((index) => (estimates[index] ?? 0) <= EXACT_DISTINCT_LIMIT);
      const exact = new Map<number, number>();
      if (exactIndexes.length > 0) {
        const exactSelects = exactIndexes.map(
          (index) => `count(DISTINCT ${quoteIdentifier(columns[index]?.name ?? '')}) AS e${index}`,
        );
        const exactReader = await connection.runAndReadAll(
          `SELECT ${exactSelects.join(', ')} FROM ${source}`,
          { path: readPath },
        );
        const exactRow = exactReader.getRowObjectsJS()[0] ?? {};
        for (const index of exactIndexes) exact.set(index, toNumber(exactRow[`e${index}`]));
      }
      const profiles: ColumnProfile[] = columns.map((column, index) => ({
        name: column.name,
        duckdbType: column.type,
        distinctCount: exact.get(index) ?? estimates[index] ?? 0,
        nullCount: toNumber(row[`n${index}`]),
        maxLength: toNumber(row[`l${index}`]),
        hasPipe: row[`p${index}`] === true,
      }));
      return { path, rowCount: toNumber(row.row_count), columns: profiles };
    }),
  );
}
