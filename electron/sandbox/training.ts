import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { STATUS } from '../../shared/personalize.js';
import type { TrainOptions } from './recipes/index.js';
import { filterByEvent, tableFromRecords } from './recipes/interaction-table.js';
import type { TableTrainInput } from './recipes/types.js';
import type { SolutionVersionResource } from './resources.js';
import { interactionTableOf } from './store.js';
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
  // The interaction columns move to the worker (no copy) when they own their buffers.
  const transferList = transferableColumns(job);
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./training-worker.js', import.meta.url), {
      workerData: job,
      transferList,
    });
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/u, '.mjs'),
  ).href;
  const workerUrl = new URL('./training-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: job, transferList });
}

/** The buffers of the job's interaction columns that hold exactly one column each. */
function transferableColumns(job: TrainingJob): ArrayBuffer[] {
  if (!('table' in job.input)) return [];
  const { users, items, timestamps, eventTypeCodes, eventValues } = job.input.table;
  const buffers = [users, items, timestamps, eventTypeCodes, eventValues]
    .filter((column) => column !== undefined)
    .filter((column) => column.byteOffset === 0 && column.byteLength === column.buffer.byteLength)
    .map((column) => column.buffer);
  return buffers.filter(
    (buffer, index): buffer is ArrayBuffer =>
      buffer instanceof ArrayBuffer && buffers.indexOf(buffer) === index,
  );
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
 * solution's `eventType` / `eventValueThreshold`) as typed columns and Items rows (ids for
 * coverage, metadata for `aws-similar-items`), trains in a worker (the columns move to it without
 * a copy), saves the binary model file (`models/<id>.bin`) and sets `metrics`, `trainingHours` and (with `performHPO`) the
 * tuned hyperparameters on the version. `trainingMode` UPDATE reuses the newest ACTIVE FULL
 * version's hyperparameters and metrics; a version stopped (StopSolutionVersionCreation) or
 * deleted while training ends its worker within {@link STOP_POLL_MS} and saves nothing.
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
    ? interactionTableOf(await store.getRecords(interactionsDataset.arn))
    : tableFromRecords([]);
  const { extraColumns: _contextual, ...trainedColumns } = interactions;
  const itemRows = itemsDataset ? (await store.getRecords(itemsDataset.arn)).rows : [];
  const config = solution.solutionConfig;
  const threshold =
    typeof config.eventValueThreshold === 'string' ? config.eventValueThreshold : undefined;
  const input: TableTrainInput = {
    // A copy of the rows the solution trains on, owned by the job (moved to the worker).
    // Contextual columns are not trained on here: left out of the copy.
    table: filterByEvent(
      trainedColumns,
      solution.eventType,
      threshold !== undefined ? Number(threshold) : undefined,
    ),
    catalogItemIds: itemRows.map((row) => row.ITEM_ID ?? '').filter((id) => id !== ''),
    itemMetadata: itemRows,
    hyperParameters: stringMap(config.algorithmHyperParameters),
    seed: seedFromArn(version.arn),
  };
  const recipeName =
    (solution.recipeArn ?? 'arn:aws:personalize:::recipe/aws-user-personalization')
      .split('/')
      .pop() ?? '';
  const options: TrainOptions = {};
  if (version.trainingMode === 'UPDATE') {
    // SPEC §2.13: UPDATE retrains an aws-user-personalization model on the current data with the
    // settings of the newest ACTIVE FULL version (CreateSolutionVersion checked that one exists).
    const base = store
      .list('solutionVersion')
      .filter(
        (other) =>
          other.solutionArn === version.solutionArn &&
          other.status === STATUS.active &&
          other.trainingMode === 'FULL' &&
          other.metrics !== undefined,
      )
      .sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
    if (!base) return 'Create failed. trainingMode UPDATE needs an ACTIVE FULL solution version.';
    Object.assign(options, {
      update: {
        metrics: base.metrics,
        ...(base.tunedHyperParameters ? { tunedHyperParameters: base.tunedHyperParameters } : {}),
      },
    });
  } else if (solution.performHPO) {
    Object.assign(options, { hpoConfig: config.hpoConfig ?? {} });
  }
  const startedMs = Date.now();
  const stop = stopWhenLeft(store, version, signal);
  let outcome: TrainingOutcome;
  try {
    outcome = await trainInWorker({ recipeName, input, options }, stop.signal);
  } catch (error) {
    // StopSolutionVersionCreation ended the worker: the lifecycle finishes CREATE STOPPING.
    if (stop.stoppedByUser()) return undefined;
    throw error;
  } finally {
    stop.dispose();
  }
  if (!outcome.ok) return outcome.failureReason;
  if (store.get('solutionVersion', version.arn)?.status !== STATUS.createInProgress)
    return undefined;
  await store.saveModel(version.arn, outcome.model);
  version.metrics = outcome.metrics;
  if (outcome.tunedHyperParameters) version.tunedHyperParameters = outcome.tunedHyperParameters;
  version.trainingHours = (Date.now() - startedMs) / 3_600_000;
  store.put(version);
  return undefined;
}

/** How often a training checks whether its version was stopped or deleted, in ms. */
export const STOP_POLL_MS = 200;

/**
 * An abort signal that fires with `signal` or as soon as the version leaves CREATE IN_PROGRESS
 * (StopSolutionVersionCreation sets CREATE STOPPING, SPEC §2.13; deletion removes it), so that
 * the worker thread is terminated instead of training on for nothing.
 */
function stopWhenLeft(
  store: SandboxStore,
  version: SolutionVersionResource,
  signal: AbortSignal,
): { signal: AbortSignal; stoppedByUser: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let byUser = false;
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setInterval(() => {
    if (store.get('solutionVersion', version.arn)?.status === STATUS.createInProgress) return;
    byUser = true;
    controller.abort(new Error(`Solution version ${version.arn} was stopped.`));
  }, STOP_POLL_MS);
  timer.unref();
  return {
    signal: controller.signal,
    stoppedByUser: () => byUser,
    dispose: () => {
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
