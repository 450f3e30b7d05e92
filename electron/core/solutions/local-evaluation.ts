/**
 * The studio's own evaluation of a solution version (issue: honest uncertainty): the SPEC §7.1
 * split, the sandbox's recipe trained on 90% of users, each metric with a 95% percentile-bootstrap
 * interval over the held-out users and their count; optionally repeated on k splits (mean ±
 * spread). Runs in a worker thread (`local-evaluation-worker.ts`) so the main process stays free.
 *
 * Where it applies: on the Local sandbox it uses the version's own split seed
 * (`seedFromArn`, as the sandbox does), so its values are the service's and only the intervals
 * are new; for an AWS workspace it is a local evaluation of the same recipe family on the same
 * files, labelled as such (Personalize's split is not published).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.js';
import type { KSplits, LocalEvaluation } from '../../../shared/ipc/solutions.js';
import type { Metrics } from '../../../shared/guide.js';
import { METRIC_KEYS, type MetricKey } from '../../../shared/personalize.js';
import type { BootstrapMetrics } from '../../sandbox/evaluation/bootstrap.js';

/** What the worker is asked to evaluate. */
export interface LocalEvaluationJob {
  /** Recipe name, e.g. `aws-sims` (one the sandbox trains). */
  readonly recipe: string;
  readonly interactionsPath: string;
  readonly itemsPath?: string | undefined;
  /** `solutionConfig.algorithmHyperParameters` of the solution (SPEC §6.2 strings). */
  readonly hyperParameters: Readonly<Record<string, string>>;
  /** One split per seed. */
  readonly seeds: readonly number[];
  /** Bootstrap draws per split (default 1000). */
  readonly resamples?: number;
}

/** Progress the worker posts: the phase of the split `splitIndex` (0-based) of `splits`. */
export interface LocalEvaluationProgress {
  readonly type: 'phase';
  readonly phase: 'read' | 'split' | 'train' | 'evaluate';
  readonly splitIndex: number;
  readonly splits: number;
}

/** The worker's answer: one bootstrap result per seed, or the error's message and code. */
export type LocalEvaluationOutcome =
  | { readonly type: 'result'; readonly runs: readonly BootstrapMetrics[] }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

/** Starts the worker: the bundled `.js` beside the main bundle, or the `.ts` through tsx (tests, browser host). */
function createWorker(job: LocalEvaluationJob): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./local-evaluation-worker.js', import.meta.url), {
      workerData: job,
    });
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/u, '.mjs'),
  ).href;
  const workerUrl = new URL('./local-evaluation-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

/**
 * Runs {@link LocalEvaluationJob} in a worker thread; `signal` terminates it (once the worker is
 * past reading the files with DuckDB), and the promise settles only after the thread ended.
 * @returns one {@link BootstrapMetrics} per seed, in order.
 * @throws AppError from the worker (`data.invalid` for unreadable files, `job.failed` for too
 *   little data), `job.cancelled` on abort.
 */
export function runLocalEvaluation(
  job: LocalEvaluationJob,
  options: {
    readonly signal?: AbortSignal | undefined;
    readonly onProgress?: (progress: LocalEvaluationProgress) => void;
  } = {},
): Promise<readonly BootstrapMetrics[]> {
  if (options.signal?.aborted)
    return Promise.reject(new AppError('job.cancelled', 'The evaluation was cancelled.'));
  const worker = createWorker(job);
  return new Promise((resolve, reject) => {
    let isSettled = false;
    // Until the worker reports a phase after `read`, it may be inside DuckDB (native code):
    // terminating the thread then aborts the whole process, so an abort waits for that point.
    let isReading = true;
    let isAbortRequested = false;
    const settle = (action: () => void): void => {
      if (isSettled) return;
      isSettled = true;
      options.signal?.removeEventListener('abort', onAbort);
      // Settles once the thread is gone, so a host that exits after its jobs settle never
      // leaves a worker mid-way.
      void worker.terminate().then(action, action);
    };
    const cancel = (): void =>
      settle(() => reject(new AppError('job.cancelled', 'The evaluation was cancelled.')));
    const onAbort = (): void => {
      isAbortRequested = true;
      if (!isReading) cancel();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: LocalEvaluationProgress | LocalEvaluationOutcome) => {
      if (message.type !== 'phase' || message.phase !== 'read') isReading = false;
      if (isAbortRequested && message.type === 'phase') {
        if (!isReading) cancel();
        return;
      }
      if (message.type === 'phase') options.onProgress?.(message);
      else if (message.type === 'result') settle(() => resolve(message.runs));
      else
        settle(() =>
          reject(
            new AppError(
              message.code === 'data.invalid' ? 'data.invalid' : 'job.failed',
              message.message,
            ),
          ),
        );
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() =>
        reject(new Error(`The evaluation worker exited with code ${code} before answering.`)),
      ),
    );
  });
}

/**
 * The stored form of one split's bootstrap result.
 * @param isSameAsService true when its values equal the service's (the sandbox's own split)
 */
export function toLocalEvaluation(
  run: BootstrapMetrics,
  seed: number,
  isSameAsService: boolean,
  timing: { readonly evaluatedAtMs: number; readonly durationMs: number },
): LocalEvaluation {
  return {
    source: isSameAsService ? 'sandbox' : 'local',
    users: run.users,
    level: run.level,
    resamples: run.resamples,
    seed,
    metrics: Object.fromEntries(
      METRIC_KEYS.map((key) => [key, { ...run.metrics[key] }]),
    ) as LocalEvaluation['metrics'],
    ...timing,
  };
}

/** Largest difference between GetSolutionMetrics' value and the evaluation's for them to count as the same. */
export const SAME_VALUE_TOLERANCE = 1e-9;

/** True when every metric of the evaluation equals the service's (within {@link SAME_VALUE_TOLERANCE}). */
export function isSameAsService(run: BootstrapMetrics, service: Metrics | undefined): boolean {
  if (service === undefined) return false;
  return METRIC_KEYS.every(
    (key) => Math.abs(run.metrics[key].value - service[key]) <= SAME_VALUE_TOLERANCE,
  );
}

/**
 * Mean, sample standard deviation (n − 1; 0 for one split), minimum and maximum of each metric
 * over the k splits.
 */
export function summariseSplits(
  runs: readonly BootstrapMetrics[],
  seeds: readonly number[],
  timing: { readonly evaluatedAtMs: number; readonly durationMs: number },
): KSplits {
  const values = runs.map(
    (run) =>
      Object.fromEntries(METRIC_KEYS.map((key) => [key, run.metrics[key].value])) as Record<
        MetricKey,
        number
      >,
  );
  const metrics = Object.fromEntries(
    METRIC_KEYS.map((key) => {
      const series = values.map((row) => row[key]);
      const mean = series.reduce((sum, value) => sum + value, 0) / Math.max(1, series.length);
      const variance =
        series.length < 2
          ? 0
          : series.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (series.length - 1);
      return [
        key,
        {
          mean,
          sd: Math.sqrt(variance),
          min: Math.min(...series),
          max: Math.max(...series),
        },
      ];
    }),
  ) as KSplits['metrics'];
  return {
    splits: runs.length,
    seeds: [...seeds],
    users: runs.map((run) => run.users),
    metrics,
    values,
    ...timing,
  };
}
