import type { DataCheck } from '../../shared/ipc/contract.js';

/** Dataset types the preview checks know. */
export type PreviewDatasetType = 'interactions' | 'items';

/** Longest id Personalize accepts, in characters (SPEC §4.3, §5.1). */
export const MAX_ID_LENGTH = 256;
/** Fewest interaction records an import job accepts (SPEC §5.2). */
export const MIN_INTERACTIONS = 1000;
/** Fewest users with {@link MIN_INTERACTIONS_PER_USER} interactions that training needs (SPEC §5.5). */
export const MIN_ACTIVE_USERS = 25;
/** Interactions a user needs to count as active for training (SPEC §5.5). */
export const MIN_INTERACTIONS_PER_USER = 2;
/** Epoch values above this look like milliseconds, not seconds (SPEC §5.1). */
export const MILLISECONDS_THRESHOLD = 1e11;

/** Required columns per dataset type (SPEC §4.3). */
export const REQUIRED_COLUMNS: Readonly<Record<PreviewDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
  items: ['ITEM_ID'],
};

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
}

/** Statistics of a timestamp column (TIMESTAMP, CREATION_TIMESTAMP). */
export interface TimestampStats {
  readonly column: string;
  readonly type: string;
  readonly nullCount: number;
  /** Values above {@link MILLISECONDS_THRESHOLD} (numeric columns only). */
  readonly millisecondsCount: number;
  /** Values with a fractional part (numeric columns only). */
  readonly nonIntegerCount: number;
}

/** What {@link buildDataChecks} needs: gathered by previewCsv in one or two scans. */
export interface PreviewStats {
  readonly datasetType: PreviewDatasetType;
  readonly rowCount: number;
  /** Every column of the file with its DuckDB type. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Id columns found (exactly or case-insensitively), keyed by canonical name (`USER_ID`). */
  readonly ids: Readonly<Record<string, IdColumnStats>>;
  /** Timestamp columns found, keyed by canonical name. */
  readonly timestamps: Readonly<Record<string, TimestampStats>>;
  /** Distinct USER_ID values (interactions only). */
  readonly distinctUsers?: number;
  /** Users with at least {@link MIN_INTERACTIONS_PER_USER} interactions (interactions only). */
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

function idChecks(canonical: string, stats: IdColumnStats): DataCheck[] {
  const checks: DataCheck[] = [];
  const { column } = stats;
  if (stats.nullCount > 0) {
    checks.push({
      level: 'error',
      column,
      message: `${column} is empty in ${plural(stats.nullCount, 'row')}; Personalize rejects null ids. Drop those rows or fill in the id.`,
    });
  }
  if (stats.maxLength > MAX_ID_LENGTH) {
    checks.push({
      level: 'error',
      column,
      message: `${column} has values up to ${stats.maxLength} characters; ids may have at most ${MAX_ID_LENGTH}. Shorten or hash the long ids.`,
    });
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

function timestampChecks(stats: TimestampStats, required: boolean): DataCheck[] {
  const checks: DataCheck[] = [];
  const { column } = stats;
  if (stats.nullCount > 0 && required) {
    checks.push({
      level: 'error',
      column,
      message: `${column} is empty in ${plural(stats.nullCount, 'row')}; it is required. Drop those rows or fill in the time.`,
    });
  }
  if (!isIntegerType(stats.type) && !isFractionalType(stats.type)) {
    checks.push({
      level: 'error',
      column,
      message: `${column} is read as ${stats.type}, not Unix epoch seconds. Convert it to whole seconds since 1970-01-01 UTC (e.g. 1577836800).`,
    });
    return checks;
  }
  if (stats.nonIntegerCount > 0) {
    checks.push({
      level: 'error',
      column,
      message: `${column} has ${plural(stats.nonIntegerCount, 'value')} with a fractional part; Personalize needs a long. Round to whole epoch seconds.`,
    });
  }
  if (stats.millisecondsCount > 0) {
    checks.push({
      level: 'warning',
      column,
      message: `${column} has ${plural(stats.millisecondsCount, 'value')} above 10^11, which look like milliseconds. Divide by 1000 to get epoch seconds, or events land far in the future.`,
    });
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
        message: `Required column ${canonical} is missing for ${stats.datasetType}. Add it, or rename the column that holds it to ${canonical}.`,
      });
    } else if (found !== canonical) {
      checks.push({
        level: 'error',
        column: found,
        message: `Column "${found}" must be named exactly ${canonical} (Personalize maps columns by header name). Rename it.`,
      });
    }
  }
  for (const [canonical, idStats] of Object.entries(stats.ids)) checks.push(...idChecks(canonical, idStats));
  for (const [canonical, tsStats] of Object.entries(stats.timestamps)) {
    checks.push(...timestampChecks(tsStats, required.includes(canonical)));
  }
  if (stats.datasetType === 'items' && stats.columns.length < 2) {
    checks.push({
      level: 'error',
      column: stats.columns[0]?.name ?? 'ITEM_ID',
      message: 'An Items dataset needs at least one metadata column besides ITEM_ID (e.g. GENRES). Add one or skip the items file.',
    });
  }
  if (stats.datasetType === 'interactions') {
    if (stats.rowCount < MIN_INTERACTIONS) {
      checks.push({
        level: 'error',
        message: `The file has ${plural(stats.rowCount, 'interaction')}; an import needs at least ${MIN_INTERACTIONS.toLocaleString('en-US')}. Add more history.`,
      });
    }
    if (stats.activeUsers !== undefined && stats.activeUsers < MIN_ACTIVE_USERS) {
      checks.push({
        level: 'warning',
        column: stats.ids.USER_ID?.column ?? 'USER_ID',
        message: `Only ${plural(stats.activeUsers, 'user')} have ${MIN_INTERACTIONS_PER_USER} or more interactions; training needs at least ${MIN_ACTIVE_USERS}. Add more users' history.`,
      });
    }
    if (stats.distinctUsers !== undefined) {
      checks.push({
        level: 'info',
        message: `${plural(stats.rowCount, 'interaction')} from ${plural(stats.distinctUsers, 'user')}${stats.activeUsers === undefined ? '' : `, ${plural(stats.activeUsers, 'user')} with 2 or more`}.`,
      });
    }
  } else {
    checks.push({ level: 'info', message: `${plural(stats.rowCount, 'item row')}, ${plural(stats.columns.length, 'column')}.` });
  }
  return checks;
}
