/**
 * Worker-thread entry of the studio's evaluation (see `local-evaluation.ts`): reads the files,
 * then per seed splits (SPEC §7.1), trains the recipe on 90% of users, evaluates the held-out
 * users exactly as GetRecommendations answers and bootstraps the intervals.
 *
 * `workerData` = {@link LocalEvaluationJob}; posts {@link LocalEvaluationProgress} messages, then
 * one {@link LocalEvaluationOutcome}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors.js';
import {
  bootstrapOfflineMetrics,
  type BootstrapMetrics,
} from '../../sandbox/evaluation/bootstrap.js';
import {
  evaluateRecipeUsers,
  isSupportedRecipe,
  TrainingDataError,
} from '../../sandbox/recipes/index.js';
import { assertEnoughTrainingData } from '../../sandbox/recipes/training-data.js';
import type {
  LocalEvaluationJob,
  LocalEvaluationOutcome,
  LocalEvaluationProgress,
} from './local-evaluation.js';
import { readEvaluationData } from './local-evaluation-data.js';

function post(message: LocalEvaluationProgress | LocalEvaluationOutcome): void {
  parentPort?.postMessage(message);
}

async function run(job: LocalEvaluationJob): Promise<LocalEvaluationOutcome> {
  try {
    if (!isSupportedRecipe(job.recipe))
      return {
        type: 'error',
        code: 'job.failed',
        message: `The studio cannot evaluate recipe ${job.recipe} locally.`,
      };
    const splits = job.seeds.length;
    post({ type: 'phase', phase: 'read', splitIndex: 0, splits });
    const data = await readEvaluationData(job.interactionsPath, job.itemsPath);
    assertEnoughTrainingData(data.interactions);
    const runs: BootstrapMetrics[] = [];
    for (const [splitIndex, seed] of job.seeds.entries()) {
      const evaluated = evaluateRecipeUsers(
        job.recipe,
        { ...data, hyperParameters: job.hyperParameters, seed },
        { onPhase: (phase) => post({ type: 'phase', phase, splitIndex, splits }) },
      );
      runs.push(
        bootstrapOfflineMetrics(
          evaluated.users,
          { catalogSize: evaluated.catalogSize },
          { seed, ...(job.resamples === undefined ? {} : { resamples: job.resamples }) },
        ),
      );
    }
    return { type: 'result', runs };
  } catch (error) {
    if (error instanceof TrainingDataError)
      return { type: 'error', code: 'job.failed', message: error.failureReason };
    return {
      type: 'error',
      code: isAppError(error) ? error.code : 'job.failed',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

void run(workerData as LocalEvaluationJob).then(post);
