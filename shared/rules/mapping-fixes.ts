/**
 * The mapping-level fixes the data rules attach to their findings (`fixMapping`,
 * shared/prepare/mapping-fix.ts): which conversion a source column needs on its way to a
 * reserved field, and the event-type mapping table that folds near-duplicates. Pure functions
 * of the statistics; no Node, DOM or database access.
 */
import type { MappingFix } from '../prepare/mapping-fix.js';
import type { Transform } from '../prepare/recipe.js';

/** A source column as the statistics describe it (DuckDB's sniffed type, longest value, samples). */
interface SourceColumnStats {
  readonly name: string;
  readonly type: string;
  readonly maxLength?: number;
  readonly samples?: readonly string[];
}

/** A date-time written ISO-like: `2010-12-01`, `2010-12-01 08:26:00`, `2019-10-01T00:00:00Z`. */
const ISO_LIKE =
  /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/u;

/**
 * Epoch values with at least this many digits are milliseconds: 10^11 seconds is the year
 * 5138, and the rules flag values above 10^11 as milliseconds (`timestamp.milliseconds`).
 */
const MILLISECOND_DIGITS = 12;

/** The `timestamp` transform from ISO 8601 text, read in UTC when a value has no offset (SPEC §5.1). */
export const ISO_TIMESTAMP: Transform = { kind: 'timestamp', format: 'iso', timeZone: 'UTC' };

/**
 * The conversion a source column needs to become reserved field `field` (SPEC §4.3, §5.1), from
 * its DuckDB type: ids `id` when numeric (17850.0 → 17850), `trim` when text; timestamps from
 * ISO dates (a TIMESTAMP / DATE column, or text whose samples all read as ISO dates), from
 * milliseconds (integers of 12 digits or more) or as epoch seconds (other numbers); EVENT_TYPE
 * trimmed, as written (near-duplicate spellings get {@link eventTypeMappingFix}, which writes each
 * group as its most frequent spelling); EVENT_VALUE a number. Undefined when the type says nothing (text dates
 * in another layout: the user picks the pattern).
 */
export function mappingTransformFor(
  field: string,
  column: SourceColumnStats | undefined,
): Transform | undefined {
  const type = (column?.type ?? '').toUpperCase();
  const isInteger = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT)$/u.test(type);
  const isNumber = isInteger || /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/u.test(type);
  if (field === 'USER_ID' || field === 'ITEM_ID')
    return isNumber ? { kind: 'id' } : { kind: 'trim' };
  if (field === 'TIMESTAMP' || field === 'CREATION_TIMESTAMP') {
    if (type.startsWith('TIMESTAMP') || type === 'DATE') return ISO_TIMESTAMP;
    const samples = column?.samples ?? [];
    if (
      type === 'VARCHAR' &&
      samples.length > 0 &&
      samples.every((value) => ISO_LIKE.test(value.trim()))
    )
      return ISO_TIMESTAMP;
    if (isInteger && (column?.maxLength ?? 0) >= MILLISECOND_DIGITS)
      return { kind: 'timestamp', format: 'epochMilliseconds', timeZone: 'UTC' };
    if (isNumber) return { kind: 'timestamp', format: 'epochSeconds', timeZone: 'UTC' };
    return undefined;
  }
  // As written: folding alone would turn "Add to Cart" into "addtocart", while the near-duplicate
  // fix (eventTypeMappingFix) keeps each group's most frequent spelling; that fix does the folding.
  if (field === 'EVENT_TYPE') return { kind: 'trim' };
  if (field === 'EVENT_VALUE') return { kind: 'number' };
  return undefined;
}

/** The fix of a required field a source column holds (`column.missing`: CustomerID → USER_ID). */
export function columnMappingFix(
  field: string,
  source: string,
  column: SourceColumnStats | undefined,
): MappingFix {
  const transform = mappingTransformFor(field, column);
  return {
    kind: 'column',
    target: field,
    source,
    ...(transform === undefined ? {} : { transform }),
  };
}

/** Folds an event type as the rules compare them (shared/rules/dataset-rules.ts `foldEventType`). */
function fold(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

/** The replacement written for event types beyond the limit ({@link eventTypeMappingFix}). */
export const OTHER_EVENT_TYPE = 'other';

/**
 * The `eventType` fix of an EVENT_TYPE column (`eventType.nearDuplicate`, `eventType.tooMany`,
 * SPEC §4.3): values are folded (case, spaces, `-`, `_`) and each folded group written as its
 * most frequent value as written (trimmed), through a mapping table listing every other value of
 * the group (`add_to_cart → Add to Cart`), or the value itself when folding alone would change
 * it. With `keep`, only the `keep` most frequent groups stay and the others become
 * {@link OTHER_EVENT_TYPE}. The same table for every finding of the file, so applying two of them
 * gives the same column.
 *
 * @param values the column's values with their row counts, most frequent first.
 */
export function eventTypeMappingFix(
  column: string,
  values: readonly { readonly value: string; readonly count: number }[],
  keep?: number,
): MappingFix {
  const groups = new Map<string, { values: string[]; count: number }>();
  for (const { value, count } of values) {
    const key = fold(value);
    if (key === '') continue;
    const group = groups.get(key) ?? { values: [], count: 0 };
    group.values.push(value);
    group.count += count;
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => b.count - a.count);
  const mapping = ordered.flatMap((group, index) => {
    const to = index < (keep ?? Infinity) ? (group.values[0] ?? '').trim() : OTHER_EVENT_TYPE;
    const others = group.values.filter((value) => value !== to);
    if (group.values.length === 1)
      return fold(to) === to && others.length === 0 ? [] : [{ from: group.values[0] ?? to, to }];
    return others.map((from) => ({ from, to }));
  });
  return {
    kind: 'column',
    target: 'EVENT_TYPE',
    source: column,
    transform: { kind: 'eventType', fold: true, mapping },
  };
}
