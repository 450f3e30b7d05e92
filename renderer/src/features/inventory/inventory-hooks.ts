import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RunningCost, TeardownScope } from '../../../../shared/ipc/inventory.js';
import { invoke } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { quitReminderText } from '../../../../shared/rules/prices.js';

/** Query keys of the inventory feature; all under `queryKeys.inventory(workspaceId)`, so a job's end refetches them. */
export const inventoryKeys = {
  snapshot: (workspaceId: string) => [...queryKeys.inventory(workspaceId), 'snapshot'] as const,
  plan: (workspaceId: string, scope: TeardownScope, includeEnvironment: boolean) =>
    [...queryKeys.inventory(workspaceId), 'plan', scope, includeEnvironment] as const,
  runningCost: ['inventory', 'runningCost'] as const,
};

/** The last inventory refresh of a workspace (`inventory.snapshot`); refetched when a job ends. */
export function useInventorySnapshot(workspaceId: string) {
  return useQuery({
    queryKey: inventoryKeys.snapshot(workspaceId),
    queryFn: () => invoke('inventory.snapshot', { workspaceId }),
  });
}

/** Starts an inventory refresh job (`inventory.refresh`); resolves to `{jobId}` at once. */
export function useRefreshInventory(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => invoke('inventory.refresh', { workspaceId }),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: inventoryKeys.snapshot(workspaceId) }),
  });
}

/** The teardown plan of a scope (`inventory.plan`, a dry run); refetched when a job ends. */
export function useTeardownPlan(
  workspaceId: string,
  scope: TeardownScope,
  includeEnvironment: boolean,
  isEnabled = true,
) {
  return useQuery({
    queryKey: inventoryKeys.plan(workspaceId, scope, includeEnvironment),
    queryFn: () => invoke('inventory.plan', { workspaceId, scope, includeEnvironment }),
    enabled: isEnabled,
  });
}

/** Starts the teardown of a scope by its plan (`inventory.teardown`); resolves to `{jobId}` at once. */
export function useStartTeardown(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { scope: TeardownScope; includeEnvironment: boolean }) =>
      invoke('inventory.teardown', { workspaceId, ...input }),
  });
}

/** How often the running cost is read again, in ms (it reads the studio's caches: no service call). */
const RUNNING_COST_INTERVAL_MS = 10_000;

/**
 * What bills by the hour in every workspace (`inventory.runningCost`), read again every
 * {@link RUNNING_COST_INTERVAL_MS} and whenever `revision` changes (pass something that changes
 * when jobs end, e.g. the count of finished jobs).
 */
export function useRunningCost(revision: unknown) {
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.runningCost });
  }, [queryClient, revision]);
  return useQuery({
    queryKey: inventoryKeys.runningCost,
    queryFn: () => invoke('inventory.runningCost', {}),
    refetchInterval: RUNNING_COST_INTERVAL_MS,
  });
}

/**
 * Asks before the page unloads (browser host: closing the tab, reloading) while AWS resources
 * bill by the hour — the browser shows its own wording; the desktop app's main process asks on
 * quit with {@link quitReminderText}.
 */
export function useQuitReminder(cost: RunningCost | undefined): void {
  const text = quitReminderText(cost);
  useEffect(() => {
    if (text === undefined) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent): string => {
      event.preventDefault();
      return text;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [text]);
}
