import { z } from 'zod';
import { invalidInput } from './errors.js';

/** Primitive Avro types a Personalize schema may use (SPEC §4.2). */
export type AvroPrimitive = 'float' | 'double' | 'int' | 'long' | 'string' | 'boolean' | 'null';

const PRIMITIVES: readonly AvroPrimitive[] = [
  'float',
  'double',
  'int',
  'long',
  'string',
  'boolean',
  'null',
];

const fieldSchema = z.looseObject({
  name: z.string(),
  type: z.unknown(),
  categorical: z.boolean().optional(),
  textual: z.boolean().optional(),
});

const recordSchema = z.looseObject({
  type: z.literal('record'),
  name: z.string().optional(),
  fields: z.array(fieldSchema).min(1),
});

/** One schema field after parsing: its base type and whether empty cells (null) are allowed. */
export interface SchemaField {
  readonly name: string;
  readonly type: Exclude<AvroPrimitive, 'null'>;
  readonly isNullable: boolean;
  readonly isCategorical: boolean;
  readonly isTextual: boolean;
}

function isPrimitive(value: unknown): value is AvroPrimitive {
  return typeof value === 'string' && (PRIMITIVES as readonly string[]).includes(value);
}

function parseFieldType(
  name: string,
  type: unknown,
): { type: Exclude<AvroPrimitive, 'null'>; isNullable: boolean } {
  if (isPrimitive(type) && type !== 'null') return { type, isNullable: false };
  if (Array.isArray(type) && type.length === 2 && type.includes('null')) {
    const other: unknown = type[0] === 'null' ? type[1] : type[0];
    if (isPrimitive(other) && other !== 'null') return { type: other, isNullable: true };
  }
  throw invalidInput(
    `Invalid schema: field ${name} has an unsupported type ${JSON.stringify(type)}. Use float, double, int, long, string, boolean or a union with null.`,
  );
}

/**
 * Parses and checks an Avro record schema against the generic rules of SPEC §4.1-§4.2.
 *
 * Returns the fields in declaration order.
 *
 * @throws ServiceError `InvalidInputException` naming the field for invalid JSON, a non-record,
 *   unsupported types, duplicate names, or categorical on a non-string field.
 */
export function parseAvroSchema(schemaText: string): SchemaField[] {
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
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success)
    throw invalidInput('Invalid schema: expected an Avro record with a non-empty "fields" array.');
  const seen = new Set<string>();
  return parsed.data.fields.map((field) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(field.name))
      throw invalidInput(`Invalid schema: field name ${field.name} is not a valid Avro name.`);
    const squashed = field.name.replace(/[^A-Za-z0-9]/gu, '').toLowerCase();
    if (seen.has(squashed))
      throw invalidInput(`Invalid schema: duplicate field name ${field.name}.`);
    seen.add(squashed);
    const { type, isNullable } = parseFieldType(field.name, field.type);
    const isCategorical = field.categorical === true;
    const isTextual = field.textual === true;
    if (isCategorical && type !== 'string')
      throw invalidInput(`Invalid schema: field ${field.name} is categorical but not a string.`);
    if (isTextual && type !== 'string')
      throw invalidInput(`Invalid schema: field ${field.name} is textual but not a string.`);
    if (isTextual && isCategorical)
      throw invalidInput(
        `Invalid schema: field ${field.name} cannot be both categorical and textual.`,
      );
    return { name: field.name, type, isNullable, isCategorical, isTextual };
  });
}

interface RequiredField {
  readonly name: string;
  readonly type: Exclude<AvroPrimitive, 'null'>;
}

const REQUIRED_FIELDS: Readonly<Record<string, readonly RequiredField[]>> = {
  INTERACTIONS: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
  ],
  ITEMS: [{ name: 'ITEM_ID', type: 'string' }],
  USERS: [{ name: 'USER_ID', type: 'string' }],
  ACTIONS: [{ name: 'ACTION_ID', type: 'string' }],
  ACTION_INTERACTIONS: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ACTION_ID', type: 'string' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
  ],
};

/**
 * Checks a schema against the dataset-type rules of SPEC §4.3 (required fields, their types,
 * not nullable; Items/Users/Actions need at least one metadata field; EVENT_TYPE not categorical).
 *
 * @throws ServiceError `InvalidInputException` naming the field.
 */
export function checkSchemaForDatasetType(
  fields: readonly SchemaField[],
  datasetType: string,
): void {
  const required = REQUIRED_FIELDS[datasetType] ?? [];
  for (const rule of required) {
    const field = fields.find((candidate) => candidate.name === rule.name);
    if (!field)
      throw invalidInput(
        `Invalid schema for ${datasetType} dataset: required field ${rule.name} is missing.`,
      );
    if (field.type !== rule.type || field.isNullable) {
      throw invalidInput(
        `Invalid schema for ${datasetType} dataset: field ${rule.name} must be of type "${rule.type}" and not nullable.`,
      );
    }
  }
  if (['ITEMS', 'USERS', 'ACTIONS'].includes(datasetType) && fields.length <= required.length) {
    throw invalidInput(
      `Invalid schema for ${datasetType} dataset: at least one metadata field is required.`,
    );
  }
  const eventType = fields.find((field) => field.name === 'EVENT_TYPE');
  if (eventType?.isCategorical)
    throw invalidInput('Invalid schema: EVENT_TYPE cannot be categorical.');
  const eventValue = fields.find((field) => field.name === 'EVENT_VALUE');
  if (
    datasetType === 'INTERACTIONS' &&
    eventValue &&
    eventValue.type !== 'float' &&
    eventValue.type !== 'double'
  ) {
    throw invalidInput('Invalid schema: EVENT_VALUE must be of type "float".');
  }
}
