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
  'campaigns.deploy',
  'inventory.teardown',
  'workspaces.delete',
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
 * A job record, persisted before every state change and pushed whole to the renderer.
 *
 * `progress.done`/`progress.total` count `progress.unit` (e.g. "steps"); times are epoch ms.
 * `step` is the human-readable step in progress ("Training aws-user-personalization").
 */
export const JobSchema = z.object({
  id: z.string(),
  kind: JobKindSchema,
  workspaceId: z.string(),
  params: z.record(z.string(), z.unknown()),
  state: JobStateSchema,
  step: z.string(),
  progress: z.object({ done: z.number(), total: z.number(), unit: z.string() }),
  remoteId: z.string().optional(),
  remoteStatus: z.string().optional(),
  attempt: z.number().int(),
  nextPollAtMs: z.number().optional(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Why the job waits without failing (e.g. "Sign in to continue"): set while paused. */
  pausedReason: z.string().optional(),
});
/** A job record; see {@link JobSchema}. */
export type Job = z.infer<typeof JobSchema>;

/** True when the job will not change any more. */
export function isTerminalJobState(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}
