/**
 * Infers an Amazon Personalize schema (Avro record, SPEC §4) from a CSV column profile.
 *
 * Shared so that the schema step of the renderer and the core's import service propose the
 * same schema for the same file.
 */
import type { ColumnProfile, CsvProfile } from './dataprep.js';
import { normal, TEXTUAL_NAMES } from './rules/column-names.js';
import { MAX_CATEGORICAL_LENGTH } from './rules/limits.js';

/** Dataset types the inference supports (SPEC §4.3). */
export type InferableDatasetType = 'interactions' | 'items' | 'users';

/** An Avro primitive accepted by Personalize (SPEC §4.2). */
export type AvroPrimitive = 'string' | 'long' | 'int' | 'float' | 'double' | 'boolean';

/** One schema field; `type` is a primitive or its union with `"null"`. */
export interface SchemaField {
  readonly name: string;
  readonly type: AvroPrimitive | readonly ['null', AvroPrimitive];
  readonly categorical?: boolean;
  readonly textual?: boolean;
}

/** A Personalize schema as JSON (SPEC §4.1). */
export interface PersonalizeSchema {
  readonly type: 'record';
  readonly name: 'Interactions' | 'Items' | 'Users';
  readonly namespace: 'com.amazonaws.personalize.schema';
  readonly fields: readonly SchemaField[];
  readonly version: '1.0';
}

/** A schema and what the user should know about it (fields not used for training, ...). */
export interface InferredSchema {
  readonly schema: PersonalizeSchema;
  readonly warnings: readonly string[];
}

/** Reserved fields with their fixed type per dataset type (SPEC §4.3). */
const RESERVED: Readonly<
  Record<
    InferableDatasetType,
    Readonly<Record<string, { type: AvroPrimitive; isRequired: boolean }>>
  >
> = {
  interactions: {
    USER_ID: { type: 'string', isRequired: true },
    ITEM_ID: { type: 'string', isRequired: true },
    TIMESTAMP: { type: 'long', isRequired: true },
    EVENT_TYPE: { type: 'string', isRequired: false },
    EVENT_VALUE: { type: 'float', isRequired: false },
    IMPRESSION: { type: 'string', isRequired: false },
    RECOMMENDATION_ID: { type: 'string', isRequired: false },
    EVENT_ATTRIBUTION_SOURCE: { type: 'string', isRequired: false },
  },
  items: {
    ITEM_ID: { type: 'string', isRequired: true },
    CREATION_TIMESTAMP: { type: 'long', isRequired: false },
  },
  users: { USER_ID: { type: 'string', isRequired: true } },
};

const SCHEMA_NAMES = { interactions: 'Interactions', items: 'Items', users: 'Users' } as const;

/** A string column is categorical when it has at most this many distinct values... */
export const CATEGORICAL_MAX_DISTINCT = 1_000;
/** ...or when its distinct values are at most this share of its non-null rows. */
export const CATEGORICAL_MAX_DISTINCT_RATIO = 0.2;

const INT32_SAFE_NAMES = /^(YEAR|AGE|.*_COUNT|COUNT)$/i;

function numericKind(duckdbType: string): 'integer' | 'decimal' | 'boolean' | undefined {
  const type = duckdbType.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT\d+)$/.test(
      type,
    )
  )
    return 'integer';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)$/.test(type)) return 'decimal';
  if (type === 'BOOLEAN') return 'boolean';
  return undefined;
}

function withNull(type: AvroPrimitive, isNullable: boolean): SchemaField['type'] {
  return isNullable ? ['null', type] : type;
}

/** Integer columns: `int` for small counts (YEAR, AGE), `long` otherwise. */
function integerType(column: ColumnProfile): AvroPrimitive {
  return INT32_SAFE_NAMES.test(column.name) ||
    /^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT)$/i.test(column.duckdbType)
    ? 'int'
    : 'long';
}

/**
 * Infers the schema of one dataset from its CSV profile.
 *
 * Rules (SPEC §4.2–4.3): reserved fields take their fixed type (USER_ID/ITEM_ID string,
 * TIMESTAMP/CREATION_TIMESTAMP long, EVENT_TYPE string, EVENT_VALUE float); required fields are
 * never nullable; other fields are nullable when the profile saw empty cells. Numeric columns
 * become `float` (decimals) or `int`/`long` (integers). String columns become categorical
 * when pipe-joined or low-cardinality (≤ {@link CATEGORICAL_MAX_DISTINCT} distinct or ≤ 20% of
 * rows), except, in Items, a column named like free text (TITLE, DESCRIPTION: the names the
 * mapping proposes as textual, shared/rules/column-names.ts `TEXTUAL_NAMES`); in Items the one
 * `textual` field is the longest such named column, else the longest remaining free-text column;
 * any other string is kept plain (accepted but not used for training: a warning).
 */
export function inferSchema(
  datasetType: InferableDatasetType,
  profile: CsvProfile,
): InferredSchema {
  const reserved = RESERVED[datasetType];
  const warnings: string[] = [];
  const fields: SchemaField[] = [];
  const present = new Set(profile.columns.map((column) => column.name));
  for (const [name, rule] of Object.entries(reserved)) {
    if (rule.isRequired && !present.has(name)) {
      warnings.push(`Required column ${name} is missing; the import will fail.`);
    }
  }
  const freeText: ColumnProfile[] = [];
  for (const column of profile.columns) {
    const isNullable = column.nullCount > 0;
    const rule = reserved[column.name];
    if (rule !== undefined) {
      if (rule.isRequired && isNullable) {
        warnings.push(
          `${column.name} has ${column.nullCount} empty cells; required fields cannot be null and those rows fail the import.`,
        );
      }
      fields.push({ name: column.name, type: withNull(rule.type, !rule.isRequired && isNullable) });
      continue;
    }
    const kind = numericKind(column.duckdbType);
    if (kind === 'integer') {
      fields.push({ name: column.name, type: withNull(integerType(column), isNullable) });
    } else if (kind === 'decimal') {
      fields.push({ name: column.name, type: withNull('float', isNullable) });
    } else if (kind === 'boolean') {
      fields.push({ name: column.name, type: withNull('boolean', isNullable) });
      warnings.push(`${column.name} is boolean: booleans cannot be used in filters.`);
    } else if (
      isCategorical(column, profile.rowCount) &&
      !(datasetType === 'items' && isNamedFreeText(column))
    ) {
      fields.push({ name: column.name, type: withNull('string', isNullable), categorical: true });
    } else {
      freeText.push(column);
      fields.push({ name: column.name, type: withNull('string', isNullable) });
    }
  }
  const named = freeText.filter(isNamedFreeText);
  const textual =
    datasetType === 'items'
      ? [...(named.length > 0 ? named : freeText)].sort((a, b) => b.maxLength - a.maxLength)[0]
      : undefined;
  const finalFields = fields.map((field) => {
    if (textual !== undefined && field.name === textual.name) return { ...field, textual: true };
    if (freeText.some((column) => column.name === field.name)) {
      warnings.push(
        `${field.name} is free text: kept as a plain string, which training does not use.`,
      );
    }
    return field;
  });
  if (datasetType !== 'interactions' && finalFields.length < 2) {
    warnings.push(
      `${SCHEMA_NAMES[datasetType]} needs at least one metadata column besides its id.`,
    );
  }
  return {
    schema: {
      type: 'record',
      name: SCHEMA_NAMES[datasetType],
      namespace: 'com.amazonaws.personalize.schema',
      fields: finalFields,
      version: '1.0',
    },
    warnings,
  };
}

/** A column named like free text (TITLE, DESCRIPTION...) and holding no `|`-joined values. */
function isNamedFreeText(column: ColumnProfile): boolean {
  return !column.hasPipe && TEXTUAL_NAMES.includes(normal(column.name));
}

function isCategorical(column: ColumnProfile, rowCount: number): boolean {
  if (column.maxLength > MAX_CATEGORICAL_LENGTH) return false;
  if (column.hasPipe) return true;
  const nonNull = Math.max(1, rowCount - column.nullCount);
  return (
    column.distinctCount <= CATEGORICAL_MAX_DISTINCT ||
    column.distinctCount / nonNull <= CATEGORICAL_MAX_DISTINCT_RATIO
  );
}
