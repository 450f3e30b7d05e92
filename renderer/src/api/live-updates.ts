import type { QueryClient } from '@tanstack/react-query';
import type { StudioBridge } from '../../../shared/ipc/bridge.js';
import { isTerminalJobState, type Job } from '../../../shared/jobs.js';
import type { GuideView } from '../../../shared/guide.js';
import { queryKeys } from './query-keys.js';

/** Replaces the job with the same id, or appends it; returns a new array. */
export function upsertJob(jobs: readonly Job[] | undefined, job: Job): Job[] {
  const list = jobs ?? [];
  const index = list.findIndex((existing) => existing.id === job.id);
  if (index === -1) return [...list, job];
  return list.map((existing, position) => (position === index ? job : existing));
}

/** Queries of a workspace that read local files, not the service: a job changes none of them. */
const FILE_QUERIES: ReadonlySet<unknown> = new Set([
  'userShortcuts',
  'titlesColumns',
  'titlesIdMatches',
]);

/**
 * True for the queries refetched when a job of `workspaceId` ends: every query keyed
 * `[domain, workspaceId, …]` (campaigns, solutions, filters, event trackers, batch jobs, the
 * guide, the inventory, the setup check, a user's history…), except the job lists, which the
 * event itself updates, and the reads of local files.
 */
export function isRefreshedAfterJob(queryKey: readonly unknown[], workspaceId: string): boolean {
  return queryKey[1] === workspaceId && queryKey[0] !== 'jobs' && !FILE_QUERIES.has(queryKey[0]);
}

/**
 * Feeds the query caches from push events; the renderer never polls.
 *
 * - `guide.didChange` replaces the workspace's guide view and refetches its inventory once;
 * - `workspaces.didChange` replaces the list of workspaces (and the shown one);
 * - `accounts.didChange` replaces the workspace's identity (the account banner) and its sign-in;
 * - `jobs.didChange` replaces the job by id in the workspace's and the all-workspaces lists;
 *   when a job reaches a terminal state it had not reached before, `onJobEnded` is called and
 *   every list of that workspace is refetched once (see {@link isRefreshedAfterJob}): a job
 *   creates or deletes resources (a teardown, a deployment), and a list left as it was would
 *   show deleted campaigns as running.
 *
 * Returns the function that unsubscribes every listener.
 */
export function attachLiveUpdates(
  bridge: Pick<StudioBridge, 'on'>,
  queryClient: QueryClient,
  onJobEnded: (job: Job) => void,
): () => void {
  const offGuide = bridge.on('guide.didChange', ({ workspaceId, view }) => {
    queryClient.setQueryData<GuideView>(queryKeys.guide(workspaceId), view);
    void queryClient.invalidateQueries({ queryKey: queryKeys.inventory(workspaceId) });
  });
  const offWorkspaces = bridge.on('workspaces.didChange', (list) => {
    queryClient.setQueryData(queryKeys.workspaces, list);
  });
  const offAccounts = bridge.on('accounts.didChange', ({ workspaceId, identity, signIn }) => {
    if (identity !== undefined) queryClient.setQueryData(queryKeys.identity(workspaceId), identity);
    if (signIn !== undefined) queryClient.setQueryData(queryKeys.signIn(workspaceId), signIn);
  });
  const offJobs = bridge.on('jobs.didChange', (job) => {
    const keys = [queryKeys.jobs(job.workspaceId), queryKeys.jobs(undefined)];
    const previous = keys
      .map((key) =>
        queryClient.getQueryData<Job[]>(key)?.find((existing) => existing.id === job.id),
      )
      .find((found) => found !== undefined);
    for (const key of keys) queryClient.setQueryData<Job[]>(key, (jobs) => upsertJob(jobs, job));
    const hasEndedNow =
      isTerminalJobState(job.state) &&
      (previous === undefined || !isTerminalJobState(previous.state));
    if (hasEndedNow) {
      onJobEnded(job);
      void queryClient.invalidateQueries({
        predicate: (query) => isRefreshedAfterJob(query.queryKey, job.workspaceId),
      });
    }
  });
  return () => {
    offGuide();
    offWorkspaces();
    offAccounts();
    offJobs();
  };
}
