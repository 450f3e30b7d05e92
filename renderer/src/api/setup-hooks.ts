import { useMutation, useQuery } from '@tanstack/react-query';
import { invoke } from './client.js';
import { queryKeys } from './query-keys.js';

/**
 * The read-only pre-flight of a workspace's environment (`setup.check`): bucket, bucket policy,
 * IAM role, each present / missing / different. Refetched when a setup or import job ends.
 */
export function useSetupCheck(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.setup(workspaceId),
    queryFn: () => invoke('setup.check', { workspaceId }),
  });
}

/** Starts the `setup.apply` job (creates what is missing); resolves to `{jobId}` at once. */
export function useApplySetup(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('setup.apply', { workspaceId }) });
}
