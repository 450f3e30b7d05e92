import type { Job, JobState } from '../../../shared/jobs.js';

/**
 * Whether the Jobs panel should open by itself after the jobs went from `previous` (job id →
 * state, as last seen) to `next`: only when a job the window saw unfinished has just failed.
 * Starting a job never opens it (the top bar's "Jobs (n running)" says it runs, and the panel
 * would cover the step and its results: users missed the Deploy step and recommendations
 * under it); failures already there when the window opened do not open it either. Pure.
 */
export function shouldOpenJobsPanel(
  previous: ReadonlyMap<string, JobState>,
  next: readonly Job[],
): boolean {
  return next.some((job) => {
    const before = previous.get(job.id);
    return job.state === 'failed' && before !== undefined && before !== 'failed';
  });
}

/** The job id → state map of `jobs`, for the next {@link shouldOpenJobsPanel}. */
export function jobStates(jobs: readonly Job[]): Map<string, JobState> {
  return new Map(jobs.map((job) => [job.id, job.state]));
}
