import { z } from 'zod';
import { SKELETON_RECIPES } from '../../../shared/personalize.js';
import type { PocStep } from '../../../shared/poc.js';
import type { JobContext, JobRunner } from '../jobs/job-registry.js';
import { deployCampaign } from './campaign-service.js';
import { ensureEnvironment } from './environment-service.js';
import { importDatasets } from './import-service.js';
import type { PocContext } from './poc-context.js';
import type { PocSession } from './poc-session.js';
import { trainSolutions } from './solutions-service.js';
import { teardownPoc } from './teardown-service.js';
import { uploadPocFiles } from './upload-service.js';
import { AppError } from '../../../shared/errors.js';
import type { JobKind } from '../../../shared/jobs.js';

/** Params of a `poc.train` job. */
export const TrainParamsSchema = z.object({ recipes: z.array(z.enum(SKELETON_RECIPES)).min(1) });
/** Params of a `poc.deploy` job. */
export const DeployParamsSchema = z.object({
  recipe: z.string(),
  /** The version the handler checked ACTIVE; absent only in jobs persisted before it existed. */
  solutionVersionArn: z.string().optional(),
  minProvisionedTPS: z.number().int().min(1).default(1),
});

/** How the job runners find a workspace's session and whether the host is shutting down. */
export interface PocJobHost {
  /**
   * The session of a workspace.
   * @throws AppError `input.invalid` for an unknown workspace.
   */
  session(workspaceId: string): PocSession;
  /** True while the app disposes: interrupted jobs then keep their step state for resume. */
  isDisposing(): boolean;
}

/**
 * Wraps a POC step as a job: marks the guided step `running`, runs `work` with a PocContext
 * whose `report` updates the job (step + progress), then marks it `done`, or `attention` on
 * failure. Idempotent because the services are.
 */
function stepRunner(host: PocJobHost, step: PocStep, totalSteps: number, work: (context: PocContext, job: JobContext) => Promise<void>): JobRunner {
  return async (job) => {
    const session = host.session(job.job.workspaceId);
    let done = 0;
    const context = session.context({
      signal: job.signal,
      report: async (label, progress) => {
        done = progress === undefined ? Math.min(done + 1, totalSteps - 1) : progress.done;
        await job.update({ step: label, progress: { done, total: progress?.total ?? totalSteps, unit: 'steps' } });
      },
    });
    await session.updateState((state) => {
      state.steps[step] = 'running';
    });
    try {
      await work(context, job);
    } catch (error) {
      if (!host.isDisposing()) {
        await session.updateState((state) => {
          state.steps[step] = 'attention';
        });
      }
      throw error;
    }
    await session.updateState((state) => {
      state.steps[step] = 'done';
    });
  };
}

/**
 * The runners of the four POC job kinds:
 * - `poc.import`: bucket, upload, dataset group, schemas, datasets, import jobs;
 * - `poc.train` (`{recipes}`): solutions and versions, metrics;
 * - `poc.deploy` (`{recipe, solutionVersionArn?, minProvisionedTPS}`): campaign of exactly that version;
 * - `poc.cleanup`: teardown in dependency order; fails with `job.failed` when resources remain.
 */
export function createPocRunners(host: PocJobHost): Record<JobKind, JobRunner> {
  return {
    'poc.import': stepRunner(host, 'import', 12, async (context) => {
      await ensureEnvironment(context);
      const uploaded = await uploadPocFiles(context);
      await importDatasets(context, uploaded);
    }),
    'poc.train': stepRunner(host, 'solutions', 8, async (context, job) => {
      const { recipes } = TrainParamsSchema.parse(job.job.params);
      await trainSolutions(context, recipes);
    }),
    'poc.deploy': stepRunner(host, 'campaign', 3, async (context, job) => {
      const { recipe, solutionVersionArn, minProvisionedTPS } = DeployParamsSchema.parse(job.job.params);
      await deployCampaign(context, recipe, minProvisionedTPS, solutionVersionArn);
    }),
    'poc.cleanup': stepRunner(host, 'cleanup', 10, async (context) => {
      const { remaining } = await teardownPoc(context);
      if (remaining.length > 0) {
        throw new AppError('job.failed', `Teardown left ${remaining.length} resources: ${remaining.map((entry) => entry.arn).join(', ')}`);
      }
    }),
  };
}
