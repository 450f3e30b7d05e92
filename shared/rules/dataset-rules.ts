/**
 * Amazon Personalize's data rules as pure functions: from the statistics of one dataset file
 * (gathered by aggregate queries, never by reading rows into memory) to {@link Finding}s.
 *
 * The one rule module the studio's validation uses; no Node, DOM or database access here.
 */
import { proposeHeader, suggestMapping, type MappingProposal } from './column-mapping.js';
import { valueRuleSeverity } from './dataset-rules-cells.js';
import type { MappingFix } from '../prepare/mapping-fix.js';
import type { Step } from '../prepare/recipe.js';
import { clipSample, type Finding, type FindingCode, type FindingSeverity } from './findings.js';
import {
  MAX_CATEGORICAL_LENGTH,
  MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS,
  MAX_ID_LENGTH,
  MAX_INTERACTIONS_METADATA_FIELDS,
  MAX_ITEMS_METADATA_FIELDS,
  MAX_USERS_METADATA_FIELDS,
  MILLISECONDS_THRESHOLD,
  MIN_IMPORT_INTERACTIONS,
  MIN_INTERACTIONS_PER_ACTIVE_USER,
  MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS,
  MIN_USERS_WITH_TWO_INTERACTIONS,
} from './limits.js';
import { columnMappingFix, eventTypeMappingFix, mappingTransformFor } from './mapping-fixes.js';
import { nonProductRules, type ProductCodeStats } from './non-product-codes.js';
import { unusedStringAdvice } from './unused-string-field.js';

/** Dataset types validated (SPEC §4.3). */
export type RuleDatasetType = 'interactions' | 'items' | 'users';

/** Required columns per dataset type (SPEC §4.3). */
export const REQUIRED_FIELDS: Readonly<Record<RuleDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};

/** Reserved fields per dataset type and the Avro type each must have (SPEC §4.3). */
export const RESERVED_FIELDS: Readonly<
  Record<RuleDatasetType, Readonly<Record<string, 'string' | 'long' | 'float'>>>
> = {
  interactions: {
    USER_ID: 'string',
    ITEM_ID: 'string',
    TIMESTAMP: 'long',
    EVENT_TYPE: 'string',
    EVENT_VALUE: 'float',
    IMPRESSION: 'string',
    RECOMMENDATION_ID: 'string',
    EVENT_ATTRIBUTION_SOURCE: 'string',
  },
  items: { ITEM_ID: 'string', CREATION_TIMESTAMP: 'long' },
  users: { USER_ID: 'string' },
};

/** Optional reserved columns of Interactions that count towards the 10 event types (SPEC §4.3). */
const OPTIONAL_INTERACTION_COLUMNS = [
  'EVENT_TYPE',
  'EVENT_VALUE',
  'IMPRESSION',
  'RECOMMENDATION_ID',
  'EVENT_ATTRIBUTION_SOURCE',
];

/** Avro field name syntax (SPEC §4.2). */
const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/u;

/** The id fields whose blank rows the Data step's blank-id step drops (`dropBlank`). */
const ID_FIELDS: ReadonlySet<string> = new Set(['USER_ID', 'ITEM_ID']);

/** First rows (1-based data rows) and their values for a counted problem. */
export interface RowExample {
  readonly rows: readonly number[];
  readonly samples: readonly string[];
}

/** Per-column statistics from one aggregate scan. */
export interface ColumnStats {
  /** Header name as written (a BOM stripped). */
  readonly name: string;
  /** DuckDB's sniffed type (`BIGINT`, `DOUBLE`, `VARCHAR`, `TIMESTAMP`...). */
  readonly type: string;
  /** Empty cells (exact). */
  readonly nullCount: number;
  /** Longest value in characters. */
  readonly maxLength: number;
  /** Values holding a `|` (text columns). */
  readonly pipeCount: number;
  /** Values longer than {@link MAX_CATEGORICAL_LENGTH} characters (text columns). */
  readonly overLongCount: number;
  /** Distinct non-null values, exact unless `distinctApproximate`; absent when not counted (numbers). */
  readonly distinct?: number;
  readonly distinctApproximate: boolean;
  readonly nullExample?: RowExample;
  readonly overLongExample?: RowExample;
  /** A few non-null values (text columns), to show what the column holds. */
  readonly samples?: readonly string[];
}

/** Statistics of a timestamp column (TIMESTAMP, CREATION_TIMESTAMP). */
export interface TimestampStats {
  readonly column: string;
  readonly type: string;
  /** True when DuckDB read the column as numbers. */
  readonly numeric: boolean;
  /** Smallest and largest value (numeric columns), epoch units as written. */
  readonly min?: number;
  readonly max?: number;
  readonly millisecondsCount: number;
  readonly fractionalCount: number;
  /** Values after the validation time (`now`) that are not milliseconds (at most 10^11). */
  readonly futureCount: number;
  readonly millisecondsExample?: RowExample;
  readonly fractionalExample?: RowExample;
  readonly futureExample?: RowExample;
  /** First non-empty values as text (non-numeric columns). */
  readonly samples?: readonly string[];
  /** The first value as epoch seconds read as UTC (DATE / TIMESTAMP columns). */
  readonly firstEpoch?: number;
}

/** Exact per-value counts of the EVENT_TYPE column (up to a cap of distinct values). */
export interface EventTypeStats {
  readonly column: string;
  /** Distinct raw values (exact). */
  readonly distinct: number;
  /** The most frequent raw values with their row counts, most frequent first. */
  readonly values: readonly { readonly value: string; readonly count: number }[];
}

/** Statistics of an id column (USER_ID, ITEM_ID). */
export interface IdStats {
  readonly column: string;
  readonly type: string;
  readonly longCount: number;
  readonly longExample?: RowExample;
  /** Longest id in characters. */
  readonly maxLength: number;
}

/** How the interactions' ids match the items or users file. */
export interface ReferenceStats {
  readonly kind: 'items' | 'users';
  /** The id column of the interactions file (ITEM_ID / USER_ID). */
  readonly column: string;
  readonly fileName: string;
  /** False when the reference file has no id column; the other counts are then 0. */
  readonly hasIdColumn: boolean;
  /** Distinct non-empty ids in interactions and how many of them the reference file has. */
  readonly distinctIds: number;
  readonly matchedIds: number;
  /** Interaction rows whose id is not in the reference file. */
  readonly missingRows: number;
  /** A few missing ids. */
  readonly missingSamples: readonly string[];
  /** Missing ids that match a reference id once trimmed, case-folded and `.0` / leading zeros dropped. */
  readonly nearMissIds: number;
  readonly nearMisses: readonly { readonly value: string; readonly match: string }[];
}

/**
 * The prefix of a cancelled invoice's number in an order-line export: UCI Online Retail's
 * description says "If this code starts with letter 'c', it indicates a cancellation", and its
 * rows write it `C536379`.
 */
export const CANCELLED_INVOICE_PREFIX = 'C';

/** Header names of an invoice / order number column, folded (lower case, alphanumerics only). */
const INVOICE_NAMES = /^(invoice|order)(no|num|number|id)?$/u;
/** Header names of a quantity column, folded. */
const QUANTITY_NAMES = /^(quantity|qty)$/u;

function foldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/gu, '');
}

/** The file's invoice / order number column (`InvoiceNo`, `Invoice`, `order_id`...), if any. */
export function invoiceColumn(columns: readonly { readonly name: string }[]): string | undefined {
  return columns.find((column) => INVOICE_NAMES.test(foldName(column.name)))?.name;
}

/** The file's quantity column (`Quantity`, `qty`...), if any. */
export function quantityColumn(columns: readonly { readonly name: string }[]): string | undefined {
  return columns.find((column) => QUANTITY_NAMES.test(foldName(column.name)))?.name;
}

/**
 * Order reversals in an order-line export (counted in the statistics' aggregate scan):
 * cancelled invoices (numbers starting with {@link CANCELLED_INVOICE_PREFIX}) and lines with a
 * quantity of 0 or less. Counts are exact row counts.
 */
export interface ReversalStats {
  readonly cancelled?: {
    readonly column: string;
    /** Rows whose invoice number starts with the prefix. */
    readonly count: number;
    /** Distinct cancelled invoice numbers. */
    readonly invoices: number;
    readonly example?: RowExample;
  };
  readonly nonPositive?: {
    readonly column: string;
    /** Rows with a numeric quantity of 0 or less. */
    readonly count: number;
    readonly negative: number;
    readonly zero: number;
    /** Of `count`, rows not on a cancelled invoice (present when the file has an invoice column). */
    readonly notCancelled?: number;
    readonly example?: RowExample;
  };
}

/** Text encoding as detected from the bytes. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16' | 'latin-1' | 'windows-1252';

/** A row the parser could not split into the header's columns. */
export interface MalformedRow {
  /** 1-based line of the file. */
  readonly line: number;
  /** The line as read (clipped). */
  readonly content: string;
  /** The parser's words (`Expected Number of Columns: 3 Found: 4`). */
  readonly problem: string;
}

/** A schema field as the rules need it (Avro, SPEC §4.2). */
export interface RuleSchemaField {
  readonly name: string;
  readonly type: string | readonly string[];
  readonly categorical?: boolean;
  readonly textual?: boolean;
}

/** Everything the rules look at for one file. Counts are exact unless a field says otherwise. */
export interface DatasetStats {
  readonly datasetType: RuleDatasetType;
  readonly fileName: string;
  readonly rowCount: number;
  /** True when the file holds nothing besides a BOM and whitespace. */
  readonly empty?: boolean;
  readonly delimiter: string;
  readonly hasHeader: boolean;
  /** True when the header line's names are wrapped in double quotes. */
  readonly quotedHeader: boolean;
  readonly encoding: DetectedEncoding;
  /** UTF-16's byte order, from the BOM or the zero bytes (`encoding` `utf-16`; default `le`). */
  readonly byteOrder?: 'le' | 'be';
  /** First line and its text that is not UTF-8 (Latin-1 files). */
  readonly encodingExample?: { readonly line: number; readonly text: string };
  readonly malformedCount: number;
  readonly malformed: readonly MalformedRow[];
  readonly columns: readonly ColumnStats[];
  /** Keyed by canonical name (USER_ID, ITEM_ID). */
  readonly ids: Readonly<Record<string, IdStats>>;
  /** Keyed by canonical name (TIMESTAMP, CREATION_TIMESTAMP). */
  readonly timestamps: Readonly<Record<string, TimestampStats>>;
  readonly distinctUsers?: number;
  readonly activeUsers?: number;
  readonly eventTypes?: EventTypeStats;
  readonly duplicateRows?: { readonly count: number; readonly example?: RowExample };
  /** Cancelled invoices and non-positive quantities, when the file has such columns. */
  readonly reversals?: ReversalStats;
  /** Codes that may be service lines (postage, fees), when the file has a code and a description. */
  readonly productCodes?: ProductCodeStats;
  readonly references?: readonly ReferenceStats[];
  /** The schema the file is checked against, and whether the user gave it or it was inferred. */
  readonly schema?: {
    readonly fields: readonly RuleSchemaField[];
    readonly source: 'declared' | 'inferred';
  };
  /** For columns whose type does not fit the declared schema: values that do not cast, with examples. */
  readonly typeMismatches?: Readonly<
    Record<string, { readonly count: number; readonly example?: RowExample }>
  >;
  /** Validation time, epoch seconds (for future timestamps). */
  readonly now: number;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${clipSample(value)}"`).join(', ');
}

/** ` (data rows 3, 9, ...; values "a", "b")`; empty without an example. */
function where(example: RowExample | undefined, count: number, withSamples: boolean): string {
  if (example === undefined || example.rows.length === 0) return '';
  const more = count > example.rows.length ? ', ...' : '';
  const values =
    withSamples && example.samples.length > 0 ? `; values ${quoteList(example.samples)}` : '';
  return ` (data rows ${example.rows.join(', ')}${more}, counting the line after the header as row 1${values})`;
}

interface FindingInput {
  readonly column?: string;
  readonly count?: number;
  readonly approximate?: boolean;
  readonly example?: RowExample;
  readonly sample?: readonly string[];
  readonly fix?: string;
  readonly fixStep?: Step;
  readonly fixMapping?: MappingFix;
}

function finding(
  severity: FindingSeverity,
  code: FindingCode,
  message: string,
  input: FindingInput = {},
): Finding {
  const rows = input.example?.rows ?? [];
  const sample = input.sample ?? input.example?.samples;
  return {
    severity,
    code,
    message,
    ...(input.column === undefined ? {} : { column: input.column }),
    ...(rows.length === 0 ? {} : { row: rows[0], rows }),
    ...(input.count === undefined ? {} : { count: input.count }),
    ...(input.approximate === true ? { approximate: true } : {}),
    ...(sample === undefined || sample.length === 0 ? {} : { sample: sample.map(clipSample) }),
    ...(input.fix === undefined ? {} : { fix: input.fix }),
    ...(input.fixStep === undefined ? {} : { fixStep: input.fixStep }),
    ...(input.fixMapping === undefined ? {} : { fixMapping: input.fixMapping }),
  };
}

/** Finds the file column for a canonical name: exact first, then ignoring case and surrounding spaces. */
export function findColumn(
  columns: readonly { readonly name: string }[],
  canonical: string,
): string | undefined {
  const exact = columns.find((column) => column.name === canonical);
  if (exact !== undefined) return exact.name;
  const lower = canonical.toLowerCase();
  return columns.find((column) => column.name.trim().toLowerCase() === lower)?.name;
}

/** True for DuckDB integer types. */
export function isIntegerColumnType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/iu.test(
    type,
  );
}

/** True for DuckDB numeric types with a fractional part. */
export function isFractionalColumnType(type: string): boolean {
  return /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/iu.test(type);
}

/** True for DuckDB's integer and fractional number types. */
export function isNumericColumnType(type: string): boolean {
  return isIntegerColumnType(type) || isFractionalColumnType(type);
}

/**
 * Folds an event type for comparison: lower case, surrounding spaces dropped, inner runs of
 * spaces, `-` and `_` removed (`" Add to Cart"`, `add_to_cart` and `AddToCart` fold alike).
 */
export function foldEventType(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

function layoutRules(stats: DatasetStats): Finding[] {
  const out: Finding[] = [];
  const header = stats.hasHeader
    ? `header ${stats.columns.map((column) => column.name).join(stats.delimiter === '\t' ? '<tab>' : stats.delimiter)}`
    : `${plural(stats.columns.length, 'column')}, no header row`;
  if (stats.encoding === 'utf-8-bom') {
    out.push(
      finding(
        'info',
        'encoding.bom',
        `${stats.fileName} starts with a UTF-8 byte-order mark; Personalize strips it, so the first column is read as ${stats.columns[0]?.name ?? 'its name'}.`,
      ),
    );
  } else if (stats.encoding === 'utf-16') {
    const name = stats.byteOrder === 'be' ? 'UTF-16 (big endian)' : 'UTF-16 (little endian)';
    out.push(
      finding(
        'warning',
        'encoding.utf16',
        `${stats.fileName} is ${name} text; it was read as UTF-16 here, but Personalize reads only UTF-8.`,
        {
          fix: `Transcode it from ${name} to UTF-8 (the Data step's "Apply fix" reads it as ${name} and writes UTF-8; or re-export as "CSV UTF-8").`,
          // The recipe reads the source in that encoding and writes UTF-8 (SPEC §5.1).
          fixMapping: {
            kind: 'encoding',
            encoding: stats.byteOrder === 'be' ? 'utf-16be' : 'utf-16le',
          },
        },
      ),
    );
  } else if (stats.encoding === 'latin-1' || stats.encoding === 'windows-1252') {
    const name = stats.encoding === 'latin-1' ? 'Latin-1 (ISO-8859-1)' : 'Windows-1252';
    const example = stats.encodingExample;
    out.push(
      finding(
        'warning',
        'encoding.latin1',
        `${stats.fileName} is not UTF-8: it reads as ${name}${example === undefined ? '' : ` (line ${example.line}: "${clipSample(example.text)}")`}, and was read that way here. Personalize reads only UTF-8, so its accented characters would be garbled or fail the import.`,
        {
          ...(example === undefined ? {} : { sample: [example.text] }),
          fix: `Transcode it from ${name} to UTF-8 (Fix into new files: its "Apply fix" reads the file as ${name} and writes UTF-8; or re-export as "CSV UTF-8").`,
          // The recipe reads the source in that encoding and writes UTF-8 (SPEC §5.1).
          fixMapping: { kind: 'encoding', encoding: stats.encoding },
        },
      ),
    );
  }
  if (stats.delimiter !== ',' && stats.columns.length >= 2) {
    const shown = stats.delimiter === '\t' ? '\\t' : stats.delimiter;
    out.push(
      finding(
        'error',
        'file.separator',
        `${stats.fileName} is separated by ${delimiterName(stats.delimiter)}, not commas (detected "${shown}"; ${header}). Personalize reads only comma-separated CSV and would fail the import with "Input CSV is missing the following columns".`,
        {
          fix: 'Write it comma-separated (the Data step exports importable comma-separated files).',
        },
      ),
    );
  }
  if (!stats.hasHeader && stats.columns.length > 0) {
    const proposed = proposeHeader(stats.datasetType, stats.columns);
    out.push(
      finding(
        'warning',
        'file.noHeader',
        `Line 1 of ${stats.fileName} looks like data: the file has no header row, so its columns have no names (numbered column0, column1... here). Personalize maps columns by header name. Proposed from the values: ${proposed
          .slice(0, 8)
          .map((proposal) => `${proposal.field} (${proposal.reason})`)
          .join('; ')}${proposed.length > 8 ? `; and ${proposed.length - 8} more` : ''}.`,
        {
          sample: proposed.map((proposal) => proposal.field),
          fix: `Add the first line ${proposed.map((proposal) => proposal.field).join(',')} (the Data step's column mapping names the columns on export).`,
        },
      ),
    );
  }
  if (stats.quotedHeader) {
    out.push(
      finding(
        'warning',
        'header.quoted',
        `The header row of ${stats.fileName} is quoted (${quoteList(stats.columns.slice(0, 3).map((column) => column.name))}...); Personalize expects the field names unquoted.`,
        {
          fix: 'Write the header without quotes (exporting the file from the Data step does).',
        },
      ),
    );
  }
  if (stats.malformedCount > 0) {
    const first = stats.malformed[0];
    const lines = stats.malformed.map((row) => row.line);
    out.push({
      severity: 'error',
      code: 'row.malformed',
      message: `${plural(stats.malformedCount, 'row')} of ${stats.fileName} cannot be read as ${plural(stats.columns.length, 'column')}${first === undefined ? '' : `: line ${first.line} "${clipSample(first.content)}" (${first.problem})`}${lines.length > 1 ? `; also lines ${lines.slice(1).join(', ')}${stats.malformedCount > lines.length ? ', ...' : ''}` : ''}. The import job would fail on them.`,
      count: stats.malformedCount,
      ...(first === undefined ? {} : { row: first.line }),
      sample: stats.malformed.map((row) => clipSample(row.content)),
      fix: "Fix the quoting or the number of separators on those lines, or drop them (the Data step's row filter).",
    });
  }
  return out;
}

/** Human name of a separator: `semicolons (;)`, `tabs`, `double colons (::)`. */
export function delimiterName(delimiter: string): string {
  const names: Record<string, string> = {
    ';': 'semicolons (;)',
    '\t': 'tabs',
    '|': 'pipes (|)',
    '::': 'double colons (::)',
    ':': 'colons (:)',
  };
  return names[delimiter] ?? `"${delimiter}"`;
}

/**
 * `null.required` on the column proposed as a required id (CustomerID for USER_ID) before it is
 * mapped: how many rows the import would reject for a blank id, with the blank-id drop as the
 * one-click fix (the step names the output's column, SPEC §4.3).
 */
function blankProposedIdFinding(
  stats: DatasetStats,
  canonical: string,
  shown: string,
  column: ColumnStats,
): Finding {
  return finding(
    valueRuleSeverity(stats.datasetType, canonical, 'null'),
    'null.required',
    `${shown}, the proposed ${canonical}, is empty in ${plural(column.nullCount, 'row')} of ${stats.rowCount.toLocaleString('en-US')}${where(column.nullExample, column.nullCount, false)}; ${canonical} is required and Personalize rejects those rows.`,
    {
      column: column.name,
      count: column.nullCount,
      ...(column.nullExample === undefined ? {} : { example: column.nullExample }),
      fix: `Drop those rows (the Data step's "Drop rows with blank ids" on ${canonical}).`,
      fixStep: { kind: 'dropBlank', columns: [canonical] } satisfies Step,
    },
  );
}

function nameRules(stats: DatasetStats): Finding[] {
  const out: Finding[] = [];
  const required = REQUIRED_FIELDS[stats.datasetType];
  const proposals = proposedSources(stats);
  for (const canonical of required) {
    const found = findColumn(stats.columns, canonical);
    if (found === undefined) {
      const source = proposals.find((proposal) => proposal.field === canonical);
      const missing = stats.hasHeader
        ? `Required column ${canonical} is missing from ${stats.fileName} for ${stats.datasetType}`
        : `${stats.fileName} has no header row, so no column is named ${canonical} (required for ${stats.datasetType})`;
      const shown = (proposal: MappingProposal): string =>
        stats.hasHeader
          ? proposal.column
          : // Counted from 1, with the name the grid and the mapping show (column0...).
            `column ${stats.columns.findIndex((column) => column.name === proposal.column) + 1} (${proposal.column})`;
      out.push(
        finding(
          'error',
          'column.missing',
          source === undefined
            ? `${missing}.`
            : `${missing}; ${shown(source)} looks like it: ${source.reason}.`,
          {
            column: canonical,
            ...(source === undefined
              ? {}
              : {
                  sample: [source.column],
                  // SPEC §4.3: the required field read from the column that holds it.
                  fixMapping: columnMappingFix(
                    canonical,
                    source.column,
                    stats.columns.find((column) => column.name === source.column),
                  ),
                }),
            fix:
              source === undefined
                ? `Add it, or rename the column that holds it to ${canonical} (the Data step's column mapping).`
                : stats.hasHeader
                  ? `Rename ${source.column} to ${canonical} (the Data step's column mapping; "Suggest mapping" proposes it).`
                  : `Name ${shown(source)} ${canonical} in a header row (the Data step's column mapping).`,
          },
        ),
      );
      const proposed = stats.columns.find((column) => column.name === source?.column);
      if (source !== undefined && proposed !== undefined && ID_FIELDS.has(canonical)) {
        // Announced before the mapping: once mapped, these rows have a blank required id.
        if (proposed.nullCount > 0)
          out.push(blankProposedIdFinding(stats, canonical, shown(source), proposed));
      }
    } else if (found !== canonical) {
      out.push(
        finding(
          'error',
          'column.case',
          `Column "${found}" must be named exactly ${canonical} (Personalize maps columns by header name).`,
          {
            column: found,
            fix: `Rename it to ${canonical}.`,
            // SPEC §5.1: a pure rename, the column keeps its conversion.
            fixMapping: { kind: 'column', target: canonical, source: found },
          },
        ),
      );
    }
  }
  const reserved = RESERVED_FIELDS[stats.datasetType];
  const seen = new Map<string, string>();
  // Without a header the "names" are data values: file.noHeader says so once.
  for (const column of stats.hasHeader ? stats.columns : []) {
    if (!AVRO_NAME.test(column.name)) {
      out.push(
        finding(
          'error',
          'column.invalidName',
          `Column name "${column.name}" is not a valid field name: schema fields use letters, digits and _ and cannot start with a digit.`,
          {
            column: column.name,
            fix: `Rename it, e.g. to ${
              column.name
                .trim()
                .replace(/[^A-Za-z0-9_]+/gu, '_')
                .replace(/^(\d)/u, '_$1')
                .toUpperCase() || 'FIELD'
            }.`,
          },
        ),
      );
    }
    const key = column.name.replace(/[^A-Za-z0-9]/gu, '').toLowerCase();
    const clash = seen.get(key);
    if (clash !== undefined) {
      out.push(
        finding(
          'error',
          'column.nameClash',
          `Columns "${clash}" and "${column.name}" clash: field names must stay unique once characters other than letters and digits are removed.`,
          {
            column: column.name,
            fix: 'Rename one of them.',
          },
        ),
      );
    } else {
      seen.set(key, column.name);
    }
    const upper = column.name.trim().toUpperCase();
    if (reserved[upper] === undefined && reserved[column.name] === undefined) {
      const elsewhere = (Object.keys(RESERVED_FIELDS) as RuleDatasetType[]).find(
        (type) => type !== stats.datasetType && RESERVED_FIELDS[type][upper] !== undefined,
      );
      if (
        elsewhere !== undefined &&
        (upper === 'TIMESTAMP' || upper === 'EVENT_TYPE' || upper === 'EVENT_VALUE')
      ) {
        out.push(
          finding(
            'warning',
            'column.reservedElsewhere',
            `${column.name} is a reserved field of ${elsewhere}, not of ${stats.datasetType}: here it is plain metadata.`,
            {
              column: column.name,
              fix: `Check that this is the ${stats.datasetType} file, or rename the column.`,
            },
          ),
        );
      }
    }
  }
  return out;
}

function idRules(stats: DatasetStats): Finding[] {
  const out: Finding[] = [];
  for (const [canonical, ids] of Object.entries(stats.ids)) {
    if (ids.longCount > 0) {
      out.push(
        finding(
          'error',
          'id.tooLong',
          `${ids.column} has ${plural(ids.longCount, 'value')} longer than ${MAX_ID_LENGTH} characters (up to ${ids.maxLength})${where(ids.longExample, ids.longCount, true)}; ids may have at most ${MAX_ID_LENGTH}.`,
          {
            column: ids.column,
            count: ids.longCount,
            ...(ids.longExample === undefined ? {} : { example: ids.longExample }),
            fix: 'Shorten or hash the long ids.',
          },
        ),
      );
    }
    if (isFractionalColumnType(ids.type)) {
      out.push(
        finding(
          'warning',
          'id.decimal',
          `${ids.column} holds decimal numbers (${ids.type}), so ids read like "17850.0" and will not match ids written "17850" in other files.`,
          {
            column: ids.column,
            fix: `Convert ${canonical} to whole numbers or strings (drop the ".0").`,
            fixMapping: {
              kind: 'column',
              target: canonical,
              source: ids.column,
              transform: { kind: 'id' },
            },
          },
        ),
      );
    }
  }
  return out;
}

function timestampRules(stats: DatasetStats, ts: TimestampStats, canonical: string): Finding[] {
  const out: Finding[] = [];
  const column = ts.column;
  if (!ts.numeric) {
    const samples = [...new Set(ts.samples ?? [])];
    const first = samples[0];
    const isDate =
      /^(TIMESTAMP|DATE)/iu.test(ts.type) ||
      (first !== undefined && /^\d{4}-\d{2}-\d{2}/u.test(first));
    const converted =
      ts.firstEpoch === undefined || first === undefined
        ? ''
        : ` (${first} read as UTC is ${Math.floor(ts.firstEpoch)})`;
    const message =
      first === undefined
        ? `${column} is read as ${ts.type}, not Unix epoch seconds.`
        : isDate
          ? `${column} holds dates like ${first}, not Unix epoch seconds${converted}.`
          : `${column} holds text like ${quoteList(samples)}, not Unix epoch seconds.`;
    // SPEC §5.1: epoch seconds, converted from ISO dates (read in UTC without an offset).
    const transform = isDate
      ? mappingTransformFor(canonical, { name: column, type: ts.type, samples })
      : undefined;
    out.push(
      finding('error', 'timestamp.notEpoch', message, {
        column,
        sample: samples,
        ...(transform?.kind === 'timestamp'
          ? { fixMapping: { kind: 'column', target: canonical, source: column, transform } }
          : {}),
        fix: isDate
          ? "Convert them to whole seconds since 1970-01-01 UTC, stating the time zone they were written in (the Data step's timestamp conversion)."
          : 'Convert it to whole seconds since 1970-01-01 UTC (e.g. 1577836800).',
      }),
    );
    return out;
  }
  if (ts.fractionalCount > 0) {
    out.push(
      finding(
        'error',
        'timestamp.fractional',
        `${column} has ${plural(ts.fractionalCount, 'value')} with a fractional part${where(ts.fractionalExample, ts.fractionalCount, true)}; Personalize needs a long.`,
        {
          column,
          count: ts.fractionalCount,
          ...(ts.fractionalExample === undefined ? {} : { example: ts.fractionalExample }),
          fix: 'Round to whole epoch seconds.',
          // Milliseconds are fixed by their own conversion, which also drops the fraction.
          ...(ts.millisecondsCount === 0
            ? {
                fixMapping: {
                  kind: 'column',
                  target: canonical,
                  source: column,
                  transform: { kind: 'timestamp', format: 'epochSeconds', timeZone: 'UTC' },
                },
              }
            : {}),
        },
      ),
    );
  }
  if (ts.millisecondsCount > 0) {
    out.push(
      finding(
        'warning',
        'timestamp.milliseconds',
        `${column} has ${plural(ts.millisecondsCount, 'value')} above 10^11, which look like milliseconds${where(ts.millisecondsExample, ts.millisecondsCount, true)}; read as seconds, those events land far in the future.`,
        {
          column,
          count: ts.millisecondsCount,
          ...(ts.millisecondsExample === undefined ? {} : { example: ts.millisecondsExample }),
          fix: "Divide by 1000 to get epoch seconds (the Data step's milliseconds-to-seconds conversion).",
          // Only when every value is milliseconds: dividing a mixed column would break its seconds.
          ...(ts.min !== undefined && ts.min > MILLISECONDS_THRESHOLD
            ? {
                fixMapping: {
                  kind: 'column',
                  target: canonical,
                  source: column,
                  transform: { kind: 'timestamp', format: 'epochMilliseconds', timeZone: 'UTC' },
                },
              }
            : {}),
        },
      ),
    );
  }
  const nonNull = stats.rowCount - (stats.columns.find((c) => c.name === column)?.nullCount ?? 0);
  if (ts.min !== undefined && ts.max !== undefined && ts.min === ts.max && nonNull > 1) {
    out.push(
      finding(
        'warning',
        'timestamp.zeroVariance',
        `${column} is ${ts.min} on all ${plural(nonNull, 'row')}: every event has the same time, so training cannot learn any order or recency.`,
        {
          column,
          count: nonNull,
          sample: [String(ts.min)],
          fix: 'Export the real event times.',
        },
      ),
    );
  }
  if (ts.futureCount > 0) {
    out.push(
      finding(
        'warning',
        'timestamp.future',
        `${column} has ${plural(ts.futureCount, 'value')} after the time of this check (${new Date(stats.now * 1000).toISOString().slice(0, 10)})${where(ts.futureExample, ts.futureCount, true)}.`,
        {
          column,
          count: ts.futureCount,
          ...(ts.futureExample === undefined ? {} : { example: ts.futureExample }),
          fix: 'Check the unit and time zone of those values, or drop the rows.',
        },
      ),
    );
  }
  return out;
}

function fieldIsNullable(type: string | readonly string[]): boolean {
  return Array.isArray(type) && type.includes('null');
}

function fieldBaseType(type: string | readonly string[]): string {
  if (typeof type === 'string') return type;
  return type.find((part) => part !== 'null') ?? 'null';
}

/** True when the DuckDB column type holds values of the Avro type. */
function fits(avro: string, duckdb: string): boolean {
  if (avro === 'int' || avro === 'long') return isIntegerColumnType(duckdb);
  if (avro === 'float' || avro === 'double') return isNumericColumnType(duckdb);
  if (avro === 'boolean') return duckdb.toUpperCase() === 'BOOLEAN';
  return true;
}

function schemaRules(stats: DatasetStats): Finding[] {
  const schema = stats.schema;
  const out: Finding[] = [];
  const required = REQUIRED_FIELDS[stats.datasetType];
  const reserved = RESERVED_FIELDS[stats.datasetType];
  // Columns the mapping proposes as a reserved field (StockCode → ITEM_ID) become that field:
  // no categorical / textual advice for them.
  const proposed = new Set(proposedSources(stats).map((proposal) => proposal.column));
  const names = stats.columns.map((column) => column.name);
  const fields = schema?.fields ?? [];
  const declared = schema?.source === 'declared';
  if (declared) {
    for (const field of fields) {
      if (
        names.includes(field.name) ||
        (required.includes(field.name) && findColumn(stats.columns, field.name) !== undefined)
      )
        continue;
      if (required.includes(field.name)) continue; // column.missing says it
      const nullable = fieldIsNullable(field.type);
      out.push(
        finding(
          nullable ? 'warning' : 'error',
          'schema.fieldMissing',
          `The schema declares ${field.name}${nullable ? '' : ' (not nullable)'}, but ${stats.fileName} has no such column${nullable ? '; it would be empty' : '; the import would fail with "Input CSV is missing the following columns"'}.`,
          {
            column: field.name,
            fix: nullable
              ? `Add the column or remove ${field.name} from the schema.`
              : `Add the column, or make ${field.name} nullable (["null", "${fieldBaseType(field.type)}"]) in the schema.`,
          },
        ),
      );
    }
    for (const name of names) {
      if (fields.some((field) => field.name === name)) continue;
      if (required.some((canonical) => findColumn([{ name }], canonical) !== undefined)) continue;
      out.push(
        finding(
          'warning',
          'schema.extraColumn',
          `Column ${name} is not in the schema; Personalize may fail the import on columns the schema does not declare.`,
          {
            column: name,
            fix: `Add ${name} to the schema or drop the column.`,
          },
        ),
      );
    }
    const inSchema = fields.map((field) => field.name).filter((name) => names.includes(name));
    const inFile = names.filter((name) => inSchema.includes(name));
    if (inSchema.join('\u0000') !== inFile.join('\u0000')) {
      out.push(
        finding(
          'info',
          'schema.order',
          `Columns are in a different order from the schema (file ${inFile.join(', ')}; schema ${inSchema.join(', ')}); the service maps by header name, but older guidance asks for the schema order.`,
          {
            fix: 'Reorder the columns, or the schema fields, if an import complains.',
          },
        ),
      );
    }
  }
  for (const column of stats.columns) {
    const canonical =
      required.find((name) => findColumn([column], name) !== undefined) ?? column.name;
    const field = fields.find(
      (candidate) => candidate.name === column.name || candidate.name === canonical,
    );
    const isRequired = required.includes(canonical);
    const nullable = isRequired ? false : field === undefined ? true : fieldIsNullable(field.type);
    if (column.nullCount > 0 && !nullable) {
      out.push(
        finding(
          valueRuleSeverity(stats.datasetType, canonical, 'null'),
          'null.required',
          `${column.name} is empty in ${plural(column.nullCount, 'row')}${where(column.nullExample, column.nullCount, false)}; ${isRequired ? 'it is required and Personalize rejects those rows' : 'the schema does not allow null: the import keeps those rows and drops the empty values (AWS imported its own POC file with such blanks), but they carry no value'}.`,
          {
            column: column.name,
            count: column.nullCount,
            ...(column.nullExample === undefined ? {} : { example: column.nullExample }),
            fix: isRequired
              ? 'Drop those rows or fill in the value (the Data step\'s "Drop rows with blank ids").'
              : `Fill them in, or make ${column.name} nullable in the schema.`,
            // Blank ids are dropped by the recipe's blank-id step (columns named as on output).
            ...(ID_FIELDS.has(canonical)
              ? { fixStep: { kind: 'dropBlank', columns: [canonical] } satisfies Step }
              : {}),
          },
        ),
      );
    }
    const reservedType = reserved[canonical];
    if (
      reservedType === 'float' &&
      !isNumericColumnType(column.type) &&
      column.nullCount < stats.rowCount
    ) {
      out.push(
        finding(
          'error',
          'reserved.type',
          `${column.name} is a reserved float field but holds text like ${quoteList(column.samples ?? [])} (read as ${column.type}).`,
          {
            column: column.name,
            ...(column.samples === undefined ? {} : { sample: column.samples }),
            fix: `Write ${column.name} as decimal numbers, or rename the column if it is something else.`,
          },
        ),
      );
    }
    if (declared && field !== undefined && reservedType === undefined) {
      const base = fieldBaseType(field.type);
      const mismatch = stats.typeMismatches?.[column.name];
      if (
        !fits(base, column.type) &&
        column.nullCount < stats.rowCount &&
        (mismatch === undefined || mismatch.count > 0)
      ) {
        const count = mismatch?.count;
        const example = mismatch?.example;
        out.push(
          finding(
            valueRuleSeverity(stats.datasetType, column.name, 'type'),
            'type.mismatch',
            `${column.name} is declared ${base} but ${count === undefined ? 'holds values' : `has ${plural(count, 'value')}`} that ${count === 1 ? 'is' : 'are'} not ${base === 'boolean' ? 'true / false' : base === 'int' || base === 'long' ? 'whole numbers' : 'numbers'}${example === undefined ? ` (read as ${column.type}, e.g. ${quoteList(column.samples ?? [])})` : where(example, count ?? 0, true)}; the import keeps those rows and drops those values (AWS imported its own POC file with a few such values).`,
            {
              column: column.name,
              ...(count === undefined ? {} : { count }),
              ...(example === undefined
                ? { ...(column.samples === undefined ? {} : { sample: column.samples }) }
                : { example }),
              fix: `Fix or blank those values (and make ${column.name} nullable), or declare it "string" in the schema.`,
            },
          ),
        );
      }
    }
    const isText =
      column.type.toUpperCase() === 'VARCHAR' &&
      (field === undefined || fieldBaseType(field.type) === 'string');
    if (!isText || reservedType !== undefined || proposed.has(column.name)) continue;
    const categorical = field?.categorical === true;
    const textual = field?.textual === true;
    if (column.overLongCount > 0 && !textual) {
      out.push(
        finding(
          categorical || field === undefined ? 'error' : 'warning',
          'categorical.tooLong',
          `${column.name} has ${plural(column.overLongCount, 'value')} longer than ${MAX_CATEGORICAL_LENGTH.toLocaleString('en-US')} characters (up to ${column.maxLength.toLocaleString('en-US')})${where(column.overLongExample, column.overLongCount, false)}; a categorical value may have at most ${MAX_CATEGORICAL_LENGTH.toLocaleString('en-US')}, separators included${stats.datasetType === 'users' ? ' (such users are dropped)' : ', or the import fails'}.`,
          {
            column: column.name,
            count: column.overLongCount,
            ...(column.overLongExample === undefined
              ? {}
              : { example: { rows: column.overLongExample.rows, samples: [] } }),
            fix:
              stats.datasetType === 'items'
                ? `Shorten those values, or mark ${column.name} textual (free text up to 20,000 characters).`
                : 'Shorten those values or split them into fewer categories.',
          },
        ),
      );
    }
    if (field !== undefined && !categorical && !textual && column.pipeCount > 0) {
      out.push(
        finding(
          'warning',
          'categorical.separator',
          `${column.name} holds ${plural(column.pipeCount, 'value')} joined with "|" (multi-value categories) but is not marked categorical, so "|" is kept as text.`,
          {
            column: column.name,
            count: column.pipeCount,
            ...(column.samples === undefined ? {} : { sample: column.samples }),
            fix: `Mark ${column.name} "categorical": true in the schema.`,
          },
        ),
      );
    }
    if (field !== undefined && !categorical && !textual) {
      const advice = unusedStringAdvice(stats.datasetType, column.name);
      out.push(
        finding('warning', 'field.unused', advice.message, {
          column: column.name,
          fix: advice.fix,
        }),
      );
    }
  }
  return out;
}

/**
 * Columns that likely hold a reserved field the file does not name (CustomerID for USER_ID):
 * proposed by {@link suggestMapping}, only for fields no column is named after.
 */
function proposedSources(stats: DatasetStats): MappingProposal[] {
  return suggestMapping(stats.datasetType, stats.columns).filter(
    (proposal) => findColumn(stats.columns, proposal.field) === undefined,
  );
}

function metadataRules(stats: DatasetStats): Finding[] {
  const reserved = RESERVED_FIELDS[stats.datasetType];
  // A column that will be mapped to a reserved field (CustomerID → USER_ID) is not metadata.
  const mapped = new Set(proposedSources(stats).map((proposal) => proposal.column));
  const metadata = stats.columns.filter(
    (column) =>
      reserved[column.name] === undefined &&
      !mapped.has(column.name) &&
      REQUIRED_FIELDS[stats.datasetType].every((name) => findColumn([column], name) === undefined),
  );
  if (stats.datasetType !== 'interactions' && stats.columns.length > 0 && metadata.length === 0) {
    const [id, label, example] =
      stats.datasetType === 'items'
        ? ['ITEM_ID', 'An Items', 'GENRES']
        : ['USER_ID', 'A Users', 'MEMBERSHIP'];
    return [
      finding(
        'error',
        'metadata.none',
        `${label} dataset needs at least one metadata column besides ${id} (e.g. ${example}); ${stats.fileName} has only ${stats.columns.map((column) => column.name).join(', ')}.`,
        {
          column: stats.columns[0]?.name ?? id,
          fix: 'Add one or skip this file.',
        },
      ),
    ];
  }
  const limit = {
    interactions: MAX_INTERACTIONS_METADATA_FIELDS,
    items: MAX_ITEMS_METADATA_FIELDS,
    users: MAX_USERS_METADATA_FIELDS,
  }[stats.datasetType];
  if (metadata.length > limit) {
    return [
      finding(
        'error',
        'metadata.tooMany',
        `${stats.fileName} has ${plural(metadata.length, 'metadata column')}; ${stats.datasetType} allow at most ${limit}.`,
        {
          count: metadata.length,
          fix: `Keep the ${limit} most useful and drop the others.`,
        },
      ),
    ];
  }
  return [];
}

/** Groups of raw event types that fold to the same value, largest first. */
export function nearDuplicateEventTypes(
  values: readonly { readonly value: string; readonly count: number }[],
): { folded: string; values: string[]; count: number }[] {
  const groups = new Map<string, { values: string[]; count: number }>();
  for (const { value, count } of values) {
    const key = foldEventType(value);
    const group = groups.get(key) ?? { values: [], count: 0 };
    group.values.push(value);
    group.count += count;
    groups.set(key, group);
  }
  return [...groups.entries()]
    .filter(([, group]) => group.values.length > 1)
    .map(([folded, group]) => ({ folded, ...group }))
    .sort((a, b) => b.count - a.count);
}

function interactionRules(stats: DatasetStats): Finding[] {
  if (stats.datasetType !== 'interactions') return [];
  const out: Finding[] = [];
  if (stats.rowCount < MIN_IMPORT_INTERACTIONS) {
    out.push(
      finding(
        'error',
        'data.tooFewInteractions',
        `${stats.fileName} has ${plural(stats.rowCount, 'interaction')}; an import needs at least ${MIN_IMPORT_INTERACTIONS.toLocaleString('en-US')}.`,
        {
          count: stats.rowCount,
          fix: 'Add more history.',
        },
      ),
    );
  }
  const userColumn = stats.ids.USER_ID?.column ?? findColumn(stats.columns, 'USER_ID');
  if (stats.activeUsers !== undefined && stats.activeUsers < MIN_USERS_WITH_TWO_INTERACTIONS) {
    out.push(
      finding(
        'warning',
        'data.tooFewActiveUsers',
        `Only ${plural(stats.activeUsers, 'user')} have ${MIN_INTERACTIONS_PER_ACTIVE_USER} or more interactions; training needs at least ${MIN_USERS_WITH_TWO_INTERACTIONS}.`,
        {
          column: userColumn ?? 'USER_ID',
          count: stats.activeUsers,
          fix: "Add more users' history.",
        },
      ),
    );
  } else if (
    stats.activeUsers !== undefined &&
    stats.distinctUsers !== undefined &&
    stats.distinctUsers > 0 &&
    stats.activeUsers / stats.distinctUsers < MIN_SHARE_OF_USERS_WITH_TWO_INTERACTIONS
  ) {
    out.push(
      finding(
        'warning',
        'data.lowActiveShare',
        `Only ${plural(stats.activeUsers, 'user')} of ${stats.distinctUsers.toLocaleString('en-US')} have 2 or more interactions, under the 1% training needs.`,
        {
          column: userColumn ?? 'USER_ID',
          count: stats.activeUsers,
          fix: "Add more users' history.",
        },
      ),
    );
  }
  const events = stats.eventTypes;
  if (events !== undefined) {
    const groups = nearDuplicateEventTypes(events.values);
    // SPEC §4.3: one value per folded group, the same table for every group; each finding names
    // its group's part of that table, so the message, the table and the written file agree.
    const table = eventTypeMappingFix(events.column, events.values);
    const mapping =
      table.kind === 'column' && table.transform?.kind === 'eventType'
        ? table.transform.mapping
        : [];
    for (const group of groups) {
      const entries = mapping.filter((entry) => group.values.includes(entry.from));
      const target = entries[0]?.to ?? (group.values[0] ?? group.folded).trim();
      out.push(
        finding(
          'warning',
          'eventType.nearDuplicate',
          `${events.column} values ${quoteList(group.values)} differ only by case or spaces; Personalize counts them as ${plural(group.values.length, 'event type')} (${plural(group.count, 'row')}).`,
          {
            column: events.column,
            count: group.count,
            sample: group.values,
            fix: `Map them to "${target}", the most frequent spelling (the Data step's event-type mapping: ${entries.map((entry) => `"${entry.from}" → "${target}"`).join(', ')}).`,
            fixMapping: table,
          },
        ),
      );
    }
    const optional = OPTIONAL_INTERACTION_COLUMNS.filter((name) =>
      stats.columns.some((column) => column.name === name),
    ).length;
    const folded = new Set(events.values.map((entry) => foldEventType(entry.value))).size;
    if (events.distinct + optional > MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS) {
      const afterFolding = folded + optional <= MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS;
      // Folding is enough, or (every value listed) the most frequent stay and the rest become
      // "other"; with values left unlisted no table can bring the count under the limit.
      const keep = MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS - optional - 1;
      const fixMapping = afterFolding
        ? eventTypeMappingFix(events.column, events.values)
        : events.values.length >= events.distinct && keep >= 1
          ? eventTypeMappingFix(events.column, events.values, keep)
          : undefined;
      out.push(
        finding(
          'error',
          'eventType.tooMany',
          `${events.column} has ${plural(events.distinct, 'distinct value')}; with ${plural(optional, 'optional column')} that is ${events.distinct + optional}, over the ${MAX_EVENT_TYPES_AND_OPTIONAL_COLUMNS} Personalize allows${folded < events.distinct ? ` (${folded} after folding case and spaces)` : ''}.`,
          {
            column: events.column,
            count: events.distinct,
            sample: events.values.slice(0, 12).map((entry) => entry.value),
            fix: afterFolding
              ? "Map the near-duplicates to one value each (the Data step's event-type mapping)."
              : 'Map the event types onto at most 10 values (with the optional columns), or drop the rare ones.',
            ...(fixMapping === undefined ? {} : { fixMapping }),
          },
        ),
      );
    }
  }
  for (const reference of stats.references ?? []) out.push(...referenceRules(reference));
  return out;
}

function referenceRules(reference: ReferenceStats): Finding[] {
  if (!reference.hasIdColumn) {
    const id = reference.kind === 'items' ? 'ITEM_ID' : 'USER_ID';
    return [
      finding(
        'warning',
        'reference.missing',
        `${reference.fileName} has no ${id} column, so ${reference.column} cannot be matched against it.`,
        { column: reference.column, fix: `Name its id column ${id}.` },
      ),
    ];
  }
  const missingIds = reference.distinctIds - reference.matchedIds;
  if (missingIds <= 0) return [];
  const rate = reference.distinctIds === 0 ? 0 : reference.matchedIds / reference.distinctIds;
  const percent = `${(rate * 100).toFixed(rate > 0.99 && rate < 1 ? 2 : 1)}%`;
  const near = reference.nearMisses
    .map((miss) => `"${clipSample(miss.value)}" ~ "${clipSample(miss.match)}"`)
    .join(', ');
  const severity: FindingSeverity = rate < 0.5 ? 'error' : 'warning';
  return [
    finding(
      severity,
      'reference.missing',
      `${plural(missingIds, `${reference.column} value`)} of ${reference.distinctIds.toLocaleString('en-US')} (${plural(reference.missingRows, 'interaction row')}) are not in ${reference.fileName}: ${percent} of ids match${reference.nearMissIds > 0 ? `; ${plural(reference.nearMissIds, 'id')} match once case, spaces, ".0" or leading zeros are ignored (${near})` : ''}.`,
      {
        column: reference.column,
        count: reference.missingRows,
        sample: reference.missingSamples,
        fix:
          reference.nearMissIds > 0
            ? `Write the ids the same way in both files (e.g. drop the ".0" of decimal ids), then re-check.`
            : `Add the missing ${reference.kind} to ${reference.fileName}, or drop those interactions; ${reference.kind === 'items' ? 'items without metadata cannot be filtered or cold-started' : 'users without metadata get no personalisation from it'}.`,
      },
    ),
  ];
}

function duplicateRules(stats: DatasetStats): Finding[] {
  const dups = stats.duplicateRows;
  if (dups === undefined || dups.count === 0) return [];
  const isInteractions = stats.datasetType === 'interactions';
  const [file, noun] = stats.datasetType === 'items' ? ['an items', 'item'] : ['a users', 'user'];
  return [
    finding(
      'warning',
      'row.duplicate',
      `${plural(dups.count, 'row')} ${dups.count === 1 ? 'repeats' : 'repeat'} an earlier row in every column${where(dups.example, dups.count, false)}; ${isInteractions ? 'repeated interactions weigh twice in training' : `${file} file holds one row per ${noun}, and a repeated row adds nothing to it`}.`,
      {
        count: dups.count,
        ...(dups.example === undefined
          ? {}
          : { example: { rows: dups.example.rows, samples: [] } }),
        fix: isInteractions
          ? "Drop the duplicates (the Data step's dedupe), unless they are real repeat events."
          : "Drop the duplicates (the Data step's dedupe).",
        fixStep: { kind: 'dedupe' },
      },
    ),
  ];
}

/**
 * Cancelled invoices and lines of quantity 0 or less: in an order-line export they undo or
 * adjust a purchase, and imported as interactions each would count as one more purchase of the
 * item. Warnings (the service imports them), each with its one-click fix as a recipe row filter.
 */
function reversalRules(stats: DatasetStats): Finding[] {
  const out: Finding[] = [];
  const cancelled = stats.reversals?.cancelled;
  if (cancelled !== undefined && cancelled.count > 0) {
    const step: Step = {
      kind: 'filter',
      column: cancelled.column,
      operator: 'notStartsWith',
      value: CANCELLED_INVOICE_PREFIX,
    };
    out.push(
      finding(
        'warning',
        'row.cancelled',
        `${plural(cancelled.count, 'row')} of ${plural(cancelled.invoices, 'cancelled invoice')}: ${cancelled.column} starts with "${CANCELLED_INVOICE_PREFIX}"${where(cancelled.example, cancelled.count, true)}. A cancellation reverses an earlier purchase; imported as interactions, each would count as one more purchase of the item.`,
        {
          column: cancelled.column,
          count: cancelled.count,
          ...(cancelled.example === undefined ? {} : { example: cancelled.example }),
          fix: `Drop cancelled invoices: a row filter keeping rows whose ${cancelled.column} does not start with "${CANCELLED_INVOICE_PREFIX}".`,
          fixStep: step,
        },
      ),
    );
  }
  const nonPositive = stats.reversals?.nonPositive;
  if (nonPositive !== undefined && nonPositive.count > 0) {
    const step: Step = {
      kind: 'filter',
      column: nonPositive.column,
      operator: 'greaterThan',
      value: 0,
    };
    const split = [
      ...(nonPositive.negative > 0
        ? [`${nonPositive.negative.toLocaleString('en-US')} negative`]
        : []),
      ...(nonPositive.zero > 0 ? [`${nonPositive.zero.toLocaleString('en-US')} zero`] : []),
      ...(nonPositive.notCancelled === undefined
        ? []
        : [
            `${nonPositive.notCancelled.toLocaleString('en-US')} of them not on a cancelled invoice`,
          ]),
    ];
    out.push(
      finding(
        'warning',
        'row.nonPositiveQuantity',
        `${plural(nonPositive.count, 'row')} with a ${nonPositive.column} of 0 or less: ${split.join(', ')}${where(nonPositive.example, nonPositive.count, true)}. Returns and stock adjustments are not purchases; imported as interactions, they would count as ones.`,
        {
          column: nonPositive.column,
          count: nonPositive.count,
          ...(nonPositive.example === undefined ? {} : { example: nonPositive.example }),
          fix: `Drop non-positive quantities: a row filter keeping rows whose ${nonPositive.column} is greater than 0.`,
          fixStep: step,
        },
      ),
    );
  }
  return out;
}

function summary(stats: DatasetStats): Finding {
  if (stats.datasetType === 'interactions' && stats.distinctUsers !== undefined) {
    return finding(
      'info',
      'summary',
      `${plural(stats.rowCount, 'interaction')} from ${plural(stats.distinctUsers, 'user')}${stats.activeUsers === undefined ? '' : `, ${plural(stats.activeUsers, 'user')} with 2 or more`}.`,
      { count: stats.rowCount },
    );
  }
  const noun =
    stats.datasetType === 'items' ? 'item row' : stats.datasetType === 'users' ? 'user row' : 'row';
  return finding(
    'info',
    'summary',
    `${plural(stats.rowCount, noun)}, ${plural(stats.columns.length, 'column')}.`,
    { count: stats.rowCount },
  );
}

/**
 * The error of a file with nothing in it (0 bytes, or only a BOM and blank lines): code
 * `file.empty`, naming the file, with how to fix it (SPEC §5.1: the import needs a header).
 */
export function emptyFileFinding(fileName: string): Finding {
  return finding(
    'error',
    'file.empty',
    `The file is empty: ${fileName} has no header and no rows.`,
    {
      fix: 'Export the data again, with a header row (e.g. USER_ID,ITEM_ID,TIMESTAMP) and one record per line.',
    },
  );
}

/**
 * The error of a file whose only line is its header (`columns`, as read): code
 * `file.headerOnly`, naming the file and its header, with how to fix it.
 */
export function headerOnlyFinding(fileName: string, columns: readonly string[]): Finding {
  return finding(
    'error',
    'file.headerOnly',
    `The file has a header but no data rows: ${fileName} holds only the header (${columns.join(',')}).`,
    { fix: 'Export it again with the records below the header.' },
  );
}

/**
 * Applies every data rule to the statistics of one file and returns the findings: layout and
 * encoding (SPEC §5.1), malformed rows (§5.4), names, required and reserved fields (§4.2, §4.3),
 * header vs schema and types (§5.1), nulls in non-null fields (§4.3), ids (§5.1), timestamps
 * (§5.1), categorical values (§5.1), metadata counts (§4.3), minimum data (§5.2, §5.5), event
 * types (§4.3), duplicates, references to the items / users file, fields training ignores
 * (§4.2), cancelled invoices and non-positive quantities of an order-line export and rows on
 * non-product codes such as postage (warnings with a row filter as fix), and an `info` summary
 * last. Empty and header-only files give one error each.
 */
export function validateDataset(stats: DatasetStats): Finding[] {
  if (stats.empty === true) return [emptyFileFinding(stats.fileName)];
  const layout = layoutRules(stats);
  if (stats.rowCount === 0 && stats.malformedCount === 0) {
    return [
      ...layout,
      headerOnlyFinding(
        stats.fileName,
        stats.columns.map((column) => column.name),
      ),
    ];
  }
  const out = [...layout, ...nameRules(stats), ...idRules(stats)];
  const schemaFindings = schemaRules(stats);
  out.push(...schemaFindings.filter((item) => item.code === 'null.required'));
  for (const [canonical, ts] of Object.entries(stats.timestamps))
    out.push(...timestampRules(stats, ts, canonical));
  out.push(...schemaFindings.filter((item) => item.code !== 'null.required'));
  out.push(
    ...metadataRules(stats),
    ...interactionRules(stats),
    ...duplicateRules(stats),
    ...reversalRules(stats),
    ...nonProductRules(stats.productCodes, stats.datasetType),
    summary(stats),
  );
  return out;
}
