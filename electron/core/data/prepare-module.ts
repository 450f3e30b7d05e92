import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertCsvFile } from '../../dataprep/duckdb.js';
import { previewRecipe, runRecipe } from '../../dataprep/prepare/run-recipe.js';
import { fileLevelFindings, fileMappingColumns } from '../../dataprep/validate-csv.js';
import { AppError } from '../../../shared/errors.js';
import { isHomeRelative, outputFolderProblem } from '../../../shared/prepare/output-folder.js';
import { parseRecipe, type Recipe } from '../../../shared/prepare/recipe.js';
import { findingToCheck } from '../../../shared/rules/findings.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import type { CoreHandlers } from '../app/studio-app.js';
import type { JobRunner } from '../jobs/job-registry.js';
import { assertSafeDataFile } from './list-directory.js';
import { PrepareDraftStore, prepareDraftsFile } from './prepare-draft-store.js';

/** Name of the manifest an export writes in its folder: the files the studio wrote there. */
export const EXPORT_MANIFEST = '.poc-studio-export.json';

/** The studio's data folder (`<userDataDir>`, two levels above a workspace's work dir). */
function studioDataDir(deps: StudioDeps, workspaceId: string): string {
  return path.resolve(deps.workspaces.get(workspaceId).context().workDir, '..', '..');
}

/**
 * True when `csvPath` is a file a studio export wrote (listed in its folder's manifest), so that
 * an edited schema may be saved beside it.
 */
export async function isExportedFile(csvPath: string): Promise<boolean> {
  const manifest = await readFile(path.join(path.dirname(csvPath), EXPORT_MANIFEST), 'utf8').catch(
    () => undefined,
  );
  if (manifest === undefined) return false;
  try {
    const files = (JSON.parse(manifest) as { files?: unknown }).files;
    return Array.isArray(files) && files.includes(path.basename(csvPath));
  } catch {
    return false;
  }
}

function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function recipesRoot(deps: StudioDeps, workspaceId: string): string {
  return path.resolve(deps.workspaces.get(workspaceId).context().workDir, 'recipes');
}

/** A recipe name as a folder / file name (`Online Retail` → `online-retail`). */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-|-$/gu, '') || 'recipe'
  );
}

/**
 * Parses a recipe from the renderer.
 * @throws AppError `data.invalid` naming each problem by its path in the recipe.
 */
function requireRecipe(input: unknown): Recipe {
  const parsed = parseRecipe(input);
  if (parsed.ok) return parsed.recipe;
  throw new AppError(
    'data.invalid',
    `The recipe is not valid: ${parsed.issues.map((issue) => `${issue.path === '' ? 'recipe' : issue.path}: ${issue.message}`).join(' ')}`,
  );
}

/** The names of the files an export of `recipe` writes into its folder (each CSV and its schema). */
function exportedNames(recipe: Recipe): string[] {
  return recipe.outputs.flatMap((output) => [
    output.fileName,
    output.fileName.replace(/\.csv$/u, '.schema.json'),
  ]);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The files an export of `recipe` into `outDir` would replace, by name, in the recipe's order. */
async function filesInTheWay(outDir: string, recipe: Recipe): Promise<string[]> {
  const names = exportedNames(recipe);
  const found = await Promise.all(names.map((name) => exists(path.join(outDir, name))));
  return names.filter((_, index) => found[index]);
}

/** `outDir-2`, `outDir-3`…: the first sibling folder where an export of `recipe` replaces nothing. */
async function freeSibling(outDir: string, recipe: Recipe): Promise<string> {
  for (let index = 2; ; index += 1) {
    const candidate = `${outDir}-${index}`;
    if ((await filesInTheWay(candidate, recipe)).length === 0) return candidate;
  }
}

/** What an export job is given (its params): the source, the recipe and where everything goes. */
interface ExportParams {
  readonly path: string;
  readonly recipe: Recipe;
  readonly outDir: string;
  readonly recipePath: string;
}

type ExportOutput = Awaited<ReturnType<CoreHandlers['data.prepareExport']>>;

/**
 * The `data.export` job: replays the recipe into `outDir` (files staged, then moved in once all
 * are checked: see `runRecipe`), with progress in files (`done` of `total` outputs) and one
 * measure per output with its rows written (exact, counted after each file). The folder's
 * manifest is removed before the run and written (temp name, then rename) after it, so files are
 * presented as the studio's export only once complete. After a restart the job runs again from
 * the start: the staged files of the killed run are removed first.
 */
function exportRunner(results: Map<string, ExportOutput>): JobRunner {
  return async (job) => {
    const params = job.job.params as unknown as ExportParams;
    const recipe = requireRecipe(params.recipe);
    const total = recipe.outputs.length;
    const measures = (written: readonly { fileName: string; rows: number }[]) =>
      recipe.outputs.map((output) => {
        const file = written.find((entry) => entry.fileName === output.fileName);
        return {
          label: `Rows written to ${output.fileName}`,
          unit: 'rows',
          done: file?.rows ?? 0,
          ...(file === undefined ? {} : { total: file.rows }),
        };
      });
    let written: readonly { fileName: string; rows: number }[] = [];
    await job.update({
      step: 'Starting the export',
      progress: { done: 0, total, unit: 'files', measures: measures(written) },
    });
    const manifestPath = path.join(params.outDir, EXPORT_MANIFEST);
    await rm(manifestPath, { force: true });
    const files = await runRecipe(params.path, recipe, {
      outDir: params.outDir,
      signal: job.signal,
      onProgress: (step) => job.update({ step }),
      onFileWritten: (entries) => {
        written = entries;
        return job.update({
          progress: { done: entries.length, total, unit: 'files', measures: measures(entries) },
        });
      },
    });
    const partial = `${manifestPath}.${process.pid}.part`;
    await writeFile(
      partial,
      `${JSON.stringify({ recipe: recipe.name, source: params.path, files: files.map((file) => path.basename(file.path)) }, null, 2)}\n`,
      'utf8',
    );
    await rename(partial, manifestPath);
    results.set(job.job.id, {
      outDir: params.outDir,
      recipePath: params.recipePath,
      files: files.map((file) => ({
        datasetType: file.datasetType,
        path: file.path,
        schemaPath: file.schemaPath,
        schema: JSON.stringify(file.schema, null, 2),
        rows: file.rows,
        stages: [...file.stages],
        sql: file.sql,
        errors: file.findings.filter((finding) => finding.severity === 'error').length,
        warnings: file.findings.filter((finding) => finding.severity === 'warning').length,
        findings: file.findings.map(findingToCheck),
      })),
    });
    await job.update({
      step: `Exported ${files.length} file${files.length === 1 ? '' : 's'}`,
      progress: { done: total, total, unit: 'files', measures: measures(written) },
    });
  };
}

/**
 * The data-prep channels of the `data` domain: recipe preview (SQL, rows, stage counts), source
 * columns, export into the workspace's `prepared/` folder (the recipe saved in `recipes/`), the
 * saved recipes, and the unsaved Prepare form of each workspace (prepare-draft-store.ts).
 */
export function prepareModule(deps: StudioDeps): DomainModule {
  const results = new Map<string, ExportOutput>();
  const drafts = new PrepareDraftStore(
    (workspaceId) => prepareDraftsFile(deps.workspaces.get(workspaceId).resources.filePath),
    deps.log,
  );
  // The outcome of each export job under way, shared by every call that waits for it.
  const settling = new Map<string, Promise<ExportOutput>>();
  const settleExport = async (jobId: string): Promise<ExportOutput> => {
    const job = await deps.jobs.whenSettled(jobId);
    const result = results.get(job.id);
    results.delete(job.id);
    if (job.state === 'succeeded' && result !== undefined) return result;
    if (job.state === 'cancelled')
      throw new AppError(
        'job.cancelled',
        'The export was cancelled; its partial files were removed.',
      );
    throw new AppError(
      (job.error?.code ?? 'internal') as ConstructorParameters<typeof AppError>[0],
      job.error?.message ?? `The export ended in state ${job.state}.`,
    );
  };
  return {
    runners: { 'data.export': exportRunner(results) },
    handlers: {
      'data.prepareColumns': async (input) => {
        const filePath = await assertSafeDataFile(input.path);
        await assertCsvFile(filePath);
        // The figures the mapping guess reads, as the Data step's validation has them (taken
        // from it when the file was checked there).
        const { opened, columns } = await fileMappingColumns(filePath);
        const read = {
          columns: columns.map(({ samples, ...column }) => ({
            ...column,
            ...(samples === undefined ? {} : { samples: [...samples] }),
          })),
          encoding: opened.encoding.encoding,
          delimiter: opened.delimiter,
          hasHeader: opened.sniff.hasHeader,
        };
        // An empty or header-only file: said at once, before any mapping (an empty file has no
        // columns, not DuckDB's placeholder column0).
        const checks = (await fileLevelFindings(filePath)).map(findingToCheck);
        const isEmpty = checks.some((check) => check.code === 'file.empty');
        return { ...read, ...(isEmpty ? { columns: [] } : {}), checks };
      },
      'data.preparePreview': async (input) => {
        const filePath = await assertSafeDataFile(input.path);
        const recipe = requireRecipe(input.recipe);
        for (const join of recipe.joins) await assertSafeDataFile(join.path);
        const preview = await previewRecipe(filePath, recipe, input.outputIndex, input.limit);
        return {
          ...preview,
          columns: [...preview.columns],
          rows: [...preview.rows],
          stages: [...preview.stages],
          sourceColumns: [...preview.sourceColumns],
        };
      },
      'data.prepareExport': async (input) => {
        // A relative folder would resolve against the working folder (the app's checkout).
        const folderProblem = outputFolderProblem(input.outDir ?? '');
        if (folderProblem !== undefined)
          throw new AppError('data.invalid', folderProblem, { details: { field: 'outDir' } });
        const filePath = await assertSafeDataFile(input.path);
        const recipe = requireRecipe(input.recipe);
        for (const join of recipe.joins) await assertSafeDataFile(join.path);
        const recipesDir = recipesRoot(deps, input.workspaceId);
        await mkdir(recipesDir, { recursive: true });
        const recipePath = path.join(recipesDir, `${slug(recipe.name)}.json`);
        // Persisted before the work starts: the recipe is replayable even if the export fails.
        await writeFile(
          recipePath,
          `${JSON.stringify({ ...recipe, source: filePath }, null, 2)}\n`,
          'utf8',
        );
        const typed = input.outDir?.trim() || undefined;
        const outDir = path.resolve(
          (typed !== undefined && isHomeRelative(typed)
            ? path.join(os.homedir(), typed.slice(1))
            : typed) ??
            path.join(
              os.homedir(),
              'POC Studio exports',
              deps.workspaces.get(input.workspaceId).config.prefix,
              slug(recipe.name),
            ),
        );
        if (isWithin(studioDataDir(deps, input.workspaceId), outDir))
          throw new AppError(
            'data.invalid',
            `Exports go outside the studio's own data folder; choose another folder than ${outDir}.`,
          );
        const replaced = await filesInTheWay(outDir, recipe);
        if (replaced.length > 0 && input.replace !== true) {
          const suggestedOutDir = await freeSibling(outDir, recipe);
          throw new AppError(
            'file.exists',
            `${outDir} already holds ${replaced.join(', ')}: replace ${replaced.length === 1 ? 'it' : 'them'}, or write to another folder such as ${suggestedOutDir}.`,
            { details: { outDir, files: replaced.join('\n'), suggestedOutDir } },
          );
        }
        const params: ExportParams = { path: filePath, recipe, outDir, recipePath };
        const started = await deps.jobs.start('data.export', input.workspaceId, { ...params });
        // A second call while that export runs gets the same job (the registry starts a kind
        // once per workspace), and so the same outcome as the first call.
        let outcome = settling.get(started.id);
        if (outcome === undefined) {
          outcome = settleExport(started.id);
          settling.set(started.id, outcome);
          void outcome.then(
            () => settling.delete(started.id),
            () => settling.delete(started.id),
          );
        }
        return outcome;
      },
      'data.getPrepareDrafts': async (input) => ({
        drafts: await drafts.get(input.workspaceId),
      }),
      'data.setPrepareDrafts': async (input) => ({
        sizeBytes: await drafts.put(input.workspaceId, input.drafts),
      }),
      'data.prepareRecipes': async (input) => {
        const folder = recipesRoot(deps, input.workspaceId);
        const names = await readdir(folder).catch(() => [] as string[]);
        const recipes: { name: string; path: string; recipe: unknown; mtimeMs: number }[] = [];
        for (const name of names.filter((entry) => entry.endsWith('.json'))) {
          const file = path.join(folder, name);
          const parsed = parseRecipe(await readFile(file, 'utf8'));
          if (!parsed.ok) continue;
          recipes.push({
            name: parsed.recipe.name,
            path: file,
            recipe: parsed.recipe,
            mtimeMs: (await stat(file)).mtimeMs,
          });
        }
        recipes.sort((a, b) => b.mtimeMs - a.mtimeMs);
        return {
          recipes: recipes.map(({ name, path: file, recipe }) => ({ name, path: file, recipe })),
        };
      },
    },
  };
}
