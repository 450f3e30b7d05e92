import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import type { TrainRun } from '../../../shared/ipc/solutions.js';
import { isTerminalJobState } from '../../../shared/jobs.js';
import { checkHyperParameters, STUDIO_RECIPES } from '../../../shared/rules/recipes.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { recipeShortName } from '../workspaces/names.js';
import { assessRecipeFits, dataStats } from './data-fit.js';
import { currentTrainingData, pendingEvaluations, solutionsOverview } from './solution-lookup.js';
import {
  evaluatePending,
  evaluateSplits,
  trainSolutions,
  type ResolvedRun,
} from './solutions-service.js';

const ResolvedRunSchema = z.object({
  recipe: z.enum(STUDIO_RECIPES),
  solutionArn: z.string().optional(),
  name: z.string(),
  algorithmHyperParameters: z.record(z.string(), z.string()),
  featureTransformationParameters: z.record(z.string(), z.string()),
  requestId: z.string(),
});

/** Params of a `solutions.train` job: recipes the guide's way, and resolved runs. */
export const TrainParamsSchema = z.object({
  recipes: z.array(z.enum(STUDIO_RECIPES)).default([]),
  runs: z.array(ResolvedRunSchema).default([]),
});

/**
 * Params of a `solutions.evaluate` job: without `splits` it only evaluates the versions that have
 * no evaluation yet (started after each training); with them it also repeats the evaluation of
 * `solutionVersionArns` on `splits` splits.
 */
export const EvaluateParamsSchema = z.object({
  solutionVersionArns: z.array(z.string()).default([]),
  splits: z.number().int().min(2).optional(),
});

/**
 * Resolves the consultant's runs: checks hyperparameters against SPEC §6.2 (shared/rules/recipes.ts),
 * names new solutions (`<prefix>-<recipe>`, then `-2`, `-3`… past the names already taken in
 * the workspace) and takes a new version's configuration from its solution.
 * @throws AppError `input.invalid` naming the field and its allowed range, or a taken name;
 *   `aws.notFound` for an unknown solution.
 */
export function resolveRuns(
  runs: readonly TrainRun[],
  prefix: string,
  takenNames: ReadonlySet<string>,
  solutionNameOf: (solutionArn: string) => string | undefined,
): ResolvedRun[] {
  const taken = new Set(takenNames);
  return runs.map((run) => {
    const requestId = randomUUID();
    if (run.solutionArn !== undefined) {
      const name = solutionNameOf(run.solutionArn);
      if (name === undefined)
        throw new AppError('aws.notFound', `Solution ${run.solutionArn} is not in this workspace.`);
      return {
        recipe: run.recipe,
        solutionArn: run.solutionArn,
        name,
        algorithmHyperParameters: {},
        featureTransformationParameters: {},
        requestId,
      };
    }
    const checked = checkHyperParameters(run.recipe, run.hyperParameters);
    if (!checked.ok)
      throw new AppError(
        'input.invalid',
        `Hyperparameters of ${run.recipe}: ${checked.problems.join(' ')}`,
      );
    let name = run.name;
    if (name !== undefined && taken.has(name))
      throw new AppError(
        'input.invalid',
        `A solution named ${name} exists already in this workspace: choose another name.`,
      );
    if (name === undefined) {
      const base = `${prefix}-${recipeShortName(run.recipe)}`;
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    }
    taken.add(name);
    return { recipe: run.recipe, name, ...checked.value, requestId };
  });
}

/** The `solutions` domain: solutions, versions, metrics and the studio's evaluation. */
export function solutionsModule(deps: StudioDeps): DomainModule {
  const requireImported = (workspaceId: string): void => {
    const view = deps.guideView(workspaceId);
    if (
      view.importStatus.interactions !== 'ACTIVE' ||
      view.importedFiles.interactions === undefined
    ) {
      throw new AppError(
        'guide.notReady',
        'Import the interactions before training (step Import).',
      );
    }
  };
  return {
    // Versions an earlier run left without the studio's evaluation (ended while the evaluation
    // was busy with others, or before it started) are evaluated now.
    onStart: async () => {
      for (const runtime of deps.workspaces.all()) {
        const pending = pendingEvaluations(
          runtime.resources.list(),
          runtime.getChoices().datasetGroupArn,
        );
        if (pending.length === 0) continue;
        await deps.jobs.start('solutions.evaluate', runtime.id, {}).catch((error: unknown) =>
          deps.log?.('evaluation not started', {
            workspaceId: runtime.id,
            reason: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    },
    handlers: {
      'solutions.train': async (input) => {
        requireImported(input.workspaceId);
        const recipes = input.recipes ?? [];
        const requested = input.runs ?? [];
        if (recipes.length + requested.length === 0)
          throw new AppError('input.invalid', 'Choose at least one recipe to train.');
        const runtime = deps.workspaces.get(input.workspaceId);
        const solutions = runtime.resources.list().filter((entry) => entry.kind === 'solution');
        const runs = resolveRuns(
          requested,
          runtime.config.prefix,
          new Set(solutions.map((entry) => entry.name)),
          (arn) => solutions.find((entry) => entry.arn === arn)?.name,
        );
        return {
          jobId: (
            await deps.jobs.start('solutions.train', input.workspaceId, {
              recipes: [...recipes, ...runs.map((run) => run.recipe)],
              guideRecipes: recipes,
              runs,
            })
          ).id,
        };
      },
      'solutions.list': (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        return Promise.resolve(
          solutionsOverview(
            runtime.resources.list(),
            deps.guideView(input.workspaceId).datasetGroupArn,
            runtime.config.target.kind === 'sandbox' ? 'sandbox' : 'aws',
          ),
        );
      },
      'solutions.dataFit': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const groupArn = deps.guideView(input.workspaceId).datasetGroupArn;
        const data =
          groupArn === undefined
            ? undefined
            : currentTrainingData(runtime.resources.list(), groupArn);
        if (data === undefined) return { fits: [] };
        const itemRows = runtime.resources.get(data.itemsImportJobArn ?? '')?.studio.rows;
        const stats = await dataStats(
          data.interactionsFile,
          data.itemsImportJobArn === undefined
            ? undefined
            : typeof itemRows === 'number'
              ? itemRows
              : 0,
          Date.now(),
        );
        return { stats, fits: assessRecipeFits(stats) };
      },
      'solutions.evaluateSplits': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const running = deps.jobs
          .list(input.workspaceId)
          .find((job) => job.kind === 'solutions.evaluate' && !isTerminalJobState(job.state));
        if (running !== undefined)
          throw new AppError(
            'guide.notReady',
            'The studio is still evaluating the trained versions: repeat the evaluation on k splits once it is done.',
          );
        for (const arn of input.solutionVersionArns) {
          const version = runtime.resources.get(arn);
          if (version?.kind !== 'solutionVersion' || version.status !== 'ACTIVE')
            throw new AppError(
              'input.invalid',
              `Solution version ${arn} is not an ACTIVE version of this workspace: only trained versions can be evaluated.`,
            );
        }
        return {
          jobId: (
            await deps.jobs.start('solutions.evaluate', input.workspaceId, {
              solutionVersionArns: input.solutionVersionArns,
              splits: input.splits ?? 5,
            })
          ).id,
        };
      },
    },
    runners: {
      'solutions.train': workspaceJob(deps.workspaces, 8, async (context, job) => {
        const params = job.job.params;
        // Jobs stored before `runs` existed have only `recipes`, all trained the guide's way.
        const parsed = TrainParamsSchema.parse({
          recipes: params.guideRecipes ?? params.recipes,
          runs: params.runs,
        });
        try {
          return await trainSolutions(context, parsed.recipes, parsed.runs);
        } finally {
          // The studio's evaluation (intervals, test users) runs as its own job, so that the
          // trained versions can be deployed at once; an evaluation job already running runs
          // once more for them when it ends (`rerunOnce`).
          if (!job.signal.aborted)
            await deps.jobs
              .start('solutions.evaluate', job.job.workspaceId, {})
              .catch(() => undefined);
        }
      }),
      'solutions.evaluate': {
        // A version that finishes training while the evaluation runs starts it again: one more
        // run evaluates what arrived, in the same job.
        startWhileRunning: 'rerunOnce',
        run: workspaceJob(deps.workspaces, 4, async (context, job) => {
          const { solutionVersionArns, splits } = EvaluateParamsSchema.parse(job.job.params);
          await evaluatePending(context, job.isRerun ? job.job.progress : undefined);
          // A rerun is for the versions that arrived, not for the splits asked for.
          if (splits === undefined || job.isRerun) return;
          await evaluateSplits(context, solutionVersionArns, splits);
        }),
      },
    },
  };
}
