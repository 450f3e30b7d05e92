import { isTerminalJobState, jobElapsedMs, type Job, type JobState } from '../../shared/jobs.js';
import type { StudioApp } from '../core/app/studio-app.js';

/** Jobs that ran at least this long (elapsed, app downtime excluded) get a desktop notification when they end. */
export const LONG_JOB_MS = 30_000;

/** Readable names of the job kinds (kinds added later fall back to their id). */
const KIND_TITLES: Readonly<Record<string, string>> = {
  'setup.apply': 'Account setup',
  'datasets.import': 'Import',
  'solutions.train': 'Training',
  'solutions.evaluate': 'Evaluation',
  'campaigns.deploy': 'Campaign deployment',
  'campaigns.update': 'Campaign update',
  'batch.run': 'Batch inference',
  'inventory.teardown': 'Clean up',
  'inventory.refresh': 'Inventory refresh',
  'workspaces.delete': 'Workspace deletion',
  'data.export': 'Export of importable files',
};

/** What a desktop notification says. */
export interface DesktopNotice {
  readonly title: string;
  readonly body: string;
}

/** "4 min 05 s", "45 s": the duration in a notification. */
function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * The notification for a job that has just ended after running at least `minElapsedMs`, or
 * undefined (still running, already ended before, or short). Plain text only: the OS renders
 * it, never as markup; the error message is the job's own (no credentials by construction).
 */
export function noticeForEndedJob(
  job: Job,
  previousState: JobState | undefined,
  nowMs: number,
  minElapsedMs = LONG_JOB_MS,
): DesktopNotice | undefined {
  if (!isTerminalJobState(job.state)) return undefined;
  if (previousState === undefined || isTerminalJobState(previousState)) return undefined;
  const elapsedMs = jobElapsedMs(job, nowMs);
  if (elapsedMs < minElapsedMs) return undefined;
  const name = KIND_TITLES[job.kind] ?? job.kind;
  const took = formatDuration(elapsedMs);
  switch (job.state) {
    case 'succeeded':
      return { title: `${name} finished`, body: `Done in ${took}.` };
    case 'cancelled':
      return { title: `${name} cancelled`, body: `Cancelled after ${took}.` };
    default:
      return {
        title: `${name} failed`,
        body: `${job.error?.message ?? `Stopped at: ${job.step}`} (after ${took})`,
      };
  }
}

/** The part of Electron's `Notification` the studio uses. */
export interface NotificationLike {
  show(): void;
}

/**
 * Shows a desktop notification (Electron's `Notification`, from the main process) whenever a
 * long job ends — see {@link noticeForEndedJob}. Follows `jobs.didChange` events of `app`.
 * @returns the function that stops listening.
 */
export function notifyLongJobs(
  app: Pick<StudioApp, 'onEvent'>,
  createNotification: (notice: DesktopNotice) => NotificationLike,
  now: () => number = Date.now,
): () => void {
  const states = new Map<string, JobState>();
  return app.onEvent((name, payload) => {
    if (name !== 'jobs.didChange') return;
    const job = payload as Job;
    const notice = noticeForEndedJob(job, states.get(job.id), now());
    states.set(job.id, job.state);
    if (notice !== undefined) createNotification(notice).show();
  });
}
