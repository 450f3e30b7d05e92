/**
 * A data-prep recipe: how the studio turns one customer export into importable Personalize
 * files (column mapping, conversions, row filters, dedupe, joins). JSON, validated with zod,
 * saved in the workspace and replayed by the app and by `poc-studio prepare`; each output is
 * run as the DuckDB SQL that {@link ./recipe-sql.js} generates. The customer's file is only read.
 */
import { z } from 'zod';

/** Avro field name syntax (SPEC §4.2): output columns become schema fields. */
const AvroNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/u,
    'Use letters, digits and _ for an output column, not starting with a digit: it becomes a schema field.',
  );

/** How a timestamp column is written in the source file. */
export const TimestampFormatSchema = z.enum([
  /** Unix epoch seconds (kept; decimals truncated). */
  'epochSeconds',
  /** Unix epoch milliseconds (divided by 1,000, rounded down). */
  'epochMilliseconds',
  /** ISO 8601 (`2011-06-01T10:00:00+01:00`, `...Z`, or without offset: read in `timeZone`). */
  'iso',
  /** A strptime pattern such as `%m/%d/%Y %H:%M`, read in `timeZone`. */
  'pattern',
]);
/** See {@link TimestampFormatSchema}. */
export type TimestampFormat = z.infer<typeof TimestampFormatSchema>;

/** An IANA time zone name (`UTC`, `Europe/London`). */
const TimeZoneSchema = z
  .string()
  .regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/u, 'Use an IANA time zone such as Europe/London.');

/**
 * What happens to a source value on its way to an output column.
 *
 * - `copy`: as written; `trim`: surrounding spaces removed;
 * - `id`: trimmed, and a decimal id's `.0` dropped (`17850.0` → `17850`, SPEC §5.1);
 * - `number` / `integer`: parsed (unparsable → empty);
 * - `timestamp`: to Unix epoch seconds (SPEC §5.1) from `format`;
 * - `eventType`: folded (lower case, spaces, `-` and `_` removed) when `fold`, then mapped by the
 *   `mapping` table (`from` compared folded);
 * - `thresholds`: a numeric value (a rating) becomes event types: one row per rule whose
 *   `above` it exceeds (the POC guide: `click` above 1, `watch` above 3).
 */
export const TransformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('copy') }),
  z.object({ kind: z.literal('trim') }),
  z.object({ kind: z.literal('id') }),
  z.object({ kind: z.literal('number') }),
  z.object({ kind: z.literal('integer') }),
  z
    .object({
      kind: z.literal('timestamp'),
      format: TimestampFormatSchema,
      pattern: z.string().min(2).optional(),
      timeZone: TimeZoneSchema.default('UTC'),
    })
    .refine((value) => value.format !== 'pattern' || value.pattern !== undefined, {
      error: 'A pattern timestamp needs its pattern, e.g. %Y-%m-%d %H:%M:%S.',
      path: ['pattern'],
    }),
  z.object({
    kind: z.literal('eventType'),
    fold: z.boolean().default(true),
    mapping: z
      .array(z.object({ from: z.string(), to: z.string().min(1) }))
      .max(1000)
      .default([]),
  }),
  z.object({
    kind: z.literal('thresholds'),
    rules: z
      .array(z.object({ above: z.number(), value: z.string().min(1) }))
      .min(1)
      .max(10),
  }),
]);
/** See {@link TransformSchema}. */
export type Transform = z.infer<typeof TransformSchema>;

/** One output column: its name and where its values come from (a source column, or a constant). */
export const OutputColumnSchema = z
  .object({
    name: AvroNameSchema,
    /** Source column (as the file's header writes it, or a joined column's `as`). */
    from: z.string().min(1).optional(),
    /** A constant written on every row (e.g. EVENT_TYPE `purchase`). */
    value: z.string().optional(),
    transform: TransformSchema.default({ kind: 'copy' }),
  })
  .refine((column) => (column.from === undefined) !== (column.value === undefined), {
    error: 'Give the column either a source column (from) or a constant (value).',
  });
/** See {@link OutputColumnSchema}. */
export type OutputColumn = z.infer<typeof OutputColumnSchema>;

/** Comparison operators of a row filter. */
export const FilterOperatorSchema = z.enum([
  'equals',
  'notEquals',
  'greaterThan',
  'atLeast',
  'lessThan',
  'atMost',
  'startsWith',
  'notStartsWith',
  'in',
  'notIn',
  'isBlank',
  'isNotBlank',
]);
/** See {@link FilterOperatorSchema}. */
export type FilterOperator = z.infer<typeof FilterOperatorSchema>;

/**
 * One row step. `filter` keeps the rows of the source whose `column` (a source column) passes;
 * numeric operators compare numbers (unparsable values fail). `dropBlank` drops rows with an
 * empty value in any of the output `columns` (after conversion: an unparsable timestamp is
 * empty). `dedupe` keeps one of identical output rows; `onePerKey` keeps the first row (file
 * order) of each value of the output column `key` (e.g. one Items row per ITEM_ID).
 */
export const StepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('filter'),
    column: z.string().min(1),
    operator: FilterOperatorSchema,
    value: z.union([z.string(), z.number()]).optional(),
    values: z.array(z.string()).max(1000).optional(),
  }),
  z.object({ kind: z.literal('dropBlank'), columns: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('dedupe') }),
  z.object({ kind: z.literal('onePerKey'), key: z.string().min(1) }),
]);
/** See {@link StepSchema}. */
export type Step = z.infer<typeof StepSchema>;

/** Joins a metadata file's columns by key (left join: rows without a match keep empty values). */
export const JoinSchema = z.object({
  /** The other file (any CSV the studio opens). */
  path: z.string().min(1),
  /** Column of the source file. */
  key: z.string().min(1),
  /** Column of the other file. */
  otherKey: z.string().min(1),
  /** Columns of the other file to add, named `as` among the source columns. */
  columns: z
    .array(z.object({ from: z.string().min(1), as: z.string().min(1) }))
    .min(1)
    .max(100),
});
/** See {@link JoinSchema}. */
export type Join = z.infer<typeof JoinSchema>;

/** Dataset types a recipe output is for (SPEC §4.3). */
export const PrepareDatasetTypeSchema = z.enum(['interactions', 'items', 'users']);
/** See {@link PrepareDatasetTypeSchema}. */
export type PrepareDatasetType = z.infer<typeof PrepareDatasetTypeSchema>;

/** One importable file a recipe writes. */
export const RecipeOutputSchema = z.object({
  datasetType: PrepareDatasetTypeSchema,
  /** File name in the output folder, e.g. `interactions.csv`. */
  fileName: z
    .string()
    .regex(/^[\w.-]+\.csv$/u, 'A file name such as interactions.csv (letters, digits, . _ -).'),
  columns: z.array(OutputColumnSchema).min(1).max(200),
  steps: z.array(StepSchema).max(100).default([]),
  /** The schema to write beside the file (edited in the schema editor); inferred when absent. */
  schema: z.record(z.string(), z.unknown()).optional(),
});
/** See {@link RecipeOutputSchema}. */
export type RecipeOutput = z.infer<typeof RecipeOutputSchema>;

/**
 * The text encoding a recipe reads its source file in (the Data step's encoding choice, the
 * one-click fix of an `encoding.latin1` finding): the file is transcoded from it, and every
 * output is written as UTF-8, the only encoding Personalize reads (SPEC §5.1). Absent: the
 * encoding detected from the file's bytes. The values of shared/ipc/data.ts `EncodingChoiceSchema`.
 */
export const SourceEncodingSchema = z.enum([
  'utf-8',
  'utf-16le',
  'utf-16be',
  'latin-1',
  'windows-1252',
]);
/** See {@link SourceEncodingSchema}. */
export type SourceEncoding = z.infer<typeof SourceEncodingSchema>;

/** Current recipe format version. */
export const RECIPE_VERSION = 1;

/** A recipe: one source file's outputs (interactions, items, users), replayable. */
export const RecipeSchema = z
  .object({
    version: z.literal(RECIPE_VERSION),
    name: z.string().min(1).max(100),
    /** The file it was made for (informational: `prepare FILE` replays it on any file). */
    source: z.string().optional(),
    /** The source file's encoding ({@link SourceEncodingSchema}); detected when absent. */
    encoding: SourceEncodingSchema.optional(),
    /**
     * The datasets the source file feeds (a catalogue export: `['items']`; the Online Retail
     * export: `['interactions', 'items']`): one output per listed type. Absent (recipes written
     * before it): the outputs' types, so such a recipe replays as it always did.
     */
    datasets: z.array(PrepareDatasetTypeSchema).min(1).max(3).optional(),
    joins: z.array(JoinSchema).max(10).default([]),
    outputs: z.array(RecipeOutputSchema).min(1).max(3),
  })
  .refine(
    (recipe) =>
      recipe.datasets === undefined ||
      (new Set(recipe.datasets).size === recipe.datasets.length &&
        recipe.datasets.length === recipe.outputs.length &&
        recipe.outputs.every((output) => recipe.datasets?.includes(output.datasetType))),
    {
      error:
        'datasets lists the files the source feeds: give one output per listed dataset type, and none other.',
      path: ['datasets'],
    },
  )
  .refine(
    (recipe) =>
      new Set(recipe.outputs.map((output) => output.fileName)).size === recipe.outputs.length,
    { error: 'Two outputs write the same file.', path: ['outputs'] },
  );
/** See {@link RecipeSchema}. */
export type Recipe = z.infer<typeof RecipeSchema>;
/** A recipe as written in JSON (defaults not yet applied). */
export type RecipeInput = z.input<typeof RecipeSchema>;

/** A problem of a recipe against the file it runs on: where in the recipe, and what. */
export interface RecipeIssue {
  /** e.g. `outputs.0.columns.2.from` */
  readonly path: string;
  readonly message: string;
}

/**
 * Parses recipe JSON (text or value) with {@link RecipeSchema}.
 *
 * @returns the recipe, or the issues each naming its path in the recipe and how to fix it.
 */
export function parseRecipe(
  input: unknown,
): { ok: true; recipe: Recipe } | { ok: false; issues: RecipeIssue[] } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return {
        ok: false,
        issues: [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }],
      };
    }
  }
  const parsed = RecipeSchema.safeParse(value);
  if (parsed.success) return { ok: true, recipe: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  };
}

/**
 * Checks a recipe against the columns of the file it runs on (and of its joined files): every
 * `from`, filter column and join key names an existing column; dropBlank, onePerKey name output
 * columns; output names are unique.
 *
 * @param sourceColumns the source file's header names.
 * @param joinedColumns the header names of each join's file, in `recipe.joins` order.
 */
export function checkRecipe(
  recipe: Recipe,
  sourceColumns: readonly string[],
  joinedColumns: readonly (readonly string[])[] = [],
): RecipeIssue[] {
  const issues: RecipeIssue[] = [];
  const available = new Set(sourceColumns);
  const list = (names: Iterable<string>): string => [...names].join(', ');
  recipe.joins.forEach((join, index) => {
    const other = new Set(joinedColumns[index] ?? []);
    if (!available.has(join.key))
      issues.push({
        path: `joins.${index}.key`,
        message: `No column ${join.key} in the source file (it has ${list(sourceColumns)}).`,
      });
    if (!other.has(join.otherKey))
      issues.push({
        path: `joins.${index}.otherKey`,
        message: `No column ${join.otherKey} in ${join.path}.`,
      });
    join.columns.forEach((column, columnIndex) => {
      if (!other.has(column.from))
        issues.push({
          path: `joins.${index}.columns.${columnIndex}.from`,
          message: `No column ${column.from} in ${join.path}.`,
        });
    });
    for (const column of join.columns) available.add(column.as);
  });
  recipe.outputs.forEach((output, outputIndex) => {
    const at = `outputs.${outputIndex}`;
    const names = new Set<string>();
    output.columns.forEach((column, index) => {
      if (names.has(column.name))
        issues.push({
          path: `${at}.columns.${index}.name`,
          message: `${column.name} is written twice.`,
        });
      names.add(column.name);
      if (column.from !== undefined && !available.has(column.from))
        issues.push({
          path: `${at}.columns.${index}.from`,
          message: `No column ${column.from} in the source file (it has ${list(available)}).`,
        });
    });
    const thresholds = output.columns.filter((column) => column.transform.kind === 'thresholds');
    if (thresholds.length > 1)
      issues.push({
        path: `${at}.columns`,
        message: 'Only one column can turn values into event types by thresholds.',
      });
    output.steps.forEach((step, index) => {
      const path = `${at}.steps.${index}`;
      if (step.kind === 'filter' && !available.has(step.column))
        issues.push({
          path: `${path}.column`,
          message: `No column ${step.column} in the source file to filter on.`,
        });
      if (step.kind === 'dropBlank')
        for (const name of step.columns)
          if (!names.has(name))
            issues.push({
              path: `${path}.columns`,
              message: `${name} is not an output column (${list(names)}).`,
            });
      if (step.kind === 'onePerKey' && !names.has(step.key))
        issues.push({
          path: `${path}.key`,
          message: `${step.key} is not an output column (${list(names)}).`,
        });
    });
  });
  return issues;
}

/**
 * The datasets a recipe's source feeds: its `datasets`, or, for a recipe written without them,
 * its outputs' types in order.
 */
export function recipeDatasets(recipe: Recipe | RecipeInput): PrepareDatasetType[] {
  return recipe.datasets === undefined
    ? recipe.outputs.map((output) => output.datasetType)
    : [...recipe.datasets];
}
