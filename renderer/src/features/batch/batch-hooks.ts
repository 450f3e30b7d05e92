import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { BatchJobSummary } from '../../../../shared/ipc/batch.js';
import type { TitlesFile } from '../../../../shared/ipc/recommendations.js';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { isTerminalJobState, type Job } from '../../../../shared/jobs.js';
import { invoke } from '../../api/client.js';

/** Query key of a workspace's batch jobs. */
export const batchKey = (workspaceId: string) => ['batch', workspaceId] as const;

/**
 * The POC's batch inference jobs; polled every 2 s while one runs or while the studio's
 * `batch.run` job (`runJob`) is not terminal, and refetched at once each time that job moves
 * to its next step (the step after CreateBatchInferenceJob has recorded the new job in the
 * resource cache), so the new job's row shows without waiting for the 20 s poll.
 */
export function useBatchJobs(workspaceId: string, runJob?: Job) {
  const queryClient = useQueryClient();
  const isRunning = runJob !== undefined && !isTerminalJobState(runJob.state);
  const runStep = runJob === undefined ? '' : `${runJob.id}:${runJob.state}:${runJob.step}`;
  useEffect(() => {
    if (runStep !== '') void queryClient.invalidateQueries({ queryKey: batchKey(workspaceId) });
  }, [queryClient, workspaceId, runStep]);
  return useQuery({
    queryKey: batchKey(workspaceId),
    queryFn: () => invoke('batch.list', { workspaceId }),
    refetchInterval: (query) =>
      isRunning ||
      (query.state.data?.jobs ?? []).some(
        (job) => job.status !== 'ACTIVE' && !(job.status ?? '').endsWith('FAILED'),
      )
        ? 2000
        : 20_000,
  });
}

/**
 * The row of a batch job the studio is starting but the service does not list yet (its input
 * is being written, or CreateBatchInferenceJob has not answered): named as the job will be
 * (`params.jobName` of the `batch.run` job), without a status, so the table shows it at once.
 * `undefined` once the listed jobs hold that name, or when `runJob` is terminal.
 */
export function startingBatchRow(
  runJob: Job | undefined,
  listed: readonly BatchJobSummary[],
): BatchJobSummary | undefined {
  if (runJob === undefined || isTerminalJobState(runJob.state)) return undefined;
  const jobName = runJob.params.jobName;
  if (typeof jobName !== 'string' || listed.some((job) => job.jobName === jobName))
    return undefined;
  return { batchInferenceJobArn: `starting:${runJob.id}`, jobName };
}

/** Starts a batch inference job (a job of the studio). */
export function useStartBatch(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'batch.start'>, 'workspaceId'>) =>
      invoke('batch.start', { workspaceId, ...input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: batchKey(workspaceId) }),
  });
}

/**
 * The parsed output of an ACTIVE batch job, with the metadata of its items joined from the
 * Items file and the optional titles file (the workspace's item display choice).
 */
export function useBatchOutput(
  workspaceId: string,
  arn: string | undefined,
  isActive: boolean,
  titlesFile?: TitlesFile,
) {
  return useQuery({
    queryKey: ['batchOutput', workspaceId, arn, titlesFile?.path, titlesFile?.idColumn],
    queryFn: () =>
      invoke('batch.output', {
        workspaceId,
        batchInferenceJobArn: arn ?? '',
        ...(titlesFile === undefined ? {} : { titlesFile }),
      }),
    enabled: arn !== undefined && isActive,
    retry: false,
  });
}
