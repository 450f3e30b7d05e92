/**
 * Batch inference and batch segment jobs (SPEC §2.18, §2.19): the Create* checks (recipe family,
 * S3 paths, filter, numResults) and the work a batch inference job does while
 * `CREATE IN_PROGRESS`: read JSON Lines from S3, answer each line as the runtime would (filters
 * and numResults honoured), write `<input file name>.out` under the output path with one
 * `{"input": ..., "output": ...}` or `{"input": ..., "error": ...}` line per input line.
 * Describe and List are those of every configured resource (`modelled.ts`); there is no Delete.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, invalidInput, notFound } from '../errors.js';
import type { ModelledResource } from '../resources.js';
import { RankingCache } from '../ranking-cache.js';
import {
  isUnscoredRecipe,
  recommendFiltered,
  type ItemPredicate,
  type RuntimeService,
  type ServedVersion,
} from '../runtime.js';
import type { ObjectStore } from '../s3/object-store.js';
import type { ControlPlaneContext, OperationHandler } from './context.js';
import { optionalObject, requiredString } from './context.js';
import { MODELLED_KINDS, createModelled } from './modelled.js';
import { findRecipe } from './recipes.js';
import {
  answerSegmentFile,
  DEFAULT_SEGMENT_NUM_RESULTS,
  MAX_SEGMENT_NUM_RESULTS,
} from './batch-segments.js';

/** Default `numResults` of a batch inference job (SPEC §2.18 "default 25 [unverified]"). */
export const DEFAULT_BATCH_NUM_RESULTS = 25;
/** Largest `numResults` of a batch inference job (SPEC §2.18). */
export const MAX_BATCH_NUM_RESULTS = 500;
/** Most input files in a folder (SPEC §2.18, §9). */
export const MAX_BATCH_INPUT_FILES = 1000;
/** Largest total input, in bytes (SPEC §2.18, §9: 1 GB). */
export const MAX_BATCH_INPUT_BYTES = 1024 ** 3;

/**
 * Work between two yields to the event loop while a batch inference job runs, in milliseconds:
 * requests that arrive meanwhile wait at most about this long.
 */
export const BATCH_SLICE_MS = 4;
/** Ranked items a batch inference job keeps for lines with the same model input (its own budget, ≈ 50 MB). */
const BATCH_RANKING_BUDGET = 1_000_000;

/** Recipes that cannot run batch inference (SPEC §2.18). */
const NO_BATCH_INFERENCE = new Set(['aws-trending-now', 'aws-next-best-action']);

/** `s3://bucket/key` → its parts, or undefined. */
function parseS3Path(location: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/u.exec(location);
  if (!match) return undefined;
  return { bucket: match[1] ?? '', key: match[2] ?? '' };
}

function nestedPath(
  input: Readonly<Record<string, unknown>>,
  outer: string,
  inner: string,
): string {
  const value = optionalObject(optionalObject(input, outer) ?? {}, inner)?.path;
  if (typeof value !== 'string') throw invalidInput(`${outer}.${inner}.path is required.`);
  return value;
}

/** The recipe name and type of a solution version. */
function recipeOf(
  context: ControlPlaneContext,
  versionArn: string,
): { name: string; type?: string } {
  const version = context.store.get('solutionVersion', versionArn);
  const recipeArn = version
    ? (context.store.get('solution', version.solutionArn)?.recipeArn ?? '')
    : '';
  return { name: recipeArn.split('/').pop() ?? '', type: findRecipe(recipeArn)?.recipeType };
}

function checkPathsFilterAndResults(
  context: ControlPlaneContext,
  input: Readonly<Record<string, unknown>>,
  maxNumResults = MAX_BATCH_NUM_RESULTS,
): void {
  const inputPath = nestedPath(input, 'jobInput', 's3DataSource');
  const outputPath = nestedPath(input, 'jobOutput', 's3DataDestination');
  if (parseS3Path(inputPath) === undefined)
    throw invalidInput(`Invalid S3 input path ${inputPath}: write s3://bucket/path.`);
  if (parseS3Path(outputPath) === undefined)
    throw invalidInput(`Invalid S3 output path ${outputPath}: write s3://bucket/folder/.`);
  const trim = (text: string): string => text.replace(/\/+$/u, '');
  if (trim(inputPath) === trim(outputPath))
    throw invalidInput(
      `Invalid S3 output path ${outputPath}: the output path must differ from the input path.`,
    );
  const numResults = input.numResults;
  if (
    numResults !== undefined &&
    (typeof numResults !== 'number' ||
      !Number.isInteger(numResults) ||
      numResults < 1 ||
      numResults > maxNumResults)
  )
    throw invalidInput(`numResults must be an integer between 1 and ${maxNumResults}.`);
  const filterArn = input.filterArn;
  if (typeof filterArn === 'string' && filterArn !== '') {
    const filter = context.store.get('modelled', filterArn);
    if (filter?.type !== 'filter') throw notFound(filterArn);
    if (filter.status !== STATUS.active)
      throw invalidInput(`Filter ${filterArn} is ${filter.status}: use it once it is ACTIVE.`);
    const version = context.store.get(
      'solutionVersion',
      requiredString(input, 'solutionVersionArn'),
    );
    const groupArn = version
      ? context.store.get('solution', version.solutionArn)?.datasetGroupArn
      : undefined;
    if (filter.parentArn !== groupArn)
      throw invalidInput(
        `Filter ${filterArn} belongs to another dataset group than the solution version.`,
      );
  }
}

function checkBatchInference(
  context: ControlPlaneContext,
  input: Readonly<Record<string, unknown>>,
): void {
  const recipe = recipeOf(context, requiredString(input, 'solutionVersionArn'));
  if (NO_BATCH_INFERENCE.has(recipe.name))
    throw invalidInput(`Recipe ${recipe.name} does not support batch inference jobs.`);
  if (recipe.type === 'USER_SEGMENTATION')
    throw invalidInput(
      `Recipe ${recipe.name} is a USER_SEGMENTATION recipe: use CreateBatchSegmentJob.`,
    );
  if (input.batchInferenceJobMode === 'THEME_GENERATION') {
    if (recipe.name !== 'aws-similar-items')
      throw invalidInput('THEME_GENERATION is only available with aws-similar-items.');
    const fields = optionalObject(
      optionalObject(input, 'themeGenerationConfig') ?? {},
      'fieldsForThemeGeneration',
    );
    if (typeof fields?.itemName !== 'string')
      throw invalidInput(
        'THEME_GENERATION needs themeGenerationConfig.fieldsForThemeGeneration.itemName.',
      );
  }
  checkPathsFilterAndResults(context, input);
}

function checkBatchSegment(
  context: ControlPlaneContext,
  input: Readonly<Record<string, unknown>>,
): void {
  const recipe = recipeOf(context, requiredString(input, 'solutionVersionArn'));
  if (recipe.type !== 'USER_SEGMENTATION')
    throw invalidInput(
      `Batch segment jobs need a USER_SEGMENTATION solution version (aws-item-affinity, aws-item-attribute-affinity); ${recipe.name} is ${recipe.type ?? 'unknown'}.`,
    );
  checkPathsFilterAndResults(context, input, MAX_SEGMENT_NUM_RESULTS);
}

/**
 * CreateBatchInferenceJob (SPEC §2.18).
 *
 * @throws `InvalidInputException` (Trending-Now, Next-Best-Action or USER_SEGMENTATION recipe,
 *   output path equal to the input path, malformed paths, numResults outside 1..500, filter not
 *   ACTIVE or of another group, THEME_GENERATION rules), `ResourceNotFoundException` (version,
 *   filter), `ResourceInUseException` (version not ACTIVE), `LimitExceededException` (5 running).
 */
export const createBatchInferenceJob: OperationHandler = createModelled(
  MODELLED_KINDS['batch-inference-job'],
  checkBatchInference,
);

/**
 * CreateBatchSegmentJob (SPEC §2.19): USER_SEGMENTATION versions only; paths and filter as batch
 * inference, numResults 1..5,000,000 users per line.
 *
 * @throws `InvalidInputException` (not a USER_SEGMENTATION version, output path equal to the input
 *   path, malformed paths, numResults out of range, filter not ACTIVE or of another group),
 *   `ResourceNotFoundException`, `ResourceInUseException`, `LimitExceededException` (5 running).
 */
export const createBatchSegmentJob: OperationHandler = createModelled(
  MODELLED_KINDS['batch-segment-job'],
  checkBatchSegment,
);

/** One answered input line. */
type OutputLine =
  | { readonly input: unknown; readonly output: Record<string, unknown> }
  | { readonly input: unknown; readonly error: string };

/** Input object files of a batch job: one object, or every non-empty object under a folder. */
function inputFiles(
  objects: ObjectStore,
  location: string,
): { bucket: string; key: string }[] | string {
  const parsed = parseS3Path(location);
  if (!parsed) return `Invalid S3 input path ${location}.`;
  const { bucket, key } = parsed;
  if (!objects.hasBucket(bucket)) return `Input bucket ${bucket} does not exist.`;
  if (key !== '' && !key.endsWith('/')) {
    const exact = objects.listObjects(bucket, key).find((object) => object.key === key);
    if (exact) return [{ bucket, key }];
  }
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  const found = objects
    .listObjects(bucket, folder)
    .filter((object) => object.sizeBytes > 0 && !object.key.endsWith('/'));
  if (found.length === 0) return `No input file at ${location}.`;
  if (found.length > MAX_BATCH_INPUT_FILES)
    return `The input folder holds ${found.length} files; at most ${MAX_BATCH_INPUT_FILES} are allowed.`;
  const bytes = found.reduce((sum, object) => sum + object.sizeBytes, 0);
  if (bytes > MAX_BATCH_INPUT_BYTES) return 'The input is larger than 1 GB.';
  return found.map((object) => ({ bucket, key: object.key }));
}

/** Answers one parsed line of a batch inference job (throws ServiceError for a per-line error). */
function answerLine(
  runtime: RuntimeService,
  served: ServedVersion,
  line: Record<string, unknown>,
  numResults: number,
  filterArn: unknown,
  data: Awaited<ReturnType<RuntimeService['groupData']['get']>>,
  rankings: RankingCache,
): Record<string, unknown> {
  const userId = typeof line.userId === 'string' && line.userId !== '' ? line.userId : undefined;
  const itemId = typeof line.itemId === 'string' && line.itemId !== '' ? line.itemId : undefined;
  const type = served.recipeType;
  const isRelated = type === 'RELATED_ITEMS';
  if (isRelated && itemId === undefined)
    throw invalidInput('This line needs an itemId (related-items recipe).');
  const isPopular = served.recipeName === 'aws-popularity-count';
  if (!isRelated && !isPopular && userId === undefined)
    throw invalidInput('This line needs a userId.');
  const keep: ItemPredicate | undefined = runtime.prepareFilter({
    filterArn,
    filterValues: line.filterValues,
    datasetGroupArn: served.datasetGroupArn,
    subject: 'ItemID',
    data,
    ...(userId !== undefined ? { userId } : {}),
    ...(itemId !== undefined ? { itemId } : {}),
    allowsCurrentItem: isRelated,
  });
  const extraHistory =
    userId !== undefined ? data.realtimeItems(userId, served.version.createdAtMs) : [];
  const showScores = !isUnscoredRecipe(served.recipeName);
  if (type === 'PERSONALIZED_RANKING') {
    const itemList = line.itemList;
    if (
      !Array.isArray(itemList) ||
      !itemList.every((entry): entry is string => typeof entry === 'string')
    )
      throw invalidInput('This line needs an itemList of item ids (personalized-ranking recipe).');
    const ranked = (
      served.model.rank?.({ userId: userId ?? '', inputList: itemList, extraHistory }) ?? []
    ).filter((item) => keep === undefined || keep(item.itemId));
    return {
      recommendedItems: ranked.map((item) => item.itemId),
      ...(showScores ? { scores: ranked.map((item) => item.score ?? 0) } : {}),
    };
  }
  const request = isRelated
    ? { itemId: itemId ?? '' }
    : { ...(userId !== undefined ? { userId } : {}), extraHistory };
  const items = recommendFiltered(
    served.model,
    request,
    numResults,
    keep,
    data.catalogSize,
    rankings,
  );
  return {
    recommendedItems: items.map((item) => item.itemId),
    ...(showScores ? { scores: items.map((item) => item.score) } : {}),
  };
}

/**
 * The work of a batch job while `CREATE IN_PROGRESS` (the lifecycle's `createWork` for
 * configured resources): batch inference and batch segment jobs (`batch-segments.ts`) write their
 * output files; other kinds do nothing.
 * Resolves to a `failureReason` (job `CREATE FAILED`) or undefined (`ACTIVE`). A line that
 * cannot be answered gets an `error` member and does not fail the job (SPEC §2.18).
 */
export async function runBatchJob(
  objects: ObjectStore,
  runtime: RuntimeService,
  job: ModelledResource,
  signal: AbortSignal,
): Promise<string | undefined> {
  const isSegment = job.type === 'batch-segment-job';
  if (job.type !== 'batch-inference-job' && !isSegment) return undefined;
  const fields = job.fields;
  const jobInput = fields.jobInput as { s3DataSource?: { path?: string } } | undefined;
  const jobOutput = fields.jobOutput as { s3DataDestination?: { path?: string } } | undefined;
  const inputPath = jobInput?.s3DataSource?.path ?? '';
  const outputPath = jobOutput?.s3DataDestination?.path ?? '';
  const files = inputFiles(objects, inputPath);
  if (typeof files === 'string') return files;
  const output = parseS3Path(outputPath);
  if (!output) return `Invalid S3 output path ${outputPath}.`;
  if (!objects.hasBucket(output.bucket)) return `Output bucket ${output.bucket} does not exist.`;
  let served: ServedVersion;
  try {
    served = await runtime.served(job.parentArn);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const data = await runtime.groupData.get(served.datasetGroupArn);
  const numResults =
    typeof fields.numResults === 'number'
      ? fields.numResults
      : isSegment
        ? DEFAULT_SEGMENT_NUM_RESULTS
        : DEFAULT_BATCH_NUM_RESULTS;
  const folder = output.key === '' || output.key.endsWith('/') ? output.key : `${output.key}/`;
  // Lines with the same model input (user and real-time history, or item) share one ranking.
  const rankings = new RankingCache(BATCH_RANKING_BUDGET);
  let sliceStart = performance.now();
  for (const file of files) {
    const text = await readFile(objects.objectPath(file.bucket, file.key), 'utf8');
    const segments = isSegment
      ? answerSegmentFile(runtime, served, data, text, numResults, fields.filterArn)
      : [];
    if (!Array.isArray(segments)) return segments.failureReason;
    const out: string[] = [...segments];
    for (const raw of isSegment ? [] : text.split(/\r?\n/u)) {
      if (raw.trim() === '') continue;
      if (performance.now() - sliceStart >= BATCH_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal.aborted) return undefined;
        sliceStart = performance.now();
      }
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        out.push(
          JSON.stringify({
            input: raw,
            error: 'This line is not a JSON object.',
          } satisfies OutputLine),
        );
        continue;
      }
      if (typeof line !== 'object' || line === null || Array.isArray(line)) {
        out.push(
          JSON.stringify({
            input: line,
            error: 'This line is not a JSON object.',
          } satisfies OutputLine),
        );
        continue;
      }
      try {
        const answer = answerLine(
          runtime,
          served,
          line as Record<string, unknown>,
          numResults,
          fields.filterArn,
          data,
          rankings,
        );
        out.push(JSON.stringify({ input: line, output: answer } satisfies OutputLine));
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        out.push(JSON.stringify({ input: line, error: error.message } satisfies OutputLine));
      }
    }
    const name = `${path.posix.basename(file.key)}.out`;
    await objects.putObject(
      output.bucket,
      `${folder}${name}`,
      Buffer.from(out.map((entry) => `${entry}\n`).join('')),
      'application/json',
    );
  }
  return undefined;
}
