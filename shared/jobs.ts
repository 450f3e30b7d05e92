import { z } from 'zod';

/** States of a studio job (STYLE.md, Long-running jobs). */
export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
/** One of the job states. */
export type JobState = z.infer<typeof JobStateSchema>;

/** Kinds of job the studio runs. */
export const JobKindSchema = z.enum([
  'setup.apply',
  'datasets.import',
  'solutions.train',
  'solutions.evaluate',
  'campaigns.deploy',
  'campaigns.update',
  'batch.run',
  'inventory.teardown',
  'workspaces.delete',
  'inventory.refresh',
  'data.export',
]);

/** Kinds written by earlier versions, read as today's (`poc.import` → `datasets.import`). */
export const LEGACY_JOB_KINDS: Readonly<Record<string, JobKind>> = {
  'poc.import': 'datasets.import',
  'poc.train': 'solutions.train',
  'poc.deploy': 'campaigns.deploy',
  'poc.cleanup': 'inventory.teardown',
};
/** One of the job kinds. */
export type JobKind = z.infer<typeof JobKindSchema>;

/**
 * How far a job is, in the job's own unit (STYLE.md, Long-running jobs).
 *
 * `done` of `total` counts `unit`: `'bytes'` (bytes uploaded), `'rows'` (rows imported),
 * `'resources'` (resources deleted), `'phase'` (training phases passed), `'items'`, or `'steps'`
 * (the fallback when a runner reports only labels). `total` 0 means "not known yet" (the bar is indeterminate).
 * `phase` names the current phase in the unit's words ("Training", "Reading metrics").
 * `measures` carries more than one count at once, e.g. rows uploaded and rows imported.
 *
 * Runners report it through `ServiceContext.report(step, {done, total, unit})` (domain
 * services) or `JobContext.update({progress})` (runners); fields may be added, never renamed.
 */
export const JobProgressSchema = z.object({
  done: z.number(),
  total: z.number(),
  unit: z.string(),
  phase: z.string().optional(),
  measures: z
    .array(
      z.object({
        /** What is counted ("Rows uploaded"). */
        label: z.string(),
        unit: z.string(),
        done: z.number(),
        /** Absent while unknown. */
        total: z.number().optional(),
        /** With unit `'phase'`: the phase in progress ("Training"); absent once done. */
        phase: z.string().optional(),
      }),
    )
    .optional(),
});
/** See {@link JobProgressSchema}. */
export type JobProgress = z.infer<typeof JobProgressSchema>;

/**
 * A quantity of a job's unit for people: bytes as "1.2 MB" / "4.5 GB" (powers of 1024, one
 * decimal below 10), anything else as a count with thousands separators ("100,836").
 */
export function formatJobQuantity(value: number, unit: string): string {
  if (unit !== 'bytes') return Math.round(value).toLocaleString('en-US');
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1024 && index < units.length - 1) {
    scaled /= 1024;
    index += 1;
  }
  const digits = index === 0 || scaled >= 10 ? 0 : 1;
  return `${scaled.toFixed(digits)} ${units[index] ?? 'B'}`;
}

/** Most status transitions kept per resource of a job's timeline (older ones are dropped). */
export const MAX_RESOURCE_TRANSITIONS = 20;
/** Most events kept per job (older ones are dropped). */
export const MAX_JOB_EVENTS = 40;

/**
 * One remote resource a job created or waited on, as the job saw it: every status the service
 * reported (with the epoch-ms time the studio first saw it), its failure reason, and when the
 * studio will describe it next (`nextPollAtMs`, while the job waits on it).
 */
export const JobResourceSchema = z.object({
  arn: z.string(),
  /** A resource kind of shared/resources.ts (`solutionVersion`, `datasetImportJob`, …). */
  kind: z.string(),
  name: z.string(),
  transitions: z.array(z.object({ status: z.string(), atMs: z.number() })),
  failureReason: z.string().optional(),
  nextPollAtMs: z.number().optional(),
  lastSeenAtMs: z.number(),
});
/** See {@link JobResourceSchema}. */
export type JobResource = z.infer<typeof JobResourceSchema>;

/**
 * What happened to the job itself, for its timeline: state changes, retries of transient
 * errors, pauses (offline, sign-in), waits for a free slot under the service quota, and
 * resumption after the app was closed or killed (`text` says how long it was down).
 */
export const JobEventSchema = z.object({
  atMs: z.number(),
  kind: z.enum(['state', 'retry', 'paused', 'slot', 'resumed']),
  text: z.string(),
});
/** See {@link JobEventSchema}. */
export type JobEvent = z.infer<typeof JobEventSchema>;

/**
 * A stretch of time a process of the studio ran a job, epoch ms: from the run's start (or resume)
 * to its end (terminal state, app closed, or the last heartbeat before a kill).
 */
export const JobRunSchema = z.object({ startedAtMs: z.number(), endedAtMs: z.number() });
/** See {@link JobRunSchema}. */
export type JobRun = z.infer<typeof JobRunSchema>;

/** Most run segments kept per job. */
export const MAX_JOB_RUNS = 20;

/**
 * A job record, persisted before every state change and pushed whole to the renderer.
 *
 * Times are epoch ms. `step` is the human-readable step in progress ("Training
 * aws-user-personalization"). `attempt` counts runs of the runner: 1 on the first, +1 for each
 * retry after a transient error (throttling, 5xx, offline), each resume after a restart and each
 * rerun that a start asked for while the job ran (records of earlier versions have 0).
 * `nextPollAtMs` is when the job next describes a resource or retries. Time spent on the job is
 * kept as run segments (stretches of time a process ran it): `elapsedMs` sums the closed ones
 * (listed in `runs`), `activeSinceMs` starts the open one, so the total while it runs is
 * `elapsedMs + now - activeSinceMs` (see {@link jobElapsedMs}) without frequent writes; after a
 * kill -9 the next process closes the open segment at the last sign of life of the previous one
 * (its heartbeat, written every few seconds), so time the app was down never counts and at most a
 * few seconds are lost. `error.attempt` is the attempt that raised it: a newer attempt clears it,
 * so banners built from it leave when the attempt is superseded.
 */
export const JobSchema = z.object({
  id: z.string(),
  kind: JobKindSchema,
  workspaceId: z.string(),
  params: z.record(z.string(), z.unknown()),
  state: JobStateSchema,
  step: z.string(),
  progress: JobProgressSchema,
  remoteStatus: z.string().optional(),
  attempt: z.number().int(),
  nextPollAtMs: z.number().optional(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  /** Time spent on the job while the app ran, in ms: the closed run segments (absent: 0). */
  elapsedMs: z.number().optional(),
  /** While a process runs the job: when its current run segment started (epoch ms). */
  activeSinceMs: z.number().optional(),
  /**
   * Closed run segments, oldest first (epoch ms; at most {@link MAX_JOB_RUNS}: beyond, the
   * two oldest merge). Absent on records of earlier versions (their timeline uses wall time).
   */
  runs: z.array(JobRunSchema).optional(),
  error: z
    .object({ code: z.string(), message: z.string(), attempt: z.number().optional() })
    .optional(),
  /** Why the job waits without failing (e.g. "Sign in to continue", offline): set while paused. */
  pausedReason: z.string().optional(),
  /** The remote resources the job created or waited on, each with its status timeline. */
  resources: z.array(JobResourceSchema).optional(),
  /** The job's own timeline, oldest first (at most {@link MAX_JOB_EVENTS}). */
  events: z.array(JobEventSchema).optional(),
});
/** A job record; see {@link JobSchema}. */
export type Job = z.infer<typeof JobSchema>;

/** True when the job will not change any more. */
export function isTerminalJobState(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}

/**
 * Time spent on a job, in ms, excluding time the app was down: the stored `elapsedMs` plus,
 * while a process runs it, the time since `activeSinceMs` (`nowMs` epoch ms).
 */
export function jobElapsedMs(job: Job, nowMs: number): number {
  const stored = job.elapsedMs ?? 0;
  if (isTerminalJobState(job.state) || job.activeSinceMs === undefined) return stored;
  return stored + Math.max(0, nowMs - job.activeSinceMs);
}

/**
 * The job with its open run segment closed at `endMs` (clamped to the segment's start):
 * `elapsedMs` grows by the segment, `runs` gets it (the two oldest merge past
 * {@link MAX_JOB_RUNS}), `activeSinceMs` goes. Unchanged without an open segment. Pure.
 */
export function withClosedRun(job: Job, endMs: number): Job {
  const { activeSinceMs, ...rest } = job;
  if (activeSinceMs === undefined) return job;
  const endedAtMs = Math.max(activeSinceMs, endMs);
  const elapsedMs = (job.elapsedMs ?? 0) + (endedAtMs - activeSinceMs);
  if (job.runs === undefined) return { ...rest, elapsedMs };
  const runs = [...job.runs, { startedAtMs: activeSinceMs, endedAtMs }];
  while (runs.length > MAX_JOB_RUNS) {
    const [first, second, ...others] = runs;
    if (first === undefined || second === undefined) break;
    runs.splice(
      0,
      runs.length,
      { startedAtMs: first.startedAtMs, endedAtMs: second.endedAtMs },
      ...others,
    );
  }
  return { ...rest, elapsedMs, runs };
}

/**
 * Time of `[fromMs, toMs]` during which the app ran the job, in ms: the overlap with its run
 * segments (the open one up to `nowMs`). Records without `runs` (earlier versions): the wall
 * time `toMs - fromMs`. Used for each resource's elapsed time in the job's timeline.
 */
export function jobActiveMsBetween(job: Job, fromMs: number, toMs: number, nowMs: number): number {
  if (toMs <= fromMs) return 0;
  if (job.runs === undefined) return toMs - fromMs;
  const segments: JobRun[] = [...job.runs];
  if (job.activeSinceMs !== undefined && !isTerminalJobState(job.state))
    segments.push({
      startedAtMs: job.activeSinceMs,
      endedAtMs: Math.max(job.activeSinceMs, nowMs),
    });
  let total = 0;
  for (const segment of segments)
    total += Math.max(0, Math.min(toMs, segment.endedAtMs) - Math.max(fromMs, segment.startedAtMs));
  return total;
}

/**
 * The last step of a `solutions.train` job whose recipes all had an ACTIVE, evaluated version
 * already: nothing was trained (the guide trains a recipe once; "Train new version" on a
 * solution's row retrains). The flash message shows it instead of "trained".
 */
export function alreadyTrainedStep(versions: number): string {
  return `Already trained: ${versions} ACTIVE version${versions === 1 ? '' : 's'} kept, nothing new trained. To retrain, use "Train new version" on the solution's row.`;
}

/** True for a step made by {@link alreadyTrainedStep}. */
export function isAlreadyTrainedStep(step: string): boolean {
  return step.startsWith('Already trained: ');
}

/** How an import job's last step starts when every chosen file was imported already, unchanged. */
export const NOTHING_TO_IMPORT = 'Nothing to import: ';

/** True for an import job's last step that imported nothing (every file unchanged since). */
export function isNothingToImportStep(step: string): boolean {
  return step.startsWith(NOTHING_TO_IMPORT);
}

/**
 * The last step an import job shows: what was imported (`Imported 396,337 interactions rows and
 * 4,053 items rows`) and what was left as it was, because the same file (path and modification
 * time) is imported already, e.g. `Nothing to import: interactions and items are imported
 * already from these files, unchanged since`.
 */
export function importSummary(result: {
  /** Rows imported per dataset type. */
  readonly importedRows: Readonly<Record<string, number>>;
  /** Dataset types not imported again (same file version, latest import ACTIVE). */
  readonly unchanged: readonly string[];
}): string {
  const imported = Object.entries(result.importedRows).map(
    ([type, rows]) => `${rows.toLocaleString('en-US')} ${type} rows`,
  );
  const unchanged = listInWords(result.unchanged);
  if (imported.length === 0)
    return `${NOTHING_TO_IMPORT}${unchanged} ${result.unchanged.length === 1 ? 'is' : 'are'} imported already from ${result.unchanged.length === 1 ? 'this file' : 'these files'}, unchanged since`;
  const done = `Imported ${listInWords(imported)}`;
  return result.unchanged.length === 0
    ? done
    : `${done}; ${unchanged} unchanged since ${result.unchanged.length === 1 ? 'its' : 'their'} last import, not imported again`;
}

/** `a`, `a and b`, `a, b and c`. */
function listInWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}
