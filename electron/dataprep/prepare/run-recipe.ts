/**
 * Runs a data-prep recipe (shared/prepare/recipe.ts) with DuckDB, out of core: the source file
 * and the joined files are read as text through their detected dialect and encoding (csv-open;
 * the source in the recipe's `encoding` when it names one),
 * each output's SQL (shared/prepare/recipe-sql.ts) is copied into a new UTF-8, comma-separated
 * CSV with an unquoted header, and its schema written beside it. Customer files are only read.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../../shared/errors.js';
import { checkRecipe, type Recipe } from '../../../shared/prepare/recipe.js';
import {
  buildOutputQuery,
  sqlString,
  stageCountsSql,
  type OutputQuery,
} from '../../../shared/prepare/recipe-sql.js';
import { inferSchema, type PersonalizeSchema } from '../../../shared/schema-inference.js';
import type { Finding } from '../../../shared/rules/findings.js';
import type { SchemaFinding } from '../../../shared/rules/schema-rules.js';
import { csvSource, openCsv, type OpenedCsv } from '../csv-open.js';
import { assertCsvFile, queryCsv, toNumber, toText, withConnection } from '../duckdb.js';
import { csvProfile, validateCsv } from '../validate-csv.js';
import { lintSchemaWithAvro } from './avro-check.js';

/** Rows of one stage of an output (`Rows read`, `Keep rows where …`, `Drop rows with a blank USER_ID`). */
export interface StageCount {
  readonly label: string;
  readonly rows: number;
}

/** The opened files of a recipe run, and the table expressions over their bound parameters. */
interface OpenedSources {
  readonly source: OpenedCsv;
  readonly joins: readonly OpenedCsv[];
  readonly expressions: { readonly source: string; readonly joins: readonly string[] };
  readonly params: Record<string, string>;
}

/** `read_csv($path, ...)` of csv-open, bound to another parameter name (joined files). */
function rebind(expression: string, parameter: string): string {
  return expression.replace('read_csv($path', `read_csv($${parameter}`);
}

async function openSources(
  connection: DuckDBConnection,
  sourcePath: string,
  recipe: Recipe,
): Promise<OpenedSources> {
  // The recipe's source encoding (an `encoding.latin1` finding's fix), else the detected one.
  const source = await openCsv(
    connection,
    sourcePath,
    recipe.encoding === undefined ? {} : { encoding: recipe.encoding },
  );
  const joins: OpenedCsv[] = [];
  for (const join of recipe.joins) {
    await assertCsvFile(join.path);
    joins.push(await openCsv(connection, join.path));
  }
  const issues = checkRecipe(
    recipe,
    source.columns.map((column) => column.name),
    joins.map((file) => file.columns.map((column) => column.name)),
  );
  if (issues.length > 0)
    throw new AppError(
      'data.invalid',
      `The recipe ${recipe.name} does not fit ${path.basename(sourcePath)}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join(' ')}`,
    );
  const params: Record<string, string> = { path: source.readPath };
  joins.forEach((file, index) => {
    params[`join${index}`] = file.readPath;
  });
  return {
    source,
    joins,
    expressions: {
      source: csvSource(source, 'text'),
      joins: joins.map((file, index) => rebind(csvSource(file, 'text'), `join${index}`)),
    },
    params,
  };
}

async function stageCounts(
  connection: DuckDBConnection,
  query: OutputQuery,
  params: Record<string, string>,
): Promise<StageCount[]> {
  const reader = await connection.runAndReadAll(stageCountsSql(query), params);
  const row = reader.getRowObjectsJS()[0] ?? {};
  return query.stages.map((stage, index) => ({
    label: stage.label,
    rows: toNumber(row[`stage${index}`]),
  }));
}

/** What {@link previewRecipe} shows of one output. */
export interface RecipePreview {
  readonly sql: string;
  readonly columns: readonly string[];
  /** The first rows of the output, as they will be written (empty cells as null). */
  readonly rows: readonly Record<string, string | null>[];
  readonly stages: readonly StageCount[];
  /** Source columns and the file's detected encoding and separator. */
  readonly sourceColumns: readonly string[];
  readonly encoding: string;
  readonly delimiter: string;
}

/**
 * Runs `recipe.outputs[outputIndex]` on `sourcePath` without writing anything: its SQL, its
 * first `limit` rows and the rows left after each stage (exact counts).
 *
 * @throws AppError `file.*`, `data.invalid` (the recipe names a column the file lacks, or the
 *   file is not readable as CSV).
 */
export async function previewRecipe(
  sourcePath: string,
  recipe: Recipe,
  outputIndex: number,
  limit = 50,
): Promise<RecipePreview> {
  await assertCsvFile(sourcePath);
  return queryCsv(sourcePath, () =>
    withConnection(async (connection) => {
      const opened = await openSources(connection, sourcePath, recipe);
      const query = buildOutputQuery(recipe, outputIndex, opened.expressions);
      const reader = await connection.runAndReadAll(
        `${query.sql}\nLIMIT ${Math.max(1, Math.min(1000, Math.floor(limit)))}`,
        opened.params,
      );
      const columns = reader.columnNames();
      const rows = reader
        .getRowObjectsJS()
        .map((row) =>
          Object.fromEntries(
            columns.map((name) => [name, row[name] === null ? null : toText(row[name])]),
          ),
        );
      return {
        sql: query.sql,
        columns,
        rows,
        stages: await stageCounts(connection, query, opened.params),
        sourceColumns: opened.source.columns.map((column) => column.name),
        encoding: opened.source.encoding.encoding,
        delimiter: opened.source.delimiter,
      };
    }),
  );
}

/** One file a recipe run wrote. */
export interface PreparedFile {
  readonly datasetType: Recipe['outputs'][number]['datasetType'];
  /** The CSV written (UTF-8, comma-separated, header not quoted). */
  readonly path: string;
  /** The schema JSON written beside it (`<name>.schema.json`). */
  readonly schemaPath: string;
  readonly schema: PersonalizeSchema | Record<string, unknown>;
  readonly schemaSource: 'recipe' | 'inferred';
  readonly schemaFindings: readonly SchemaFinding[];
  readonly rows: number;
  readonly stages: readonly StageCount[];
  readonly sql: string;
  /** Validation of the written file against its schema (the service's data rules). */
  readonly findings: readonly Finding[];
}

/** Options of {@link runRecipe}. */
export interface RunRecipeOptions {
  /** Folder of the new files (created); must not hold the source or a joined file. */
  readonly outDir: string;
  /** Aborts the run: the DuckDB query in progress is interrupted and the staged files removed. */
  readonly signal?: AbortSignal;
  /** Called before each output is written and checked, with its index and the number of outputs. */
  readonly onProgress?: (step: string, done: number, total: number) => void | Promise<void>;
  /**
   * Called after each output is written (still under its staging name), with its exact row
   * count (rows, counted after the `COPY`: DuckDB reports no progress during one) and the rows
   * of every output written so far, in order.
   */
  readonly onFileWritten?: (
    written: readonly { readonly fileName: string; readonly rows: number }[],
    total: number,
  ) => void | Promise<void>;
}

/**
 * Folder inside `outDir` where a run writes its files before they are complete: moved into
 * `outDir` only once every output is written and checked; removed when the run fails, is
 * cancelled, or (left by a process that was killed) when the next run in that folder starts.
 */
export const EXPORT_STAGING_DIR = '.poc-studio-export.partial';

/** Read through a call: TypeScript would keep `signal.aborted` narrowed across awaits. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function cancelled(): AppError {
  return new AppError('job.cancelled', 'The export was cancelled.');
}

function schemaPathOf(csvPath: string): string {
  return csvPath.replace(/\.csv$/u, '.schema.json');
}

/**
 * Replays a recipe on `sourcePath` and writes every output into `outDir`: `<fileName>` and
 * `<name>.schema.json` (the recipe's edited schema, or the schema inferred from the written
 * file), then validates each written file against its schema. Everything is first written into
 * {@link EXPORT_STAGING_DIR} and moved into `outDir` only after the last output is checked, so a
 * failed, cancelled or killed run never leaves a half-written file under an output's name; a
 * failed or cancelled run removes its staged files.
 *
 * @throws AppError `file.*`; `data.invalid` when the recipe does not fit the file, or an output
 *   would overwrite the source or a joined file (customer files are never modified);
 *   `job.cancelled` when `signal` aborts.
 */
export async function runRecipe(
  sourcePath: string,
  recipe: Recipe,
  options: RunRecipeOptions,
): Promise<PreparedFile[]> {
  await assertCsvFile(sourcePath);
  const outDir = path.resolve(options.outDir);
  const protectedPaths = new Set(
    [sourcePath, ...recipe.joins.map((join) => join.path)].map((file) => path.resolve(file)),
  );
  for (const output of recipe.outputs) {
    const target = path.join(outDir, output.fileName);
    if (protectedPaths.has(target) || protectedPaths.has(schemaPathOf(target)))
      throw new AppError(
        'data.invalid',
        `${target} is one of the recipe's input files; customer files are never overwritten. Choose another output folder.`,
      );
  }
  const staging = path.join(outDir, EXPORT_STAGING_DIR);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const prepared = await writeStaged(sourcePath, recipe, staging, options);
    if (isAborted(options.signal)) throw cancelled();
    for (const file of prepared) {
      await rename(file.path, path.join(outDir, path.basename(file.path)));
      await rename(file.schemaPath, path.join(outDir, path.basename(file.schemaPath)));
    }
    return prepared.map((file) => ({
      ...file,
      path: path.join(outDir, path.basename(file.path)),
      schemaPath: path.join(outDir, path.basename(file.schemaPath)),
    }));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeStaged(
  sourcePath: string,
  recipe: Recipe,
  staging: string,
  options: RunRecipeOptions,
): Promise<PreparedFile[]> {
  const { signal } = options;
  const written = await queryCsv(sourcePath, () =>
    withConnection(async (connection) => {
      const interrupt = (): void => connection.interrupt();
      signal?.addEventListener('abort', interrupt, { once: true });
      try {
        const opened = await openSources(connection, sourcePath, recipe);
        const files: { index: number; path: string; query: OutputQuery; stages: StageCount[] }[] =
          [];
        for (const [index, output] of recipe.outputs.entries()) {
          if (isAborted(signal)) throw cancelled();
          await options.onProgress?.(`Writing ${output.fileName}`, index, recipe.outputs.length);
          const query = buildOutputQuery(recipe, index, opened.expressions);
          const target = path.join(staging, output.fileName);
          await connection.run(
            `COPY (${query.sql}) TO ${sqlString(target)} (FORMAT csv, HEADER true, DELIMITER ',')`,
            opened.params,
          );
          if (isAborted(signal)) throw cancelled();
          files.push({
            index,
            path: target,
            query,
            stages: await stageCounts(connection, query, opened.params),
          });
          await options.onFileWritten?.(
            files.map((file) => ({
              fileName: path.basename(file.path),
              rows: file.stages.at(-1)?.rows ?? 0,
            })),
            recipe.outputs.length,
          );
        }
        return files;
      } catch (error) {
        throw isAborted(signal) ? cancelled() : error;
      } finally {
        signal?.removeEventListener('abort', interrupt);
      }
    }),
  );
  const prepared: PreparedFile[] = [];
  for (const file of written) {
    const output = recipe.outputs[file.index];
    if (output === undefined) continue;
    if (isAborted(signal)) throw cancelled();
    await options.onProgress?.(
      `Checking ${output.fileName}`,
      file.index + 1,
      recipe.outputs.length,
    );
    let schema: PersonalizeSchema | Record<string, unknown>;
    let schemaFindings: readonly SchemaFinding[];
    if (output.schema !== undefined) {
      schema = output.schema;
      schemaFindings = lintSchemaWithAvro(JSON.stringify(schema), output.datasetType).findings;
    } else {
      schema = inferSchema(
        output.datasetType,
        await csvProfile(file.path, output.datasetType),
      ).schema;
      schemaFindings = lintSchemaWithAvro(JSON.stringify(schema), output.datasetType).findings;
    }
    const schemaPath = schemaPathOf(file.path);
    await writeFile(schemaPath, `${JSON.stringify(schema, null, 2)}\n`, 'utf8');
    const fields = Array.isArray(schema.fields)
      ? (schema.fields as { name: string; type: string | string[] }[])
      : undefined;
    const validation = await validateCsv(file.path, {
      datasetType: output.datasetType,
      ...(fields === undefined ? {} : { schema: { fields } }),
    });
    const rows = file.stages.at(-1)?.rows ?? 0;
    prepared.push({
      datasetType: output.datasetType,
      path: file.path,
      schemaPath,
      schema,
      schemaSource: output.schema === undefined ? 'inferred' : 'recipe',
      schemaFindings,
      rows,
      stages: file.stages,
      sql: file.query.sql,
      findings: validation.findings,
    });
  }
  return prepared;
}

/** Size in bytes of a written file (for the export summary). */
export async function fileSize(filePath: string): Promise<number> {
  return (await stat(filePath)).size;
}
