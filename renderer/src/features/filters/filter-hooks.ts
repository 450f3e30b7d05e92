import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/** Query key of a workspace's filters. */
export const filtersKey = (workspaceId: string) => ['filters', workspaceId] as const;

/** The POC's filters; polled every 2 s while one is being created or deleted. */
export function useFilters(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: filtersKey(workspaceId),
    queryFn: () => invoke('filters.list', { workspaceId }),
    enabled,
    refetchInterval: (query) =>
      (query.state.data?.filters ?? []).some((filter) => filter.status !== 'ACTIVE')
        ? 2000
        : 30_000,
  });
}

/** Query key of the group's schemas and imported event types for the filter lint. */
export const filterSchemasKey = (workspaceId: string) =>
  [...filtersKey(workspaceId), 'schemas'] as const;

/** The group's dataset schemas and imported event types for the filter lint (refetched when filters change or events are sent). */
export function useFilterSchemas(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: filterSchemasKey(workspaceId),
    queryFn: () => invoke('filters.schemas', { workspaceId }),
    enabled,
    retry: false,
  });
}

/** CreateFilter; refreshes the list. */
export function useCreateFilter(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; filterExpression: string }) =>
      invoke('filters.create', { workspaceId, ...input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: filtersKey(workspaceId) }),
  });
}

/** DeleteFilter; refreshes the list. */
export function useDeleteFilter(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filterArn: string) => invoke('filters.delete', { workspaceId, filterArn }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: filtersKey(workspaceId) }),
  });
}

/** The dry run of an expression for one user. */
export function useDryRun(workspaceId: string) {
  return useMutation({
    mutationFn: (input: Omit<ChannelInput<'filters.dryRun'>, 'workspaceId'>) =>
      invoke('filters.dryRun', { workspaceId, ...input }),
  });
}
