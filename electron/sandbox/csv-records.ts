import { MAX_CATEGORICAL_LENGTH, MAX_ID_LENGTH } from '../../shared/rules/limits.js';
import type { SchemaField } from './avro-schema.js';

const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);
const INTEGER = /^[-+]?\d+$/u;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/u;

/**
 * Checks one CSV cell against its schema field (SPEC §5.1): empty = null only if nullable;
 * int/long base-10 integers; float/double decimals; boolean exactly `true`/`false`; ids ≤ 256
 * characters; categorical/impression values ≤ 1000 characters (Interactions and Items).
 *
 * Returns the problem text (without row/column), or `undefined` when the value is valid.
 */
export function checkCell(
  field: SchemaField,
  value: string,
  datasetType: string,
): string | undefined {
  if (value === '')
    return field.isNullable ? undefined : `empty value in the non-nullable ${field.type} field`;
  switch (field.type) {
    case 'int':
    case 'long':
      if (!INTEGER.test(value)) return `"${value.slice(0, 50)}" is not a valid ${field.type}`;
      break;
    case 'float':
    case 'double':
      if (!DECIMAL.test(value)) return `"${value.slice(0, 50)}" is not a valid ${field.type}`;
      break;
    case 'boolean':
      if (value !== 'true' && value !== 'false')
        return `"${value.slice(0, 50)}" is not a valid boolean (use lower-case true or false)`;
      break;
    case 'string':
      if (ID_FIELDS.has(field.name) && value.length > MAX_ID_LENGTH)
        return `the id is ${value.length} characters long; at most ${MAX_ID_LENGTH} are allowed`;
      if (
        (field.isCategorical || field.name === 'IMPRESSION') &&
        datasetType !== 'USERS' &&
        value.length > MAX_CATEGORICAL_LENGTH
      ) {
        return `the value is ${value.length} characters long; at most ${MAX_CATEGORICAL_LENGTH} are allowed for categorical values`;
      }
      break;
  }
  return undefined;
}

/** The dataset type as it appears in failure reasons: `Interactions`, `Items`, `Users`, ... */
export function datasetTypeLabel(datasetType: string): string {
  return datasetType
    .split('_')
    .map((part) => part.charAt(0) + part.slice(1).toLowerCase())
    .join('_');
}
