import type {
  FilterOperator,
  Join,
  OutputColumn,
  PrepareDatasetType,
  RecipeInput,
  SourceEncoding,
  Step,
  Transform,
} from '../../../../../shared/prepare/recipe.js';

/** One output column as the form edits it (strings, converted to a recipe column on preview). */
export interface ColumnDraft {
  readonly name: string;
  /** Source column, or '' for a constant. */
  readonly from: string;
  readonly constant: string;
  readonly conversion: ConversionId;
  /** strptime pattern (conversion `pattern`). */
  readonly pattern: string;
  readonly timeZone: string;
  /** `1:click, 3:watch` (conversion `thresholds`). */
  readonly thresholds: string;
  /** `add to cart=cart, buy=purchase` (conversion `eventType`). */
  readonly mapping: string;
}

/** A row filter as the form edits it. */
export interface FilterDraft {
  readonly column: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

/** One output of the recipe as the form edits it. */
export interface OutputDraft {
  readonly datasetType: PrepareDatasetType;
  readonly isEnabled: boolean;
  readonly columns: readonly ColumnDraft[];
  readonly filters: readonly FilterDraft[];
  readonly dropBlankIds: boolean;
  readonly dedupe: boolean;
  readonly onePerId: boolean;
}

/** The conversions the form offers, with their labels. */
export const CONVERSIONS = {
  copy: 'As written',
  trim: 'Trim spaces',
  id: 'Id (trim, drop a trailing .0)',
  number: 'Number',
  integer: 'Integer',
  epochSeconds: 'Timestamp: epoch seconds',
  epochMilliseconds: 'Timestamp: epoch milliseconds → seconds',
  iso: 'Timestamp: ISO 8601 date-time',
  pattern: 'Timestamp: date pattern',
  eventType: 'Event type: fold case and spaces, map',
  thresholds: 'Event types from thresholds (ratings)',
} as const;
/** One of {@link CONVERSIONS}. */
export type ConversionId = keyof typeof CONVERSIONS;

/** Filter operators with their labels. */
export const OPERATORS: Readonly<Record<FilterOperator, string>> = {
  equals: 'is',
  notEquals: 'is not',
  greaterThan: '>',
  atLeast: '≥',
  lessThan: '<',
  atMost: '≤',
  startsWith: 'starts with',
  notStartsWith: 'does not start with',
  in: 'is one of (comma-separated)',
  notIn: 'is none of (comma-separated)',
  isBlank: 'is blank',
  isNotBlank: 'is not blank',
};

/** The id columns of each dataset type (required, SPEC §4.3). */
export const ID_COLUMNS: Readonly<Record<PrepareDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};

/** A column draft with defaults. */
export function columnDraft(name: string, conversion: ConversionId = 'trim'): ColumnDraft {
  return {
    name,
    from: '',
    constant: '',
    conversion,
    pattern: '%Y-%m-%d %H:%M:%S',
    timeZone: 'UTC',
    thresholds: '1:click, 3:watch',
    mapping: '',
  };
}

/** The form's starting point for a dataset type: its required columns. */
export function outputDraft(datasetType: PrepareDatasetType): OutputDraft {
  const columns =
    datasetType === 'interactions'
      ? [
          columnDraft('USER_ID', 'id'),
          columnDraft('ITEM_ID', 'trim'),
          columnDraft('TIMESTAMP', 'epochSeconds'),
        ]
      : datasetType === 'items'
        ? [columnDraft('ITEM_ID', 'trim')]
        : [columnDraft('USER_ID', 'id')];
  return {
    datasetType,
    isEnabled: datasetType === 'interactions',
    columns,
    filters: [],
    dropBlankIds: true,
    dedupe: false,
    onePerId: datasetType !== 'interactions',
  };
}

/** The recipe transform of a form column's conversion and options (the inverse of {@link draftOfTransform}). */
export function transformOf(column: ColumnDraft): Transform {
  switch (column.conversion) {
    case 'copy':
    case 'trim':
    case 'id':
    case 'number':
    case 'integer':
      return { kind: column.conversion };
    case 'epochSeconds':
    case 'epochMilliseconds':
    case 'iso':
    case 'pattern':
      return {
        kind: 'timestamp',
        format: column.conversion,
        timeZone: column.timeZone.trim() === '' ? 'UTC' : column.timeZone.trim(),
        ...(column.conversion === 'pattern' ? { pattern: column.pattern } : {}),
      };
    case 'eventType':
      return {
        kind: 'eventType',
        fold: true,
        mapping: column.mapping
          .split(',')
          .map((pair) => pair.split('='))
          .filter((pair) => pair.length === 2 && (pair[1] ?? '').trim() !== '')
          .map(([from, to]) => ({ from: (from ?? '').trim(), to: (to ?? '').trim() })),
      };
    case 'thresholds':
      return {
        kind: 'thresholds',
        rules: column.thresholds
          .split(',')
          .map((pair) => pair.split(':'))
          .filter((pair) => pair.length === 2)
          .map(([above, value]) => ({ above: Number(above), value: (value ?? '').trim() })),
      };
    default:
      return column.conversion satisfies never;
  }
}

function recipeColumn(column: ColumnDraft): RecipeInput['outputs'][number]['columns'][number] {
  if (column.from === '') return { name: column.name.trim(), value: column.constant };
  return {
    name: column.name.trim(),
    from: column.from,
    transform: transformOf(column),
  } satisfies Omit<OutputColumn, 'transform'> & { transform: Transform };
}

function steps(output: OutputDraft): Step[] {
  const names = output.columns.map((column) => column.name.trim());
  const ids = ID_COLUMNS[output.datasetType].filter((name) => names.includes(name));
  const list: Step[] = output.filters.map((filter) => {
    const numeric = ['greaterThan', 'atLeast', 'lessThan', 'atMost'].includes(filter.operator);
    const isList = filter.operator === 'in' || filter.operator === 'notIn';
    return {
      kind: 'filter',
      column: filter.column,
      operator: filter.operator,
      ...(isList
        ? { values: filter.value.split(',').map((value) => value.trim()) }
        : { value: numeric ? Number(filter.value) : filter.value }),
    };
  });
  if (output.dropBlankIds && ids.length > 0) list.push({ kind: 'dropBlank', columns: ids });
  if (output.dedupe) list.push({ kind: 'dedupe' });
  const key = ids[0];
  if (output.onePerId && output.datasetType !== 'interactions' && key !== undefined)
    list.push({ kind: 'onePerKey', key });
  return list;
}

/** A metadata join as the form edits it: `columns` is `Description, Price=UNIT_PRICE`. */
export interface JoinDraft {
  readonly path: string;
  /** Column of the source file. */
  readonly key: string;
  /** Column of the other file. */
  readonly otherKey: string;
  /** The other file's columns to add, comma-separated, each optionally `from=as`. */
  readonly columns: string;
}

/** The recipe's join of a form join (columns parsed from `a, b=B`); undefined while incomplete. */
export function joinOf(draft: JoinDraft): Join | undefined {
  const columns = draft.columns
    .split(',')
    .map((entry) => entry.split('=').map((part) => part.trim()))
    .filter(([from]) => from !== undefined && from !== '')
    .map(([from = '', as]) => ({ from, as: as === undefined || as === '' ? from : as }));
  if (draft.path.trim() === '' || draft.key === '' || draft.otherKey.trim() === '')
    return undefined;
  if (columns.length === 0) return undefined;
  return { path: draft.path.trim(), key: draft.key, otherKey: draft.otherKey.trim(), columns };
}

/** The form of a recipe's join (the inverse of {@link joinOf}). */
export function joinDraftOf(join: Join): JoinDraft {
  return {
    path: join.path,
    key: join.key,
    otherKey: join.otherKey,
    columns: join.columns
      .map((column) => (column.as === column.from ? column.from : `${column.from}=${column.as}`))
      .join(', '),
  };
}

/**
 * The recipe (JSON, validated by the core) of the form's enabled outputs (its `datasets`: the
 * datasets the raw file feeds) and complete joins,
 * reading the source in `encoding` when given (an encoding fix; detected otherwise).
 */
export function recipeOf(
  name: string,
  source: string,
  outputs: readonly OutputDraft[],
  joins: readonly JoinDraft[] = [],
  encoding?: SourceEncoding,
): RecipeInput {
  const complete = joins.flatMap((draft) => {
    const join = joinOf(draft);
    return join === undefined ? [] : [join];
  });
  return {
    version: 1,
    name: name.trim() === '' ? 'recipe' : name.trim(),
    source,
    ...(encoding === undefined ? {} : { encoding }),
    ...(complete.length === 0 ? {} : { joins: complete }),
    // The datasets the file feeds: the form's enabled outputs.
    datasets: outputs.filter((output) => output.isEnabled).map((output) => output.datasetType),
    outputs: outputs
      .filter((output) => output.isEnabled)
      .map((output) => ({
        datasetType: output.datasetType,
        fileName: `${output.datasetType}.csv`,
        columns: output.columns.map(recipeColumn),
        steps: steps(output),
      })),
  };
}

/** The form's conversion and options of a recipe column's transform (the inverse of `transformOf`). */
export function draftOfTransform(transform: Transform | undefined): Partial<ColumnDraft> {
  if (transform === undefined) return { conversion: 'copy' };
  switch (transform.kind) {
    case 'copy':
    case 'trim':
    case 'id':
    case 'number':
    case 'integer':
      return { conversion: transform.kind };
    case 'timestamp':
      return {
        conversion: transform.format,
        timeZone: transform.timeZone ?? 'UTC',
        ...(transform.pattern === undefined ? {} : { pattern: transform.pattern }),
      };
    case 'eventType':
      return {
        conversion: 'eventType',
        mapping: (transform.mapping ?? []).map((pair) => `${pair.from}=${pair.to}`).join(', '),
      };
    case 'thresholds':
      return {
        conversion: 'thresholds',
        thresholds: transform.rules.map((rule) => `${rule.above}:${rule.value}`).join(', '),
      };
    default:
      return transform satisfies never;
  }
}

/**
 * The form of a saved recipe (the inverse of {@link recipeOf}): its name, source, source encoding
 * (when it names one) and joins, one draft
 * per dataset type (enabled when the recipe writes that file), columns with their source or
 * constant and conversion, filters, and the blank-id, dedupe and one-row-per-id steps.
 */
export function formOfRecipe(recipe: RecipeInput): {
  name: string;
  source: string;
  encoding?: SourceEncoding;
  joins: JoinDraft[];
  outputs: OutputDraft[];
} {
  const types: PrepareDatasetType[] = ['interactions', 'items', 'users'];
  return {
    name: recipe.name,
    source: recipe.source ?? '',
    ...(recipe.encoding === undefined ? {} : { encoding: recipe.encoding }),
    joins: (recipe.joins ?? []).map(joinDraftOf),
    outputs: types.map((datasetType) => {
      const saved = recipe.outputs.find((output) => output.datasetType === datasetType);
      const base = outputDraft(datasetType);
      if (saved === undefined) return { ...base, isEnabled: false };
      const steps = saved.steps ?? [];
      return {
        datasetType,
        isEnabled: true,
        columns: saved.columns.map((column) => ({
          ...columnDraft(column.name),
          from: column.from ?? '',
          constant: column.value ?? '',
          ...draftOfTransform(column.transform as Transform | undefined),
        })),
        filters: steps.flatMap((step) =>
          step.kind === 'filter'
            ? [
                {
                  column: step.column,
                  operator: step.operator,
                  value: step.values?.join(', ') ?? String(step.value ?? ''),
                },
              ]
            : [],
        ),
        dropBlankIds: steps.some((step) => step.kind === 'dropBlank'),
        dedupe: steps.some((step) => step.kind === 'dedupe'),
        onePerId: steps.some((step) => step.kind === 'onePerKey'),
      };
    }),
  };
}

/**
 * How the form names a source column: as its header writes it, or, for a file without a header
 * (DuckDB's `column0`, `column1`...), 1-based as a spreadsheet counts and as the findings say
 * ("column 1"), with DuckDB's name after it: `column 1 (column0)`.
 */
export function sourceColumnLabel(name: string): string {
  const match = /^column(\d+)$/u.exec(name);
  return match === null ? name : `column ${Number(match[1]) + 1} (${name})`;
}
