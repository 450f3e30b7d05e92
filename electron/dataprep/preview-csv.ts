import type { EncodingChoice } from '../../shared/ipc/data.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataPreview } from '../../shared/ipc/contract.js';
import { findingToCheck } from '../../shared/rules/findings.js';
import { csvSource } from './csv-open.js';
import type { PreviewDatasetType } from './data-checks.js';
import { queryCsv, toText, withConnection } from './duckdb.js';
import { openedCsv, validateCsv } from './validate-csv.js';

async function firstRows(
  connection: DuckDBConnection,
  path: string,
  source: string,
  limit: number,
): Promise<Record<string, string | null>[]> {
  const reader = await connection.runAndReadAll(
    `SELECT COLUMNS(*)::VARCHAR FROM ${source} LIMIT $limit`,
    { path, limit },
  );
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(row))
      out[key] = value === null || value === undefined ? null : toText(value);
    return out;
  });
}

/**
 * Reads the first rows and a basic profile of a dataset CSV (.csv or .csv.gz) with DuckDB.
 *
 * Returns the columns with DuckDB's sniffed types, the first `limit` rows as strings (null for
 * empty cells), the exact row count (malformed rows excluded), exact distinct counts of the key
 * columns (USER_ID, ITEM_ID, EVENT_TYPE for interactions; ITEM_ID for items; USER_ID for users,
 * keyed by the file's column name) and the checks: the findings of {@link validateCsv} (the
 * service's rules, shared/rules/dataset-rules.ts) mapped onto `DataCheck`. The statistics are
 * cached per path, size, mtime and `encoding` (read with it instead of the detected one when
 * given); the file is never modified.
 *
 * @throws AppError `file.notFound` (names the path), `file.unreadable` (a folder),
 *   `data.invalid` (DuckDB cannot parse it).
 */
export async function previewCsv(
  path: string,
  datasetType: PreviewDatasetType,
  limit: number,
  encoding?: EncodingChoice,
): Promise<DataPreview> {
  const validation = await validateCsv(path, {
    datasetType,
    ...(encoding === undefined ? {} : { encoding }),
  });
  const checks = validation.findings.map(findingToCheck);
  const opened = await openedCsv(path, encoding);
  if (validation.rowCount === 0 || opened === undefined) {
    return {
      path,
      columns: [...validation.columns],
      rows: [],
      rowCount: validation.rowCount,
      distinct: { ...validation.distinct },
      checks,
    };
  }
  const rowLimit = Math.max(1, Math.floor(limit));
  const rows = await queryCsv(path, () =>
    withConnection((connection) =>
      firstRows(connection, opened.readPath, csvSource(opened, 'ignore'), rowLimit),
    ),
  );
  return {
    path,
    columns: [...validation.columns],
    rows,
    rowCount: validation.rowCount,
    distinct: { ...validation.distinct },
    checks,
  };
}
