import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs.js';
import type { EventListener } from '../core/app/studio-app.js';
import { LONG_JOB_MS, notifyLongJobs, type DesktopNotice } from './job-notifications.js';

function job(overrides: Partial<Job>): Job {
  return {
    id: 'j1',
    kind: 'solutions.train',
    workspaceId: 'ws',
    params: {},
    state: 'running',
    step: 'Training',
    progress: { done: 1, total: 2, unit: 'phase' },
    attempt: 1,
    createdAtMs: 0,
    updatedAtMs: 0,
    elapsedMs: 0,
    ...overrides,
  };
}

describe('notifyLongJobs', () => {
  it('shows one desktop notification when a long job ends, none for short or already-ended jobs', () => {
    let listener: EventListener = () => undefined;
    const shown: DesktopNotice[] = [];
    const stop = notifyLongJobs(
      {
        onEvent: (next) => {
          listener = next;
          return () => (listener = () => undefined);
        },
      },
      (notice) => ({ show: () => shown.push(notice) }),
      () => 1_000_000,
    );
    listener('jobs.didChange', job({ state: 'running' }));
    listener('jobs.didChange', job({ state: 'succeeded', elapsedMs: 4 * 60_000 + 5_000 }));
    // The same end pushed again (e.g. a refresh) is not announced twice.
    listener('jobs.didChange', job({ state: 'succeeded', elapsedMs: 4 * 60_000 + 5_000 }));
    listener('jobs.didChange', job({ id: 'short', state: 'running' }));
    listener(
      'jobs.didChange',
      job({ id: 'short', state: 'succeeded', elapsedMs: LONG_JOB_MS - 1 }),
    );
    listener('jobs.didChange', job({ id: 'f', kind: 'datasets.import', state: 'running' }));
    listener(
      'jobs.didChange',
      job({
        id: 'f',
        kind: 'datasets.import',
        state: 'failed',
        elapsedMs: 90_000,
        error: { code: 'job.failed', message: 'Import job ended in CREATE FAILED: bad rows' },
      }),
    );
    expect(shown).toEqual([
      { title: 'Training finished', body: 'Done in 4 min 05 s.' },
      {
        title: 'Import failed',
        body: 'Import job ended in CREATE FAILED: bad rows (after 1 min 30 s)',
      },
    ]);
    stop();
    listener('jobs.didChange', job({ id: 'late', state: 'running' }));
    expect(shown).toHaveLength(2);
  });
});
