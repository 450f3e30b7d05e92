import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/** Query key of a workspace's event trackers. */
export const trackersKey = (workspaceId: string) => ['eventTrackers', workspaceId] as const;

/** The POC's event trackers; polled every 2 s while one is not ACTIVE. */
export function useEventTrackers(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: trackersKey(workspaceId),
    queryFn: () => invoke('eventTrackers.list', { workspaceId }),
    enabled,
    refetchInterval: (query) =>
      (query.state.data?.eventTrackers ?? []).some((tracker) => tracker.status !== 'ACTIVE')
        ? 2000
        : false,
  });
}

/** CreateEventTracker (or the existing one); refreshes the list. */
export function useCreateEventTracker(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('eventTrackers.create', { workspaceId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trackersKey(workspaceId) }),
  });
}

/** PutEvents; resolves to the wire payload. */
export function usePutEvents(workspaceId: string) {
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'eventTrackers.putEvents'>, 'workspaceId'>) =>
      invoke('eventTrackers.putEvents', { workspaceId, ...input }),
  });
}
