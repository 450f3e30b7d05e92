import {
  cellDatasetType,
  checkCellValue,
  type CellProblem,
} from '../../shared/rules/dataset-rules-cells.js';
import type { SchemaField } from './avro-schema.js';

/**
 * Checks one CSV cell against its schema field with the studio's per-value rules
 * (shared/rules/dataset-rules-cells.ts, SPEC §5.1), `datasetType` as the service writes it
 * (`INTERACTIONS`, `ITEMS`, `USERS`...). Returns `undefined` for a valid value, else the problem:
 * `error` fails the import job, `warning` drops the value (stored as null), as the service did
 * on its own POC items file.
 */
export function checkCell(
  field: SchemaField,
  value: string,
  datasetType: string,
): CellProblem | undefined {
  return checkCellValue(field, value, cellDatasetType(datasetType));
}

/** The dataset type as it appears in failure reasons: `Interactions`, `Items`, `Users`, ... */
export function datasetTypeLabel(datasetType: string): string {
  return datasetType
    .split('_')
    .map((part) => part.charAt(0) + part.slice(1).toLowerCase())
    .join('_');
}
