import type { DataCheck } from '../../shared/ipc/contract.js';
import {
  MAX_ID_LENGTH,
  MIN_IMPORT_INTERACTIONS,
  MIN_INTERACTIONS_PER_ACTIVE_USER,
  MIN_USERS_WITH_TWO_INTERACTIONS,
} from '../../shared/rules/limits.js';

/** Dataset types the preview checks know. */
export type PreviewDatasetType = 'interactions' | 'items' | 'users';

/** Required columns per dataset type (SPEC §4.3). */
export const REQUIRED_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
  items: ['ITEM_ID'],
  users: ['USER_ID'],
};

/** Where a counted problem occurs: the first few 1-based data rows and their values. */
export interface ProblemExample {
  /** 1-based data rows: row 1 is the first line after the header. */
  readonly rows: readonly number[];
  /** The values in those rows, as text. */
  readonly samples: readonly string[];
}

/** Statistics of one id column (USER_ID, ITEM_ID). */
export interface IdColumnStats {
  /** Column name as written in the file. */
  readonly column: string;
  /** DuckDB's sniffed type. */
  readonly type: string;
  /** Empty or blank cells. */
  readonly nullCount: number;
  /** Longest value in characters. */
  readonly maxLength: number;
  /** First rows with an empty id. */
  readonly nullExample?: ProblemExample;
  /** Values longer than {@link MAX_ID_LENGTH}. */
  readonly longCount?: number;
  /** First rows with an over-long id. */
  readonly longExample?: ProblemExample;
}

/** Statistics of a timestamp column (TIMESTAMP, CREATION_TIMESTAMP). */
export interface TimestampStats {
  readonly column: string;
  readonly type: string;
  readonly nullCount: number;
  /** Values above `MILLISECONDS_THRESHOLD` (shared/rules/limits) (numeric columns only). */
  readonly millisecondsCount: number;
  /** Values with a fractional part (numeric columns only). */
  readonly nonIntegerCount: number;
  /** First rows with an empty time. */
  readonly nullExample?: ProblemExample;
  /** First rows with values above `MILLISECONDS_THRESHOLD` (shared/rules/limits). */
  readonly millisecondsExample?: ProblemExample;
  /** First rows with a fractional value. */
  readonly nonIntegerExample?: ProblemExample;
  /** First non-empty values (non-numeric columns only), to show what the column holds. */
  readonly samples?: readonly string[];
  /** The first sample as epoch seconds read as UTC (DATE and TIMESTAMP columns only). */
  readonly firstEpoch?: number;
}

/** What {@link buildDataChecks} needs: gathered by previewCsv in one or two scans. */
export interface PreviewStats {
  readonly datasetType: PreviewDatasetType;
  /** File name shown in file-level findings. */
  readonly fileName?: string;
  readonly rowCount: number;
  /** Every column of the file with its DuckDB type. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Id columns found (exactly or case-insensitively), keyed by canonical name (`USER_ID`). */
  readonly ids: Readonly<Record<string, IdColumnStats>>;
  /** Timestamp columns found, keyed by canonical name. */
  readonly timestamps: Readonly<Record<string, TimestampStats>>;
  /** Distinct USER_ID values (interactions only). */
  readonly distinctUsers?: number;
  /** Users with at least {@link MIN_INTERACTIONS_PER_ACTIVE_USER} interactions (interactions only). */
  readonly activeUsers?: number;
}

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

/** True for DuckDB integer types. */
export function isIntegerType(type: string): boolean {
  return INTEGER_TYPES.has(type.toUpperCase());
}

/** True for DuckDB numeric types with a fractional part (FLOAT, DOUBLE, DECIMAL(p,s)). */
export function isFractionalType(type: string): boolean {
  const upper = type.toUpperCase();
  return upper === 'FLOAT' || upper === 'DOUBLE' || upper === 'REAL' || upper.startsWith('DECIMAL');
}

/**
 * Finds the file column for a canonical Personalize name: exact match first, then a
 * case-insensitive one (reported by {@link buildDataChecks} as needing a rename).
 */
export function resolveColumn(columns: readonly { readonly name: string }[], canonical: string): string | undefined {
  const exact = columns.find((column) => column.name === canonical);
  if (exact !== undefined) return exact.name;
  const lower = canonical.toLowerCase();
  return columns.find((column) => column.name.trim().toLowerCase() === lower)?.name;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

/** ` (data rows 3, 9, 12, ...; values "a", "b")` for a message; empty without an example. */
function where(example: ProblemExample | undefined, count: number, withSamples: boolean): string {
  if (example === undefined || example.rows.length === 0) return '';
  const more = count > example.rows.length ? ', ...' : '';
  const values = withSamples && example.samples.length > 0 ? `; values ${example.samples.map((value) => `"${clip(value)}"`).join(', ')}` : '';
  return ` (data rows ${example.rows.join(', ')}${more}, counting the line after the header as row 1${values})`;
}

/** A check with the rows and samples of `example` attached. */
function located(check: DataCheck, example: ProblemExample | undefined, withSamples: boolean): DataCheck {
  if (example === undefined || example.rows.length === 0) return check;
  return { ...check, rows: [...example.rows], ...(withSamples ? { samples: example.samples.map(clip) } : {}) };
}

function idChecks(canonical: string, stats: IdColumnStats, required: boolean): DataCheck[] {
  const checks: DataCheck[] = [];
  const { column } = stats;
  if (stats.nullCount > 0) {
    const check: DataCheck = {
      level: required ? 'error' : 'warning',
      column,
      message: `${column} is empty in ${plural(stats.nullCount, 'row')}${where(stats.nullExample, stats.nullCount, false)}; Personalize rejects null ids. Drop those rows or fill in the id.`,
    };
    checks.push(located(check, stats.nullExample, false));
  }
  if (stats.maxLength > MAX_ID_LENGTH) {
    const count = stats.longCount ?? 1;
    const check: DataCheck = {
      level: 'error',
      column,
      message: `${column} has ${plural(count, 'value')} longer than ${MAX_ID_LENGTH} characters (up to ${stats.maxLength})${where(stats.longExample, count, true)}; ids may have at most ${MAX_ID_LENGTH}. Shorten or hash the long ids.`,
    };
    checks.push(located(check, stats.longExample, true));
  }
  if (isFractionalType(stats.type)) {
    checks.push({
      level: 'warning',
      column,
      message: `${column} holds decimal numbers (${stats.type}), so ids read like "17850.0". Convert ${canonical} to whole numbers or strings so ids match across files.`,
    });
  }
  return checks;
}

function isDateType(type: string): boolean {
  const upper = type.toUpperCase();
  return upper.startsWith('TIMESTAMP') || upper === 'DATE';
}

function notEpochCheck(stats: TimestampStats): DataCheck {
  const { column } = stats;
  const samples = [...new Set(stats.samples ?? [])];
  const first = samples[0];
  let message: string;
  if (first === undefined) {
    message = `${column} is read as ${stats.type}, not Unix epoch seconds. Convert it to whole seconds since 1970-01-01 UTC (e.g. 1577836800).`;
  } else if (isDateType(stats.type) || /^\d{4}-\d{2}-\d{2}/.test(first)) {
    const example = stats.firstEpoch === undefined ? '' : ` (${first} read as UTC is ${Math.floor(stats.firstEpoch)})`;
    message = `${column} holds dates like ${first}, not Unix epoch seconds; convert them to seconds since 1970-01-01 UTC${example}.`;
  } else {
    message = `${column} holds text like ${samples.map((value) => `"${clip(value)}"`).join(', ')}, not Unix epoch seconds; convert it to whole seconds since 1970-01-01 UTC (e.g. 1577836800).`;
  }
  return { level: 'error', column, message, ...(samples.length === 0 ? {} : { samples: samples.map(clip) }) };
}

function timestampChecks(stats: TimestampStats, required: boolean): DataCheck[] {
  const checks: DataCheck[] = [];
  const { column } = stats;
  if (stats.nullCount > 0 && required) {
    const check: DataCheck = {
      level: 'error',
      column,
      message: `${column} is empty in ${plural(stats.nullCount, 'row')}${where(stats.nullExample, stats.nullCount, false)}; it is required. Drop those rows or fill in the time.`,
    };
    checks.push(located(check, stats.nullExample, false));
  }
  if (!isIntegerType(stats.type) && !isFractionalType(stats.type)) {
    checks.push(notEpochCheck(stats));
    return checks;
  }
  if (stats.nonIntegerCount > 0) {
    const check: DataCheck = {
      level: 'error',
      column,
      message: `${column} has ${plural(stats.nonIntegerCount, 'value')} with a fractional part${where(stats.nonIntegerExample, stats.nonIntegerCount, true)}; Personalize needs a long. Round to whole epoch seconds.`,
    };
    checks.push(located(check, stats.nonIntegerExample, true));
  }
  if (stats.millisecondsCount > 0) {
    const check: DataCheck = {
      level: 'warning',
      column,
      message: `${column} has ${plural(stats.millisecondsCount, 'value')} above 10^11, which look like milliseconds${where(stats.millisecondsExample, stats.millisecondsCount, true)}. Divide by 1000 to get epoch seconds, or events land far in the future.`,
    };
    checks.push(located(check, stats.millisecondsExample, true));
  }
  return checks;
}

/**
 * The basic checks of a dataset file (SPEC §4.3, §5.1, §5.2, §5.5): required columns, null
 * and over-long ids, timestamp units, too few interactions, too few active users. Every
 * finding names its column and says how to fix it. `error` blocks import; `warning` does not.
 */
export function buildDataChecks(stats: PreviewStats): DataCheck[] {
  const checks: DataCheck[] = [];
  const required = REQUIRED_COLUMNS[stats.datasetType];
  for (const canonical of required) {
    const found = resolveColumn(stats.columns, canonical);
    if (found === undefined) {
      checks.push({
        level: 'error',
        column: canonical,
        message: `Required column ${canonical} is missing${stats.fileName === undefined ? '' : ` from ${stats.fileName}`} for ${stats.datasetType}. Add it, or rename the column that holds it to ${canonical}.`,
      });
    } else if (found !== canonical) {
      checks.push({
        level: 'error',
        column: found,
        message: `Column "${found}" must be named exactly ${canonical} (Personalize maps columns by header name). Rename it.`,
      });
    }
  }
  for (const [canonical, idStats] of Object.entries(stats.ids)) checks.push(...idChecks(canonical, idStats, required.includes(canonical)));
  for (const [canonical, tsStats] of Object.entries(stats.timestamps)) {
    checks.push(...timestampChecks(tsStats, required.includes(canonical)));
  }
  if (stats.datasetType !== 'interactions' && stats.columns.length < 2) {
    const [id, label, example] = stats.datasetType === 'items' ? ['ITEM_ID', 'An Items', 'GENRES'] : ['USER_ID', 'A Users', 'MEMBERSHIP'];
    checks.push({
      level: 'error',
      column: stats.columns[0]?.name ?? id,
      message: `${label} dataset needs at least one metadata column besides ${id} (e.g. ${example})${stats.fileName === undefined ? '' : `; ${stats.fileName} has only ${stats.columns.map((column) => column.name).join(', ')}`}. Add one or skip this file.`,
    });
  }
  if (stats.datasetType === 'interactions') {
    if (stats.rowCount < MIN_IMPORT_INTERACTIONS) {
      checks.push({
        level: 'error',
        message: `${stats.fileName ?? 'The file'} has ${plural(stats.rowCount, 'interaction')}; an import needs at least ${MIN_IMPORT_INTERACTIONS.toLocaleString('en-US')}. Add more history.`,
      });
    }
    if (stats.activeUsers !== undefined && stats.activeUsers < MIN_USERS_WITH_TWO_INTERACTIONS) {
      checks.push({
        level: 'warning',
        column: stats.ids.USER_ID?.column ?? 'USER_ID',
        message: `Only ${plural(stats.activeUsers, 'user')} have ${MIN_INTERACTIONS_PER_ACTIVE_USER} or more interactions; training needs at least ${MIN_USERS_WITH_TWO_INTERACTIONS}. Add more users' history.`,
      });
    }
    if (stats.distinctUsers !== undefined) {
      checks.push({
        level: 'info',
        message: `${plural(stats.rowCount, 'interaction')} from ${plural(stats.distinctUsers, 'user')}${stats.activeUsers === undefined ? '' : `, ${plural(stats.activeUsers, 'user')} with 2 or more`}.`,
      });
    }
  } else {
    checks.push({ level: 'info', message: `${plural(stats.rowCount, stats.datasetType === 'items' ? 'item row' : 'user row')}, ${plural(stats.columns.length, 'column')}.` });
  }
  return checks;
}
