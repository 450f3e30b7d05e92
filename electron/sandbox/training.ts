import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InteractionRecord, TrainInput } from './recipes/types.js';
import type { SolutionVersionResource } from './resources.js';
import type { SandboxStore } from './store.js';
import type { TrainingJob, TrainingOutcome } from './training-protocol.js';

/**
 * Deterministic 32-bit seed from a solution version ARN (SPEC §7.1: reproducible split).
 */
export function seedFromArn(arn: string): number {
  return createHash('sha256').update(arn).digest().readUInt32BE(0);
}

/**
 * Starts the training worker. Bundled (`.js`) it runs `training-worker.js` beside this file;
 * under tsx/vitest (`.ts`) the worker is TypeScript too, so a small eval bootstrap registers
 * tsx's ESM hooks inside the worker first (`execArgv: ['--import', 'tsx']` is not honoured by
 * worker threads on Node 20).
 */
function createTrainingWorker(job: TrainingJob): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./training-worker.js', import.meta.url), { workerData: job });
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/u, '.mjs'),
  ).href;
  const workerUrl = new URL('./training-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

/** Runs {@link TrainingJob} in a worker thread; `signal` terminates it. */
export function trainInWorker(job: TrainingJob, signal: AbortSignal): Promise<TrainingOutcome> {
  const worker = createTrainingWorker(job);
  return new Promise<TrainingOutcome>((resolve, reject) => {
    const onAbort = (): void => {
      void worker.terminate();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (outcome: TrainingOutcome) => {
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    worker.once('exit', (code) => {
      signal.removeEventListener('abort', onAbort);
      reject(new Error(`Training worker exited with code ${code} before answering.`));
    });
  });
}

function eventFilter(
  eventType: string | undefined,
  threshold: string | undefined,
): (record: InteractionRecord) => boolean {
  const minValue = threshold !== undefined ? Number(threshold) : undefined;
  return (record) =>
    (eventType === undefined || record.eventType === eventType) &&
    (minValue === undefined || !Number.isFinite(minValue) || (record.eventValue ?? 0) >= minValue);
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * Trains a solution version (SPEC §2.13): gathers the group's interactions (filtered by the
 * solution's `eventType` / `eventValueThreshold`) and Items rows (ids for coverage, metadata for
 * `aws-similar-items`), trains in a worker, saves the
 * model (`models/<id>.json`) and sets `metrics` and `trainingHours` on the version.
 *
 * Resolves to the failureReason (SPEC §5.5 texts from the recipes module), or `undefined`.
 */
export async function runTraining(
  store: SandboxStore,
  version: SolutionVersionResource,
  signal: AbortSignal,
): Promise<string | undefined> {
  const solution = store.get('solution', version.solutionArn);
  if (!solution) return `Solution ${version.solutionArn} no longer exists.`;
  const datasets = store
    .list('dataset')
    .filter((dataset) => dataset.datasetGroupArn === solution.datasetGroupArn);
  const interactionsDataset = datasets.find((dataset) => dataset.datasetType === 'INTERACTIONS');
  const itemsDataset = datasets.find((dataset) => dataset.datasetType === 'ITEMS');
  const interactions = interactionsDataset
    ? (await store.getRecords(interactionsDataset.arn)).interactions
    : [];
  const itemRows = itemsDataset ? (await store.getRecords(itemsDataset.arn)).rows : [];
  const config = solution.solutionConfig;
  const threshold =
    typeof config.eventValueThreshold === 'string' ? config.eventValueThreshold : undefined;
  const input: TrainInput = {
    interactions: interactions.filter(eventFilter(solution.eventType, threshold)),
    catalogItemIds: itemRows.map((row) => row.ITEM_ID ?? '').filter((id) => id !== ''),
    itemMetadata: itemRows,
    hyperParameters: stringMap(config.algorithmHyperParameters),
    seed: seedFromArn(version.arn),
  };
  const recipeName =
    (solution.recipeArn ?? 'arn:aws:personalize:::recipe/aws-user-personalization')
      .split('/')
      .pop() ?? '';
  const startedMs = Date.now();
  const outcome = await trainInWorker({ recipeName, input }, signal);
  if (!outcome.ok) return outcome.failureReason;
  await store.saveModel(version.arn, outcome.model);
  version.metrics = outcome.metrics;
  version.trainingHours = (Date.now() - startedMs) / 3_600_000;
  store.put(version);
  return undefined;
}
