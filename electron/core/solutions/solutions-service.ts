import {
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import { METRIC_KEYS, recipeArn } from '../../../shared/personalize.js';
import type { Metrics, PocSolution } from '../../../shared/poc.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { namePrefix, recipeShortName, type PocContext } from './poc-context.js';
import { waitForActive, waitForTerminalStatus } from './waiters.js';

async function patchSolution(context: PocContext, recipe: string, patch: Partial<PocSolution> & { solutionArn?: string }): Promise<void> {
  await context.updateState((state) => {
    const index = state.solutions.findIndex((solution) => solution.recipe === recipe);
    const current = index >= 0 ? state.solutions[index] : undefined;
    const next = { ...(current ?? { recipe, solutionArn: '' }), ...patch };
    if (index >= 0) state.solutions[index] = next;
    else state.solutions.push(next);
  });
}

async function ensureSolution(context: PocContext, recipe: string, datasetGroupArn: string): Promise<string> {
  const { personalize } = context.clients;
  let arn = context.getState().solutions.find((solution) => solution.recipe === recipe)?.solutionArn;
  if (arn === undefined || arn === '') {
    const name = `${namePrefix(context.getState())}-${recipeShortName(recipe)}`;
    try {
      const created = await callAws(`CreateSolution ${name}`, () =>
        personalize.send(new CreateSolutionCommand({ name, datasetGroupArn, recipeArn: recipeArn(recipe), performAutoTraining: false })),
      );
      arn = created.solutionArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListSolutions({ client: personalize }, { datasetGroupArn })) {
        arn ??= page.solutions?.find((summary) => summary.name === name)?.solutionArn;
      }
    }
    if (arn === undefined) throw new AppError('aws.failed', `CreateSolution ${name} returned no ARN.`);
    await patchSolution(context, recipe, { solutionArn: arn, status: 'CREATE PENDING' });
  }
  const solutionArn = arn;
  await waitForActive(context, `Solution ${recipe}`, async () => {
    const out = await callAws('DescribeSolution', () => personalize.send(new DescribeSolutionCommand({ solutionArn })));
    return { status: out.solution?.status };
  });
  return solutionArn;
}

/**
 * Reads the 8 offline metrics of a solution version (SPEC §7.3); a missing key is 0.
 * @throws AppError `aws.*`
 */
export async function readMetrics(context: PocContext, solutionVersionArn: string): Promise<Metrics> {
  const out = await callAws('GetSolutionMetrics', () => context.clients.personalize.send(new GetSolutionMetricsCommand({ solutionVersionArn })));
  const metrics = out.metrics ?? {};
  return Object.fromEntries(METRIC_KEYS.map((key) => [key, metrics[key] ?? 0])) as Metrics;
}

/**
 * Trains one recipe: solution (ACTIVE), a FULL solution version polled to ACTIVE, then its
 * metrics — each ARN and status recorded in PocState before waiting. A recipe whose version
 * already has metrics is skipped.
 * @throws AppError `job.failed` with the version's `failureReason`, `aws.*`, `job.cancelled`.
 */
export async function trainRecipe(context: PocContext, recipe: string): Promise<PocSolution> {
  const { personalize } = context.clients;
  const datasetGroupArn = context.getState().datasetGroupArn;
  if (datasetGroupArn === undefined) throw new AppError('poc.notReady', 'Import the data before training.');
  const known = context.getState().solutions.find((solution) => solution.recipe === recipe);
  if (known?.metrics !== undefined && known.status === 'ACTIVE') return known;
  await context.report(`Creating solution ${recipe}`);
  const solutionArn = await ensureSolution(context, recipe, datasetGroupArn);
  let versionArn = context.getState().solutions.find((solution) => solution.recipe === recipe)?.solutionVersionArn;
  if (versionArn === undefined) {
    const created = await callAws(`CreateSolutionVersion ${recipe}`, () => personalize.send(new CreateSolutionVersionCommand({ solutionArn, trainingMode: 'FULL' })));
    if (created.solutionVersionArn === undefined) throw new AppError('aws.failed', `CreateSolutionVersion ${recipe} returned no ARN.`);
    versionArn = created.solutionVersionArn;
    await patchSolution(context, recipe, { solutionVersionArn: versionArn, status: 'CREATE PENDING', failureReason: undefined, metrics: undefined });
  }
  const solutionVersionArn = versionArn;
  await context.report(`Training ${recipe}`);
  const { status, failureReason } = await waitForTerminalStatus(
    context,
    async () => {
      const out = await callAws('DescribeSolutionVersion', () => personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })));
      return { status: out.solutionVersion?.status, failureReason: out.solutionVersion?.failureReason };
    },
    (next) => patchSolution(context, recipe, { status: next }),
  );
  if (status !== 'ACTIVE') {
    await patchSolution(context, recipe, { status, failureReason });
    throw new AppError('job.failed', `Training ${recipe} ended in ${status}${failureReason === undefined ? '' : `: ${failureReason}`}`, { details: { recipe, status } });
  }
  await context.report(`Reading metrics of ${recipe}`);
  const metrics = await readMetrics(context, solutionVersionArn);
  await patchSolution(context, recipe, { status, metrics });
  const trained = context.getState().solutions.find((solution) => solution.recipe === recipe);
  if (trained === undefined) throw new Error(`Solution ${recipe} vanished from PocState.`);
  return trained;
}

/**
 * Trains several recipes in parallel (SPEC §2.12–2.14) and waits for all of them.
 * @returns the trained solutions, in the order of `recipes`.
 * @throws the first failure, after every recipe has settled.
 */
export async function trainSolutions(context: PocContext, recipes: readonly string[]): Promise<PocSolution[]> {
  const results = await Promise.allSettled(recipes.map((recipe) => trainRecipe(context, recipe)));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<PocSolution>).value);
}
