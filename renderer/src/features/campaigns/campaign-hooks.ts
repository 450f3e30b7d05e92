import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/** Query key of a workspace's campaigns (`campaigns.list`). */
export const campaignsKey = (workspaceId: string) => ['campaigns', workspaceId] as const;

/**
 * The campaigns of the POC and the versions they can serve, read from the service; polled every
 * 2 s while something is being created or updated, every 15 s otherwise.
 */
export function useCampaigns(workspaceId: string) {
  return useQuery({
    queryKey: campaignsKey(workspaceId),
    queryFn: () => invoke('campaigns.list', { workspaceId }),
    refetchInterval: (query) =>
      (query.state.data?.campaigns ?? []).some(
        (campaign) =>
          campaign.status !== 'ACTIVE' ||
          (campaign.latestUpdate?.status !== undefined &&
            campaign.latestUpdate.status !== 'ACTIVE' &&
            !campaign.latestUpdate.status.endsWith('FAILED')),
      )
        ? 2000
        : 15_000,
  });
}

/** Starts a deployment (a job); refreshes the campaign list. */
export function useDeployCampaign(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'campaigns.deploy'>, 'workspaceId'>) =>
      invoke('campaigns.deploy', { workspaceId, ...input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: campaignsKey(workspaceId) }),
  });
}

/** Starts a campaign update (a job); refreshes the campaign list. */
export function useUpdateCampaign(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'campaigns.update'>, 'workspaceId'>) =>
      invoke('campaigns.update', { workspaceId, ...input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: campaignsKey(workspaceId) }),
  });
}
