import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { isTerminalJobState } from '../../../shared/jobs.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { listCampaignCatalog } from '../campaigns/campaign-catalog.js';
import { metadataJoiner } from '../recommendations/recommend-service.js';
import {
  batchSummaryOf,
  describeBatchJob,
  markColdUsers,
  outputMetadata,
  readBatchOutput,
  runBatchInference,
} from './batch-service.js';

/** Params of a `batch.run` job. */
export const BatchParamsSchema = z.object({
  jobName: z.string(),
  solutionVersionArn: z.string(),
  recipeType: z.string().optional(),
  ids: z.array(z.string()),
  itemList: z.array(z.string()).optional(),
  numResults: z.number().int(),
  filterArn: z.string().optional(),
  filterValues: z.record(z.string(), z.string()).optional(),
});

/** The `batch` domain: batch inference jobs on the POC's campaigns' solution versions. */
export function batchModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'batch.start': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const running = deps.jobs
          .list(input.workspaceId)
          .find((job) => job.kind === 'batch.run' && !isTerminalJobState(job.state));
        if (running !== undefined)
          throw new AppError(
            'guide.notReady',
            'A batch inference job is running: start the next one when it has finished.',
            {
              details: { jobId: running.id },
            },
          );
        const catalog = await listCampaignCatalog(runtime.context());
        const campaign = catalog.campaigns.find((entry) => entry.campaignArn === input.campaignArn);
        if (campaign === undefined)
          throw new AppError(
            'guide.notReady',
            'Choose a campaign of this POC: the batch job runs on its solution version.',
          );
        const params = BatchParamsSchema.parse({
          jobName: `${runtime.config.prefix}-batch-${Date.now().toString(36)}`.slice(0, 63),
          solutionVersionArn: campaign.solutionVersionArn,
          ...(campaign.recipeType === undefined ? {} : { recipeType: campaign.recipeType }),
          ids: [...new Set(input.ids)],
          ...(input.itemList === undefined ? {} : { itemList: input.itemList }),
          numResults: input.numResults,
          ...(input.filterArn === undefined ? {} : { filterArn: input.filterArn }),
          ...(input.filterValues === undefined ? {} : { filterValues: input.filterValues }),
        });
        return { jobId: (await deps.jobs.start('batch.run', input.workspaceId, params)).id };
      },
      'batch.list': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const context = runtime.context();
        const entries = runtime.resources.list({ kind: 'batchInferenceJob' });
        const jobs = [];
        for (const entry of entries) {
          const job = await describeBatchJob(context, entry.arn).catch(() => undefined);
          if (job === undefined) continue;
          const solution = runtime.resources
            .list({ kind: 'solution' })
            .find((candidate) => job.solutionVersionArn?.startsWith(`${candidate.arn}/`) === true);
          const recipeArn = solution?.attributes.recipeArn;
          jobs.push(
            batchSummaryOf(entry.arn, job, typeof recipeArn === 'string' ? recipeArn : undefined),
          );
        }
        return { jobs: jobs.sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0)) };
      },
      'batch.output': async (input) => {
        const output = await readBatchOutput(
          deps.workspaces.get(input.workspaceId).context(),
          input.batchInferenceJobArn,
        );
        const view = deps.guideView(input.workspaceId);
        const metadataOf = await metadataJoiner(view, {
          itemIndex: deps.itemIndex,
          titles: deps.titles,
          titlesFile: input.titlesFile,
        });
        // Lines of users the imported interactions do not name got the popularity fallback.
        const interactions = view.importedFiles.interactions;
        const counts =
          interactions === undefined
            ? undefined
            : await deps.historyIndex.load(interactions).catch(() => undefined);
        const rows = counts === undefined ? output.rows : markColdUsers(output.rows, counts);
        return { ...output, rows, metadata: outputMetadata(rows, metadataOf) };
      },
    },
    runners: {
      'batch.run': workspaceJob(deps.workspaces, 4, async (context, job) => {
        const params = BatchParamsSchema.parse(job.job.params);
        await runBatchInference(
          context,
          { solutionVersionArn: params.solutionVersionArn, recipeType: params.recipeType },
          params,
        );
      }),
    },
  };
}
