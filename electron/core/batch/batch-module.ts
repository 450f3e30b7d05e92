import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { isTerminalJobState } from '../../../shared/jobs.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { listCampaignCatalog, type CampaignCatalog } from '../campaigns/campaign-catalog.js';
import { metadataJoiner } from '../recommendations/recommend-service.js';
import {
  type BatchCampaign,
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

/**
 * The solution version a batch job runs on: the ACTIVE version of the POC given by
 * `solutionVersionArn`, or the version the campaign `campaignArn` serves (a shortcut: a batch job
 * needs no campaign), with its recipe type.
 * @throws AppError `guide.notReady` when neither names an ACTIVE version or a campaign of the POC.
 */
export function batchTarget(
  catalog: Pick<CampaignCatalog, 'campaigns' | 'versions'>,
  input: { solutionVersionArn?: string | undefined; campaignArn?: string | undefined },
): BatchCampaign {
  if (input.solutionVersionArn !== undefined) {
    const version = catalog.versions.find(
      (entry) => entry.solutionVersionArn === input.solutionVersionArn,
    );
    if (version === undefined)
      throw new AppError(
        'guide.notReady',
        'Choose an active solution version of this POC: the batch job runs on a trained version.',
        { details: { solutionVersionArn: input.solutionVersionArn } },
      );
    return { solutionVersionArn: version.solutionVersionArn, recipeType: version.recipeType };
  }
  const campaign = catalog.campaigns.find((entry) => entry.campaignArn === input.campaignArn);
  if (campaign === undefined)
    throw new AppError(
      'guide.notReady',
      input.campaignArn === undefined
        ? 'Choose a solution version: the batch job runs on a trained version (no campaign needed).'
        : 'Choose a campaign of this POC, or a solution version: the batch job runs on a trained version.',
    );
  return { solutionVersionArn: campaign.solutionVersionArn, recipeType: campaign.recipeType };
}

/** The `batch` domain: batch inference jobs on the POC's solution versions. */
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
        const target = batchTarget(catalog, input);
        const params = BatchParamsSchema.parse({
          jobName: `${runtime.config.prefix}-batch-${Date.now().toString(36)}`.slice(0, 63),
          solutionVersionArn: target.solutionVersionArn,
          ...(target.recipeType === undefined ? {} : { recipeType: target.recipeType }),
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
