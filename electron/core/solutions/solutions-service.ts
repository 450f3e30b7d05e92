import { stat } from 'node:fs/promises';
import {
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  GetSolutionMetricsCommand,
  paginateListSolutions,
} from '@aws-sdk/client-personalize';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { GuideSolution, Metrics } from '../../../shared/guide.js';
import { alreadyTrainedStep, type JobProgress } from '../../../shared/jobs.js';
import { TrainingDataSchema, type TrainingData } from '../../../shared/ipc/solutions.js';
import { METRIC_KEYS, recipeArn } from '../../../shared/personalize.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { seedFromArn } from '../../sandbox/training.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { describeAndRecord } from '../aws/describe-resources.js';
import { waitForActive, waitForTerminalStatus } from '../aws/waiters.js';
import { recipeShortName } from '../workspaces/names.js';
import { PhaseProgress } from '../jobs/phase-progress.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import {
  isSameAsService,
  runLocalEvaluation,
  summariseSplits,
  toLocalEvaluation,
  type LocalEvaluationProgress,
} from './local-evaluation.js';
import {
  currentTrainingData,
  defaultSolutionOf,
  guideSolutionOf,
  latestVersionOf,
  metricsOf,
  pendingEvaluations,
  recipeOfSolution,
  solutionHyperParameters,
} from './solution-lookup.js';

/** A training run resolved by the handler: the solution to create (or reuse) and its configuration. */
export interface ResolvedRun {
  readonly recipe: string;
  /** Train a new version of this existing solution. */
  readonly solutionArn?: string | undefined;
  /** Name of the new solution (ignored with `solutionArn`). */
  readonly name: string;
  readonly algorithmHyperParameters: Readonly<Record<string, string>>;
  readonly featureTransformationParameters: Readonly<Record<string, string>>;
  /** Identifies the version this run creates, so that a resumed job does not create a second one. */
  readonly requestId: string;
}

/**
 * Phases of one solution version in a `solutions.train` job (the job's progress, unit `'phase'`,
 * one measure per version): the solution is created (or found), the service trains the version
 * (CREATE PENDING → CREATE IN_PROGRESS → ACTIVE, SPEC §2.14), the studio reads its metrics
 * (GetSolutionMetrics). The studio's own evaluation (split, train, evaluate) is the
 * `solutions.evaluate` job's, see {@link EVALUATION_PHASES}.
 */
export const TRAINING_PHASES = ['Creating the solution', 'Training', 'Reading metrics'] as const;

/** Says a version entered phase `index` of {@link TRAINING_PHASES}, with the job's step. */
export type TrainingPhaseReport = (index: number, step: string) => Promise<void>;

/**
 * Phases of the studio's evaluation of one version (the `solutions.evaluate` job's progress,
 * unit `'phase'`, one measure per version; see local-evaluation.ts).
 */
export const EVALUATION_PHASES: readonly LocalEvaluationProgress['phase'][] = [
  'read',
  'split',
  'train',
  'evaluate',
];

/** Names of {@link EVALUATION_PHASES} in the job's progress. */
const PHASE_NAMES: Readonly<Record<LocalEvaluationProgress['phase'], string>> = {
  read: 'Reading the files',
  split: 'Splitting users',
  train: 'Training',
  evaluate: 'Evaluating',
};

/** Human words of the studio's evaluation phases, for the job's step. */
const PHASE_WORDS: Readonly<Record<LocalEvaluationProgress['phase'], string>> = {
  read: 'reading the imported files',
  split: 'splitting users 90% / 10%',
  train: 'training on 90% of users',
  evaluate: 'evaluating the held-out users',
};

async function createSolution(
  context: ServiceContext,
  input: {
    readonly name: string;
    readonly recipe: string;
    readonly datasetGroupArn: string;
    readonly algorithmHyperParameters?: Readonly<Record<string, string>>;
    readonly featureTransformationParameters?: Readonly<Record<string, string>>;
  },
): Promise<string> {
  const { personalize } = context.clients;
  const { name, recipe, datasetGroupArn } = input;
  const algorithm = input.algorithmHyperParameters ?? {};
  const featurization = input.featureTransformationParameters ?? {};
  const hasConfig = Object.keys(algorithm).length + Object.keys(featurization).length > 0;
  let arn: string | undefined;
  try {
    const created = await callAws(`CreateSolution ${name}`, () =>
      personalize.send(
        new CreateSolutionCommand({
          name,
          datasetGroupArn,
          recipeArn: recipeArn(recipe),
          performAutoTraining: false,
          ...(hasConfig
            ? {
                solutionConfig: {
                  ...(Object.keys(algorithm).length > 0
                    ? { algorithmHyperParameters: { ...algorithm } }
                    : {}),
                  ...(Object.keys(featurization).length > 0
                    ? { featureTransformationParameters: { ...featurization } }
                    : {}),
                },
              }
            : {}),
          tags: [...context.tags],
        }),
      ),
    );
    arn = created.solutionArn;
  } catch (error) {
    if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
    for await (const page of paginateListSolutions({ client: personalize }, { datasetGroupArn })) {
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
    attributes: {
      recipeArn: recipeArn(recipe),
      datasetGroupArn,
      ...(hasConfig
        ? {
            solutionConfig: {
              algorithmHyperParameters: { ...algorithm },
              featureTransformationParameters: { ...featurization },
            },
          }
        : {}),
    },
  });
  const solutionArn = arn;
  await waitForActive(context, `Solution ${name}`, () =>
    describeAndRecord(context, 'solution', solutionArn),
  );
  return solutionArn;
}

/**
 * The guide's default solution of `recipe` (see `defaultSolutionOf`), created when missing as
 * `<prefix>-<recipe>` (then `-2`, `-3`… past the names taken in the workspace, e.g. by a
 * Configure… solution). A solution of the recipe with other hyperparameters is never reused.
 */
async function ensureSolution(
  context: ServiceContext,
  recipe: string,
  datasetGroupArn: string,
): Promise<string> {
  const known = defaultSolutionOf(context.resources.list(), datasetGroupArn, recipe)?.arn;
  if (known !== undefined) {
    await waitForActive(context, `Solution ${recipe}`, () =>
      describeAndRecord(context, 'solution', known),
    );
    return known;
  }
  const taken = new Set(
    context.resources
      .list()
      .filter((entry) => entry.kind === 'solution')
      .map((entry) => entry.name),
  );
  const base = `${context.workspace.prefix}-${recipeShortName(recipe)}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return createSolution(context, { name, recipe, datasetGroupArn });
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

/** Records `studio` fields on a version entry (keeps its name). */
async function annotateVersion(
  context: ServiceContext,
  solutionVersionArn: string,
  studio: Record<string, unknown>,
): Promise<void> {
  const version = context.resources.get(solutionVersionArn);
  await context.resources.record({
    arn: solutionVersionArn,
    kind: 'solutionVersion',
    name: version?.name ?? solutionVersionArn.split('/').pop() ?? solutionVersionArn,
    studio,
  });
}

/** Creates a FULL solution version and records it (with the data it trains on) before waiting. */
async function createVersion(
  context: ServiceContext,
  solutionArn: string,
  label: string,
  studio: Record<string, unknown>,
): Promise<string> {
  const created = await callAws(`CreateSolutionVersion ${label}`, () =>
    context.clients.personalize.send(
      new CreateSolutionVersionCommand({
        solutionArn,
        trainingMode: 'FULL',
        tags: [...context.tags],
      }),
    ),
  );
  if (created.solutionVersionArn === undefined)
    throw new AppError('aws.failed', `CreateSolutionVersion ${label} returned no ARN.`);
  const arn = created.solutionVersionArn;
  await context.resources.record({
    arn,
    kind: 'solutionVersion',
    name: arn.split('/').pop() ?? arn,
    status: 'CREATE PENDING',
    parentArn: solutionArn,
    attributes: { solutionArn, trainingMode: 'FULL' },
    studio: { ...studio, phase: 'train' },
  });
  return arn;
}

/**
 * Waits for a version to end training and reads its metrics (the studio's evaluation runs after,
 * as its own job: see {@link evaluatePending}).
 * @throws AppError `job.failed` with the version's failureReason, `aws.*`, `job.cancelled`.
 */
async function finishVersion(
  context: ServiceContext,
  solutionVersionArn: string,
  label: string,
  phase: TrainingPhaseReport,
): Promise<void> {
  await phase(1, `Training ${label} (the service trains)`);
  const { status, failureReason } = await waitForTerminalStatus(context, () =>
    describeAndRecord(context, 'solutionVersion', solutionVersionArn),
  );
  if (status !== 'ACTIVE') {
    await annotateVersion(context, solutionVersionArn, { phase: undefined });
    throw new AppError(
      'job.failed',
      `Training ${label} ended in ${status}${failureReason === undefined ? '' : `: ${failureReason}`}`,
      { details: { recipe: label, status } },
    );
  }
  if (metricsOf(context.resources.get(solutionVersionArn)) === undefined) {
    await phase(2, `Reading metrics of ${label}`);
    await annotateVersion(context, solutionVersionArn, {
      metrics: await readMetrics(context, solutionVersionArn),
    });
  }
  await annotateVersion(context, solutionVersionArn, { phase: undefined });
}

/**
 * Trains one recipe in the guide's dataset group: its default solution (the recipe's default
 * hyperparameters, created when missing even if a Configure… solution of the recipe exists), a
 * FULL version polled to ACTIVE and its metrics — each response recorded in the resource cache
 * before waiting. A default solution whose latest version is ACTIVE with metrics is not trained
 * again; one whose version is still training is waited for.
 * @throws AppError `guide.notReady` (nothing imported), `job.failed` with the version's
 *   `failureReason`, `aws.*`, `job.cancelled`.
 */
export async function trainRecipe(
  context: ServiceContext,
  recipe: string,
  phase: TrainingPhaseReport = (_index, step) => context.report(step),
): Promise<GuideSolution> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined)
    throw new AppError('guide.notReady', 'Import the data before training (step Import).');
  const known = guideSolutionOf(context.resources.list(), datasetGroupArn, recipe, 'default');
  if (known?.metrics !== undefined && known.status === 'ACTIVE') return known;
  await phase(0, `Creating solution ${recipe}`);
  const solutionArn = await ensureSolution(context, recipe, datasetGroupArn);
  const latest = latestVersionOf(context.resources.list(), solutionArn);
  const versionArn =
    latest !== undefined && !/FAILED|STOPPED/u.test(latest.status ?? '')
      ? latest.arn
      : await createVersion(context, solutionArn, recipe, dataStudio(context, datasetGroupArn));
  await finishVersion(context, versionArn, recipe, phase);
  const trained = guideSolutionOf(context.resources.list(), datasetGroupArn, recipe, 'default');
  if (trained === undefined)
    throw new Error(`Solution ${recipe} vanished from the resource cache.`);
  return trained;
}

/** The `data` annotation of a new version: the imports it trains on. */
function dataStudio(context: ServiceContext, datasetGroupArn: string): Record<string, unknown> {
  const data = currentTrainingData(context.resources.list(), datasetGroupArn);
  return data === undefined ? {} : { data };
}

/**
 * One run of the consultant's: a new solution named `run.name` with its hyperparameters (or a
 * new version of `run.solutionArn`), a FULL version, metrics and the studio's evaluation.
 * Idempotent: a resumed job finds the solution by name and the version by `run.requestId`.
 * @throws AppError `guide.notReady`, `aws.notFound` (the solution is gone), `job.failed`, `aws.*`.
 */
export async function trainRun(
  context: ServiceContext,
  run: ResolvedRun,
  phase: TrainingPhaseReport = (_index, step) => context.report(step),
): Promise<string> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined)
    throw new AppError('guide.notReady', 'Import the data before training (step Import).');
  let solutionArn = run.solutionArn;
  if (solutionArn !== undefined) {
    const existing = solutionArn;
    await phase(0, `Waiting for solution ${run.name}`);
    if (context.resources.get(existing) === undefined)
      throw new AppError('aws.notFound', `Solution ${existing} is not in this workspace any more.`);
    await waitForActive(context, `Solution ${run.name}`, () =>
      describeAndRecord(context, 'solution', existing),
    );
  } else {
    const named = context.resources
      .list()
      .find(
        (entry) =>
          entry.kind === 'solution' &&
          entry.parentArn === datasetGroupArn &&
          entry.name === run.name,
      );
    await phase(0, `Creating solution ${run.name}`);
    solutionArn =
      named?.arn ??
      (await createSolution(context, {
        name: run.name,
        recipe: run.recipe,
        datasetGroupArn,
        algorithmHyperParameters: run.algorithmHyperParameters,
        featureTransformationParameters: run.featureTransformationParameters,
      }));
  }
  const arn = solutionArn;
  const previous = context.resources
    .list()
    .find(
      (entry) =>
        entry.kind === 'solutionVersion' &&
        entry.parentArn === arn &&
        entry.studio.requestId === run.requestId,
    );
  const versionArn =
    previous?.arn ??
    (await createVersion(context, arn, run.name, {
      ...dataStudio(context, datasetGroupArn),
      requestId: run.requestId,
    }));
  await finishVersion(context, versionArn, run.name, phase);
  return versionArn;
}

/**
 * Trains `recipes` (the guide's way, see {@link trainRecipe}) and `runs` (see {@link trainRun})
 * in parallel (SPEC §2.12–2.14), remembers the recipes in the guide's choices and waits for all.
 * Resolves with the job's last step when every recipe already had an ACTIVE, evaluated version
 * and there is no run: {@link alreadyTrainedStep} (nothing was trained).
 * @throws the first failure, after every training has settled.
 */
export async function trainSolutions(
  context: ServiceContext,
  recipes: readonly string[],
  runs: readonly ResolvedRun[] = [],
): Promise<string | undefined> {
  await context.updateChoices((choices) => {
    choices.recipes = [...new Set([...choices.recipes, ...recipes])];
  });
  const progress = new PhaseProgress(
    (step, value) => context.report(step, value),
    [...recipes, ...runs.map((run) => run.name)],
    TRAINING_PHASES,
  );
  const tracked = async (
    label: string,
    train: (phase: TrainingPhaseReport) => Promise<unknown>,
  ) => {
    await train((index, step) => progress.enter(label, index, step));
    await progress.finish(label, `Trained ${label}`);
  };
  const groupArn = context.getChoices().datasetGroupArn;
  // trainRecipe's own test: a recipe whose default solution has an ACTIVE version with metrics
  // is kept as it is.
  const kept = recipes.filter((recipe) => {
    const known =
      groupArn === undefined
        ? undefined
        : guideSolutionOf(context.resources.list(), groupArn, recipe, 'default');
    return known?.metrics !== undefined && known.status === 'ACTIVE';
  });
  const results = await Promise.allSettled([
    ...recipes.map((recipe) => tracked(recipe, (phase) => trainRecipe(context, recipe, phase))),
    ...runs.map((run) => tracked(run.name, (phase) => trainRun(context, run, phase))),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return runs.length === 0 && kept.length > 0 && kept.length === recipes.length
    ? alreadyTrainedStep(kept.length)
    : undefined;
}

/** The version's solution entry, and the data it trained on (the current imports for older versions). */
function evaluationInputs(
  context: ServiceContext,
  version: ResourceEntry,
): { solution: ResourceEntry; data: TrainingData } {
  const solution =
    version.parentArn === undefined ? undefined : context.resources.get(version.parentArn);
  if (solution === undefined)
    throw new AppError('aws.notFound', `The solution of ${version.arn} is not in this workspace.`);
  const recorded = TrainingDataSchema.safeParse(version.studio.data);
  const groupArn =
    typeof solution.attributes.datasetGroupArn === 'string'
      ? solution.attributes.datasetGroupArn
      : (solution.parentArn ?? '');
  const data = recorded.success
    ? recorded.data
    : currentTrainingData(context.resources.list(), groupArn);
  if (data === undefined)
    throw new AppError(
      'guide.notReady',
      'Import the interactions before evaluating (step Import).',
    );
  return { solution, data };
}

/** Fails when a file changed since it was imported (the evaluation would not be of the same data). */
async function assertUnchanged(file: string, mtimeMs: number | undefined): Promise<void> {
  const current = await stat(file).catch(() => undefined);
  if (current === undefined)
    throw new AppError(
      'file.notFound',
      `${file} is gone: the studio evaluates on the imported file. Put it back, or import again.`,
    );
  if (mtimeMs !== undefined && Math.abs(current.mtimeMs - mtimeMs) > 1)
    throw new AppError(
      'data.invalid',
      `${file} changed since it was imported: the studio's evaluation would not be of the data the version trained on. Import it again and train a new version.`,
      { details: { path: file } },
    );
}

/**
 * Seeds of the k splits of a version, reproducible from its ARN. The first is the version's own
 * split (`seedFromArn(arn)`, the one GetSolutionMetrics and the single evaluation use, SPEC §7.1),
 * so that k = 1 repeats the single evaluation exactly and the k-split mean includes the reported
 * split; the others are fresh (`<arn>#split-<n>`). Every split runs the same protocol
 * (`evaluateRecipeUsers` + bootstrap): only the held-out users differ.
 */
export function splitSeeds(solutionVersionArn: string, splits: number): number[] {
  return Array.from({ length: splits }, (_, index) =>
    index === 0
      ? seedFromArn(solutionVersionArn)
      : seedFromArn(`${solutionVersionArn}#split-${index + 1}`),
  );
}

async function evaluateWith(
  context: ServiceContext,
  version: ResourceEntry,
  seeds: readonly number[],
  label: string,
  /** With k splits: the job's progress after `splitIndex` splits of this version are done. */
  progressOf?: (splitIndex: number) => { done: number; total: number; unit: string },
  /** Without k splits: hears each phase the evaluation enters, with the job's step. */
  onPhase?: (phase: LocalEvaluationProgress['phase'], step: string) => Promise<void>,
) {
  const { solution, data } = evaluationInputs(context, version);
  await assertUnchanged(data.interactionsFile, data.interactionsMtimeMs);
  if (data.itemsFile !== undefined) await assertUnchanged(data.itemsFile, data.itemsMtimeMs);
  let lastPhase: string | undefined;
  const startedMs = Date.now();
  const runs = await runLocalEvaluation(
    {
      recipe: recipeOfSolution(solution),
      interactionsPath: data.interactionsFile,
      itemsPath: data.itemsFile,
      hyperParameters: solutionHyperParameters(solution).algorithmHyperParameters,
      seeds,
    },
    {
      signal: context.signal,
      onProgress: (progress) => {
        const splitWords =
          progress.splits > 1 ? ` (split ${progress.splitIndex + 1} of ${progress.splits})` : '';
        const step = `Evaluating ${label}: ${PHASE_WORDS[progress.phase]}${splitWords}`;
        // Progress only: a report that fails (the job ended meanwhile) must not fail the evaluation.
        (onPhase !== undefined && progressOf === undefined
          ? onPhase(progress.phase, step)
          : context.report(step, progressOf?.(progress.splitIndex))
        ).catch(() => undefined);
        if (progress.phase !== lastPhase) {
          lastPhase = progress.phase;
          annotateVersion(context, version.arn, { phase: progress.phase }).catch(() => undefined);
        }
      },
    },
  );
  return { runs, timing: { evaluatedAtMs: Date.now(), durationMs: Date.now() - startedMs } };
}

/**
 * The studio's evaluation of one ACTIVE version (see local-evaluation.ts): the version's own
 * split seed, so that on the Local sandbox it reproduces GetSolutionMetrics (`source: 'sandbox'`)
 * and adds the intervals and the number of test users; elsewhere `source: 'local'`. Recorded
 * as `studio.evaluation`; a failure is recorded as `studio.evaluationError` and not thrown (the
 * version itself trained).
 * @throws AppError `job.cancelled`
 */
export async function evaluateVersion(
  context: ServiceContext,
  solutionVersionArn: string,
  onPhase?: (phase: LocalEvaluationProgress['phase'], step: string) => Promise<void>,
): Promise<void> {
  const version = context.resources.get(solutionVersionArn);
  if (version === undefined) return;
  const label = context.resources.get(version.parentArn ?? '')?.name ?? solutionVersionArn;
  const seed = seedFromArn(solutionVersionArn);
  try {
    const { runs, timing } = await evaluateWith(
      context,
      version,
      [seed],
      label,
      undefined,
      onPhase,
    );
    const run = runs[0];
    if (run === undefined) throw new Error('The evaluation returned no split.');
    const isSame =
      context.workspace.target.kind === 'sandbox' && isSameAsService(run, metricsOf(version));
    await annotateVersion(context, solutionVersionArn, {
      phase: undefined,
      evaluationError: undefined,
      evaluation: toLocalEvaluation(run, seed, isSame, timing),
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'job.cancelled') throw error;
    await annotateVersion(context, solutionVersionArn, {
      phase: undefined,
      evaluationError: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Runs the studio's evaluation of every ACTIVE version with metrics of the guide's dataset group
 * that has neither an evaluation nor a recorded evaluation error (see `pendingEvaluations`), as
 * listed when it starts, one after the other. A version that finishes training meanwhile is left
 * to the rerun of the job: the training's start of `solutions.evaluate` lands on the running job
 * and asks for one (`rerunOnce`, see `StartWhileRunning`), which calls this again. A version
 * whose evaluation failed has its error recorded, so it is not listed again.
 * @param earlier the job's progress so far when this is such a rerun: its versions stay shown,
 *   the new ones join after them.
 * @returns how many versions were evaluated.
 * @throws AppError `job.cancelled`
 */
export async function evaluatePending(
  context: ServiceContext,
  earlier?: JobProgress,
): Promise<number> {
  const labelOf = (version: ResourceEntry): string =>
    context.resources.get(version.parentArn ?? '')?.name ?? version.arn;
  const pending = pendingEvaluations(
    context.resources.list(),
    context.getChoices().datasetGroupArn,
  );
  if (pending.length === 0) return 0;
  const progress = new PhaseProgress(
    (step, value) => context.report(step, value),
    [],
    EVALUATION_PHASES.map((phase) => PHASE_NAMES[phase]),
  );
  progress.resume(earlier);
  progress.add(pending.map(labelOf));
  for (const version of pending) {
    const label = labelOf(version);
    await evaluateVersion(context, version.arn, (phase, step) =>
      progress.enter(label, EVALUATION_PHASES.indexOf(phase), step),
    );
    await progress.finish(label, `Evaluated ${label}`);
  }
  return pending.length;
}

/**
 * Repeats the studio's evaluation of each version on `splits` fresh splits and records the mean
 * ± spread per metric as `studio.kSplits` (issue item 6), one version after the other.
 * @throws AppError `aws.notFound` (unknown version), `data.invalid`, `file.notFound`, `job.failed`, `job.cancelled`
 */
export async function evaluateSplits(
  context: ServiceContext,
  solutionVersionArns: readonly string[],
  splits: number,
): Promise<void> {
  for (const [index, arn] of solutionVersionArns.entries()) {
    const version = context.resources.get(arn);
    if (version === undefined)
      throw new AppError('aws.notFound', `Solution version ${arn} is not in this workspace.`);
    const label = context.resources.get(version.parentArn ?? '')?.name ?? arn;
    // Progress counts splits × versions, so that it moves with every split.
    const progressOf = (splitIndex: number) => ({
      done: index * splits + splitIndex,
      total: solutionVersionArns.length * splits,
      unit: 'splits',
    });
    await context.report(`Repeating the evaluation of ${label} on ${splits} splits`, progressOf(0));
    const seeds = splitSeeds(arn, splits);
    const { runs, timing } = await evaluateWith(context, version, seeds, label, progressOf);
    await annotateVersion(context, arn, {
      phase: undefined,
      kSplits: summariseSplits(runs, seeds, timing),
    });
  }
}
