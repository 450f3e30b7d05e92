import type { JobContext, JobRunner } from './job-registry.js';
import { isSignInNeeded } from '../accounts/sign-in-needed.js';
import type { WorkspaceRuntime } from '../workspaces/workspace.js';
import type { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { AppError } from '../../../shared/errors.js';

/** Resolves once the workspace's identity checks `ok` again (after a sign-in); rejects on abort. */
export function whenSignedIn(runtime: WorkspaceRuntime, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      off();
      reject(new AppError('job.cancelled', 'Cancelled while waiting for sign-in.'));
    };
    const off = runtime.onDidChange((change) => {
      if (change !== 'identity' || runtime.lastIdentity?.state !== 'ok') return;
      off();
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps domain work as a job runner on one workspace: builds its {@link ServiceContext} whose
 * `report` updates the job (step and progress), and when the work fails because the sign-in
 * expired (SSO token, temporary credentials) the job pauses — `pausedReason` set, nothing
 * failed, nothing lost — and runs again from the start once the workspace signs in (the
 * services are idempotent).
 * @param totalSteps the job's progress total in steps, when the work reports without a total.
 */
export function workspaceJob(
  workspaces: WorkspaceRegistry,
  totalSteps: number,
  work: (context: ServiceContext, job: JobContext) => Promise<void>,
): JobRunner {
  return async (job) => {
    const runtime = workspaces.get(job.job.workspaceId);
    let done = 0;
    for (;;) {
      const context = runtime.context({
        signal: job.signal,
        report: async (label, progress) => {
          done = progress === undefined ? Math.min(done + 1, totalSteps - 1) : progress.done;
          await job.update({
            step: label,
            progress: {
              done,
              total: progress?.total ?? totalSteps,
              unit: progress?.unit ?? 'steps',
            },
          });
        },
      });
      try {
        await work(context, job);
        return;
      } catch (error) {
        if (job.signal.aborted || !isSignInNeeded(error)) throw error;
        const reason = runtime.lastIdentity?.message ?? 'The sign-in expired: sign in to continue.';
        await job.update({ step: 'Waiting for sign-in', pausedReason: reason });
        await whenSignedIn(runtime, job.signal);
        await job.update({ step: 'Resuming after sign-in', pausedReason: undefined });
      }
    }
  };
}
