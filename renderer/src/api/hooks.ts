import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PocState } from '../../../shared/poc.js';
import type { SkeletonRecipe } from '../../../shared/personalize.js';
import { invoke } from './client.js';
import { queryKeys } from './query-keys.js';

/** Host facts: version, host kind, whether a native file dialog exists. */
export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => invoke('app.info', {}) });
}

/** The current workspace (name, target). */
export function useWorkspace() {
  return useQuery({ queryKey: queryKeys.workspace, queryFn: () => invoke('workspaces.current', {}) });
}

/** PocState of a workspace; kept current by `poc.didChange` (see live-updates.ts). */
export function usePoc(workspaceId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.poc(workspaceId ?? ''),
    queryFn: () => invoke('poc.get', { workspaceId: workspaceId ?? '' }),
    enabled: workspaceId !== undefined,
  });
}

/** Jobs of a workspace (or all); kept current by `jobs.didChange`. */
export function useJobs(workspaceId?: string) {
  return useQuery({
    queryKey: queryKeys.jobs(workspaceId),
    queryFn: () => invoke('jobs.list', workspaceId === undefined ? {} : { workspaceId }),
  });
}

/** Teardown plan of the POC, in deletion order; refetched after `poc.didChange`. */
export function useInventory(workspaceId: string) {
  return useQuery({ queryKey: queryKeys.inventory(workspaceId), queryFn: () => invoke('poc.inventory', { workspaceId }) });
}

/** Heavy / light / cold users to try in Explore, once `interactionsFile` is imported (nothing before). */
export function useUserShortcuts(workspaceId: string, interactionsFile: string | undefined) {
  return useQuery({
    queryKey: queryKeys.userShortcuts(workspaceId, interactionsFile ?? ''),
    queryFn: () => invoke('poc.userShortcuts', { workspaceId }),
    enabled: interactionsFile !== undefined,
  });
}

/** First rows and checks of a CSV file (nothing when `path` is undefined). */
export function usePreview(path: string | undefined, datasetType: 'interactions' | 'items') {
  return useQuery({
    queryKey: queryKeys.preview(path ?? '', datasetType),
    queryFn: () => invoke('data.preview', { path: path ?? '', datasetType, limit: 100 }),
    enabled: path !== undefined,
  });
}

/** Sets the POC's files; the returned PocState replaces the cached one. */
export function useSetFiles(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: { interactions?: string | undefined; items?: string | undefined }) =>
      invoke('poc.setFiles', { workspaceId, ...files }),
    onSuccess: (state: PocState) => queryClient.setQueryData(queryKeys.poc(workspaceId), state),
  });
}

/** Starts the import job; resolves to `{jobId}` at once. */
export function useStartImport(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('poc.import', { workspaceId }) });
}

/** Starts training of the given recipes; resolves to `{jobId}` at once. */
export function useStartTraining(workspaceId: string) {
  return useMutation({ mutationFn: (recipes: SkeletonRecipe[]) => invoke('poc.train', { workspaceId, recipes }) });
}

/** Starts the campaign deployment; resolves to `{jobId}` at once. */
export function useStartDeploy(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { recipe: string; minProvisionedTPS: number }) => invoke('poc.deploy', { workspaceId, ...input }),
  });
}

/** Starts the teardown; resolves to `{jobId}` at once. */
export function useStartCleanup(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('poc.cleanup', { workspaceId }) });
}

/** Asks the campaign for recommendations for one user. */
export function useRecommend(workspaceId: string) {
  return useMutation({
    mutationFn: (userId: string) => invoke('poc.recommend', { workspaceId, userId, numResults: 25 }),
  });
}
