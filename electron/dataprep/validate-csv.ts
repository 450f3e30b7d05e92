import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvProfile } from '../../shared/dataprep.js';
import { AppError } from '../../shared/errors.js';
import {
  emptyFileFinding,
  headerOnlyFinding,
  validateDataset,
  type DatasetStats,
  type ReferenceStats,
  type RuleDatasetType,
  type RuleSchemaField,
} from '../../shared/rules/dataset-rules.js';
import type { Finding } from '../../shared/rules/findings.js';
import { inferSchema, type PersonalizeSchema } from '../../shared/schema-inference.js';
import { isEmptyCsv } from './csv-format.js';
import { csvSource, openCsv, type OpenedCsv } from './csv-open.js';
import type { EncodingChoice } from '../../shared/ipc/data.js';
import {
  gatherStats,
  referenceStats,
  typeMismatchStats,
  type GatheredStats,
} from './dataset-stats.js';
import { assertCsvFile, queryCsv, withConnection, withJobConnection } from './duckdb.js';
import { isEncodingError, readHead } from './encoding.js';
import { FileCache } from './file-cache.js';
import { mappingColumns } from './mapping-stats.js';
import type { MappingColumn } from '../../shared/rules/column-mapping.js';

/** What {@link validateCsv} checks a file against. */
export interface ValidateOptions {
  readonly datasetType: RuleDatasetType;
  /** The schema the file will be imported with; without it the inferred schema is used. */
  readonly schema?: { readonly fields: readonly RuleSchemaField[] };
  /** Items file whose ITEM_IDs the interactions' ITEM_IDs should match (interactions only). */
  readonly itemsFile?: string;
  /** Users file whose USER_IDs the interactions' USER_IDs should match (interactions only). */
  readonly usersFile?: string;
  /** Validation time in epoch seconds (default: now), for future timestamps. */
  readonly now?: number;
  /** Read the file with this encoding instead of the detected one (cached apart). */
  readonly encoding?: EncodingChoice;
}

/** The result of validating one file. */
export interface CsvValidation {
  readonly path: string;
  readonly datasetType: RuleDatasetType;
  /** Data rows read (malformed rows excluded), exact. */
  readonly rowCount: number;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Exact distinct counts of the key columns (USER_ID, ITEM_ID, EVENT_TYPE), by file column name. */
  readonly distinct: Readonly<Record<string, number>>;
  /** Column profile (distinct counts approximate except the key columns; 0 where not counted: numbers). */
  readonly profile: CsvProfile;
  /** The schema checked against: the one given, or the inferred one. */
  readonly schema?: PersonalizeSchema | { readonly fields: readonly RuleSchemaField[] };
  readonly schemaSource?: 'declared' | 'inferred';
  readonly findings: readonly Finding[];
}

/** One opened file and its statistics per dataset type, valid while the file is unchanged. */
interface FileMemo {
  opened?: Promise<OpenedCsv>;
  readonly stats: Map<RuleDatasetType, Promise<GatheredStats>>;
  /** The mapping guess's figures read on their own (no validation gathered yet). */
  mapping?: Promise<MappingColumn[]>;
}

const memos = new FileCache<FileMemo>(() => Promise.resolve({ stats: new Map() }), 'File');

/** Opens the file (cached per path, size and mtime); retries with Latin-1 or a full type sniff when the first read says so. */
async function statsFor(
  path: string,
  datasetType: RuleDatasetType,
  now: number,
  encoding?: EncodingChoice,
): Promise<{ opened: OpenedCsv; stats: GatheredStats }> {
  const memo = await memos.get(path, encoding);
  const build = async (): Promise<{ opened: OpenedCsv; stats: GatheredStats }> =>
    withJobConnection(async (connection) => {
      let opened = await openWithFallback(connection, path, encoding);
      let stats = await gatherStats(connection, opened, datasetType, now);
      if (stats.castErrors > 0 && !opened.fullSample) {
        // A value past DuckDB's type sample does not fit the sniffed type: sniff the whole file.
        opened = await openCsv(connection, path, {
          fullSample: true,
          latin1: opened.encoding.duckdb === 'latin-1',
          ...(encoding === undefined ? {} : { encoding }),
        });
        stats = await gatherStats(connection, opened, datasetType, now);
      }
      if (
        encoding === undefined &&
        opened.encoding.duckdb === 'utf-8' &&
        stats.malformed.some((row) => row.problem.startsWith('INVALID ENCODING'))
      ) {
        // The first 64 KB were UTF-8, a later byte is not: read the whole file as Latin-1.
        opened = await openCsv(connection, path, { latin1: true, fullSample: opened.fullSample });
        stats = await gatherStats(connection, opened, datasetType, now);
      }
      return { opened, stats };
    });
  const key = datasetType;
  let cached = memo.stats.get(key);
  if (cached === undefined) {
    const both = build();
    memo.opened = both.then((result) => result.opened);
    memo.opened.catch(() => undefined);
    cached = both.then((result) => result.stats);
    memo.stats.set(key, cached);
    cached.catch(() => memo.stats.delete(key));
  }
  const stats = await cached;
  const opened = await (memo.opened ?? Promise.reject(new Error('file not opened')));
  return { opened, stats };
}

/**
 * The file's statistics for `datasetType` as {@link validateCsv} gathers them (one read of the
 * file, shared: cached per path, size, mtime and encoding, so the profile of a validated file
 * does not read it again, nor validation after a profile). `now` (epoch seconds) applies when
 * nothing is cached yet.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function fileStats(
  path: string,
  datasetType: RuleDatasetType,
  encoding?: EncodingChoice,
  now = Math.floor(Date.now() / 1000),
): Promise<{ opened: OpenedCsv; stats: GatheredStats }> {
  await assertCsvFile(path);
  return queryCsv(path, () => statsFor(path, datasetType, now, encoding));
}

async function openWithFallback(
  connection: DuckDBConnection,
  path: string,
  encoding?: EncodingChoice,
): Promise<OpenedCsv> {
  // A chosen encoding is read as chosen: no fallback to another one.
  if (encoding !== undefined) return openCsv(connection, path, { encoding });
  try {
    return await openCsv(connection, path);
  } catch (error) {
    if (!isEncodingError(error)) throw error;
    return openCsv(connection, path, { latin1: true });
  }
}

/**
 * The column profile schema inference reads (shared/schema-inference.ts), from the shared scan
 * of {@link fileStats} (cached per path, size, mtime and encoding, so a later validation of the
 * same file does not read it again): exact row count, nulls, longest value in characters, `|`,
 * and exact distinct counts of the text and key columns (0 for numeric columns, where inference
 * does not read them). An empty file has no columns and no rows.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function csvProfile(
  path: string,
  datasetType: RuleDatasetType,
  encoding?: EncodingChoice,
): Promise<CsvProfile> {
  await assertCsvFile(path);
  if (await isEmptyCsv(path)) return { path, rowCount: 0, columns: [] };
  return toProfile(path, (await fileStats(path, datasetType, encoding)).stats);
}

/** The column profile schema inference reads. */
function toProfile(path: string, stats: GatheredStats): CsvProfile {
  return {
    path,
    rowCount: stats.rowCount,
    columns: stats.columns.map((column) => ({
      name: column.name,
      duckdbType: column.type,
      distinctCount: column.distinct ?? 0,
      nullCount: column.nullCount,
      maxLength: column.maxLength,
      hasPipe: column.pipeCount > 0,
    })),
  };
}

async function openReference(path: string): Promise<OpenedCsv> {
  await assertCsvFile(path);
  return queryCsv(path, () => withConnection((connection) => openWithFallback(connection, path)));
}

/**
 * Validates a dataset file with Personalize's rules (shared/rules/dataset-rules.ts, SPEC §4,
 * §5): one pass of aggregate queries gathers the statistics, the pure rules turn them into
 * findings. The file is read, never modified. A Latin-1 / Windows-1252 or UTF-16 file is read
 * in its encoding and reported as a finding with a fix; malformed rows are reported with their
 * line numbers. Statistics are cached per path, size and mtime, so a second call (another
 * page of the preview, the CLI after the app) does not re-scan an unchanged file.
 *
 * @throws AppError `file.notFound`, `file.unreadable` (folder), `data.invalid` (DuckDB cannot
 *   parse the file at all).
 */
export async function validateCsv(path: string, options: ValidateOptions): Promise<CsvValidation> {
  await assertCsvFile(path);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const fileName = basename(path);
  const datasetType = options.datasetType;
  if (await isEmptyCsv(path)) {
    const findings = validateDataset(emptyStats(fileName, datasetType, now));
    return {
      path,
      datasetType,
      rowCount: 0,
      columns: [],
      distinct: {},
      profile: { path, rowCount: 0, columns: [] },
      findings,
    };
  }
  const { opened, stats } = await queryCsv(path, () =>
    statsFor(path, datasetType, now, options.encoding),
  );
  const profile = toProfile(path, stats);
  const declared = options.schema;
  const inferred =
    declared === undefined && stats.rowCount > 0
      ? inferSchema(datasetType, profile).schema
      : undefined;
  const schema = declared ?? inferred;
  const mismatchChecks = (declared?.fields ?? []).flatMap((field) => {
    const column = stats.columns.find((candidate) => candidate.name === field.name);
    const avroType =
      typeof field.type === 'string'
        ? field.type
        : (field.type.find((part) => part !== 'null') ?? 'null');
    return column !== undefined && column.type.toUpperCase() === 'VARCHAR' && avroType !== 'string'
      ? [{ column: column.name, avroType }]
      : [];
  });
  const typeMismatches =
    mismatchChecks.length === 0
      ? undefined
      : await queryCsv(path, () =>
          withJobConnection((connection) => typeMismatchStats(connection, opened, mismatchChecks)),
        );
  const references: ReferenceStats[] = [];
  if (datasetType === 'interactions') {
    for (const [kind, file, canonical] of [
      ['items', options.itemsFile, 'ITEM_ID'],
      ['users', options.usersFile, 'USER_ID'],
    ] as const) {
      if (file === undefined) continue;
      const column = stats.ids[canonical]?.column;
      if (column === undefined) continue;
      const reference = await openReference(file);
      references.push(
        await queryCsv(path, () =>
          withJobConnection((connection) =>
            referenceStats(connection, opened, column, reference, kind, basename(file)),
          ),
        ),
      );
    }
  }
  const datasetStats: DatasetStats = {
    datasetType,
    fileName,
    rowCount: stats.rowCount,
    delimiter: opened.delimiter,
    hasHeader: opened.sniff.hasHeader,
    quotedHeader: opened.quotedHeader,
    encoding: opened.encoding.encoding,
    ...(opened.encoding.byteOrder === undefined ? {} : { byteOrder: opened.encoding.byteOrder }),
    ...(opened.encodingExample === undefined ? {} : { encodingExample: opened.encodingExample }),
    malformedCount: stats.malformedCount,
    malformed: stats.malformed,
    columns: stats.columns,
    ids: stats.ids,
    timestamps: stats.timestamps,
    ...(stats.distinctUsers === undefined ? {} : { distinctUsers: stats.distinctUsers }),
    ...(stats.activeUsers === undefined ? {} : { activeUsers: stats.activeUsers }),
    ...(stats.eventTypes === undefined ? {} : { eventTypes: stats.eventTypes }),
    ...(stats.duplicateRows === undefined ? {} : { duplicateRows: stats.duplicateRows }),
    ...(stats.reversals === undefined ? {} : { reversals: stats.reversals }),
    ...(stats.productCodes === undefined ? {} : { productCodes: stats.productCodes }),
    references,
    ...(typeMismatches === undefined ? {} : { typeMismatches }),
    ...(schema === undefined
      ? {}
      : {
          schema: {
            fields: schema.fields,
            source: declared === undefined ? 'inferred' : 'declared',
          },
        }),
    now,
  };
  return {
    path,
    datasetType,
    rowCount: stats.rowCount,
    columns: opened.columns,
    distinct: stats.distinct,
    profile,
    ...(schema === undefined
      ? {}
      : { schema, schemaSource: declared === undefined ? 'inferred' : 'declared' }),
    findings: validateDataset(datasetStats),
  };
}

function emptyStats(fileName: string, datasetType: RuleDatasetType, now: number): DatasetStats {
  return {
    datasetType,
    fileName,
    rowCount: 0,
    empty: true,
    delimiter: ',',
    hasHeader: false,
    quotedHeader: false,
    encoding: 'utf-8',
    malformedCount: 0,
    malformed: [],
    columns: [],
    ids: {},
    timestamps: {},
    now,
  };
}

/**
 * The file opened as {@link validateCsv} opens it (encoding, separator, header, DuckDB types),
 * cached per path, size and mtime: one sniff per file version, shared by the grid, the profile
 * and validation. The file is never modified. With `encoding` the file is read with that
 * encoding instead of the detected one, cached apart from the detected reading.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (not readable as CSV).
 */
export async function openFile(path: string, encoding?: EncodingChoice): Promise<OpenedCsv> {
  await assertCsvFile(path);
  const memo = await memos.get(path, encoding);
  const opening =
    memo.opened ??
    queryCsv(path, () =>
      withConnection((connection) => openWithFallback(connection, path, encoding)),
    );
  memo.opened = opening;
  opening.catch(() => {
    if (memo.opened === opening) memo.opened = undefined;
  });
  return opening;
}

/**
 * The file-level errors a file shows before any scan: `file.empty` (no bytes besides a BOM and
 * blank lines) or `file.headerOnly` (a header and no data row), from the shared rules
 * (shared/rules/dataset-rules.ts); none for a file with rows. Cheap: the first 64 KB and one
 * row of the file are read, so "Read columns" can say it at once, before validation.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function fileLevelFindings(
  path: string,
  encoding?: EncodingChoice,
): Promise<Finding[]> {
  await assertCsvFile(path);
  const fileName = basename(path);
  if (await isEmptyCsv(path)) return [emptyFileFinding(fileName)];
  const opened = await openFile(path, encoding);
  if (!opened.sniff.hasHeader) return [];
  const hasRow = await queryCsv(path, () =>
    withConnection(async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT 1 FROM ${csvSource(opened, 'text')} LIMIT 1`,
        { path: opened.readPath },
      );
      return reader.getRowObjectsJS().length > 0;
    }),
  );
  if (hasRow) return [];
  // Rows DuckDB skipped as malformed are still rows: validation reports them by line.
  const lines = (await readHead(path, 64 * 1024))
    .toString('latin1')
    .replaceAll('\u0000', '')
    .split(/\r?\n/u)
    .filter((line) => line.trim() !== '');
  if (lines.length > 1) return [];
  return [
    headerOnlyFinding(
      fileName,
      opened.columns.map((column) => column.name),
    ),
  ];
}

/**
 * The columns of a CSV with DuckDB's types (the file opened as {@link validateCsv} opens it,
 * cached per path, size and mtime), e.g. to pick the dataset type before validating.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function csvColumns(
  path: string,
): Promise<readonly { readonly name: string; readonly type: string }[]> {
  await assertCsvFile(path);
  if (await isEmptyCsv(path)) return [];
  return (await openFile(path)).columns;
}

/** The mapping guess's figures of each column, from statistics a validation gathered. */
function mappingOf(stats: GatheredStats): MappingColumn[] {
  return stats.columns.map((column) => ({
    name: column.name,
    type: column.type,
    nullCount: column.nullCount,
    maxLength: column.maxLength,
    pipeCount: column.pipeCount,
    // As mappingColumns counts them: exact distinct values of text columns only.
    ...(column.type.toUpperCase() === 'VARCHAR' && column.distinct !== undefined
      ? { distinct: column.distinct }
      : {}),
    ...(column.samples === undefined ? {} : { samples: column.samples }),
  }));
}

/**
 * What the column mapping guess reads of each column (shared/rules/column-mapping.ts: nulls,
 * longest value, `|`, exact distinct counts of text columns, the first values as written) of the
 * file opened as {@link openFile} opens it. Taken from the statistics a validation or profile of
 * this file version already gathered (for any dataset type: these figures do not depend on it),
 * else read once on their own and cached per path, size and mtime: so "Read columns" after the
 * Data step has checked the file does not read the file again.
 *
 * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid`.
 */
export async function fileMappingColumns(
  path: string,
): Promise<{ opened: OpenedCsv; columns: MappingColumn[] }> {
  await assertCsvFile(path);
  const memo = await memos.get(path);
  for (const gathered of memo.stats.values()) {
    const stats = await gathered.catch(() => undefined);
    const opened = await memo.opened?.catch(() => undefined);
    if (stats !== undefined && opened !== undefined) return { opened, columns: mappingOf(stats) };
  }
  const opened = await openFile(path);
  if (memo.mapping === undefined) {
    const reading = queryCsv(path, () =>
      withJobConnection((connection) => mappingColumns(connection, opened)),
    );
    memo.mapping = reading;
    reading.catch(() => {
      if (memo.mapping === reading) memo.mapping = undefined;
    });
  }
  return { opened, columns: await memo.mapping };
}

/** The opened layout of a file validated before (cached), for the preview's first rows. */
export async function openedCsv(
  path: string,
  encoding?: EncodingChoice,
): Promise<OpenedCsv | undefined> {
  const memo = await memos.get(path, encoding);
  return memo.opened;
}

/** Parses a schema file's JSON (an Avro record with `fields`) for {@link ValidateOptions.schema}. */
export function parseSchemaJson(
  text: string,
  source: string,
): { readonly fields: readonly RuleSchemaField[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'input.invalid',
      `${source} is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
      { cause: error },
    );
  }
  const fields = (parsed as { fields?: unknown } | null)?.fields;
  if (
    !Array.isArray(fields) ||
    fields.some((field) => typeof (field as { name?: unknown }).name !== 'string')
  ) {
    throw new AppError(
      'input.invalid',
      `${source} is not a Personalize schema: it needs a "fields" array of {"name", "type"} objects.`,
    );
  }
  return { fields: fields as RuleSchemaField[] };
}
