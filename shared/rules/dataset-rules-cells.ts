/**
 * Amazon Personalize's per-value rules (SPEC §5.1): what one CSV cell must look like for its
 * schema field, and whether a bad value fails the import job or is only dropped.
 *
 * One definition for both sides: the studio's validation (dataset-rules.ts) grades its
 * `null.required` and `type.mismatch` findings with {@link valueRuleSeverity}, and the sandbox's
 * import job (electron/sandbox/import-job.ts) checks every cell with {@link checkCellValue}, so a
 * file "valid in the studio" imports in the sandbox, and a warning there is a dropped value here.
 *
 * Source of the leniency on metadata: AWS's own POC items file (`item-meta.csv` of the
 * "POC in a box" workshop, ../shared/data/personalize-poc-movielens-small/README.md) declares
 * `YEAR` as `int`, holds 12 empty values and one `2006–2007`, and its import job reached ACTIVE.
 */
import type { FindingCode } from './findings.js';
import { MAX_CATEGORICAL_LENGTH, MAX_ID_LENGTH } from './limits.js';

/** Dataset types of the per-value rules (the studio's three, plus the service's action datasets). */
export type CellDatasetType =
  'interactions' | 'items' | 'users' | 'actions' | 'action_interactions';

/** A schema field as the per-value rules need it (an Avro field after parsing, SPEC §4.2). */
export interface CellField {
  readonly name: string;
  /** Base Avro type (the non-null branch of a union). */
  readonly type: 'int' | 'long' | 'float' | 'double' | 'string' | 'boolean';
  readonly isNullable: boolean;
  readonly isCategorical: boolean;
  readonly isTextual?: boolean;
}

/** What a bad cell means for the import: `error` fails the job, `warning` drops the value. */
export interface CellProblem {
  readonly severity: 'error' | 'warning';
  readonly code: FindingCode;
  /** The problem, without row and column (`"17.5" is not a valid long`). */
  readonly problem: string;
}

/** Fields that cannot be null whatever the schema says, per dataset type (SPEC §4.3). */
const REQUIRED: Readonly<Record<CellDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
  actions: ['ACTION_ID'],
  action_interactions: ['USER_ID', 'ACTION_ID', 'TIMESTAMP'],
};

/** Reserved fields whose values the service reads itself (a bad value there fails the job, SPEC §4.3). */
const RESERVED: Readonly<Record<CellDatasetType, readonly string[]>> = {
  interactions: [
    'USER_ID',
    'ITEM_ID',
    'TIMESTAMP',
    'EVENT_TYPE',
    'EVENT_VALUE',
    'IMPRESSION',
    'RECOMMENDATION_ID',
    'EVENT_ATTRIBUTION_SOURCE',
  ],
  items: ['ITEM_ID', 'CREATION_TIMESTAMP'],
  users: ['USER_ID'],
  actions: ['ACTION_ID', 'CREATION_TIMESTAMP'],
  action_interactions: ['USER_ID', 'ACTION_ID', 'TIMESTAMP', 'EVENT_TYPE'],
};

const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);
const INTEGER = /^[-+]?\d+$/u;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/u;

/** The rules' dataset type for the service's `INTERACTIONS`, `ITEMS`, `ACTION_INTERACTIONS`... */
export function cellDatasetType(serviceType: string): CellDatasetType {
  const lower = serviceType.toLowerCase();
  return lower in REQUIRED ? (lower as CellDatasetType) : 'items';
}

/**
 * How bad one kind of value problem is in a field (SPEC §4.3, §5.1):
 * - `null` (an empty cell in a non-nullable field) and `type` (a value that does not parse as
 *   the field's int / long / float / double / boolean): `error` in a required field (`null`) or
 *   a reserved field (`type`), else `warning` — the value is dropped, as AWS's import of its own
 *   POC items file shows (12 blank and one `2006–2007` YEAR declared `int`, job ACTIVE);
 * - `idLength` (an id over 256 characters) and `categoricalLength` (a categorical value over
 *   1,000 characters): `error`, except categorical values in Users, whose users are dropped.
 */
export function valueRuleSeverity(
  datasetType: CellDatasetType,
  fieldName: string,
  kind: 'null' | 'type' | 'idLength' | 'categoricalLength',
): 'error' | 'warning' {
  switch (kind) {
    case 'null':
      return REQUIRED[datasetType].includes(fieldName) ? 'error' : 'warning';
    case 'type':
      return RESERVED[datasetType].includes(fieldName) ? 'error' : 'warning';
    case 'idLength':
      return 'error';
    case 'categoricalLength':
      return datasetType === 'users' ? 'warning' : 'error';
  }
}

function problem(
  datasetType: CellDatasetType,
  field: CellField,
  kind: 'null' | 'type' | 'idLength' | 'categoricalLength',
  text: string,
): CellProblem {
  const code: FindingCode = {
    null: 'null.required',
    type: 'type.mismatch',
    idLength: 'id.tooLong',
    categoricalLength: 'categorical.tooLong',
  }[kind] as FindingCode;
  return { severity: valueRuleSeverity(datasetType, field.name, kind), code, problem: text };
}

/**
 * Checks one CSV cell against its schema field (SPEC §5.1): empty = null, allowed only when the
 * field is nullable; int / long base-10 integers; float / double decimals; boolean exactly
 * `true` / `false`; ids at most 256 characters; categorical (and IMPRESSION) values at most
 * 1,000 characters. Returns `undefined` for a valid value, else the problem and its severity
 * ({@link valueRuleSeverity}).
 */
export function checkCellValue(
  field: CellField,
  value: string,
  datasetType: CellDatasetType,
): CellProblem | undefined {
  if (value === '')
    return field.isNullable
      ? undefined
      : problem(datasetType, field, 'null', `empty value in the non-nullable ${field.type} field`);
  const clipped = value.slice(0, 50);
  switch (field.type) {
    case 'int':
    case 'long':
      return INTEGER.test(value)
        ? undefined
        : problem(datasetType, field, 'type', `"${clipped}" is not a valid ${field.type}`);
    case 'float':
    case 'double':
      return DECIMAL.test(value)
        ? undefined
        : problem(datasetType, field, 'type', `"${clipped}" is not a valid ${field.type}`);
    case 'boolean':
      return value === 'true' || value === 'false'
        ? undefined
        : problem(
            datasetType,
            field,
            'type',
            `"${clipped}" is not a valid boolean (use lower-case true or false)`,
          );
    case 'string':
      if (ID_FIELDS.has(field.name) && value.length > MAX_ID_LENGTH)
        return problem(
          datasetType,
          field,
          'idLength',
          `the id is ${value.length} characters long; at most ${MAX_ID_LENGTH} are allowed`,
        );
      if (
        (field.isCategorical || field.name === 'IMPRESSION') &&
        field.isTextual !== true &&
        value.length > MAX_CATEGORICAL_LENGTH
      )
        return problem(
          datasetType,
          field,
          'categoricalLength',
          `the value is ${value.length} characters long; at most ${MAX_CATEGORICAL_LENGTH} are allowed for categorical values`,
        );
      return undefined;
  }
}
