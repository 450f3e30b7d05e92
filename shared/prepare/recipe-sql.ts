/**
 * The DuckDB SQL a recipe output runs (shown in the app as it runs). Pure: the caller passes the
 * `read_csv(...)` table expressions of the source and joined files (their dialect and encoding
 * come from electron/dataprep), every column read as text, so that each conversion is explicit.
 */
import type {
  FilterOperator,
  OutputColumn,
  Recipe,
  RecipeOutput,
  Step,
  Transform,
} from './recipe.js';

/** Quotes an identifier for DuckDB (`"a""b"`). */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB (`'it''s'`). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

/** Folds an event type as {@link foldEventType} of the dataset rules does (lower, no spaces/-/_). */
export function foldForMapping(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

/** Column carrying the source file's row order through the steps (not written). */
export const ROW_COLUMN = '__row';
const THRESHOLDS = '__thresholds';

/** Matches an ISO date-time that ends with an explicit offset (`Z`, `+01:00`, `-0500`). */
const ISO_WITH_OFFSET = String.raw`[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}(:?[0-9]{2})?)$`;

function trimmed(value: string): string {
  return `NULLIF(trim(${value}), '')`;
}

function asNumber(value: string): string {
  return `TRY_CAST(trim(${value}) AS DOUBLE)`;
}

/** SQL of a transform over the text value `value` (a quoted column reference). */
export function transformSql(transform: Transform, value: string): string {
  switch (transform.kind) {
    case 'copy':
      return value;
    case 'trim':
      return trimmed(value);
    case 'id':
      return `regexp_replace(${trimmed(value)}, '^(-?[0-9]+)\\.0+$', '\\1')`;
    case 'number':
      return asNumber(value);
    case 'integer':
      return `CAST(trunc(${asNumber(value)}) AS BIGINT)`;
    case 'timestamp':
      return timestampSql(transform, value);
    case 'eventType': {
      const folded = transform.fold
        ? `NULLIF(regexp_replace(lower(trim(${value})), '[\\s_-]+', '', 'g'), '')`
        : trimmed(value);
      if (transform.mapping.length === 0) return folded;
      const cases = transform.mapping.map(
        (entry) =>
          `WHEN ${sqlString(transform.fold ? foldForMapping(entry.from) : entry.from.trim())} THEN ${sqlString(entry.to)}`,
      );
      return `CASE ${folded} ${cases.join(' ')} ELSE ${folded} END`;
    }
    case 'thresholds':
      return `${THRESHOLDS}."value"`;
    default:
      return transform satisfies never;
  }
}

function timestampSql(transform: Extract<Transform, { kind: 'timestamp' }>, value: string): string {
  const zone = sqlString(transform.timeZone);
  const seconds = (timestamptz: string): string => `CAST(floor(epoch(${timestamptz})) AS BIGINT)`;
  switch (transform.format) {
    case 'epochSeconds':
      return `CAST(trunc(${asNumber(value)}) AS BIGINT)`;
    case 'epochMilliseconds':
      return `CAST(floor(${asNumber(value)} / 1000) AS BIGINT)`;
    case 'iso':
      return seconds(
        `CASE WHEN regexp_matches(trim(${value}), ${sqlString(ISO_WITH_OFFSET)}) THEN TRY_CAST(trim(${value}) AS TIMESTAMPTZ) ELSE timezone(${zone}, TRY_CAST(trim(${value}) AS TIMESTAMP)) END`,
      );
    case 'pattern': {
      const pattern = sqlString(transform.pattern ?? '');
      const parsed = `try_strptime(trim(${value}), ${pattern})`;
      // A pattern with its own offset (%z) parses to an instant already.
      return seconds(
        /%[zZ]/u.test(transform.pattern ?? '') ? parsed : `timezone(${zone}, ${parsed})`,
      );
    }
    default:
      return transform.format satisfies never;
  }
}

function columnSql(column: OutputColumn): string {
  const value =
    column.value !== undefined
      ? sqlString(column.value)
      : transformSql(column.transform, sqlIdentifier(column.from ?? ''));
  return `${value} AS ${sqlIdentifier(column.name)}`;
}

/** SQL condition of a row filter over source column `column` (text). */
export function filterSql(step: Extract<Step, { kind: 'filter' }>): string {
  const column = sqlIdentifier(step.column);
  const text = step.value === undefined ? '' : String(step.value);
  const numeric = (operator: string): string => {
    const bound = typeof step.value === 'number' ? step.value : Number(step.value);
    if (!Number.isFinite(bound))
      throw new Error(`Filter on ${step.column}: ${String(step.value)} is not a number.`);
    return `${asNumber(column)} ${operator} ${sqlNumber(bound)}`;
  };
  const list = (step.values ?? [text]).map(sqlString).join(', ');
  const operator: FilterOperator = step.operator;
  switch (operator) {
    case 'equals':
      return typeof step.value === 'number'
        ? numeric('=')
        : `coalesce(${column}, '') = ${sqlString(text)}`;
    case 'notEquals':
      return typeof step.value === 'number'
        ? `NOT coalesce(${numeric('=')}, false)`
        : `coalesce(${column}, '') <> ${sqlString(text)}`;
    case 'greaterThan':
      return numeric('>');
    case 'atLeast':
      return numeric('>=');
    case 'lessThan':
      return numeric('<');
    case 'atMost':
      return numeric('<=');
    case 'startsWith':
      return `starts_with(coalesce(${column}, ''), ${sqlString(text)})`;
    case 'notStartsWith':
      return `NOT starts_with(coalesce(${column}, ''), ${sqlString(text)})`;
    case 'in':
      return `coalesce(${column}, '') IN (${list})`;
    case 'notIn':
      return `coalesce(${column}, '') NOT IN (${list})`;
    case 'isBlank':
      return `coalesce(trim(${column}), '') = ''`;
    case 'isNotBlank':
      return `coalesce(trim(${column}), '') <> ''`;
    default:
      return operator satisfies never;
  }
}

/** Words for a step, as the recipe screen and the CLI list them. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'filter': {
      const value = step.values === undefined ? String(step.value ?? '') : step.values.join(', ');
      const words: Record<FilterOperator, string> = {
        equals: `is ${value}`,
        notEquals: `is not ${value}`,
        greaterThan: `> ${value}`,
        atLeast: `≥ ${value}`,
        lessThan: `< ${value}`,
        atMost: `≤ ${value}`,
        startsWith: `starts with ${value}`,
        notStartsWith: `does not start with ${value}`,
        in: `is one of ${value}`,
        notIn: `is none of ${value}`,
        isBlank: 'is blank',
        isNotBlank: 'is not blank',
      };
      return `Keep rows where ${step.column} ${words[step.operator]}`;
    }
    case 'dropBlank':
      return `Drop rows with a blank ${step.columns.join(' or ')}`;
    case 'dedupe':
      return 'Drop duplicate rows';
    case 'onePerKey':
      return `Keep the first row of each ${step.key}`;
    default:
      return step satisfies never;
  }
}

/** The table expressions the SQL reads: the source and, in `recipe.joins` order, the joined files. */
export interface RecipeSources {
  readonly source: string;
  readonly joins: readonly string[];
}

/** One stage of an output's query: a CTE name and what it did, for row counts per stage. */
export interface SqlStage {
  readonly name: string;
  readonly label: string;
}

/** The query of one output: its CTEs (in order), its stages, and the final SELECT. */
export interface OutputQuery {
  readonly stages: readonly SqlStage[];
  /** `WITH ... ` text (every stage). */
  readonly with: string;
  /** The output's rows in source order, output columns only. */
  readonly sql: string;
}

/**
 * Builds the DuckDB query of `recipe.outputs[outputIndex]`.
 *
 * Stages: `source` (rows read, joined columns added, `__row` numbering file order), `filtered`
 * (every `filter` step, whatever its place in the list: they test source columns), `mapped`
 * (output columns converted; a thresholds column yields one row per rule passed), then one stage
 * per other step in order. The final SELECT orders by source row (then threshold), so the same
 * recipe on the same file writes the same bytes.
 */
export function buildOutputQuery(
  recipe: Recipe,
  outputIndex: number,
  sources: RecipeSources,
): OutputQuery {
  const output: RecipeOutput | undefined = recipe.outputs[outputIndex];
  if (output === undefined) throw new Error(`The recipe has no output ${outputIndex}.`);
  const ctes: string[] = [];
  const stages: SqlStage[] = [];
  const add = (name: string, label: string, body: string): void => {
    ctes.push(`${name} AS (\n  ${body}\n)`);
    stages.push({ name, label });
  };
  const joined = recipe.joins.map((join, index) => {
    const alias = `j${index}`;
    const picks = join.columns.map(
      (column) => `first(${sqlIdentifier(column.from)}) AS ${sqlIdentifier(column.as)}`,
    );
    const expression = sources.joins[index];
    if (expression === undefined) throw new Error(`No source for join ${index}.`);
    return {
      select: join.columns.map((column) => `${alias}.${sqlIdentifier(column.as)}`),
      from: `LEFT JOIN (SELECT ${sqlIdentifier(join.otherKey)} AS __key, ${picks.join(', ')} FROM ${expression} GROUP BY 1) AS ${alias} ON s.${sqlIdentifier(join.key)} = ${alias}.__key`,
    };
  });
  add(
    'source',
    'Rows read',
    `SELECT row_number() OVER () AS ${ROW_COLUMN}, s.*${joined.map((join) => `, ${join.select.join(', ')}`).join('')}\n  FROM ${sources.source} AS s${joined.map((join) => `\n  ${join.from}`).join('')}`,
  );
  const filters = output.steps.filter((step) => step.kind === 'filter');
  add(
    'filtered',
    filters.length === 0 ? 'No row filter' : filters.map(describeStep).join('; '),
    `SELECT * FROM source${filters.length === 0 ? '' : `\n  WHERE ${filters.map((step) => `(${filterSql(step)})`).join('\n    AND ')}`}`,
  );
  const thresholds = output.columns.find((column) => column.transform.kind === 'thresholds');
  const thresholdJoin =
    thresholds === undefined || thresholds.transform.kind !== 'thresholds'
      ? ''
      : `\n  JOIN (VALUES ${thresholds.transform.rules.map((rule, index) => `(${index}, ${sqlNumber(rule.above)}, ${sqlString(rule.value)})`).join(', ')}) AS ${THRESHOLDS}("rule", "above", "value")\n    ON ${asNumber(sqlIdentifier(thresholds.from ?? ''))} > ${THRESHOLDS}."above"`;
  const ruleColumn = thresholds === undefined ? '0' : `${THRESHOLDS}."rule"`;
  add(
    'mapped',
    thresholds === undefined
      ? 'Columns mapped and converted'
      : `Columns mapped; ${thresholds.from ?? ''} → ${thresholds.name} by thresholds (one row per rule passed)`,
    `SELECT ${ROW_COLUMN}, ${ruleColumn} AS __rule,\n    ${output.columns.map(columnSql).join(',\n    ')}\n  FROM filtered${thresholdJoin}`,
  );
  const names = output.columns.map((column) => sqlIdentifier(column.name));
  let previous = 'mapped';
  output.steps.forEach((step, index) => {
    if (step.kind === 'filter') return;
    const name = `step${index + 1}`;
    let body: string;
    switch (step.kind) {
      case 'dropBlank':
        body = `SELECT * FROM ${previous}\n  WHERE ${step.columns.map((column) => `coalesce(CAST(${sqlIdentifier(column)} AS VARCHAR), '') <> ''`).join(' AND ')}`;
        break;
      case 'dedupe':
        body = `SELECT min(${ROW_COLUMN}) AS ${ROW_COLUMN}, min(__rule) AS __rule, ${names.join(', ')}\n  FROM ${previous}\n  GROUP BY ${names.join(', ')}`;
        break;
      case 'onePerKey':
        body = `SELECT * FROM ${previous}\n  QUALIFY row_number() OVER (PARTITION BY ${sqlIdentifier(step.key)} ORDER BY ${ROW_COLUMN}, __rule) = 1`;
        break;
      default:
        return step satisfies never;
    }
    add(name, describeStep(step), body);
    previous = name;
  });
  return {
    stages,
    with: `WITH ${ctes.join(',\n')}`,
    sql: `WITH ${ctes.join(',\n')}\nSELECT ${names.join(', ')}\nFROM ${previous}\nORDER BY ${ROW_COLUMN}, __rule`,
  };
}

/** SQL counting the rows of every stage of an output's query: one row, columns `stage0..n`. */
export function stageCountsSql(query: OutputQuery): string {
  // Each stage computed once (the file read once), not once per count.
  return `${query.with.replace(/^(WITH |,\n)(\w+) AS \(/gmu, '$1$2 AS MATERIALIZED (')}\nSELECT ${query.stages.map((stage, index) => `(SELECT count(*) FROM ${stage.name}) AS stage${index}`).join(', ')}`;
}
