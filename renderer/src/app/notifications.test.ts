import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alreadyTrainedStep, importSummary, type Job } from '../../../shared/jobs.js';
import { AUTO_DISMISS_MS, NoticeStore, noticeForJob, type Notice } from './notifications.js';

const notice = (id: string, type: Notice['type']): Notice => ({
  id,
  type,
  header: `${id} header`,
  content: `${id} content`,
});

describe('NoticeStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('dismisses a success flash by itself after ~8 s, keeps an error until dismissed', () => {
    const store = new NoticeStore();
    store.push(notice('ok', 'success'));
    store.push(notice('bad', 'error'));
    vi.advanceTimersByTime(AUTO_DISMISS_MS - 1);
    expect(store.getSnapshot().map((n) => n.id)).toEqual(['bad', 'ok']);
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot().map((n) => n.id)).toEqual(['bad']);
    vi.advanceTimersByTime(10 * AUTO_DISMISS_MS);
    expect(store.getSnapshot().map((n) => n.id)).toEqual(['bad']);
    store.dismiss('bad');
    expect(store.getSnapshot()).toEqual([]);
  });

  it('shows at most the latest 3, newest first', () => {
    const store = new NoticeStore();
    for (const id of ['a', 'b', 'c', 'd']) store.push(notice(id, 'error'));
    expect(store.getSnapshot().map((n) => n.id)).toEqual(['d', 'c', 'b']);
  });

  it('restarts the timer when a notice is replaced, and an error replacing a success stays', () => {
    const store = new NoticeStore();
    store.push(notice('job-1', 'success'));
    vi.advanceTimersByTime(AUTO_DISMISS_MS / 2);
    store.push(notice('job-1', 'error'));
    vi.advanceTimersByTime(AUTO_DISMISS_MS);
    expect(store.getSnapshot().map((n) => n.type)).toEqual(['error']);
  });

  it('notifies subscribers on push and on auto-dismiss', () => {
    const store = new NoticeStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.push(notice('ok', 'success'));
    vi.advanceTimersByTime(AUTO_DISMISS_MS);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('noticeForJob', () => {
  it('says where a finished batch job shows its output: the Batch tab of Explore', () => {
    const notice = noticeForJob({
      id: 'j2',
      kind: 'batch.run',
      workspaceId: 'w1',
      params: {},
      state: 'succeeded',
      step: 'Reading the output',
      progress: { done: 4, total: 4, unit: 'steps' },
      attempt: 0,
      createdAtMs: 1,
      updatedAtMs: 2,
    });
    expect(notice.content).toBe(
      'The batch inference job is ACTIVE: its output is shown under Explore (step 5), Batch tab.',
    );
  });

  it("shows a failed job's message without the internal error code", () => {
    const failed: Job = {
      id: 'j1',
      kind: 'datasets.import',
      workspaceId: 'w1',
      params: {},
      state: 'failed',
      step: 'Importing 396,337 interactions rows',
      progress: { done: 2, total: 4, unit: 'steps' },
      attempt: 0,
      createdAtMs: 1,
      updatedAtMs: 2,
      error: { code: 'job.failed', message: 'Import of interactions failed: missing columns.' },
    };
    const notice = noticeForJob(failed);
    expect(notice.type).toBe('error');
    expect(notice.content).toBe('Import of interactions failed: missing columns.');
    expect(notice.content).not.toContain('job.failed');
  });

  it('says that a training of recipes trained already trained nothing, and how to retrain', () => {
    const job: Job = {
      id: 'j1',
      kind: 'solutions.train',
      workspaceId: 'w1',
      params: { recipes: ['aws-user-personalization', 'aws-popularity-count'] },
      state: 'succeeded',
      step: alreadyTrainedStep(2),
      progress: { done: 8, total: 8, unit: 'phase' },
      attempt: 1,
      createdAtMs: 1,
      updatedAtMs: 2,
    };
    expect(noticeForJob(job)).toEqual({
      id: 'j1',
      type: 'info',
      header: 'Nothing to train',
      content:
        'Already trained: 2 ACTIVE versions kept, nothing new trained. To retrain, use "Train new version" on the solution\'s row.',
    });
    expect(noticeForJob({ ...job, step: 'Done' }).header).toBe('Training finished');
  });

  it('says an import of unchanged files imported nothing, not that it finished importing', () => {
    const step = importSummary({ importedRows: {}, unchanged: ['interactions', 'items'] });
    const job: Job = {
      id: 'j2',
      kind: 'datasets.import',
      workspaceId: 'w1',
      params: {},
      state: 'succeeded',
      step,
      progress: { done: 12, total: 12, unit: 'steps' },
      attempt: 0,
      createdAtMs: 1,
      updatedAtMs: 2,
    };
    expect(noticeForJob(job)).toEqual({
      id: 'j2',
      type: 'info',
      header: 'Nothing to import',
      content:
        'Nothing to import: interactions and items are imported already from these files, unchanged since.',
    });
    const imported = importSummary({ importedRows: { interactions: 10 }, unchanged: ['items'] });
    expect(noticeForJob({ ...job, step: imported }).header).toBe('Import finished');
  });

  it('never calls a page (Inventory, Setup, Workspaces) a step', () => {
    const succeeded = (kind: Job['kind']): Job => ({
      id: kind,
      kind,
      workspaceId: 'w1',
      params: {},
      state: 'succeeded',
      step: 'Done',
      progress: { done: 1, total: 1, unit: 'workspaces' },
      attempt: 0,
      createdAtMs: 1,
      updatedAtMs: 2,
    });
    const refresh = noticeForJob(succeeded('inventory.refresh'));
    expect(refresh.content).toBe(
      "The inventory is refreshed: every workspace's resources, counts and running cost are current.",
    );
    for (const kind of ['inventory.refresh', 'inventory.teardown', 'setup.apply'] as const)
      expect(noticeForJob(succeeded(kind)).content).not.toMatch(
        /step (Inventory|Setup|Workspaces)/u,
      );
  });
});

describe('the flash of a finished training', () => {
  const job = (kind: Job['kind'], state: Job['state'], workspaceId = 'w1'): Job => ({
    id: `${kind}-${workspaceId}`,
    kind,
    workspaceId,
    params: {},
    state,
    step: 'Training user-personalization',
    progress: { done: 3, total: 4, unit: 'steps' },
    attempt: 0,
    createdAtMs: 1,
    updatedAtMs: 2,
  });
  const trained = job('solutions.train', 'succeeded');

  it("says the evaluation still runs while the workspace's evaluation job runs", () => {
    const notice = noticeForJob(trained, [trained, job('solutions.evaluate', 'running')]);
    expect(notice.header).toBe('Training finished; evaluating…');
    expect(notice.content).toBe(
      "The solution versions are trained; the studio's evaluation (95% intervals, test users) still runs, and the Solutions step shows Running until it ends (step 3).",
    );
  });

  it('says training finished once no evaluation runs in that workspace', () => {
    for (const jobs of [
      [trained],
      [trained, job('solutions.evaluate', 'succeeded')],
      [trained, job('solutions.evaluate', 'running', 'w2')],
    ]) {
      const notice = noticeForJob(trained, jobs);
      expect(notice.header).toBe('Training finished');
      expect(notice.content).toBe(
        'The solution versions are trained and their metrics are ready (step 3).',
      );
    }
  });
});
