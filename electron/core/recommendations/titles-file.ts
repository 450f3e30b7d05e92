import { AppError } from '../../../shared/errors.js';
import type { TitlesFile } from '../../../shared/ipc/recommendations.js';
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

/** id → other columns of `filePath`, every value as text; later rows of an id win. */
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
          const record: Record<string, string> = {};
          others.forEach((name, index) => (record[name] = toText(values[index])));
          out.set(toText(id), record);
        }
      }
      return out;
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
