import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { CampaignConfigSchema } from '../../../shared/ipc/campaigns.js';
import { isTerminalJobState } from '../../../shared/jobs.js';
import { MIN_PROVISIONED_TPS } from '../../../shared/rules/limits.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { solutionArnOfVersion } from '../aws/describe-resources.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { listCampaignCatalog } from './campaign-catalog.js';
import { deployCampaign, deployVersion, updateCampaign } from './campaign-service.js';
import { assertDeployable } from './deploy-guard.js';

/** Params of a `campaigns.deploy` job. */
export const DeployParamsSchema = z.object({
  recipe: z.string(),
  /** The version the handler checked ACTIVE; absent only in jobs persisted before it existed. */
  solutionVersionArn: z.string().optional(),
  minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).default(MIN_PROVISIONED_TPS),
  /** True when the caller chose the version (any ACTIVE version of the group), not the recipe's latest. */
  byVersion: z.boolean().default(false),
  name: z.string().optional(),
  campaignConfig: CampaignConfigSchema.optional(),
});

/** Params of a `campaigns.update` job. */
export const UpdateParamsSchema = z.object({
  campaignArn: z.string(),
  solutionVersionArn: z.string().optional(),
  minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).optional(),
  campaignConfig: CampaignConfigSchema.optional(),
});

/**
 * Refuses a second deployment while one runs (the registry would hand back the running job and
 * the new request would be lost silently).
 * @throws AppError `guide.notReady` naming what is being deployed.
 */
function assertNoOtherDeploy(deps: StudioDeps, workspaceId: string, params: object): void {
  const running = deps.jobs
    .list(workspaceId)
    .find((job) => job.kind === 'campaigns.deploy' && !isTerminalJobState(job.state));
  if (running === undefined) return;
  if (JSON.stringify(DeployParamsSchema.parse(running.params)) === JSON.stringify(params)) return;
  const what =
    typeof running.params.name === 'string' ? running.params.name : String(running.params.recipe);
  throw new AppError(
    'guide.notReady',
    `A deployment (${what}) is running: deploy the next campaign when it has finished.`,
    { details: { jobId: running.id } },
  );
}

/** The `campaigns` domain: several campaigns per dataset group, their updates and their cost. */
export function campaignsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'campaigns.deploy': async (input) => {
        const view = deps.guideView(input.workspaceId);
        let params: z.output<typeof DeployParamsSchema>;
        if (input.solutionVersionArn !== undefined) {
          const runtime = deps.workspaces.get(input.workspaceId);
          const catalog = await listCampaignCatalog(runtime.context());
          const version = catalog.versions.find(
            (candidate) => candidate.solutionVersionArn === input.solutionVersionArn,
          );
          if (version === undefined)
            throw new AppError(
              'guide.notReady',
              `Solution version ${input.solutionVersionArn} is not an ACTIVE version of the POC's dataset group: choose one of the list.`,
            );
          params = DeployParamsSchema.parse({
            recipe: version.recipe,
            solutionVersionArn: version.solutionVersionArn,
            minProvisionedTPS: input.minProvisionedTPS,
            byVersion: true,
            ...(input.name === undefined ? {} : { name: input.name }),
            ...(input.campaignConfig === undefined ? {} : { campaignConfig: input.campaignConfig }),
          });
        } else {
          if (input.recipe === undefined)
            throw new AppError(
              'guide.notReady',
              'Choose the recipe or the solution version to deploy.',
            );
          const solutionVersionArn = assertDeployable(
            view.solutions,
            deps.jobs.list(input.workspaceId),
            input.workspaceId,
            input.recipe,
          );
          params = DeployParamsSchema.parse({
            recipe: input.recipe,
            solutionVersionArn,
            minProvisionedTPS: input.minProvisionedTPS,
            ...(input.campaignConfig === undefined ? {} : { campaignConfig: input.campaignConfig }),
          });
        }
        assertNoOtherDeploy(deps, input.workspaceId, params);
        return { jobId: (await deps.jobs.start('campaigns.deploy', input.workspaceId, params)).id };
      },
      'campaigns.update': async (input) => {
        const params = UpdateParamsSchema.parse({
          campaignArn: input.campaignArn,
          ...(input.solutionVersionArn === undefined
            ? {}
            : { solutionVersionArn: input.solutionVersionArn }),
          ...(input.minProvisionedTPS === undefined
            ? {}
            : { minProvisionedTPS: input.minProvisionedTPS }),
          ...(input.campaignConfig === undefined ? {} : { campaignConfig: input.campaignConfig }),
        });
        const running = deps.jobs
          .list(input.workspaceId)
          .find((job) => job.kind === 'campaigns.update' && !isTerminalJobState(job.state));
        if (running !== undefined && running.params.campaignArn !== input.campaignArn)
          throw new AppError(
            'guide.notReady',
            'Another campaign update is running: update this campaign when it has finished.',
            { details: { jobId: running.id } },
          );
        return { jobId: (await deps.jobs.start('campaigns.update', input.workspaceId, params)).id };
      },
      'campaigns.list': async (input) =>
        listCampaignCatalog(deps.workspaces.get(input.workspaceId).context()),
    },
    runners: {
      'campaigns.deploy': workspaceJob(deps.workspaces, 3, async (context, job) => {
        const params = DeployParamsSchema.parse(job.job.params);
        if (params.byVersion && params.solutionVersionArn !== undefined) {
          await deployVersion(context, {
            solutionVersionArn: params.solutionVersionArn,
            solutionArn: solutionArnOfVersion(params.solutionVersionArn),
            recipe: params.recipe,
            name: params.name,
            minProvisionedTPS: params.minProvisionedTPS,
            campaignConfig: params.campaignConfig,
          });
          return;
        }
        await deployCampaign(
          context,
          params.recipe,
          params.minProvisionedTPS,
          params.solutionVersionArn,
          params.campaignConfig,
        );
      }),
      'campaigns.update': workspaceJob(deps.workspaces, 2, async (context, job) => {
        const { campaignArn, ...change } = UpdateParamsSchema.parse(job.job.params);
        await updateCampaign(context, campaignArn, change);
      }),
    },
  };
}
