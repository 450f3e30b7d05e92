/**
 * Worker-thread entry: trains one solution version off the HTTP event loop.
 *
 * `workerData` = {@link TrainingJob}; posts back a {@link TrainingOutcome}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TrainingDataError, trainSolutionVersion } from './recipes/index.js';
import { packModel } from './recipes/model-file.js';
import type { TrainingJob, TrainingOutcome } from './training-protocol.js';

function run(job: TrainingJob): TrainingOutcome {
  try {
    const result = trainSolutionVersion(job.recipeName, job.input, job.options);
    return {
      ok: true,
      model: packModel(result.model.toJSON()),
      metrics: result.metrics,
      ...(result.tunedHyperParameters ? { tunedHyperParameters: result.tunedHyperParameters } : {}),
    };
  } catch (error) {
    if (error instanceof TrainingDataError)
      return { ok: false, failureReason: error.failureReason };
    return {
      ok: false,
      failureReason: `Create failed. ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const outcome = run(workerData as TrainingJob);
parentPort?.postMessage(outcome, outcome.ok ? [outcome.model.buffer as ArrayBuffer] : []);
