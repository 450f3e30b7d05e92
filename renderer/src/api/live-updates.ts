import type { QueryClient } from '@tanstack/react-query';
import type { StudioBridge } from '../../../shared/ipc/bridge.js';
import { isTerminalJobState, type Job } from '../../../shared/jobs.js';
import type { PocState } from '../../../shared/poc.js';
import { queryKeys } from './query-keys.js';

/** Replaces the job with the same id, or appends it; returns a new array. */
export function upsertJob(jobs: readonly Job[] | undefined, job: Job): Job[] {
  const list = jobs ?? [];
  const index = list.findIndex((existing) => existing.id === job.id);
  if (index === -1) return [...list, job];
  return list.map((existing, position) => (position === index ? job : existing));
}

/**
 * Feeds the query caches from push events; the renderer never polls.
 *
 * - `poc.didChange` replaces the workspace's PocState and refetches its inventory once;
 * - `jobs.didChange` replaces the job by id in the workspace's and the all-workspaces lists;
 *   when a job reaches a terminal state it had not reached before, `onJobEnded` is called and
 *   the PocState is refetched once (in case its own event was missed).
 *
 * Returns the function that unsubscribes both listeners.
 */
export function attachLiveUpdates(bridge: Pick<StudioBridge, 'on'>, queryClient: QueryClient, onJobEnded: (job: Job) => void): () => void {
  const offPoc = bridge.on('poc.didChange', ({ workspaceId, state }) => {
    queryClient.setQueryData<PocState>(queryKeys.poc(workspaceId), state);
    void queryClient.invalidateQueries({ queryKey: queryKeys.inventory(workspaceId) });
  });
  const offJobs = bridge.on('jobs.didChange', (job) => {
    const keys = [queryKeys.jobs(job.workspaceId), queryKeys.jobs(undefined)];
    const previous = keys
      .map((key) => queryClient.getQueryData<Job[]>(key)?.find((existing) => existing.id === job.id))
      .find((found) => found !== undefined);
    for (const key of keys) queryClient.setQueryData<Job[]>(key, (jobs) => upsertJob(jobs, job));
    const hasEndedNow = isTerminalJobState(job.state) && (previous === undefined || !isTerminalJobState(previous.state));
    if (hasEndedNow) {
      onJobEnded(job);
      void queryClient.invalidateQueries({ queryKey: queryKeys.poc(job.workspaceId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inventory(job.workspaceId) });
    }
  });
  return () => {
    offPoc();
    offJobs();
  };
}
