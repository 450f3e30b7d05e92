import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.js';
import { invoke } from './client.js';
import { queryKeys } from './query-keys.js';

type WorkspaceList = ChannelOutput<'workspaces.list'>;

/**
 * Switches the window to another workspace (`workspaces.select`).
 *
 * The list's `currentId` changes at once (every query is keyed by workspace id, so the whole UI
 * follows), and the new workspace's identity is asked again for the account banner. Jobs of
 * every workspace keep running in the core.
 */
export function useSelectWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) => invoke('workspaces.select', { workspaceId }),
    onSuccess: (workspace) => {
      queryClient.setQueryData<WorkspaceList>(queryKeys.workspaces, (list) =>
        list === undefined ? list : { ...list, currentId: workspace.id },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.identity(workspace.id) });
    },
  });
}

/** Refetches the list after a change (its `workspaces.didChange` event usually came first). */
function useRefreshList() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces });
}

/** Creates a workspace (`workspaces.create`); resolves to it. */
export function useCreateWorkspace() {
  const refresh = useRefreshList();
  return useMutation({
    mutationFn: (input: ChannelInput<'workspaces.create'>) => invoke('workspaces.create', input),
    onSuccess: refresh,
  });
}

/** Renames, re-tags or re-notes a workspace (`workspaces.update`). */
export function useUpdateWorkspace() {
  const refresh = useRefreshList();
  return useMutation({
    mutationFn: (input: ChannelInput<'workspaces.update'>) => invoke('workspaces.update', input),
    onSuccess: refresh,
  });
}

/** Duplicates a workspace under a new name (`workspaces.duplicate`). */
export function useDuplicateWorkspace() {
  const refresh = useRefreshList();
  return useMutation({
    mutationFn: (input: ChannelInput<'workspaces.duplicate'>) =>
      invoke('workspaces.duplicate', input),
    onSuccess: refresh,
  });
}

/**
 * Deletes a workspace (`workspaces.delete`): with `teardown` it resolves to the id of the job
 * that deletes its resources first; without, the workspace goes at once.
 */
export function useDeleteWorkspace() {
  const refresh = useRefreshList();
  return useMutation({
    mutationFn: (input: ChannelInput<'workspaces.delete'>) => invoke('workspaces.delete', input),
    onSuccess: refresh,
  });
}
