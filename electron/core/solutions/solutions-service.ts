import {
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  GetSolutionMetricsCommand,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import type { GuideSolution, Metrics } from '../../../shared/guide.js';
import { METRIC_KEYS, recipeArn } from '../../../shared/personalize.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { describeAndRecord } from '../aws/describe-resources.js';
import { waitForActive, waitForTerminalStatus } from '../aws/waiters.js';
import { recipeShortName } from '../workspaces/names.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { guideSolutionOf, latestVersionOf, metricsOf, solutionOf } from './solution-lookup.js';

async function ensureSolution(
  context: ServiceContext,
  recipe: string,
  datasetGroupArn: string,
): Promise<string> {
  const { personalize } = context.clients;
  let arn = solutionOf(context.resources.list(), datasetGroupArn, recipe)?.arn;
  if (arn === undefined) {
    const name = `${context.workspace.prefix}-${recipeShortName(recipe)}`;
    try {
      const created = await callAws(`CreateSolution ${name}`, () =>
        personalize.send(
          new CreateSolutionCommand({
            name,
            datasetGroupArn,
            recipeArn: recipeArn(recipe),
            performAutoTraining: false,
            tags: [...context.tags],
          }),
        ),
      );
      arn = created.solutionArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListSolutions(
        { client: personalize },
        { datasetGroupArn },
      )) {
        arn ??= page.solutions?.find((summary) => summary.name === name)?.solutionArn;
      }
    }
    if (arn === undefined)
      throw new AppError('aws.failed', `CreateSolution ${name} returned no ARN.`);
    await context.resources.record({
      arn,
      kind: 'solution',
      name,
      status: 'CREATE PENDING',
      parentArn: datasetGroupArn,
      attributes: { recipeArn: recipeArn(recipe), datasetGroupArn },
    });
  }
  const solutionArn = arn;
  await waitForActive(context, `Solution ${recipe}`, () =>
    describeAndRecord(context, 'solution', solutionArn),
  );
  return solutionArn;
}

/**
 * Reads the 8 offline metrics of a solution version (SPEC §7.3); a missing key is 0.
 * @throws AppError `aws.*`
 */
export async function readMetrics(
  context: Pick<ServiceContext, 'clients'>,
  solutionVersionArn: string,
): Promise<Metrics> {
  const out = await callAws('GetSolutionMetrics', () =>
    context.clients.personalize.send(new GetSolutionMetricsCommand({ solutionVersionArn })),
  );
  const metrics = out.metrics ?? {};
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, metrics[key] ?? 0])) as Metrics;
}

/**
 * Trains one recipe in the guide's dataset group: solution (ACTIVE), a FULL solution version
 * polled to ACTIVE, then its metrics — each response recorded in the resource cache before
 * waiting. A recipe whose latest version is ACTIVE with metrics is not trained again; one whose
 * version is still training is waited for.
 * @throws AppError `guide.notReady` (nothing imported), `job.failed` with the version's
 *   `failureReason`, `aws.*`, `job.cancelled`.
 */
export async function trainRecipe(context: ServiceContext, recipe: string): Promise<GuideSolution> {
  const { personalize } = context.clients;
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined)
    throw new AppError('guide.notReady', 'Import the data before training (step Import).');
  const known = guideSolutionOf(context.resources.list(), datasetGroupArn, recipe);
  if (known?.metrics !== undefined && known.status === 'ACTIVE') return known;
  await context.report(`Creating solution ${recipe}`);
  const solutionArn = await ensureSolution(context, recipe, datasetGroupArn);
  const latest = latestVersionOf(context.resources.list(), solutionArn);
  let versionArn =
    latest !== undefined && !/FAILED|STOPPED/u.test(latest.status ?? '') ? latest.arn : undefined;
  if (versionArn === undefined) {
    const created = await callAws(`CreateSolutionVersion ${recipe}`, () =>
      personalize.send(
        new CreateSolutionVersionCommand({
          solutionArn,
          trainingMode: 'FULL',
          tags: [...context.tags],
        }),
      ),
    );
    if (created.solutionVersionArn === undefined)
      throw new AppError('aws.failed', `CreateSolutionVersion ${recipe} returned no ARN.`);
    versionArn = created.solutionVersionArn;
    await context.resources.record({
      arn: versionArn,
      kind: 'solutionVersion',
      name: versionArn.split('/').pop() ?? versionArn,
      status: 'CREATE PENDING',
      parentArn: solutionArn,
      attributes: { solutionArn, trainingMode: 'FULL' },
    });
  }
  const solutionVersionArn = versionArn;
  await context.report(`Training ${recipe}`);
  const { status, failureReason } = await waitForTerminalStatus(context, () =>
    describeAndRecord(context, 'solutionVersion', solutionVersionArn),
  );
  if (status !== 'ACTIVE') {
    throw new AppError(
      'job.failed',
      `Training ${recipe} ended in ${status}${failureReason === undefined ? '' : `: ${failureReason}`}`,
      { details: { recipe, status } },
    );
  }
  if (metricsOf(context.resources.get(solutionVersionArn)) === undefined) {
    await context.report(`Reading metrics of ${recipe}`);
    const metrics = await readMetrics(context, solutionVersionArn);
    const version = context.resources.get(solutionVersionArn);
    await context.resources.record({
      arn: solutionVersionArn,
      kind: 'solutionVersion',
      name: version?.name ?? solutionVersionArn,
      studio: { metrics },
    });
  }
  const trained = guideSolutionOf(context.resources.list(), datasetGroupArn, recipe);
  if (trained === undefined)
    throw new Error(`Solution ${recipe} vanished from the resource cache.`);
  return trained;
}

/**
 * Trains several recipes in parallel (SPEC §2.12–2.14), remembers them in the guide's choices
 * and waits for all of them.
 * @returns the trained solutions, in the order of `recipes`.
 * @throws the first failure, after every recipe has settled.
 */
export async function trainSolutions(
  context: ServiceContext,
  recipes: readonly string[],
): Promise<GuideSolution[]> {
  await context.updateChoices((choices) => {
    choices.recipes = [...new Set([...choices.recipes, ...recipes])];
  });
  const results = await Promise.allSettled(recipes.map((recipe) => trainRecipe(context, recipe)));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<GuideSolution>).value);
}
