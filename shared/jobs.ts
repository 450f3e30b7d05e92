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
 * `done` of `total` counts `unit`: `'rows'` (rows uploaded / imported), `'resources'` (resources
 * deleted), `'phase'` (training phases passed), `'items'`, or `'steps'` (the fallback when a
 * runner reports only labels). `total` 0 means "not known yet" (the bar is indeterminate).
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
      }),
    )
    .optional(),
});
/** See {@link JobProgressSchema}. */
export type JobProgress = z.infer<typeof JobProgressSchema>;

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
 * A job record, persisted before every state change and pushed whole to the renderer.
 *
 * Times are epoch ms. `step` is the human-readable step in progress ("Training
 * aws-user-personalization"). `attempt` counts runs of the runner: 1 on the first, +1 for each
 * retry after a transient error (throttling, 5xx, offline) and each resume after a restart
 * (records of earlier versions have 0). `nextPollAtMs` is when the job next describes a
 * resource or retries. `elapsedMs` is the time the studio spent on the job up to `updatedAtMs`,
 * not counting time the app was down; while it runs add `now - activeSinceMs` (see
 * {@link jobElapsedMs}). `error.attempt` is the attempt that raised it: a newer attempt clears
 * it, so banners built from it leave when the attempt is superseded.
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
  /** Time spent on the job while the app ran, up to `updatedAtMs`, in ms (absent: 0). */
  elapsedMs: z.number().optional(),
  /** While a process runs the job: when it last added to `elapsedMs` (epoch ms). */
  activeSinceMs: z.number().optional(),
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
