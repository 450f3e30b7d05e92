import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/** Query key of a workspace's batch jobs. */
export const batchKey = (workspaceId: string) => ['batch', workspaceId] as const;

/** The POC's batch inference jobs; polled every 2 s while one runs. */
export function useBatchJobs(workspaceId: string) {
  return useQuery({
    queryKey: batchKey(workspaceId),
    queryFn: () => invoke('batch.list', { workspaceId }),
    refetchInterval: (query) =>
      (query.state.data?.jobs ?? []).some(
        (job) => job.status !== 'ACTIVE' && !(job.status ?? '').endsWith('FAILED'),
      )
        ? 2000
        : 20_000,
  });
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

/** The parsed output of an ACTIVE batch job. */
export function useBatchOutput(workspaceId: string, arn: string | undefined, isActive: boolean) {
  return useQuery({
    queryKey: ['batchOutput', workspaceId, arn],
    queryFn: () => invoke('batch.output', { workspaceId, batchInferenceJobArn: arn ?? '' }),
    enabled: arn !== undefined && isActive,
    retry: false,
  });
}
