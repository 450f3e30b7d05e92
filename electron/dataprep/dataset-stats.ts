import type { DuckDBConnection } from '@duckdb/node-api';
import {
  findColumn,
  invoiceColumn,
  type ColumnStats,
  type EventTypeStats,
  type IdStats,
  type MalformedRow,
  type ReferenceStats,
  type ReversalStats,
  type RowExample,
  type RuleDatasetType,
  type TimestampStats,
  quantityColumn,
  isNumericColumnType,
} from '../../shared/rules/dataset-rules.js';
import {
  MAX_CATEGORICAL_LENGTH,
  MAX_ID_LENGTH,
  MILLISECONDS_THRESHOLD,
} from '../../shared/rules/limits.js';
import {
  productCodeColumns,
  SERVICE_WORDS_PATTERN,
  type ProductCodeStats,
} from '../../shared/rules/non-product-codes.js';
import { csvSource, type OpenedCsv } from './csv-open.js';
import { quoteIdentifier, toNumber, toText } from './duckdb.js';
import {
  cancelledCondition,
  profileTimeColumn,
  quantityNumber,
  scanFile,
  type ColumnScan,
  type FileScan,
} from './file-scan.js';

/** Columns aggregated per query: bounds DuckDB's memory on wide files (state per column and thread). */
export const COLUMNS_PER_SCAN = 200;
/** Rows and sample values kept per counted problem. */
const EXAMPLE_ROWS = 5;
/** Malformed rows listed (all are counted). */
const MALFORMED_LISTED = 5;
/** Rows read for sample values. */
const SAMPLE_ROWS = 1000;
/** Above this many columns duplicate rows are not looked for (a GROUP BY over every column). */
export const DUPLICATE_MAX_COLUMNS = 100;

/** What one pass of aggregate queries learns about a file. */
export interface GatheredStats {
  readonly rowCount: number;
  readonly malformedCount: number;
  readonly malformed: readonly MalformedRow[];
  readonly castErrors: number;
  readonly columns: readonly ColumnStats[];
  readonly ids: Record<string, IdStats>;
  readonly timestamps: Record<string, TimestampStats>;
  /** Exact distinct counts of the key columns, keyed by file column name. */
  readonly distinct: Record<string, number>;
  readonly distinctUsers?: number;
  readonly activeUsers?: number;
  readonly eventTypes?: EventTypeStats;
  readonly duplicateRows?: { readonly count: number; readonly example?: RowExample };
  readonly reversals?: ReversalStats;
  /** Candidate non-product codes (shared/rules/non-product-codes.ts), with a code and a description column. */
  readonly productCodes?: ProductCodeStats;
  /** The read of the file these figures come from (the profile is built from it too). */
  readonly scan: FileScan;
}

const ID_COLUMNS: Readonly<Record<RuleDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};
const TIMESTAMP_COLUMNS: Readonly<Record<RuleDatasetType, readonly string[]>> = {
  interactions: ['TIMESTAMP'],
  items: ['CREATION_TIMESTAMP'],
  users: [],
};

function isText(type: string): boolean {
  return type.toUpperCase() === 'VARCHAR';
}

let rejectsCounter = 0;

/**
 * Collects "first rows where this holds" look-ups and answers them all in one numbered scan
 * (`min(rn, 5) FILTER ...`, `min_by(value, rn, 5) FILTER ...`), run only when a problem occurs.
 */
class ExampleBatch {
  private readonly requests: {
    condition: string;
    value: string;
    set: (found: RowExample) => void;
  }[] = [];

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly file: OpenedCsv,
  ) {}

  /** Registers a look-up; `set` receives the rows and values after {@link flush}. */
  ask(condition: string, value: string, set: (found: RowExample) => void): void {
    this.requests.push({ condition, value, set });
  }

  async flush(): Promise<void> {
    for (let start = 0; start < this.requests.length; start += COLUMNS_PER_SCAN) {
      const batch = this.requests.slice(start, start + COLUMNS_PER_SCAN);
      const selects = batch.flatMap((request, index) => [
        `min(rn, ${EXAMPLE_ROWS}) FILTER (WHERE ${request.condition}) AS r${index}`,
        `min_by(coalesce(${request.value}, ''), rn, ${EXAMPLE_ROWS}) FILTER (WHERE ${request.condition}) AS v${index}`,
      ]);
      const reader = await this.connection.runAndReadAll(
        `SELECT ${selects.join(', ')} FROM (SELECT row_number() OVER () AS rn, * FROM ${csvSource(this.file, 'ignore')})`,
        {
          path: this.file.readPath,
        },
      );
      const row = reader.getRowObjectsJS()[0] ?? {};
      const list = (found: unknown): unknown[] =>
        Array.isArray(found) ? (found as unknown[]) : [];
      batch.forEach((request, index) => {
        const rows = list(row[`r${index}`]).map(toNumber);
        const values = list(row[`v${index}`]).map(toText);
        request.set({ rows, samples: values });
      });
    }
    this.requests.length = 0;
  }
}

/**
 * Gathers the statistics the data rules need, and those the profile charts, in one read of the
 * file (scanFile: one GROUPING SETS query, never the rows in memory; a wide file in batches of
 * columns): per-column nulls, lengths, `|` and over-long values, exact distinct counts, id and
 * timestamp figures, distinct users / items / event types, users with 2 or more interactions,
 * and malformed rows with their line numbers. Exact duplicate rows: none when a column's values
 * all differ (then no two rows are equal), otherwise counted by a second read grouping a 64-bit
 * hash of each row. Sample values read the first rows; example rows are looked up only for
 * problems that occur. `now` is epoch seconds.
 *
 * @throws the DuckDB error as is (run inside `queryCsv`).
 */
export async function gatherStats(
  connection: DuckDBConnection,
  file: OpenedCsv,
  datasetType: RuleDatasetType,
  now: number,
): Promise<GatheredStats> {
  const rejects = `poc_rejects_${++rejectsCounter}`;
  const columns = file.columns;
  const idNames = new Map<string, string>();
  for (const canonical of ID_COLUMNS[datasetType]) {
    const found = findColumn(columns, canonical);
    if (found !== undefined) idNames.set(found, canonical);
  }
  const tsNames = new Map<string, string>();
  for (const canonical of TIMESTAMP_COLUMNS[datasetType]) {
    const found = findColumn(columns, canonical);
    if (found !== undefined) tsNames.set(found, canonical);
  }
  const eventColumn =
    datasetType === 'interactions' ? findColumn(columns, 'EVENT_TYPE') : undefined;
  // Order reversals, counted as the recipe's row filters test them (text, trimmed numbers).
  const invoice = invoiceColumn(columns);
  const quantity = quantityColumn(columns);
  const cancelledSql =
    invoice === undefined ? undefined : cancelledCondition(quoteIdentifier(invoice));
  const quantitySql =
    quantity === undefined ? undefined : quantityNumber(quoteIdentifier(quantity));

  const userColumn = datasetType === 'interactions' ? findColumn(columns, 'USER_ID') : undefined;
  const itemColumn = datasetType === 'interactions' ? findColumn(columns, 'ITEM_ID') : undefined;
  const time = profileTimeColumn(columns, datasetType);
  const scan = await scanFile(
    connection,
    file,
    {
      ids: [...idNames.keys()],
      timestamps: [...tsNames.keys()],
      ...(userColumn === undefined ? {} : { user: userColumn }),
      ...(itemColumn === undefined ? {} : { item: itemColumn }),
      ...(eventColumn === undefined ? {} : { event: eventColumn }),
      ...(time === undefined ? {} : { time: time.name }),
      ...(invoice === undefined ? {} : { invoice }),
      ...(quantity === undefined ? {} : { quantity }),
    },
    rejects,
    now,
    undefined,
    // Duplicate rows are counted in that same read (a set of 64-bit row hashes).
    columns.length > 0 && columns.length <= DUPLICATE_MAX_COLUMNS,
  );
  const rowCount = scan.rowCount;

  // A line with several errors counts once, by its malformed-row error when it has one: a line
  // of one field where two are expected ("abc;def") is also a cast error of its first column,
  // and would otherwise be dropped as a cast error without a finding.
  const rejectReader = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE error_type <> 'CAST') AS bad, count(*) FILTER (WHERE error_type = 'CAST') AS casts,
       list({line: line, content: csv_line, problem: error_type || ': ' || error_message} ORDER BY line) FILTER (WHERE error_type <> 'CAST') AS rows
     FROM (SELECT DISTINCT ON (line) line, csv_line, error_type, error_message FROM ${rejects}_errors ORDER BY line, error_type = 'CAST', error_type)`,
  );
  const rejectRow = rejectReader.getRowObjectsJS()[0] ?? {};
  const malformedAll = (Array.isArray(rejectRow.rows) ? rejectRow.rows : []) as {
    line: unknown;
    content: unknown;
    problem: unknown;
  }[];
  const malformed: MalformedRow[] = malformedAll.slice(0, MALFORMED_LISTED).map((entry) => ({
    line: toNumber(entry.line),
    content: toText(entry.content).slice(0, 200),
    problem: toText(entry.problem),
  }));

  const samples = await sampleValues(connection, file);
  const examples = new ExampleBatch(connection, file);
  const columnStats: ColumnStats[] = [];
  const ids: Record<string, IdStats> = {};
  const timestamps: Record<string, TimestampStats> = {};
  const distinct: Record<string, number> = {};
  const scanned = new Map(scan.columns.map((column) => [column.name, column]));
  for (const column of columns) {
    const quoted = quoteIdentifier(column.name);
    const figures = scanned.get(column.name);
    const nullCount = figures?.nullCount ?? 0;
    const overLongCount = figures?.overLongCount ?? 0;
    // Exact distinct counts of text columns (the categorical guess) and of the key columns.
    const counted = isText(column.type) || idNames.has(column.name) || column.name === eventColumn;
    if ((idNames.has(column.name) || column.name === eventColumn) && figures !== undefined)
      distinct[column.name] = figures.distinct;
    const stats: { -readonly [K in keyof ColumnStats]: ColumnStats[K] } = {
      name: column.name,
      type: column.type,
      nullCount,
      maxLength: figures?.maxLength ?? 0,
      pipeCount: figures?.pipeCount ?? 0,
      overLongCount,
      ...(counted && figures !== undefined ? { distinct: figures.distinct } : {}),
      distinctApproximate: false,
      ...(samples[column.name] === undefined ? {} : { samples: samples[column.name] }),
    };
    if (nullCount > 0)
      examples.ask(
        `${quoted} IS NULL`,
        `${quoted}::VARCHAR`,
        (found) => (stats.nullExample = found),
      );
    if (overLongCount > 0)
      examples.ask(
        `length(${quoted}::VARCHAR) > ${MAX_CATEGORICAL_LENGTH}`,
        `${quoted}::VARCHAR`,
        (found) => (stats.overLongExample = found),
      );
    columnStats.push(stats);
    const canonicalId = idNames.get(column.name);
    if (canonicalId !== undefined) {
      const longCount = figures?.idLongCount ?? 0;
      const idStats: { -readonly [K in keyof IdStats]: IdStats[K] } = {
        column: column.name,
        type: column.type,
        longCount,
        maxLength: stats.maxLength,
      };
      if (longCount > 0)
        examples.ask(
          `length(${quoted}::VARCHAR) > ${MAX_ID_LENGTH}`,
          `${quoted}::VARCHAR`,
          (found) => (idStats.longExample = found),
        );
      ids[canonicalId] = idStats;
    }
    const canonicalTs = tsNames.get(column.name);
    if (canonicalTs !== undefined)
      timestamps[canonicalTs] = await timestampStats(
        connection,
        file,
        column,
        figures,
        now,
        samples[column.name],
        examples,
      );
  }
  const reversals: { -readonly [K in keyof ReversalStats]: ReversalStats[K] } = {};
  if (invoice !== undefined && cancelledSql !== undefined) {
    const count = scan.reversals?.cancelledRows ?? 0;
    const cancelled = { column: invoice, count, invoices: scan.reversals?.cancelledInvoices ?? 0 };
    reversals.cancelled = cancelled;
    if (count > 0)
      examples.ask(
        cancelledSql,
        `${quoteIdentifier(invoice)}::VARCHAR`,
        (found) => (reversals.cancelled = { ...cancelled, example: found }),
      );
  }
  if (quantity !== undefined && quantitySql !== undefined) {
    const count = scan.reversals?.nonPositive ?? 0;
    const nonPositive = {
      column: quantity,
      count,
      negative: scan.reversals?.negative ?? 0,
      zero: scan.reversals?.zero ?? 0,
      ...(cancelledSql === undefined
        ? {}
        : { notCancelled: scan.reversals?.nonPositiveNotCancelled ?? 0 }),
    };
    reversals.nonPositive = nonPositive;
    if (count > 0)
      examples.ask(
        `${quantitySql} <= 0`,
        `${quoteIdentifier(quantity)}::VARCHAR`,
        (found) => (reversals.nonPositive = { ...nonPositive, example: found }),
      );
  }
  await examples.flush();
  const productCodes = await productCodeStats(connection, file);

  const result: { -readonly [K in keyof GatheredStats]: GatheredStats[K] } = {
    rowCount,
    malformedCount: toNumber(rejectRow.bad),
    malformed,
    castErrors: toNumber(rejectRow.casts),
    columns: columnStats,
    ids,
    timestamps,
    distinct,
    ...(invoice === undefined && quantity === undefined ? {} : { reversals }),
    ...(productCodes === undefined ? {} : { productCodes }),
    scan,
  };
  const withDuplicates =
    columns.length > 0 && columns.length <= DUPLICATE_MAX_COLUMNS && rowCount > 1;
  if (userColumn !== undefined) {
    result.distinctUsers = distinct[userColumn] ?? 0;
    result.activeUsers = scan.activeUsers ?? 0;
  }
  if (eventColumn !== undefined) {
    result.eventTypes = {
      column: eventColumn,
      distinct: distinct[eventColumn] ?? 0,
      values: [...(scan.eventValues ?? [])],
    };
  }
  if (withDuplicates) {
    // Counted in the scan; otherwise a column whose every value differs (exactly counted, at most
    // one empty cell) proves every row differs.
    const unique = scan.columns.some(
      (column) =>
        !column.distinctApproximate &&
        column.nullCount <= 1 &&
        column.distinct === rowCount - column.nullCount,
    );
    const duplicates =
      scan.duplicateRows ?? (unique ? 0 : await duplicateRowCount(connection, file));
    result.duplicateRows =
      duplicates === 0
        ? { count: 0 }
        : { count: duplicates, example: await duplicateExample(connection, file) };
  }
  return result;
}

async function timestampStats(
  connection: DuckDBConnection,
  file: OpenedCsv,
  column: { readonly name: string; readonly type: string },
  figures: ColumnScan | undefined,
  now: number,
  samples: readonly string[] | undefined,
  examples: ExampleBatch,
): Promise<TimestampStats> {
  const quoted = quoteIdentifier(column.name);
  const text = `${quoted}::VARCHAR`;
  if (!isNumericColumnType(column.type)) {
    let firstEpoch: number | undefined;
    if (/^(TIMESTAMP|DATE)/iu.test(column.type)) {
      const reader = await connection.runAndReadAll(
        `SELECT epoch(${quoted}) AS e FROM (SELECT row_number() OVER () AS rn, ${quoted} FROM ${csvSource(file, 'ignore')}) WHERE ${quoted} IS NOT NULL ORDER BY rn LIMIT 1`,
        { path: file.readPath },
      );
      const found = reader.getRowObjectsJS()[0]?.e;
      if (found !== undefined && found !== null) firstEpoch = toNumber(found);
    }
    return {
      column: column.name,
      type: column.type,
      numeric: false,
      millisecondsCount: 0,
      fractionalCount: 0,
      futureCount: 0,
      samples: (samples ?? []).slice(0, 3),
      ...(firstEpoch === undefined ? {} : { firstEpoch }),
    };
  }
  const millisecondsCount = figures?.millisecondsCount ?? 0;
  const fractionalCount = figures?.fractionalCount ?? 0;
  const futureCount = figures?.futureCount ?? 0;
  const min = figures?.min;
  const max = figures?.max;
  const stats: { -readonly [K in keyof TimestampStats]: TimestampStats[K] } = {
    column: column.name,
    type: column.type,
    numeric: true,
    ...(min === undefined ? {} : { min: Number(min) }),
    ...(max === undefined ? {} : { max: Number(max) }),
    millisecondsCount,
    fractionalCount,
    futureCount,
  };
  if (millisecondsCount > 0)
    examples.ask(
      `${quoted} > ${MILLISECONDS_THRESHOLD}`,
      text,
      (found) => (stats.millisecondsExample = found),
    );
  if (fractionalCount > 0)
    examples.ask(
      `${quoted} <> floor(${quoted})`,
      text,
      (found) => (stats.fractionalExample = found),
    );
  if (futureCount > 0)
    examples.ask(
      `${quoted} > ${now} AND ${quoted} <= ${MILLISECONDS_THRESHOLD}`,
      text,
      (found) => (stats.futureExample = found),
    );
  return stats;
}

/** Candidate codes listed at most (most rows first). */
const PRODUCT_CODE_CANDIDATES = 2000;

/**
 * The codes that may be service lines rather than products (shared/rules/non-product-codes.ts),
 * read in one pass: per code as written, its most frequent description and its rows, for the
 * codes without a digit or whose description holds a service word; undefined unless the file
 * has an item code and a description column.
 */
async function productCodeStats(
  connection: DuckDBConnection,
  file: OpenedCsv,
): Promise<ProductCodeStats | undefined> {
  const found = productCodeColumns(file.columns);
  if (found === undefined) return undefined;
  const code = `${quoteIdentifier(found.code)}::VARCHAR`;
  const description = `${quoteIdentifier(found.description)}::VARCHAR`;
  const reader = await connection.runAndReadAll(
    `SELECT code, description, n FROM (
       SELECT ${code} AS code, mode(${description}) AS description, count(*) AS n
       FROM ${csvSource(file, 'ignore')} WHERE ${code} IS NOT NULL GROUP BY 1)
     WHERE NOT regexp_matches(code, '[0-9]')
       OR regexp_matches(lower(coalesce(description, '')), '${SERVICE_WORDS_PATTERN}')
     ORDER BY n DESC, code LIMIT ${PRODUCT_CODE_CANDIDATES}`,
    { path: file.readPath },
  );
  return {
    column: found.code,
    descriptionColumn: found.description,
    candidates: reader.getRowObjectsJS().map((row) => ({
      code: toText(row.code),
      ...(row.description === null ? {} : { description: toText(row.description) }),
      count: toNumber(row.n),
    })),
  };
}

/** First distinct non-empty values (up to 3) of each column in the first {@link SAMPLE_ROWS} rows, as written. */
export async function sampleValues(
  connection: DuckDBConnection,
  file: OpenedCsv,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  // Numbers need no samples: the rules quote values only of text, date and time columns.
  const wanted = file.columns.filter(
    (column) => !isNumericColumnType(column.type) && column.type.toUpperCase() !== 'BOOLEAN',
  );
  for (let start = 0; start < wanted.length; start += COLUMNS_PER_SCAN) {
    const batch = wanted.slice(start, start + COLUMNS_PER_SCAN);
    const names = batch.map((column) => quoteIdentifier(column.name)).join(', ');
    const selects = batch.map((column, offset) => {
      const quoted = quoteIdentifier(column.name);
      return `list(${quoted}::VARCHAR ORDER BY rn) FILTER (WHERE ${quoted} IS NOT NULL)[1:20] AS s${offset}`;
    });
    const reader = await connection.runAndReadAll(
      `SELECT ${selects.join(', ')} FROM (SELECT row_number() OVER () AS rn, * FROM (SELECT ${names} FROM ${csvSource(file, 'ignore')} LIMIT ${SAMPLE_ROWS}))`,
      { path: file.readPath },
    );
    const row = reader.getRowObjectsJS()[0] ?? {};
    batch.forEach((column, offset) => {
      const found = row[`s${offset}`];
      out[column.name] = [
        ...new Set(
          (Array.isArray(found) ? found : []).filter((entry) => entry !== null).map(toText),
        ),
      ].slice(0, 3);
    });
  }
  return out;
}

/** Exact counts from one GROUP BY GROUPING SETS scan. */
/**
 * Rows equal in every column to an earlier row, in one scan grouping a 64-bit hash of the whole
 * row (a false duplicate needs a hash collision, odds below 1 in 10^7 at 20 million rows).
 */
async function duplicateRowCount(connection: DuckDBConnection, file: OpenedCsv): Promise<number> {
  const row = file.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const sql = `SELECT coalesce(sum(n - 1) FILTER (WHERE n > 1), 0) AS dup
    FROM (SELECT count(*) AS n FROM ${csvSource(file, 'ignore')} GROUP BY hash(${row}))`;
  const reader = await connection.runAndReadAll(sql, { path: file.readPath });
  return toNumber(reader.getRowObjectsJS()[0]?.dup);
}

/** The first rows that repeat an earlier row (same 64-bit row hash), in file order. */
async function duplicateExample(
  connection: DuckDBConnection,
  file: OpenedCsv,
): Promise<RowExample> {
  const keys = file.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const reader = await connection.runAndReadAll(
    `SELECT min(rn, ${EXAMPLE_ROWS}) FILTER (WHERE k > 1) AS rows
     FROM (SELECT rn, row_number() OVER (PARTITION BY h ORDER BY rn) AS k FROM (SELECT row_number() OVER () AS rn, hash(${keys}) AS h FROM ${csvSource(file, 'ignore')}))`,
    { path: file.readPath },
  );
  const found = reader.getRowObjectsJS()[0]?.rows;
  return { rows: (Array.isArray(found) ? (found as unknown[]) : []).map(toNumber), samples: [] };
}

/**
 * How the interactions' ids in `column` match the ids of a reference file (items or users):
 * exact match rate over distinct ids, interaction rows left unmatched, a few missing ids, and
 * near misses (equal once trimmed, case-folded, a trailing `.0` and leading zeros dropped).
 *
 * @throws the DuckDB error as is (run inside `queryCsv`).
 */
export async function referenceStats(
  connection: DuckDBConnection,
  interactions: OpenedCsv,
  column: string,
  reference: OpenedCsv,
  kind: 'items' | 'users',
  fileName: string,
): Promise<ReferenceStats> {
  const refColumn = findColumn(reference.columns, kind === 'items' ? 'ITEM_ID' : 'USER_ID');
  const empty = {
    kind,
    column,
    fileName,
    distinctIds: 0,
    matchedIds: 0,
    missingRows: 0,
    missingSamples: [],
    nearMissIds: 0,
    nearMisses: [],
  };
  if (refColumn === undefined) return { ...empty, hasIdColumn: false };
  const normal = (expression: string): string =>
    `regexp_replace(regexp_replace(lower(trim(${expression})), '\\.0+$', ''), '^0+(.)', '\\1')`;
  const source = csvSource(interactions, 'ignore').replace('$path', '$ipath');
  const refSource = csvSource(reference, 'text').replace('$path', '$rpath');
  const sql = `
    WITH i AS (SELECT ${quoteIdentifier(column)}::VARCHAR AS id, count(*) AS n FROM ${source} WHERE ${quoteIdentifier(column)} IS NOT NULL GROUP BY 1),
         r AS (SELECT DISTINCT ${quoteIdentifier(refColumn)} AS id FROM ${refSource} WHERE ${quoteIdentifier(refColumn)} IS NOT NULL),
         rn AS (SELECT ${normal('id')} AS k, min(id) AS id FROM r GROUP BY 1),
         m AS (SELECT i.id, i.n, r.id IS NOT NULL AS hit FROM i LEFT JOIN r ON i.id = r.id),
         miss AS (SELECT m.id, m.n, rn.id AS near FROM m LEFT JOIN rn ON ${normal('m.id')} = rn.k WHERE NOT m.hit)
    SELECT (SELECT count(*) FROM m) AS total, (SELECT count_if(hit) FROM m) AS matched,
           (SELECT coalesce(sum(n), 0) FROM miss) AS missing_rows,
           (SELECT list(id ORDER BY n DESC, id)[1:5] FROM miss) AS samples,
           (SELECT count(near) FROM miss) AS near_count,
           (SELECT list({value: id, match: near} ORDER BY n DESC, id)[1:5] FROM miss WHERE near IS NOT NULL) AS near`;
  const reader = await connection.runAndReadAll(sql, {
    ipath: interactions.readPath,
    rpath: reference.readPath,
  });
  const row = reader.getRowObjectsJS()[0] ?? {};
  const list = (found: unknown): unknown[] => (Array.isArray(found) ? (found as unknown[]) : []);
  return {
    kind,
    column,
    fileName,
    hasIdColumn: true,
    distinctIds: toNumber(row.total),
    matchedIds: toNumber(row.matched),
    missingRows: toNumber(row.missing_rows),
    missingSamples: list(row.samples).map(toText),
    nearMissIds: toNumber(row.near_count),
    nearMisses: list(row.near).map((entry) => {
      const pair = entry as { value?: unknown; match?: unknown };
      return { value: toText(pair.value), match: toText(pair.match) };
    }),
  };
}

/** DuckDB type a value must cast to for each numeric / boolean Avro type. */
const CAST_TYPES: Readonly<Record<string, string>> = {
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'DOUBLE',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
};

/**
 * For columns read as text but declared numeric or boolean in the schema: how many non-empty
 * values do not cast to the declared type (exact), with the first rows and values, in one scan.
 *
 * @throws the DuckDB error as is (run inside `queryCsv`).
 */
export async function typeMismatchStats(
  connection: DuckDBConnection,
  file: OpenedCsv,
  declared: readonly { readonly column: string; readonly avroType: string }[],
): Promise<Record<string, { count: number; example?: RowExample }>> {
  const checks = declared.filter((entry) => CAST_TYPES[entry.avroType] !== undefined);
  if (checks.length === 0) return {};
  const conditions = checks.map((entry) => {
    const quoted = quoteIdentifier(entry.column);
    const target = CAST_TYPES[entry.avroType] ?? 'VARCHAR';
    return entry.avroType === 'boolean'
      ? `${quoted} IS NOT NULL AND ${quoted}::VARCHAR NOT IN ('true', 'false')`
      : `${quoted} IS NOT NULL AND TRY_CAST(${quoted} AS ${target}) IS NULL`;
  });
  const selects = conditions.map((condition, index) => `count_if(${condition}) AS c${index}`);
  const reader = await connection.runAndReadAll(
    `SELECT ${selects.join(', ')} FROM ${csvSource(file, 'text')}`,
    { path: file.readPath },
  );
  const row = reader.getRowObjectsJS()[0] ?? {};
  const out: Record<string, { count: number; example?: RowExample }> = {};
  const examples = new ExampleBatch(connection, { ...file, columns: file.columns });
  checks.forEach((entry, index) => {
    const count = toNumber(row[`c${index}`]);
    const result: { count: number; example?: RowExample } = { count };
    out[entry.column] = result;
    if (count > 0)
      examples.ask(
        conditions[index] ?? 'false',
        `${quoteIdentifier(entry.column)}::VARCHAR`,
        (found) => (result.example = found),
      );
  });
  await examples.flush();
  return out;
}
