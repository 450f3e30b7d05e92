import type { DuckDBConnection } from '@duckdb/node-api';
import type { MappingColumn } from '../../shared/rules/column-mapping.js';
import type { OpenedCsv } from './csv-open.js';
import { sampleValues } from './dataset-stats.js';
import { scanFile } from './file-scan.js';

let rejectsCounter = 0;

/**
 * What the column mapping guess (shared/rules/column-mapping.ts) reads of each column of an
 * opened file, with the figures the Data step's validation gathers for the same columns: nulls,
 * longest value, `|`-joined values and (text columns) exact distinct counts from one read of the
 * whole file without any role, and the first values as written. So "Fix into new files" proposes
 * the same mapping as the Data step's findings, without waiting for the full validation scan.
 *
 * @throws the DuckDB error as is (run inside `queryCsv`).
 */
export async function mappingColumns(
  connection: DuckDBConnection,
  file: OpenedCsv,
): Promise<MappingColumn[]> {
  if (file.columns.length === 0) return [];
  const scan = await scanFile(
    connection,
    file,
    { ids: [], timestamps: [] },
    `poc_mapping_rejects_${++rejectsCounter}`,
    Math.floor(Date.now() / 1000),
  );
  const samples = await sampleValues(connection, file);
  const scanned = new Map(scan.columns.map((column) => [column.name, column]));
  return file.columns.map((column) => {
    const figures = scanned.get(column.name);
    const isText = column.type.toUpperCase() === 'VARCHAR';
    return {
      name: column.name,
      type: column.type,
      nullCount: figures?.nullCount ?? 0,
      maxLength: figures?.maxLength ?? 0,
      pipeCount: figures?.pipeCount ?? 0,
      // As the validation counts them: exact distinct values of text columns only.
      ...(isText && figures !== undefined ? { distinct: figures.distinct } : {}),
      ...(samples[column.name] === undefined ? {} : { samples: samples[column.name] }),
    };
  });
}
