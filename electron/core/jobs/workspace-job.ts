import type { JobContext, JobRunner } from './job-registry.js';
import { isSignInNeeded } from '../accounts/sign-in-needed.js';
import type { WorkspaceRuntime } from '../workspaces/workspace.js';
import type { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import type { ResourceCache } from '../workspaces/resource-cache.js';
import { AppError } from '../../../shared/errors.js';
import { Poller, type PollCallOptions, type PollOutcome } from './poller.js';

/**
 * A {@link Poller} that tells the job before each wait when it will poll again
 * (`JobContext.willPoll`: the job's and the awaited resource's `nextPollAtMs`).
 */
export class JobPoller extends Poller {
  constructor(
    base: Poller,
    private readonly job: Pick<JobContext, 'willPoll'>,
  ) {
    super(base.options);
  }

  /** See {@link Poller.poll}; also records the next poll on the job. */
  override poll<T>(
    check: (attempt: number) => Promise<PollOutcome<T>>,
    options: PollCallOptions = {},
  ): Promise<T> {
    return super.poll(check, {
      ...options,
      onWait: async (delayMs, attempt) => {
        await options.onWait?.(delayMs, attempt);
        await this.job.willPoll(delayMs);
      },
    });
  }
}

/**
 * The workspace's resource cache as one job sees it: every `record` (what a Create / Describe
 * said) also lands in the job's timeline (`JobContext.observe`). Everything else is the cache.
 */
export function observedCache(
  cache: ResourceCache,
  job: Pick<JobContext, 'observe'>,
): ResourceCache {
  return new Proxy(cache, {
    get(target, property) {
      if (property === 'record') {
        const record: ResourceCache['record'] = async (observation) => {
          const entry = await target.record(observation);
          await job.observe({
            arn: entry.arn,
            kind: entry.kind,
            name: entry.name,
            status: observation.status,
            failureReason: observation.failureReason,
          });
          return entry;
        };
        return record;
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

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
 * `report` updates the job (step and progress in the unit given: `{done, total, unit}` with
 * unit `'rows'`, `'resources'`, `'phase'`…; without progress each report counts one of
 * `totalSteps` steps, until the work reports in a unit of its own: later reports without
 * progress then change only the step), whose `resources.record` also lands in the job's resource timeline, and
 * whose poller records the next poll on the job. When the work fails because the sign-in
 * expired (SSO token, temporary credentials) the job pauses — `pausedReason` set, nothing
 * failed, nothing lost — and runs again from the start once the workspace signs in (the
 * services are idempotent).
 * @param totalSteps the job's progress total in steps, when the work reports without a total.
 */
export function workspaceJob(
  workspaces: WorkspaceRegistry,
  totalSteps: number,
  work: (context: ServiceContext, job: JobContext) => Promise<unknown>,
): JobRunner {
  return async (job) => {
    const runtime = workspaces.get(job.job.workspaceId);
    let done = 0;
    for (;;) {
      const base = runtime.context({
        signal: job.signal,
        report: async (label, progress) => {
          // A label alone keeps a progress the work gave in its own unit (rows, bytes, phase).
          if (progress === undefined && job.job.progress.unit !== 'steps') {
            await job.update({ step: label });
            return;
          }
          done = progress === undefined ? Math.min(done + 1, totalSteps - 1) : progress.done;
          await job.update({
            step: label,
            progress: {
              done,
              total: progress?.total ?? totalSteps,
              unit: progress?.unit ?? 'steps',
              ...(progress?.phase === undefined ? {} : { phase: progress.phase }),
              ...(progress?.measures === undefined ? {} : { measures: progress.measures }),
            },
          });
        },
      });
      const context: ServiceContext = {
        ...base,
        poller: new JobPoller(base.poller, job),
        resources: observedCache(base.resources, job),
      };
      try {
        return await work(context, job);
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
