import { AppError } from '../../../shared/errors.js';
import type { TitlesFile } from '../../../shared/ipc/recommendations.js';
import type { IdColumnMatch } from '../../../shared/titles-id-column.js';
import { openTextCsv } from '../../dataprep/csv-text.js';
import {
  assertCsvFile,
  queryCsv,
  quoteIdentifier,
  toText,
  withConnection,
} from '../../dataprep/duckdb.js';
import { FileCache } from '../../dataprep/file-cache.js';
import { assertSafeDataFile } from '../data/list-directory.js';

/** A titles file read whole: its header and, per id column, id → the other columns. */
interface TitlesTable {
  readonly columns: readonly string[];
  readonly byIdColumn: Map<string, Promise<Map<string, Record<string, string>>>>;
}

/** Column names of a CSV (header row), read by DuckDB. */
async function readColumns(filePath: string): Promise<readonly string[]> {
  return queryCsv(filePath, () =>
    withConnection(async (connection) => (await openTextCsv(connection, filePath)).columns),
  );
}

/**
 * id → other columns of `filePath`, every value as text: one row per id, its first in file
 * order (an order-lines file lists an item on many rows; a later row never replaces it).
 */
async function readById(
  filePath: string,
  idColumn: string,
  columns: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const others = columns.filter((name) => name !== idColumn);
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source } = await openTextCsv(connection, filePath);
      const selects = [
        quoteIdentifier(idColumn),
        ...others.map((name) => `coalesce(${quoteIdentifier(name)}, '')`),
      ];
      const result = await connection.stream(`SELECT ${selects.join(', ')} FROM ${source}`, {
        path: filePath,
      });
      const out = new Map<string, Record<string, string>>();
      for await (const rows of result.yieldRowsJs()) {
        for (const [id, ...values] of rows) {
          if (id === null || id === undefined || id === '') continue;
          const key = toText(id);
          if (out.has(key)) continue;
          const record: Record<string, string> = {};
          others.forEach((name, index) => (record[name] = toText(values[index])));
          out.set(key, record);
        }
      }
      return out;
    }),
  );
}

/**
 * Per column of `filePath`, how many distinct ids of `itemIds` it holds (values compared as
 * text, exactly as the join for display compares them), in one streamed scan.
 */
async function countIdMatches(
  filePath: string,
  columns: readonly string[],
  itemIds: ReadonlySet<string>,
): Promise<IdColumnMatch[]> {
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source } = await openTextCsv(connection, filePath);
      const found = columns.map(() => new Set<string>());
      const selects = columns.map((name) => quoteIdentifier(name));
      const result = await connection.stream(`SELECT ${selects.join(', ')} FROM ${source}`, {
        path: filePath,
      });
      for await (const rows of result.yieldRowsJs()) {
        for (const values of rows) {
          values.forEach((value, index) => {
            if (value === null || value === undefined) return;
            const text = toText(value);
            if (itemIds.has(text)) found[index]?.add(text);
          });
        }
      }
      return columns.map((column, index) => ({ column, matched: found[index]?.size ?? 0 }));
    }),
  );
}

/**
 * Optional display files joined to items for display (e.g. MovieLens' movies.csv: `movieId`,
 * `title`, `genres`): read with DuckDB once per path, size and mtime, one map per id column.
 * The file is checked like any data file first (regular file, not in a credential or system
 * folder) and never modified.
 */
export class TitlesFiles {
  private readonly cache = new FileCache<TitlesTable>(
    async (filePath) => ({ columns: await readColumns(filePath), byIdColumn: new Map() }),
    'Titles file',
  );

  /**
   * The columns of a titles file.
   * @throws AppError `file.notFound`, `file.unreadable` (a folder, a sensitive location),
   *   `data.invalid` (not a CSV).
   */
  async columns(filePath: string): Promise<readonly string[]> {
    await assertSafeDataFile(filePath);
    await assertCsvFile(filePath);
    return (await this.cache.get(filePath)).columns;
  }

  /**
   * How many of `itemIds` (the dataset's item ids) each column of the titles file holds, to
   * pick its id column when the names do not tell (see `pickIdColumn`).
   * @throws AppError as {@link columns}.
   */
  async idMatches(filePath: string, itemIds: ReadonlySet<string>): Promise<IdColumnMatch[]> {
    const columns = await this.columns(filePath);
    return countIdMatches(filePath, columns, itemIds);
  }

  /**
   * id → the titles file's other columns.
   * @throws AppError `data.invalid` when `idColumn` is not a column of the file, and as {@link columns}.
   */
  async load(file: TitlesFile): Promise<ReadonlyMap<string, Readonly<Record<string, string>>>> {
    await assertSafeDataFile(file.path);
    await assertCsvFile(file.path);
    const table = await this.cache.get(file.path);
    if (!table.columns.includes(file.idColumn))
      throw new AppError(
        'data.invalid',
        `The titles file ${file.path} has no column ${file.idColumn}: choose its item id column among ${table.columns.join(', ')}.`,
        { details: { path: file.path, column: file.idColumn } },
      );
    let loaded = table.byIdColumn.get(file.idColumn);
    if (loaded === undefined) {
      loaded = readById(file.path, file.idColumn, table.columns);
      table.byIdColumn.set(file.idColumn, loaded);
      loaded.catch(() => table.byIdColumn.delete(file.idColumn));
    }
    return loaded;
  }
}
