import {
  GUIDE_DATASET_TYPES,
  type GuideCampaign,
  type GuideChoices,
  type GuideSolution,
  type GuideStep,
  type GuideView,
  type StepState,
} from '../../../shared/guide.js';
import { isTerminalJobState, type Job, type JobKind } from '../../../shared/jobs.js';
import { SKELETON_RECIPES } from '../../../shared/personalize.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { guideCampaignOf } from '../campaigns/campaign-lookup.js';
import { datasetOf } from '../datasets/import-service.js';
import { guideSolutionOf } from '../solutions/solution-lookup.js';

/** The import jobs of a dataset, newest first. */
function importJobsOf(resources: readonly ResourceEntry[], datasetArn: string): ResourceEntry[] {
  return resources
    .filter((entry) => entry.kind === 'datasetImportJob' && entry.parentArn === datasetArn)
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0));
}

/** The recipe of a solution entry (`arn:aws:personalize:::recipe/aws-sims` → `aws-sims`). */
function recipeOf(solution: ResourceEntry | undefined): string | undefined {
  const arn = solution?.attributes.recipeArn;
  return typeof arn === 'string' ? arn.replace(/^.*recipe\//u, '') : undefined;
}

/** True for a failed or stopped status (`CREATE FAILED`, `CREATE STOPPED`). */
function isFailed(status: string | undefined): boolean {
  return /FAILED|STOPPED/u.test(status ?? '');
}

/** Resource kinds that exist on their own (import jobs and versions go with their parents). */
function isStandalone(entry: ResourceEntry): boolean {
  return entry.kind !== 'datasetImportJob' && entry.kind !== 'solutionVersion';
}

/**
 * The guided POC as the renderer shows it, derived on every change from the consultant's
 * choices, the workspace's resource cache (what the service said) and its jobs — nothing of it
 * is stored (ARCHITECTURE.md, "The guided POC is a view, not a data model").
 *
 * Step states (UX.md, Frame):
 * - data: done when an interactions file is chosen and no chosen file has blocking findings;
 *   attention when one has;
 * - import: done when every chosen file's latest ACTIVE import read exactly that file; running
 *   while an import job runs; attention when the latest import job or import failed;
 * - solutions: running while a training or the studio's evaluation (metrics, intervals) runs;
 *   done when a solution version is ACTIVE and none of the chosen recipes failed;
 * - campaign: done when the explored campaign is ACTIVE (a failed job before does not matter);
 * - explore: done once recommendations were asked of an ACTIVE campaign of the dataset group (any
 *   of them: the consultant may explore the SIMS or a second campaign, not the one the step shows);
 * - when the chosen files differ from the imported ones, import is notStarted (attention after a
 *   failed import) and `filesChanged` is true: solutions, campaign and explore keep the state of
 *   their resources (an ACTIVE campaign is done) and the renderer says they hold the older files;
 * - cleanup: done after a teardown succeeded while nothing remains; attention when it failed.
 *
 * @param jobs the workspace's jobs, any order.
 */
export function deriveGuideView(
  choices: GuideChoices,
  resources: readonly ResourceEntry[],
  jobs: readonly Job[],
): GuideView {
  const groupArn =
    choices.datasetGroupArn !== undefined &&
    resources.some((entry) => entry.arn === choices.datasetGroupArn)
      ? choices.datasetGroupArn
      : undefined;
  const importStatus: Record<string, string> = {};
  const importFailures: Record<string, string> = {};
  const importedRows: Record<string, number> = {};
  const importedFiles: GuideView['importedFiles'] = {};
  const schemaArns: Record<string, string> = {};
  const datasetArns: Record<string, string> = {};
  const importJobArns: Record<string, string> = {};
  if (groupArn !== undefined) {
    for (const type of GUIDE_DATASET_TYPES) {
      const dataset = datasetOf(resources, groupArn, type);
      if (dataset === undefined) continue;
      datasetArns[type] = dataset.arn;
      if (typeof dataset.attributes.schemaArn === 'string')
        schemaArns[type] = dataset.attributes.schemaArn;
      const imports = importJobsOf(resources, dataset.arn);
      const latest = imports[0];
      if (latest !== undefined) importJobArns[type] = latest.arn;
      if (latest?.status !== undefined) importStatus[type] = latest.status;
      if (latest?.failureReason !== undefined && isFailed(latest.status))
        importFailures[type] = latest.failureReason;
      const active = imports.find((entry) => entry.status === 'ACTIVE');
      if (active !== undefined && typeof active.studio.sourcePath === 'string')
        importedFiles[type] = active.studio.sourcePath;
      if (active !== undefined && typeof active.studio.rows === 'number')
        importedRows[type] = active.studio.rows;
    }
  }
  const groupSolutions =
    groupArn === undefined
      ? []
      : resources.filter((entry) => entry.kind === 'solution' && entry.parentArn === groupArn);
  const recipes = [
    ...new Set([
      ...choices.recipes,
      ...SKELETON_RECIPES.filter((recipe) =>
        groupSolutions.some((entry) => recipeOf(entry) === recipe),
      ),
      ...groupSolutions.flatMap((entry) => recipeOf(entry) ?? []),
    ]),
  ];
  const solutions: GuideSolution[] =
    groupArn === undefined
      ? []
      : recipes.flatMap((recipe) => guideSolutionOf(resources, groupArn, recipe) ?? []);
  const campaigns: GuideCampaign[] = resources
    .filter(
      (entry) =>
        entry.kind === 'campaign' &&
        groupSolutions.some((solution) => solution.arn === entry.parentArn),
    )
    .sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0))
    .map((entry) =>
      guideCampaignOf(
        entry,
        recipeOf(groupSolutions.find((solution) => solution.arn === entry.parentArn)) ?? 'unknown',
      ),
    );
  const campaign =
    campaigns.find((entry) => entry.campaignArn === choices.campaignArn) ??
    [...campaigns].reverse().find((entry) => entry.status === 'ACTIVE');
  const hasResources = resources.some(isStandalone);
  const latestJob = (kind: JobKind): Job | undefined =>
    [...jobs].filter((job) => job.kind === kind).sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
  const isRunning = (kind: JobKind): boolean => {
    const job = latestJob(kind);
    return job !== undefined && !isTerminalJobState(job.state);
  };
  // A teardown starts the POC over: failures from before it no longer need attention.
  const lastTeardown = latestJob('inventory.teardown');
  const startedOverAtMs =
    lastTeardown?.state === 'succeeded' ? lastTeardown.createdAtMs : Number.NEGATIVE_INFINITY;
  const hasFailed = (kind: JobKind): boolean => {
    const job = latestJob(kind);
    return (
      job?.state === 'failed' &&
      (kind === 'inventory.teardown' || job.createdAtMs > startedOverAtMs)
    );
  };

  const chosenTypes = GUIDE_DATASET_TYPES.filter((type) => choices.files[type] !== undefined);
  const checks = chosenTypes.flatMap((type) => {
    const summary = choices.fileChecks[type];
    return summary !== undefined && summary.path === choices.files[type] ? [summary] : [];
  });
  const isStale =
    Object.values(importedFiles).some((file) => file !== undefined) &&
    (choices.files.interactions !== importedFiles.interactions ||
      choices.files.items !== importedFiles.items ||
      choices.files.users !== importedFiles.users);
  const isImported =
    choices.files.interactions !== undefined &&
    chosenTypes.every(
      (type) => importedFiles[type] === choices.files[type] && importStatus[type] === 'ACTIVE',
    );
  const chosenFailed = solutions.some(
    (solution) => choices.recipes.includes(solution.recipe) && isFailed(solution.status),
  );
  const isCampaignActive = campaign?.status === 'ACTIVE';

  const steps: Record<GuideStep, StepState> = {
    data:
      choices.files.interactions === undefined
        ? 'notStarted'
        : checks.some((summary) => summary.errors > 0)
          ? 'attention'
          : 'done',
    import: isRunning('datasets.import')
      ? 'running'
      : isImported && !isStale
        ? 'done'
        : hasFailed('datasets.import') ||
            (!isStale && chosenTypes.some((type) => isFailed(importStatus[type])))
          ? 'attention'
          : 'notStarted',
    solutions:
      isRunning('solutions.train') || isRunning('solutions.evaluate')
        ? 'running'
        : chosenFailed ||
            (hasFailed('solutions.train') &&
              !solutions.some((solution) => solution.status === 'ACTIVE'))
          ? 'attention'
          : solutions.some((solution) => solution.status === 'ACTIVE')
            ? 'done'
            : 'notStarted',
    campaign: isRunning('campaigns.deploy')
      ? 'running'
      : isCampaignActive
        ? 'done'
        : isFailed(campaign?.status) || hasFailed('campaigns.deploy')
          ? 'attention'
          : 'notStarted',
    explore: campaigns.some(
      (entry) => entry.status === 'ACTIVE' && entry.campaignArn === choices.exploredCampaignArn,
    )
      ? 'done'
      : 'notStarted',
    cleanup: isRunning('inventory.teardown')
      ? 'running'
      : hasFailed('inventory.teardown')
        ? 'attention'
        : latestJob('inventory.teardown')?.state === 'succeeded' && !hasResources
          ? 'done'
          : 'notStarted',
  };
  return {
    files: { ...choices.files },
    fileChecks: Object.fromEntries(
      chosenTypes.flatMap((type) =>
        choices.fileChecks[type] === undefined ? [] : [[type, choices.fileChecks[type]]],
      ),
    ),
    importedFiles,
    ...(groupArn === undefined ? {} : { datasetGroupArn: groupArn }),
    schemaArns,
    datasetArns,
    importJobArns,
    importStatus,
    importFailures,
    importedRows,
    solutions,
    campaigns,
    ...(campaign === undefined ? {} : { campaign }),
    steps,
    filesChanged: isStale,
    hasResources,
  };
}
