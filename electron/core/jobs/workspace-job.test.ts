import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Identity } from '../../../shared/ipc/accounts.js';
import type { Job } from '../../../shared/jobs.js';
import type { WorkspaceChange, WorkspaceRuntime } from '../workspaces/workspace.js';
import type { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { JobRegistry } from './job-registry.js';
import { MemoryJobStore } from './job-store.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from './poller.js';
import { workspaceJob } from './workspace-job.js';

/** A workspace whose identity a test sets, and whose listeners it can call. */
function fakeWorkspace() {
  const listeners = new Set<(change: WorkspaceChange) => void>();
  let identity: Identity | undefined;
  const runtime = {
    id: 'ws',
    get lastIdentity() {
      return identity;
    },
    onDidChange(listener: (change: WorkspaceChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    context: (options: { report?: ServiceContext['report'] }) => ({
      report: options.report ?? (() => Promise.resolve()),
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      resources: {},
    }),
  };
  return {
    registry: { get: () => runtime } as unknown as WorkspaceRegistry,
    runtime: runtime as unknown as WorkspaceRuntime,
    setIdentity(state: Identity['state'], message?: string) {
      identity = {
        workspaceId: 'ws',
        state,
        targetKind: 'aws',
        region: 'eu-west-1',
        checkedAtMs: 1,
        ...(message === undefined ? {} : { message }),
      };
      for (const listener of listeners) listener('identity');
    },
  };
}

/** Resolves once `predicate` holds for a pushed snapshot of the job. */
function whenJob(jobs: JobRegistry, predicate: (job: Job) => boolean): Promise<Job> {
  return new Promise((resolve) => {
    const off = jobs.onDidChange((job) => {
      if (predicate(job)) {
        off();
        resolve(job);
      }
    });
  });
}

describe('workspaceJob', () => {
  it('pauses a job whose sign-in expired, keeps it running, and resumes it once the workspace signs in again', async () => {
    const workspace = fakeWorkspace();
    let attempts = 0;
    const jobs = new JobRegistry({
      store: new MemoryJobStore(),
      pushIntervalMs: 0,
      runners: {
        'datasets.import': workspaceJob(workspace.registry, 3, () => {
          attempts += 1;
          if (attempts === 1) {
            workspace.setIdentity(
              'signInNeeded',
              'The sign-in of profile customer-sso has expired: sign in to continue.',
            );
            return Promise.reject(new AppError('aws.signInNeeded', 'Token is expired'));
          }
          return Promise.resolve();
        }),
      },
    });
    const started = await jobs.start('datasets.import', 'ws');
    const paused = await whenJob(jobs, (job) => job.pausedReason !== undefined);
    expect(paused).toMatchObject({
      state: 'running',
      step: 'Waiting for sign-in',
      pausedReason: 'The sign-in of profile customer-sso has expired: sign in to continue.',
    });
    expect(attempts).toBe(1);
    // A check that still fails does not resume it.
    workspace.setIdentity('signInNeeded');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(jobs.get(started.id).state).toBe('running');
    expect(attempts).toBe(1);
    workspace.setIdentity('ok');
    const done = await jobs.whenSettled(started.id);
    expect(done).toMatchObject({ state: 'succeeded' });
    expect(done.pausedReason).toBeUndefined();
    expect(attempts).toBe(2);
  });

  it('fails at once on any other error, and can be cancelled while paused', async () => {
    const workspace = fakeWorkspace();
    const jobs = new JobRegistry({
      store: new MemoryJobStore(),
      pushIntervalMs: 0,
      runners: {
        'datasets.import': workspaceJob(workspace.registry, 3, () =>
          Promise.reject(new AppError('aws.invalidInput', 'bad name')),
        ),
        'solutions.train': workspaceJob(workspace.registry, 3, () =>
          Promise.reject(new AppError('aws.signInNeeded', 'expired')),
        ),
      },
    });
    const failed = await jobs.whenSettled((await jobs.start('datasets.import', 'ws')).id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'aws.invalidInput' } });
    const waiting = await jobs.start('solutions.train', 'ws');
    await whenJob(jobs, (job) => job.id === waiting.id && job.pausedReason !== undefined);
    await jobs.cancel(waiting.id);
    expect(jobs.get(waiting.id).state).toBe('cancelled');
  });

  it('keeps a progress in the job unit when a later report gives only a step', async () => {
    const workspace = fakeWorkspace();
    const seen: Job['progress'][] = [];
    const jobs = new JobRegistry({
      store: new MemoryJobStore(),
      pushIntervalMs: 0,
      runners: {
        'datasets.import': workspaceJob(workspace.registry, 12, async (context) => {
          await context.report('Checking the interactions file');
          await context.report('Uploading interactions.csv: 1.2 MB of 4.5 MB', {
            done: 1_258_291,
            total: 4_718_592,
            unit: 'bytes',
          });
          await context.report('Waiting for the dataset group');
        }),
      },
    });
    jobs.onDidChange((job) => seen.push(job.progress));
    await jobs.whenSettled((await jobs.start('datasets.import', 'ws')).id);
    expect(seen).toEqual([
      { done: 0, total: 0, unit: 'steps' },
      { done: 0, total: 0, unit: 'steps' },
      { done: 1, total: 12, unit: 'steps' },
      { done: 1_258_291, total: 4_718_592, unit: 'bytes' },
      // The label-only report after the bytes did not turn the bar back into steps.
      { done: 1_258_291, total: 4_718_592, unit: 'bytes' },
      { done: 4_718_592, total: 4_718_592, unit: 'bytes' },
    ]);
  });
});
