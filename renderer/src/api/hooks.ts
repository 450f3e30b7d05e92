import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuideView } from '../../../shared/guide.js';
import type { SkeletonRecipe } from '../../../shared/personalize.js';
import { invoke } from './client.js';
import { queryKeys } from './query-keys.js';

/** Host facts: version, host kind, whether a native file dialog exists. */
export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => invoke('app.info', {}) });
}

/** Every workspace and the id of the one the window shows; kept current by `workspaces.didChange`. */
export function useWorkspaces() {
  return useQuery({ queryKey: queryKeys.workspaces, queryFn: () => invoke('workspaces.list', {}) });
}

/** The workspace the window shows (name, target, prefix, tags). */
export function useWorkspace() {
  const workspaces = useWorkspaces();
  const current = workspaces.data?.workspaces.find(
    (workspace) => workspace.id === workspaces.data?.currentId,
  );
  return { ...workspaces, data: current };
}

/** The guide's view of a workspace; kept current by `guide.didChange` (see live-updates.ts). */
export function useGuide(workspaceId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.guide(workspaceId ?? ''),
    queryFn: () => invoke('guide.get', { workspaceId: workspaceId ?? '' }),
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

/** Resources of the workspace's scope, in deletion order; refetched after `guide.didChange`. */
export function useInventory(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.inventory(workspaceId),
    queryFn: () => invoke('inventory.list', { workspaceId }),
  });
}

/** Heavy / light / cold users to try in Explore, once `interactionsFile` is imported (nothing before). */
export function useUserShortcuts(workspaceId: string, interactionsFile: string | undefined) {
  return useQuery({
    queryKey: queryKeys.userShortcuts(workspaceId, interactionsFile ?? ''),
    queryFn: () => invoke('recommendations.userShortcuts', { workspaceId }),
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

/** Chooses the guide's files; the returned view replaces the cached one. */
export function useSetFiles(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: {
      interactions?: string | undefined;
      items?: string | undefined;
      users?: string | undefined;
    }) => invoke('guide.setFiles', { workspaceId, ...files }),
    onSuccess: (view: GuideView) => queryClient.setQueryData(queryKeys.guide(workspaceId), view),
  });
}

/** Starts the import job; resolves to `{jobId}` at once. */
export function useStartImport(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('datasets.import', { workspaceId }) });
}

/** Starts training of the given recipes; resolves to `{jobId}` at once. */
export function useStartTraining(workspaceId: string) {
  return useMutation({
    mutationFn: (recipes: SkeletonRecipe[]) => invoke('solutions.train', { workspaceId, recipes }),
  });
}

/** Starts the campaign deployment; resolves to `{jobId}` at once. */
export function useStartDeploy(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { recipe: string; minProvisionedTPS: number }) =>
      invoke('campaigns.deploy', { workspaceId, ...input }),
  });
}

/** Starts the teardown; resolves to `{jobId}` at once. */
export function useStartCleanup(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('inventory.teardown', { workspaceId }) });
}

/** Asks the campaign for recommendations for one user. */
export function useRecommend(workspaceId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      invoke('recommendations.recommend', { workspaceId, userId, numResults: 25 }),
  });
}
