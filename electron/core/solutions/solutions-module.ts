import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { SKELETON_RECIPES } from '../../../shared/personalize.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { trainSolutions } from './solutions-service.js';

/** Params of a `solutions.train` job. */
export const TrainParamsSchema = z.object({ recipes: z.array(z.enum(SKELETON_RECIPES)).min(1) });

/** The `solutions` domain: solutions, versions and metrics. */
export function solutionsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'solutions.train': async (input) => {
        const view = deps.guideView(input.workspaceId);
        if (
          view.importStatus.interactions !== 'ACTIVE' ||
          view.importedFiles.interactions === undefined
        ) {
          throw new AppError(
            'guide.notReady',
            'Import the interactions before training (step Import).',
          );
        }
        return {
          jobId: (
            await deps.jobs.start('solutions.train', input.workspaceId, { recipes: input.recipes })
          ).id,
        };
      },
    },
    runners: {
      'solutions.train': workspaceJob(deps.workspaces, 8, async (context, job) => {
        const { recipes } = TrainParamsSchema.parse(job.job.params);
        await trainSolutions(context, recipes);
      }),
    },
  };
}
