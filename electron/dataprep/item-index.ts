import { AppError } from '../../shared/errors.js';
import { isEmptyCsv } from './csv-format.js';
import { openTextCsv } from './csv-text.js';
import { resolveColumn } from './data-checks.js';
import { queryCsv, quoteIdentifier, toText, withConnection } from './duckdb.js';
import { FileCache } from './file-cache.js';

/** Item metadata by ITEM_ID: column → value (the ITEM_ID column itself excluded). */
export type ItemMetadata = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Opens `filePath` as text columns and finds its ITEM_ID column by header name,
 * case-insensitively.
 *
 * @throws AppError `data.invalid` when the file has no ITEM_ID column.
 */
async function openWithItemId(
  connection: Parameters<typeof openTextCsv>[0],
  filePath: string,
): Promise<{ source: string; columns: readonly string[]; idColumn: string }> {
  const { source, columns } = await openTextCsv(connection, filePath);
  const idColumn = resolveColumn(
    columns.map((name) => ({ name })),
    'ITEM_ID',
  );
  if (idColumn === undefined)
    throw new AppError('data.invalid', `${filePath} has no ITEM_ID column.`, {
      details: { path: filePath },
    });
  return { source, columns, idColumn };
}

/**
 * Reads an Items CSV with DuckDB, every value as text exactly as written (an empty cell is
 * `''`), streamed chunk by chunk. ITEM_ID is found by header name, case-insensitively; a later
 * row of the same ITEM_ID replaces an earlier one; rows with an empty ITEM_ID are skipped.
 */
async function readItems(filePath: string): Promise<ItemMetadata> {
  const items = new Map<string, Record<string, string>>();
  // FileCache has checked that the path names a file.
  if (await isEmptyCsv(filePath)) return items;
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, columns, idColumn } = await openWithItemId(connection, filePath);
      const metadataColumns = columns.filter((name) => name !== idColumn);
      const selects = [
        quoteIdentifier(idColumn),
        ...metadataColumns.map((name) => `coalesce(${quoteIdentifier(name)}, '')`),
      ];
      const result = await connection.stream(`SELECT ${selects.join(', ')} FROM ${source}`, {
        path: filePath,
      });
      for await (const rows of result.yieldRowsJs()) {
        for (const [id, ...values] of rows) {
          if (id === null || id === undefined || id === '') continue;
          const metadata: Record<string, string> = {};
          metadataColumns.forEach((name, index) => (metadata[name] = toText(values[index])));
          items.set(toText(id), metadata);
        }
      }
      return items;
    }),
  );
}

/**
 * The distinct ITEM_ID values of a CSV (an interactions file), as written, in one streamed
 * DuckDB scan; empty ids are left out.
 */
async function readItemIds(filePath: string): Promise<ReadonlySet<string>> {
  const ids = new Set<string>();
  if (await isEmptyCsv(filePath)) return ids;
  return queryCsv(filePath, () =>
    withConnection(async (connection) => {
      const { source, idColumn } = await openWithItemId(connection, filePath);
      const id = quoteIdentifier(idColumn);
      const result = await connection.stream(
        `SELECT DISTINCT ${id} FROM ${source} WHERE ${id} IS NOT NULL AND ${id} <> ''`,
        { path: filePath },
      );
      for await (const rows of result.yieldRowsJs())
        for (const [value] of rows) ids.add(toText(value));
      return ids;
    }),
  );
}

/**
 * In-memory index of an Items CSV (`.csv` or `.csv.gz`, any separator DuckDB reads), to show
 * metadata beside recommendations: every column as text, keyed by ITEM_ID. One index per path,
 * rebuilt when the file's size or mtime changes.
 */
export class ItemIndex {
  private readonly cache = new FileCache<ItemMetadata>(readItems, 'Items file');

  /**
   * The metadata of every item of `filePath` (the same map until the file changes).
   *
   * @throws AppError `file.notFound`, `file.unreadable` (a folder), `data.invalid` (no ITEM_ID
   *   column, not UTF-8, or not parseable as CSV).
   */
  async load(filePath: string): Promise<ItemMetadata> {
    return this.cache.get(filePath);
  }

  private readonly idsCache = new FileCache<ReadonlySet<string>>(readItemIds, 'Interactions file');

  /**
   * The distinct ITEM_IDs of any file with an ITEM_ID column (used for an interactions file when
   * no Items file is imported); cached per path until the file changes.
   *
   * @throws AppError as {@link load}.
   */
  async itemIds(filePath: string): Promise<ReadonlySet<string>> {
    return this.idsCache.get(filePath);
  }
}
