import type { Job } from '../../../shared/jobs.js';

/** The most recent job of a kind (by creation time), if any. */
export function latestJob(jobs: readonly Job[] | undefined, kind: Job['kind']): Job | undefined {
  return (jobs ?? [])
    .filter((job) => job.kind === kind)
    .sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
}
