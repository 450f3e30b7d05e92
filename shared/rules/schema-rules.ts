/**
 * Amazon Personalize's schema rules (SPEC §4.1–§4.3), one definition each, as a linter: every
 * rule has a stable code, a severity, and an explanation of what the service does and why,
 * shown beside the marker in the schema editor and in the sandbox's `InvalidInputException`s.
 *
 * Pure: it reads a parsed JSON value (no Avro library; the core checks Avro validity with avsc in
 * electron/sandbox/avro-schema.ts, the same rules applied after).
 */
import { RESERVED_FIELDS, REQUIRED_FIELDS, type RuleDatasetType } from './dataset-rules.js';
import {
  MAX_INTERACTIONS_METADATA_FIELDS,
  MAX_ITEMS_METADATA_FIELDS,
  MAX_TEXTUAL_FIELDS,
  MAX_USERS_METADATA_FIELDS,
} from './limits.js';
import { unusedStringAdvice } from './unused-string-field.js';

/** Longest schema string CreateSchema accepts, in characters (SPEC §4.1). */
export const MAX_SCHEMA_LENGTH = 20_000;

/** Primitive Avro types a Personalize field may have (SPEC §4.2). */
export const SCHEMA_PRIMITIVES = ['string', 'long', 'int', 'float', 'double', 'boolean'] as const;
/** One of {@link SCHEMA_PRIMITIVES}. */
export type SchemaPrimitive = (typeof SCHEMA_PRIMITIVES)[number];

/** Schema record name per dataset type (SPEC §4.1: "conventionally the dataset type"). */
export const SCHEMA_RECORD_NAMES: Readonly<Record<RuleDatasetType, string>> = {
  interactions: 'Interactions',
  items: 'Items',
  users: 'Users',
};

/** Reserved string fields that must not be categorical (SPEC §4.2, §4.3). */
const NOT_CATEGORICAL = new Set(['EVENT_TYPE', 'IMPRESSION', 'USER_ID', 'ITEM_ID']);

/** Reserved optional fields that are nullable in Interactions (SPEC §4.3). */
const MAX_METADATA: Readonly<Record<RuleDatasetType, number>> = {
  interactions: MAX_INTERACTIONS_METADATA_FIELDS,
  items: MAX_ITEMS_METADATA_FIELDS,
  users: MAX_USERS_METADATA_FIELDS,
};

/** `error`: CreateSchema or CreateDataset refuses it; `warning`: accepted, but a problem; `info`: context. */
export type SchemaRuleSeverity = 'error' | 'warning' | 'info';

/**
 * The schema rules: code → severity, one-line title, the explanation the linter shows (what the
 * service does, in plain words) and `source`, the section of the sandbox's reference it follows
 * (for maintainers; never shown). Codes never change once shipped.
 */
export const SCHEMA_RULES = {
  'schema.json': {
    severity: 'error',
    title: 'Not valid JSON',
    explanation: 'A schema is an Avro record written as JSON.',
    source: 'SPEC §4.1',
  },
  'schema.tooLong': {
    severity: 'error',
    title: 'Schema over 20,000 characters',
    explanation: `CreateSchema accepts a schema string of at most ${MAX_SCHEMA_LENGTH.toLocaleString('en-US')} characters.`,
    source: 'SPEC §4.1',
  },
  'schema.notRecord': {
    severity: 'error',
    title: 'Not an Avro record',
    explanation:
      'The top level must be {"type": "record", "fields": [...]}; the service refuses anything else with InvalidInputException.',
    source: 'SPEC §4.1',
  },
  'schema.noFields': {
    severity: 'error',
    title: 'No fields',
    explanation: '"fields" must be a non-empty array of field objects.',
    source: 'SPEC §4.1',
  },
  'schema.avro': {
    severity: 'error',
    title: 'Not a valid Avro schema',
    explanation: 'The Avro parser refuses the record (names, types, defaults).',
    source: 'SPEC §4.1, §4.2',
  },
  'schema.name': {
    severity: 'warning',
    title: 'Record name differs from the dataset type',
    explanation:
      "The record is conventionally named after its dataset type (Interactions, Items, Users); AWS's getting-started guide says they must match.",
    source: 'SPEC §4.1',
  },
  'field.name': {
    severity: 'error',
    title: 'Invalid field name',
    explanation:
      "Field names follow Avro's syntax [A-Za-z_][A-Za-z0-9_]*: letters, digits and underscores, not starting with a digit. Rename the column too.",
    source: 'SPEC §4.2',
  },
  'field.duplicate': {
    severity: 'error',
    title: 'Duplicate field name',
    explanation:
      'Names must stay unique once non-alphanumeric characters are removed and case is ignored (GENRES_1 and GENRES1 clash).',
    source: 'SPEC §4.2',
  },
  'field.type': {
    severity: 'error',
    title: 'Unsupported field type',
    explanation:
      'A field is one of string, long, int, float, double, boolean, or a union of one of those with "null" (["null","string"]). No records, arrays, maps, enums, bytes or two non-null types: write lists as a |-joined categorical string.',
    source: 'SPEC §4.2',
  },
  'field.categoricalType': {
    severity: 'error',
    title: 'Categorical on a non-string field',
    explanation: '"categorical": true is allowed only on string (or string|null) fields.',
    source: 'SPEC §4.2',
  },
  'field.textualType': {
    severity: 'error',
    title: 'Textual on a non-string field',
    explanation: '"textual": true is allowed only on string fields.',
    source: 'SPEC §4.2',
  },
  'field.textualOutsideItems': {
    severity: 'error',
    title: 'Textual outside Items',
    explanation: 'Only an Items schema may have a textual field.',
    source: 'SPEC §4.2, §4.4',
  },
  'field.categoricalAndTextual': {
    severity: 'error',
    title: 'Both categorical and textual',
    explanation: 'A field is either categorical or textual, never both.',
    source: 'SPEC §4.2',
  },
  'schema.textualCount': {
    severity: 'error',
    title: 'More than one textual field',
    explanation: `An Items schema has at most ${MAX_TEXTUAL_FIELDS} textual field.`,
    source: 'SPEC §4.2, §9',
  },
  'reserved.missing': {
    severity: 'error',
    title: 'Required field missing',
    explanation:
      'Interactions need USER_ID, ITEM_ID and TIMESTAMP; Items need ITEM_ID; Users need USER_ID. CreateDataset refuses the schema.',
    source: 'SPEC §4.3',
  },
  'reserved.type': {
    severity: 'error',
    title: 'Reserved field with the wrong type',
    explanation:
      'Reserved fields have fixed types: USER_ID, ITEM_ID, EVENT_TYPE, IMPRESSION string; TIMESTAMP and CREATION_TIMESTAMP long (Unix epoch seconds); EVENT_VALUE float.',
    source: 'SPEC §4.3',
  },
  'reserved.nullable': {
    severity: 'error',
    title: 'Required field nullable',
    explanation: 'Required fields cannot be a union with "null": every row needs a value.',
    source: 'SPEC §4.3',
  },
  'reserved.categorical': {
    severity: 'error',
    title: 'Reserved field marked categorical',
    explanation: 'EVENT_TYPE, IMPRESSION and the id fields cannot be categorical.',
    source: 'SPEC §4.2, §4.4',
  },
  'metadata.none': {
    severity: 'error',
    title: 'No metadata field',
    explanation:
      'Items and Users schemas need at least one metadata field besides the id (categorical or textual string, or a number).',
    source: 'SPEC §4.3',
  },
  'metadata.tooMany': {
    severity: 'error',
    title: 'Too many metadata fields',
    explanation: `At most ${MAX_INTERACTIONS_METADATA_FIELDS} metadata fields in Interactions, ${MAX_ITEMS_METADATA_FIELDS} in Items and ${MAX_USERS_METADATA_FIELDS} in Users, reserved fields excluded.`,
    source: 'SPEC §4.3, §9',
  },
  'field.unused': {
    severity: 'warning',
    title: 'String field that training ignores',
    explanation:
      'A string field marked neither categorical nor textual is accepted but not used for training or filters; mark it categorical (short values, |-joined lists) or, in Items, textual (descriptions). A product attribute in an interactions file (a description, a category) belongs in the items file instead.',
    source: 'SPEC §4.2',
  },
  'field.boolean': {
    severity: 'info',
    title: 'Boolean field',
    explanation:
      'Boolean values must be written true / false in lower case, and booleans cannot be used in filters.',
    source: 'SPEC §4.2',
  },
} as const satisfies Record<
  string,
  { severity: SchemaRuleSeverity; title: string; explanation: string; source?: string }
>;

/** One of {@link SCHEMA_RULES}. */
export type SchemaRuleCode = keyof typeof SCHEMA_RULES;

/** Where in the schema JSON a finding points: keys and array indexes from the root. */
export type SchemaPath = readonly (string | number)[];

/** One schema lint finding: the rule, what is wrong here, and where. */
export interface SchemaFinding {
  readonly code: SchemaRuleCode;
  readonly severity: SchemaRuleSeverity;
  readonly message: string;
  /** The rule's explanation ({@link SCHEMA_RULES}). */
  readonly explanation: string;
  /** e.g. `['fields', 2, 'type']`; `[]` for the whole schema. */
  readonly path: SchemaPath;
  readonly field?: string;
}

/** A field of a schema, normalised: base type, nullability and the two flags. */
export interface NormalisedField {
  readonly name: string;
  readonly type: SchemaPrimitive;
  readonly isNullable: boolean;
  readonly isCategorical: boolean;
  readonly isTextual: boolean;
}

function finding(
  code: SchemaRuleCode,
  message: string,
  path: SchemaPath,
  field?: string,
): SchemaFinding {
  const rule = SCHEMA_RULES[code];
  return {
    code,
    severity: rule.severity,
    message,
    explanation: rule.explanation,
    path,
    ...(field === undefined ? {} : { field }),
  };
}

function isPrimitive(value: unknown): value is SchemaPrimitive {
  return typeof value === 'string' && (SCHEMA_PRIMITIVES as readonly string[]).includes(value);
}

/**
 * The base type and nullability of a field's Avro `type`, or `undefined` when Personalize does
 * not support it (SPEC §4.2): a primitive, or a two-element union of a primitive with `"null"`
 * in either order.
 */
export function normaliseFieldType(
  type: unknown,
): { type: SchemaPrimitive; isNullable: boolean } | undefined {
  if (isPrimitive(type)) return { type, isNullable: false };
  if (Array.isArray(type) && type.length === 2 && type.includes('null')) {
    const other: unknown = type[0] === 'null' ? type[1] : type[0];
    if (isPrimitive(other)) return { type: other, isNullable: true };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Avro name syntax (SPEC §4.2). */
const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/u;

/** Avro type of a reserved field as the service wants it written, e.g. `long`. */
function reservedType(datasetType: RuleDatasetType, name: string): string | undefined {
  return (RESERVED_FIELDS[datasetType] as Readonly<Record<string, string>>)[name];
}

/** The article by sound, not by letter: "a users" (a "you" sound). */
const ARTICLES: Readonly<Record<RuleDatasetType, 'a' | 'an'>> = {
  interactions: 'an',
  items: 'an',
  users: 'a',
};

/**
 * The dataset type with its indefinite article, for prose: "an interactions", "an items",
 * "a users"; `sentenceStart` capitalises the article ("An interactions").
 */
export function withArticle(datasetType: RuleDatasetType, sentenceStart = false): string {
  const article = ARTICLES[datasetType];
  return `${sentenceStart ? article.replace('a', 'A') : article} ${datasetType}`;
}

/** A reserved type matches itself; `float` also accepts `double` (the service reads both as a number). */
function acceptsType(expected: string, actual: SchemaPrimitive): boolean {
  return expected === actual || (expected === 'float' && actual === 'double');
}

/** Result of {@link lintSchema}: the findings and the fields that could be read. */
export interface SchemaLint {
  readonly findings: readonly SchemaFinding[];
  /** Fields whose name and type could be read, in declaration order. */
  readonly fields: readonly NormalisedField[];
}

/**
 * Lints a Personalize schema for one dataset type against SPEC §4.1–§4.3.
 *
 * With `datasetType` undefined only the rules CreateSchema applies to every schema run (envelope,
 * names, types, flags); the dataset type's rules (required and reserved fields, metadata counts,
 * textual only in Items) wait for CreateDataset.
 *
 * `schema` is the schema text (parsed here; a syntax error is the single `schema.json` finding)
 * or an already parsed value. Findings come in document order: the envelope first, then each
 * field, then rules over the whole field list (required fields, metadata counts).
 */
export function lintSchema(schema: unknown, datasetType: RuleDatasetType | undefined): SchemaLint {
  let value: unknown = schema;
  const findings: SchemaFinding[] = [];
  if (typeof schema === 'string') {
    if (schema.length > MAX_SCHEMA_LENGTH)
      findings.push(
        finding(
          'schema.tooLong',
          `The schema has ${schema.length.toLocaleString('en-US')} characters; the limit is ${MAX_SCHEMA_LENGTH.toLocaleString('en-US')}.`,
          [],
        ),
      );
    try {
      value = JSON.parse(schema);
    } catch (error) {
      return {
        findings: [
          finding(
            'schema.json',
            `Not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
            [],
          ),
        ],
        fields: [],
      };
    }
  }
  if (!isRecord(value) || value.type !== 'record') {
    findings.push(
      finding(
        'schema.notRecord',
        'Expected {"type": "record", ...} at the top level.',
        isRecord(value) ? ['type'] : [],
      ),
    );
    return { findings, fields: [] };
  }
  const expectedName = datasetType === undefined ? undefined : SCHEMA_RECORD_NAMES[datasetType];
  if (
    datasetType !== undefined &&
    expectedName !== undefined &&
    value.name !== undefined &&
    value.name !== expectedName
  )
    findings.push(
      finding(
        'schema.name',
        `The record is named ${JSON.stringify(value.name)}; ${withArticle(datasetType)} schema is named "${expectedName}".`,
        ['name'],
      ),
    );
  if (!Array.isArray(value.fields) || value.fields.length === 0) {
    findings.push(finding('schema.noFields', '"fields" must be a non-empty array.', ['fields']));
    return { findings, fields: [] };
  }
  const fields: NormalisedField[] = [];
  const seen = new Map<string, string>();
  const textual: string[] = [];
  (value.fields as unknown[]).forEach((raw, index) => {
    const at = (key?: string): SchemaPath =>
      key === undefined ? ['fields', index] : ['fields', index, key];
    if (!isRecord(raw) || typeof raw.name !== 'string') {
      findings.push(
        finding('field.name', `Field ${index + 1} has no "name" string.`, at(), undefined),
      );
      return;
    }
    const name = raw.name;
    if (!AVRO_NAME.test(name))
      findings.push(
        finding(
          'field.name',
          `${JSON.stringify(name)} is not an Avro name: use letters, digits and _ (e.g. ${JSON.stringify(name.replace(/[^A-Za-z0-9_]/gu, '_').replace(/^(\d)/u, '_$1'))}).`,
          at('name'),
          name,
        ),
      );
    const squashed = name.replace(/[^A-Za-z0-9]/gu, '').toLowerCase();
    const clash = seen.get(squashed);
    if (clash !== undefined)
      findings.push(
        finding(
          'field.duplicate',
          clash === name
            ? `${name} is declared twice.`
            : `${name} clashes with ${clash} once non-alphanumerics and case are ignored.`,
          at('name'),
          name,
        ),
      );
    else seen.set(squashed, name);
    const normalised = normaliseFieldType(raw.type);
    if (normalised === undefined) {
      findings.push(
        finding(
          'field.type',
          `${name} has type ${JSON.stringify(raw.type)}: use one of ${SCHEMA_PRIMITIVES.join(', ')}, optionally in a union with "null".`,
          at('type'),
          name,
        ),
      );
      return;
    }
    const isCategorical = raw.categorical === true;
    const isTextual = raw.textual === true;
    const field: NormalisedField = { name, ...normalised, isCategorical, isTextual };
    fields.push(field);
    const expected = datasetType === undefined ? undefined : reservedType(datasetType, name);
    const isRequired = datasetType !== undefined && REQUIRED_FIELDS[datasetType].includes(name);
    if (expected !== undefined && !acceptsType(expected, field.type))
      findings.push(
        finding(
          'reserved.type',
          `${name} is reserved in ${datasetType} with type ${expected}, not ${field.type}.`,
          at('type'),
          name,
        ),
      );
    if (isRequired && field.isNullable)
      findings.push(
        finding(
          'reserved.nullable',
          `${name} is required: declare it "${expected ?? field.type}", not a union with null.`,
          at('type'),
          name,
        ),
      );
    if (isCategorical && field.type !== 'string')
      findings.push(
        finding(
          'field.categoricalType',
          `${name} is ${field.type}: only strings can be categorical.`,
          at('categorical'),
          name,
        ),
      );
    else if (isCategorical && expected !== undefined && NOT_CATEGORICAL.has(name))
      findings.push(
        finding('reserved.categorical', `${name} cannot be categorical.`, at('categorical'), name),
      );
    if (isTextual) {
      textual.push(name);
      if (field.type !== 'string')
        findings.push(
          finding(
            'field.textualType',
            `${name} is ${field.type}: only strings can be textual.`,
            at('textual'),
            name,
          ),
        );
      else if (datasetType !== undefined && datasetType !== 'items')
        findings.push(
          finding(
            'field.textualOutsideItems',
            `${name} is textual, but only Items schemas may have a textual field.`,
            at('textual'),
            name,
          ),
        );
      if (isCategorical)
        findings.push(
          finding(
            'field.categoricalAndTextual',
            `${name} is marked both categorical and textual: keep one.`,
            at('textual'),
            name,
          ),
        );
    }
    if (
      datasetType !== undefined &&
      field.type === 'string' &&
      !isCategorical &&
      !isTextual &&
      expected === undefined
    ) {
      const advice = unusedStringAdvice(datasetType, name);
      findings.push(finding('field.unused', `${advice.message} ${advice.fix}`, at('name'), name));
    }
    if (field.type === 'boolean')
      findings.push(
        finding(
          'field.boolean',
          `${name} is boolean: write true / false, and it cannot be used in filters.`,
          at('type'),
          name,
        ),
      );
  });
  if (textual.length > MAX_TEXTUAL_FIELDS && datasetType === 'items')
    findings.push(
      finding(
        'schema.textualCount',
        `${textual.join(', ')} are all textual; keep at most ${MAX_TEXTUAL_FIELDS}.`,
        ['fields'],
      ),
    );
  if (datasetType === undefined) return { findings, fields };
  const names = new Set(fields.map((field) => field.name));
  const declared = new Set(
    (value.fields as unknown[]).flatMap((raw) =>
      isRecord(raw) && typeof raw.name === 'string' ? [raw.name] : [],
    ),
  );
  for (const required of REQUIRED_FIELDS[datasetType]) {
    if (!declared.has(required))
      findings.push(
        finding(
          'reserved.missing',
          `${withArticle(datasetType, true)} schema needs ${required} (${reservedType(datasetType, required) ?? 'string'}).`,
          ['fields'],
          required,
        ),
      );
  }
  const metadata = fields.filter((field) => reservedType(datasetType, field.name) === undefined);
  if (datasetType !== 'interactions' && metadata.length === 0 && names.size > 0)
    findings.push(
      finding(
        'metadata.none',
        `Add at least one metadata field besides ${REQUIRED_FIELDS[datasetType].join(', ')}.`,
        ['fields'],
      ),
    );
  if (metadata.length > MAX_METADATA[datasetType])
    findings.push(
      finding(
        'metadata.tooMany',
        `${metadata.length} metadata fields; ${datasetType} allows ${MAX_METADATA[datasetType]}.`,
        ['fields'],
      ),
    );
  return { findings, fields };
}

/** True when a lint has an error (CreateSchema / CreateDataset would refuse the schema). */
export function hasSchemaErrors(lint: Pick<SchemaLint, 'findings'>): boolean {
  return lint.findings.some((item) => item.severity === 'error');
}

/** How one field differs between two schemas. */
export interface FieldDifference {
  readonly name: string;
  /** `same`, only in `left` (`removed`), only in `right` (`added`), or in both but `changed`. */
  readonly change: 'same' | 'added' | 'removed' | 'changed';
  readonly left?: NormalisedField;
  readonly right?: NormalisedField;
  /** What changed, in words: `type long → string`, `nullable`, `categorical`... */
  readonly details: readonly string[];
}

function describeField(field: NormalisedField): string {
  return `${field.isNullable ? `${field.type}|null` : field.type}${field.isCategorical ? ' categorical' : ''}${field.isTextual ? ' textual' : ''}`;
}

/**
 * Field-by-field comparison of two schemas' fields (e.g. a schema that exists in the account and
 * the one a file needs), matched by name; `left` order first, then fields only in `right`.
 */
export function compareSchemaFields(
  left: readonly NormalisedField[],
  right: readonly NormalisedField[],
): FieldDifference[] {
  const rightByName = new Map(right.map((field) => [field.name, field]));
  const differences: FieldDifference[] = left.map((field) => {
    const other = rightByName.get(field.name);
    if (other === undefined)
      return { name: field.name, change: 'removed', left: field, details: [describeField(field)] };
    const details: string[] = [];
    if (field.type !== other.type) details.push(`type ${field.type} → ${other.type}`);
    if (field.isNullable !== other.isNullable)
      details.push(other.isNullable ? 'becomes nullable' : 'no longer nullable');
    if (field.isCategorical !== other.isCategorical)
      details.push(other.isCategorical ? 'becomes categorical' : 'no longer categorical');
    if (field.isTextual !== other.isTextual)
      details.push(other.isTextual ? 'becomes textual' : 'no longer textual');
    return {
      name: field.name,
      change: details.length === 0 ? 'same' : 'changed',
      left: field,
      right: other,
      details,
    };
  });
  const leftNames = new Set(left.map((field) => field.name));
  for (const field of right) {
    if (!leftNames.has(field.name))
      differences.push({
        name: field.name,
        change: 'added',
        right: field,
        details: [describeField(field)],
      });
  }
  return differences;
}
