/**
 * Mapping-level fixes: the one-click repairs of findings whose fix lives on a recipe's column
 * mapping (an output column's source and `transform`) or on its source encoding, rather than on
 * its row steps (those are a finding's `fixStep`). A data rule (shared/rules/dataset-rules.ts)
 * sets them as a finding's `fixMapping`; the Data step's Prepare form applies them ("Apply fix"),
 * `poc-studio validate` names them, and {@link applyMappingFix} writes them into a recipe.
 */
import { z } from 'zod';
import {
  SourceEncodingSchema,
  TransformSchema,
  type RecipeInput,
  type SourceEncoding,
  type Transform,
} from './recipe.js';
import { foldForMapping } from './recipe-sql.js';

/**
 * One mapping-level fix.
 *
 * - `column`: output column `target` (a reserved field such as USER_ID, an Avro name, SPEC §4.2)
 *   reads source column `source` (as the file's header writes it; `column0`... without a
 *   header), converted by `transform` when given; without `transform` the column keeps the
 *   conversion it has (a pure rename), or is copied as written when the recipe lacks it.
 *   Findings: `column.missing` (CustomerID → USER_ID), `column.case`, `id.decimal` (`id`),
 *   `timestamp.notEpoch` (ISO → epoch seconds), `timestamp.milliseconds` (milliseconds →
 *   seconds), `timestamp.fractional`, `eventType.nearDuplicate` / `eventType.tooMany` (an
 *   `eventType` mapping table).
 * - `encoding`: the recipe reads its source in `encoding` and writes UTF-8 (SPEC §5.1); finding
 *   `encoding.latin1`.
 */
export const MappingFixSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('column'),
    target: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/u),
    source: z.string().min(1),
    transform: TransformSchema.optional(),
  }),
  z.object({ kind: z.literal('encoding'), encoding: SourceEncodingSchema }),
]);
/** See {@link MappingFixSchema}. */
export type MappingFix = z.infer<typeof MappingFixSchema>;

const ENCODING_NAMES: Readonly<Record<SourceEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little endian)',
  'utf-16be': 'UTF-16 (big endian)',
  'latin-1': 'Latin-1 (ISO-8859-1)',
  'windows-1252': 'Windows-1252',
};

/** How a conversion reads in a fix's label: `as an id (trim, drop a trailing .0)`. */
export function describeTransform(transform: Transform): string {
  switch (transform.kind) {
    case 'copy':
      return 'as written';
    case 'trim':
      return 'with surrounding spaces trimmed';
    case 'id':
      return 'as an id (trim, drop a trailing .0)';
    case 'number':
      return 'as a number';
    case 'integer':
      return 'as an integer';
    case 'timestamp':
      switch (transform.format) {
        case 'epochSeconds':
          return 'as whole epoch seconds';
        case 'epochMilliseconds':
          return 'from epoch milliseconds to seconds';
        case 'iso':
          return `from ISO 8601 dates (read in ${transform.timeZone} without an offset) to epoch seconds`;
        case 'pattern':
          return `from dates ${transform.pattern ?? ''} (in ${transform.timeZone}) to epoch seconds`;
        default:
          return transform.format satisfies never;
      }
    case 'eventType': {
      const table = transform.mapping.map((entry) => `${entry.from} → ${entry.to}`).join(', ');
      return `${transform.fold ? 'folding case and spaces' : 'as written'}${table === '' ? '' : `, mapping ${table}`}`;
    }
    case 'thresholds':
      return `as event types by thresholds (${transform.rules.map((rule) => `above ${rule.above}: ${rule.value}`).join(', ')})`;
    default:
      return transform satisfies never;
  }
}

/**
 * A fix in words, as the Data step's button and the CLI's report name it:
 * `Map CustomerID to USER_ID as an id (trim, drop a trailing .0)`,
 * `Convert TIMESTAMP from epoch milliseconds to seconds` (a column already named as the field),
 * `Map column 1 (column0) to USER_ID ...` (a file without a header, counted from 1),
 * `Read the source as Windows-1252 and write UTF-8`.
 */
export function describeMappingFix(fix: MappingFix): string {
  if (fix.kind === 'encoding')
    return `Read the source as ${ENCODING_NAMES[fix.encoding]} and write UTF-8`;
  const how = fix.transform === undefined ? '' : ` ${describeTransform(fix.transform)}`;
  // A column already named as the field only changes its conversion.
  if (fix.source === fix.target && how !== '') return `Convert ${fix.target}${how}`;
  // A headerless file's columns counted from 1 as the findings and the form name them.
  const numbered = /^column(\d+)$/u.exec(fix.source);
  const source =
    numbered === null ? fix.source : `column ${Number(numbered[1]) + 1} (${fix.source})`;
  return `Map ${source} to ${fix.target}${how}`;
}

/**
 * The transform a column gets from a fix: the fix's own, with an `eventType` mapping table
 * merged into the column's existing table (entries of the fix win for the same `from`, compared
 * folded when the fix folds, as the SQL compares them); the
 * existing one when the fix has none; `copy` for a new column without one.
 */
export function fixedTransform(
  existing: Transform | undefined,
  fix: Transform | undefined,
): Transform {
  if (fix === undefined) return existing ?? { kind: 'copy' };
  if (fix.kind === 'eventType' && existing?.kind === 'eventType') {
    // Entries compare as the SQL compares them: folded when the fix folds, else trimmed.
    const key = (from: string): string => (fix.fold ? foldForMapping(from) : from.trim());
    const fromFix = new Set(fix.mapping.map((entry) => key(entry.from)));
    return {
      ...fix,
      mapping: [
        ...existing.mapping.filter((entry) => !fromFix.has(key(entry.from))),
        ...fix.mapping,
      ],
    };
  }
  return fix;
}

/**
 * Writes a fix into a recipe (a new recipe; the given one is left as it is): an `encoding` fix
 * sets `recipe.encoding`; a `column` fix sets the `target` column of output `outputIndex` to
 * read `source` with {@link fixedTransform}, appending the column when the output lacks it
 * (a constant column becomes a mapped one).
 *
 * @throws RangeError when the recipe has no output `outputIndex`.
 */
export function applyMappingFix(
  recipe: RecipeInput,
  outputIndex: number,
  fix: MappingFix,
): RecipeInput {
  if (fix.kind === 'encoding') return { ...recipe, encoding: fix.encoding };
  const output = recipe.outputs[outputIndex];
  if (output === undefined) throw new RangeError(`The recipe has no output ${outputIndex}.`);
  const at = output.columns.findIndex((column) => column.name === fix.target);
  const existing = at === -1 ? undefined : output.columns[at];
  const column = {
    name: fix.target,
    from: fix.source,
    transform: fixedTransform(
      existing?.from === undefined
        ? undefined
        : TransformSchema.parse(existing.transform ?? { kind: 'copy' }),
      fix.transform,
    ),
  };
  const columns =
    at === -1
      ? [...output.columns, column]
      : output.columns.map((item, index) => (index === at ? column : item));
  return {
    ...recipe,
    outputs: recipe.outputs.map((item, index) =>
      index === outputIndex ? { ...item, columns } : item,
    ),
  };
}
