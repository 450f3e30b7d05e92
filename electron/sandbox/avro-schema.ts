import avro from 'avsc';
import { invalidInput } from './errors.js';
import { lintSchema, type SchemaFinding } from '../../shared/rules/schema-rules.js';

/** Primitive Avro types a Personalize schema may use (SPEC §4.2). */
export type AvroPrimitive = 'float' | 'double' | 'int' | 'long' | 'string' | 'boolean' | 'null';

/** One schema field after parsing: its base type and whether empty cells (null) are allowed. */
export interface SchemaField {
  readonly name: string;
  readonly type: Exclude<AvroPrimitive, 'null'>;
  readonly isNullable: boolean;
  readonly isCategorical: boolean;
  readonly isTextual: boolean;
}

/** The first error of a lint as the service's `InvalidInputException` text. */
function firstError(findings: readonly SchemaFinding[], prefix: string): Error | undefined {
  const error = findings.find((item) => item.severity === 'error');
  return error === undefined ? undefined : invalidInput(`${prefix}: ${error.message}`);
}

/**
 * Parses an Avro schema with avsc (`Type.forSchema`), the one Avro parser of the project.
 *
 * @returns the parsed JSON value.
 * @throws ServiceError `InvalidInputException` for invalid JSON or a schema avsc refuses (bad
 *   names, unknown types, duplicate fields), with avsc's reason.
 */
export function parseAvroJson(schemaText: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(schemaText);
  } catch (error) {
    throw Object.assign(
      invalidInput(
        `Invalid schema: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      ),
      { cause: error },
    );
  }
  try {
    avro.Type.forSchema(json as avro.Schema);
  } catch (error) {
    throw Object.assign(
      invalidInput(
        `Invalid schema: not a valid Avro schema (${error instanceof Error ? error.message : String(error)}).`,
      ),
      { cause: error },
    );
  }
  return json;
}

/**
 * Parses and checks an Avro record schema against the generic rules of SPEC §4.1-§4.2 (avsc
 * first, then shared/rules/schema-rules.ts without a dataset type: what CreateSchema checks).
 *
 * Returns the fields in declaration order.
 *
 * @throws ServiceError `InvalidInputException` naming the field for invalid JSON, a non-record,
 *   unsupported types, duplicate names, or categorical / textual on a non-string field.
 */
export function parseAvroSchema(schemaText: string): SchemaField[] {
  const json = parseAvroJson(schemaText);
  const lint = lintSchema(json, undefined);
  const error = firstError(lint.findings, 'Invalid schema');
  if (error !== undefined) throw error;
  return lint.fields.map((field) => ({ ...field }));
}

/** Required fields of the dataset types the shared rules do not cover (SPEC §4.3). */
const OTHER_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  ACTIONS: ['ACTION_ID'],
  ACTION_INTERACTIONS: ['USER_ID', 'ACTION_ID', 'EVENT_TYPE', 'TIMESTAMP'],
};

/**
 * Checks a schema against the dataset-type rules of SPEC §4.3 (required fields, their types,
 * not nullable; Items/Users need at least one metadata field; EVENT_TYPE not categorical; textual
 * only in Items, at most one) — shared/rules/schema-rules.ts with the dataset type.
 *
 * `datasetType` is the service's spelling (`INTERACTIONS`, `ITEMS`, `USERS`, `ACTIONS`,
 * `ACTION_INTERACTIONS`).
 *
 * @throws ServiceError `InvalidInputException` naming the field.
 */
export function checkSchemaForDatasetType(
  fields: readonly SchemaField[],
  datasetType: string,
): void {
  const prefix = `Invalid schema for ${datasetType} dataset`;
  const ruleType = datasetType.toLowerCase();
  if (ruleType === 'interactions' || ruleType === 'items' || ruleType === 'users') {
    const record = {
      type: 'record',
      fields: fields.map((field) => ({
        name: field.name,
        type: field.isNullable ? ['null', field.type] : field.type,
        ...(field.isCategorical ? { categorical: true } : {}),
        ...(field.isTextual ? { textual: true } : {}),
      })),
    };
    const error = firstError(lintSchema(record, ruleType).findings, prefix);
    if (error !== undefined) throw error;
    return;
  }
  const required = OTHER_REQUIRED[datasetType] ?? [];
  for (const name of required) {
    const field = fields.find((candidate) => candidate.name === name);
    if (field === undefined) throw invalidInput(`${prefix}: required field ${name} is missing.`);
    if (field.isNullable) throw invalidInput(`${prefix}: ${name} is required and not nullable.`);
  }
  if (datasetType === 'ACTIONS' && fields.length <= required.length)
    throw invalidInput(`${prefix}: at least one metadata field is required.`);
}
