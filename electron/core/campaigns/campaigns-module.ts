import { z } from 'zod';
import { MIN_PROVISIONED_TPS } from '../../../shared/rules/limits.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { deployCampaign } from './campaign-service.js';
import { assertDeployable } from './deploy-guard.js';

/** Params of a `campaigns.deploy` job. */
export const DeployParamsSchema = z.object({
  recipe: z.string(),
  /** The version the handler checked ACTIVE; absent only in jobs persisted before it existed. */
  solutionVersionArn: z.string().optional(),
  minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).default(MIN_PROVISIONED_TPS),
});

/** The `campaigns` domain. */
export function campaignsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'campaigns.deploy': async (input) => {
        const view = deps.guideView(input.workspaceId);
        const solutionVersionArn = assertDeployable(
          view.solutions,
          deps.jobs.list(input.workspaceId),
          input.workspaceId,
          input.recipe,
        );
        const params = {
          recipe: input.recipe,
          solutionVersionArn,
          minProvisionedTPS: input.minProvisionedTPS,
        };
        return { jobId: (await deps.jobs.start('campaigns.deploy', input.workspaceId, params)).id };
      },
    },
    runners: {
      'campaigns.deploy': workspaceJob(deps.workspaces, 3, async (context, job) => {
        const { recipe, solutionVersionArn, minProvisionedTPS } = DeployParamsSchema.parse(
          job.job.params,
        );
        await deployCampaign(context, recipe, minProvisionedTPS, solutionVersionArn);
      }),
    },
  };
}
