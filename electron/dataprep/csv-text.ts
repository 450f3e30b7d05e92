import type { DuckDBConnection } from '@duckdb/node-api';
import { sniffCsv } from './csv-format.js';
import { readCsvTextExpression, toText } from './duckdb.js';

/** A CSV opened for reading its values as text. */
export interface TextCsv {
  /** The `read_csv(...)` table expression (bind the path as `$path`), every column VARCHAR. */
  readonly source: string;
  /** Header names as written in the file (a BOM stripped), in file order. */
  readonly columns: readonly string[];
}

/**
 * Sniffs the separator of the CSV at `filePath` (DuckDB's `sniff_csv`, plus `::` and the other
 * separators it does not detect alone) and lists its header names, for queries that read values
 * as text.
 *
 * @throws the DuckDB error as is: run it inside `queryCsv` to map it to an AppError.
 */
export async function openTextCsv(
  connection: DuckDBConnection,
  filePath: string,
): Promise<TextCsv> {
  const { forcedDelimiter } = await sniffCsv(connection, filePath);
  const source = readCsvTextExpression(forcedDelimiter);
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`, {
    path: filePath,
  });
  return { source, columns: reader.getRowObjectsJS().map((row) => toText(row.column_name)) };
}
