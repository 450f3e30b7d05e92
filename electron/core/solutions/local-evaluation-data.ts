/**
 * Reads the imported files into what a recipe trains on (`TrainInput` of the sandbox's recipes),
 * the way the Local sandbox's import reads them (SPEC §5.1): rows in file order, ids as written,
 * TIMESTAMP as a number, empty cells absent, the Items rows' ITEM_ID for coverage.
 */
import { AppError } from '../../../shared/errors.js';
import { resolveColumn } from '../../dataprep/data-checks.js';
import { queryCsv, quoteIdentifier, withConnection } from '../../dataprep/duckdb.js';
import { openTextCsv } from '../../dataprep/csv-text.js';
import type { InteractionRecord } from '../../sandbox/recipes/types.js';

/** What {@link readEvaluationData} returns. */
export interface EvaluationData {
  readonly interactions: InteractionRecord[];
  readonly catalogItemIds: string[];
  readonly itemMetadata: Record<string, string>[];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return '';
}

/**
 * Reads the interactions file (USER_ID, ITEM_ID, TIMESTAMP, optional EVENT_TYPE / EVENT_VALUE,
 * found by header name case-insensitively) and the Items file's rows.
 * @throws AppError `data.invalid` when a required column is missing or a file cannot be read.
 */
export async function readEvaluationData(
  interactionsPath: string,
  itemsPath: string | undefined,
): Promise<EvaluationData> {
  const interactions = await queryCsv(interactionsPath, () =>
    withConnection(async (connection) => {
      const { source, columns } = await openTextCsv(connection, interactionsPath);
      const named = columns.map((name) => ({ name }));
      const pick = (canonical: string): string | undefined => resolveColumn(named, canonical);
      const required = ['USER_ID', 'ITEM_ID', 'TIMESTAMP'].map((canonical) => {
        const column = pick(canonical);
        if (column === undefined)
          throw new AppError(
            'data.invalid',
            `${interactionsPath} has no ${canonical} column: the evaluation needs USER_ID, ITEM_ID and TIMESTAMP.`,
            { details: { path: interactionsPath, column: canonical } },
          );
        return column;
      });
      const optional = ['EVENT_TYPE', 'EVENT_VALUE'].map(pick);
      const selected = [...required, ...optional].map((column) =>
        column === undefined ? 'NULL' : quoteIdentifier(column),
      );
      const reader = await connection.runAndReadAll(
        `SELECT ${selected.join(', ')} FROM ${source}`,
        { path: interactionsPath },
      );
      const [users = [], items = [], times = [], types = [], values = []] = reader.getColumnsJS();
      const records = new Array<InteractionRecord>(users.length);
      for (let row = 0; row < users.length; row++) {
        const eventType = text(types[row]);
        const eventValue = text(values[row]);
        records[row] = {
          userId: text(users[row]),
          itemId: text(items[row]),
          timestamp: Number(text(times[row])),
          ...(eventType === '' ? {} : { eventType }),
          ...(eventValue === '' ? {} : { eventValue: Number(eventValue) }),
        };
      }
      return records;
    }),
  );
  if (itemsPath === undefined) return { interactions, catalogItemIds: [], itemMetadata: [] };
  const itemMetadata = await queryCsv(itemsPath, () =>
    withConnection(async (connection) => {
      const { source } = await openTextCsv(connection, itemsPath);
      const reader = await connection.runAndReadAll(`SELECT * FROM ${source}`, {
        path: itemsPath,
      });
      return reader.getRowObjectsJS().map((row) => {
        const record: Record<string, string> = {};
        for (const [name, value] of Object.entries(row)) {
          const cell = text(value);
          if (cell !== '') record[name.toUpperCase() === 'ITEM_ID' ? 'ITEM_ID' : name] = cell;
        }
        return record;
      });
    }),
  );
  return {
    interactions,
    catalogItemIds: itemMetadata.map((row) => row.ITEM_ID ?? '').filter((id) => id !== ''),
    itemMetadata,
  };
}
