import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';
import { filterSchemasKey } from '../filters/filter-hooks.js';
import { historyKey } from '../recommendations/explore-hooks.js';

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

/**
 * PutEvents; resolves to the wire payload. On success it invalidates the user histories
 * ({@link historyKey}) and the filter schemas with their event types ({@link filterSchemasKey}).
 */
export function usePutEvents(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'eventTrackers.putEvents'>, 'workspaceId'>) =>
      invoke('eventTrackers.putEvents', { workspaceId, ...input }),
    // The events count at once: every user history (rows and count) and the filter lint's event types refetch.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: historyKey(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: filterSchemasKey(workspaceId), exact: true }),
      ]),
  });
}
