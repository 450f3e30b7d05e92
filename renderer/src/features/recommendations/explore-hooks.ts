import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemDisplayChoice } from '../../../../shared/guide.js';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import type { TitlesFile } from '../../../../shared/ipc/recommendations.js';
import { invoke } from '../../api/client.js';

type Without<C extends 'recommendations.recommend' | 'recommendations.rank'> = Omit<
  ChannelInput<C>,
  'workspaceId'
>;

/** GetRecommendations with every option (campaign, item, filter, titles file). */
export function useAsk(workspaceId: string) {
  return useMutation({
    mutationFn: (input: Without<'recommendations.recommend'>) =>
      invoke('recommendations.recommend', { workspaceId, ...input }),
  });
}

/** GetPersonalizedRanking of a pasted list. */
export function useRank(workspaceId: string) {
  return useMutation({
    mutationFn: (input: Without<'recommendations.rank'>) =>
      invoke('recommendations.rank', { workspaceId, ...input }),
  });
}

/**
 * Query key prefix of every user history of a workspace (`recommendations.history`): sending
 * events invalidates it, so each history shown refetches with the sent events and its count.
 */
export const historyKey = (workspaceId: string) => ['history', workspaceId] as const;

/** A user's recent interactions (file and sent events); refetched when events are sent (see {@link historyKey}). */
export function useHistory(
  workspaceId: string,
  userId: string | undefined,
  titlesFile: TitlesFile | undefined,
) {
  return useQuery({
    queryKey: [...historyKey(workspaceId), userId, titlesFile?.path, titlesFile?.idColumn],
    queryFn: () =>
      invoke('recommendations.history', {
        workspaceId,
        userId: userId ?? '',
        limit: 50,
        ...(titlesFile === undefined ? {} : { titlesFile }),
      }),
    enabled: userId !== undefined && userId !== '',
  });
}

/** The columns of a titles file. */
export function useTitlesColumns(workspaceId: string, path: string | undefined) {
  return useQuery({
    queryKey: ['titlesColumns', workspaceId, path],
    queryFn: () => invoke('recommendations.titlesColumns', { workspaceId, path: path ?? '' }),
    enabled: path !== undefined && path !== '',
    retry: false,
  });
}

/**
 * Per column of a titles file, how many of the imported items it names (read in the main
 * process); fails with `guide.notReady` before an Items file is imported.
 */
export function useTitlesIdMatches(workspaceId: string, path: string | undefined) {
  return useQuery({
    queryKey: ['titlesIdMatches', workspaceId, path],
    queryFn: () => invoke('recommendations.titlesIdMatches', { workspaceId, path: path ?? '' }),
    enabled: path !== undefined && path !== '',
    retry: false,
  });
}

/**
 * The item display choice kept in the workspace, and a setter that writes it to the workspace
 * first and shows it once kept (so leaving Explore and coming back keeps the titles file).
 */
export function useItemDisplay(workspaceId: string): {
  display: ItemDisplayChoice;
  setDisplay: (next: ItemDisplayChoice) => void;
  error: Error | null;
  /** True until the kept choice has been read (or failed to read). */
  isLoading: boolean;
} {
  const client = useQueryClient();
  const key = ['itemDisplay', workspaceId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => invoke('recommendations.getDisplay', { workspaceId }),
  });
  const save = useMutation({
    mutationFn: (display: ItemDisplayChoice) =>
      invoke('recommendations.setDisplay', { workspaceId, display }),
    onSuccess: (kept) => client.setQueryData(key, kept),
  });
  return {
    display: query.data ?? { nameColumns: [] },
    setDisplay: (next) => save.mutate(next),
    error: save.error ?? query.error,
    isLoading: query.isLoading,
  };
}
