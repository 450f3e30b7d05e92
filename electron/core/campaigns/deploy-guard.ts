import { AppError } from '../../../shared/errors.js';
import { isTerminalJobState, type Job } from '../../../shared/jobs.js';
import type { GuideSolution } from '../../../shared/guide.js';

/** Describes a solution that is not deployable yet: "…is still training (solution version …, STATUS)". */
function stillTraining(recipe: string, solution: GuideSolution | undefined): string {
  const version = solution?.solutionVersionArn ?? 'not created yet';
  const status = solution?.status ?? 'CREATE PENDING';
  return `${recipe} is still training (solution version ${version}, ${status}). Deploy when it is ACTIVE.`;
}

/**
 * Checks that `recipe` may be deployed now, given the guide's solutions (from the resource cache) (the core side of the renderer's disabled Deploy):
 * no `solutions.train` job of the workspace is unfinished and the recipe's solution version is ACTIVE.
 *
 * @param jobs the jobs of the workspace (any order; other workspaces' jobs are ignored).
 * @returns the solution version ARN to deploy — exactly the requested recipe's version.
 * @throws AppError `guide.notReady` saying what to wait for (training still running, version not
 *   ACTIVE, or recipe never trained).
 */
export function assertDeployable(
  solutions: readonly GuideSolution[],
  jobs: readonly Job[],
  workspaceId: string,
  recipe: string,
): string {
  const solution = solutions.find((candidate) => candidate.recipe === recipe);
  const training = jobs.find(
    (job) =>
      job.kind === 'solutions.train' &&
      job.workspaceId === workspaceId &&
      !isTerminalJobState(job.state),
  );
  if (training !== undefined) {
    const recipes = Array.isArray(training.params.recipes)
      ? training.params.recipes.filter((entry): entry is string => typeof entry === 'string')
      : [];
    // Name the requested recipe when that job trains it, else the first recipe the job has not finished.
    const waitingFor = recipes.includes(recipe)
      ? recipe
      : (recipes.find(
          (entry) => solutions.find((candidate) => candidate.recipe === entry)?.status !== 'ACTIVE',
        ) ??
        recipes[0] ??
        recipe);
    const waited = solutions.find((candidate) => candidate.recipe === waitingFor);
    throw new AppError('guide.notReady', stillTraining(waitingFor, waited), {
      details: { recipe, training: waitingFor, jobId: training.id },
    });
  }
  if (solution?.solutionVersionArn === undefined) {
    throw new AppError('guide.notReady', `Train ${recipe} before deploying it (step Solutions).`, {
      details: { recipe },
    });
  }
  if (solution.status !== 'ACTIVE') {
    if (solution.status !== undefined && /FAILED|STOPPED/u.test(solution.status)) {
      throw new AppError(
        'guide.notReady',
        `Training ${recipe} ended in ${solution.status}; train it again before deploying it (step Solutions).`,
        {
          details: { recipe, status: solution.status },
        },
      );
    }
    throw new AppError('guide.notReady', stillTraining(recipe, solution), {
      details: { recipe, status: solution.status ?? null },
    });
  }
  return solution.solutionVersionArn;
}
