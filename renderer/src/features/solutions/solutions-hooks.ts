import { useMutation, useQuery } from '@tanstack/react-query';
import type { GuideView } from '../../../../shared/guide.js';
import type { TrainRun } from '../../../../shared/ipc/solutions.js';
import type { Job } from '../../../../shared/jobs.js';
import type { StudioRecipe } from '../../../../shared/rules/recipes.js';
import { invoke } from '../../api/client.js';

/**
 * A stamp that changes whenever the solutions of the workspace may have changed: the guide's
 * solutions (statuses, metrics) and the last update of every solutions job (each evaluation
 * phase reports through its job), so that the queries below refetch on pushes, never by polling.
 */
export function solutionsStamp(view: GuideView, jobs: readonly Job[] | undefined): string {
  const jobStamp = (jobs ?? [])
    .filter((job) => job.kind.startsWith('solutions.'))
    .map((job) => `${job.id}:${job.state}:${job.updatedAtMs}`)
    .join(',');
  const solutionStamp = view.solutions
    .map(
      (solution) =>
        `${solution.solutionVersionArn ?? solution.solutionArn}:${solution.status ?? ''}`,
    )
    .join(',');
  return `${view.datasetGroupArn ?? ''}|${solutionStamp}|${jobStamp}|${view.importJobArns.interactions ?? ''}`;
}

/** Every solution and version of the guide's dataset group (`solutions.list`). */
export function useSolutionsOverview(workspaceId: string, stamp: string) {
  return useQuery({
    queryKey: ['solutions', workspaceId, stamp],
    queryFn: () => invoke('solutions.list', { workspaceId }),
    placeholderData: (previous) => previous,
  });
}

/** How each recipe fits the imported data (`solutions.dataFit`), once imported. */
export function useDataFit(workspaceId: string, importJobArn: string | undefined) {
  return useQuery({
    queryKey: ['solutions.dataFit', workspaceId, importJobArn ?? ''],
    queryFn: () => invoke('solutions.dataFit', { workspaceId }),
    enabled: importJobArn !== undefined,
    staleTime: Infinity,
  });
}

/** Starts a training job: `recipes` the guide's way, `runs` as new solutions or versions. */
export function useTrain(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { recipes?: StudioRecipe[]; runs?: TrainRun[] }) =>
      invoke('solutions.train', { workspaceId, ...input }),
  });
}

/** Starts the "repeat the evaluation on k splits" job. */
export function useEvaluateSplits(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { solutionVersionArns: string[]; splits: number }) =>
      invoke('solutions.evaluateSplits', { workspaceId, ...input }),
  });
}
