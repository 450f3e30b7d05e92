import { useSyncExternalStore } from 'react';
import {
  isAlreadyTrainedStep,
  isNothingToImportStep,
  isTerminalJobState,
  type Job,
} from '../../../shared/jobs.js';
import { jobTitle } from './steps.js';

/** One flash message. */
export interface Notice {
  readonly id: string;
  readonly type: 'success' | 'error' | 'warning' | 'info';
  readonly header: string;
  readonly content: string;
}

type Listener = () => void;

/** How long a success (or info) flash stays before it dismisses itself. */
export const AUTO_DISMISS_MS = 8000;
/** Most flashes shown at once (newest first); older ones are dropped, never stacked. */
export const MAX_NOTICES = 3;

/** True for the flashes that dismiss themselves: success and info. Errors and warnings stay until dismissed. */
export function isAutoDismissed(notice: Pick<Notice, 'type'>): boolean {
  return notice.type === 'success' || notice.type === 'info';
}

/** Timer functions of a {@link NoticeStore} (injectable for tests). */
export interface NoticeTimers {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

const WINDOW_TIMERS: NoticeTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * A tiny store of flash messages, read with {@link useNotices}: newest first, at most
 * {@link MAX_NOTICES}; success and info flashes dismiss themselves after
 * {@link AUTO_DISMISS_MS}, errors and warnings stay until the user dismisses them.
 */
export class NoticeStore {
  private notices: readonly Notice[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly timers = new Map<string, unknown>();

  constructor(private readonly timerFunctions: NoticeTimers = WINDOW_TIMERS) {}

  /** Adds or replaces (same id) a notice, drops the oldest beyond the limit; notifies subscribers. */
  push(notice: Notice): void {
    const next = [notice, ...this.notices.filter((existing) => existing.id !== notice.id)];
    this.notices = next.slice(0, MAX_NOTICES);
    for (const dropped of next.slice(MAX_NOTICES)) this.clearTimer(dropped.id);
    this.clearTimer(notice.id);
    if (isAutoDismissed(notice)) {
      this.timers.set(
        notice.id,
        this.timerFunctions.setTimeout(() => this.dismiss(notice.id), AUTO_DISMISS_MS),
      );
    }
    this.notify();
  }

  /** Removes a notice by id. */
  dismiss(id: string): void {
    this.clearTimer(id);
    const next = this.notices.filter((existing) => existing.id !== id);
    if (next.length === this.notices.length) return;
    this.notices = next;
    this.notify();
  }

  /** Current notices. */
  readonly getSnapshot = (): readonly Notice[] => this.notices;

  /** Subscribes; returns the unsubscribe function. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private clearTimer(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.timerFunctions.clearTimeout(handle);
    this.timers.delete(id);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** What a succeeded job means for the POC, and what to do next. */
const SUCCESS_TEXT: Readonly<Record<Job['kind'], string>> = {
  'datasets.import': 'The datasets are imported. Next: train the solutions (step 3).',
  'solutions.train': 'The solution versions are trained and their metrics are ready (step 3).',
  'solutions.evaluate':
    "The studio's evaluation is done: the dashboard shows the 95% intervals (and the mean ± spread over k splits when asked).",
  'campaigns.deploy': 'The campaign is ACTIVE. Next: explore recommendations (step 5).',
  'campaigns.update': 'The campaign update is ACTIVE: the campaign serves its new settings.',
  'batch.run':
    'The batch inference job is ACTIVE: its output is shown under Explore (step 5), Batch tab.',
  'inventory.teardown': 'Every resource of the POC is deleted.',
  'inventory.refresh':
    "The inventory is refreshed: every workspace's resources, counts and running cost are current.",
  'setup.apply': 'The bucket, its policy and the IAM role for Personalize are in place.',
  'workspaces.delete': 'The workspace and every resource it created are deleted.',
  'data.export': 'The importable files and their schemas are written (step Data).',
};

/**
 * The flash message for a job that just ended. `jobs` are the jobs known when it ended: a
 * training that ends while the studio's evaluation of its workspace runs says it is still
 * evaluating (the Solutions step stays Running until the evaluation ends).
 */
export function noticeForJob(job: Job, jobs: readonly Job[] = []): Notice {
  const title = jobTitle(job.kind);
  switch (job.state) {
    case 'succeeded':
      if (job.kind === 'solutions.train' && isAlreadyTrainedStep(job.step))
        return { id: job.id, type: 'info', header: 'Nothing to train', content: job.step };
      if (job.kind === 'datasets.import' && isNothingToImportStep(job.step))
        return { id: job.id, type: 'info', header: 'Nothing to import', content: `${job.step}.` };
      if (
        job.kind === 'solutions.train' &&
        jobs.some(
          (other) =>
            other.kind === 'solutions.evaluate' &&
            other.workspaceId === job.workspaceId &&
            !isTerminalJobState(other.state),
        )
      )
        return {
          id: job.id,
          type: 'success',
          header: 'Training finished; evaluating…',
          content:
            "The solution versions are trained; the studio's evaluation (95% intervals, test users) still runs, and the Solutions step shows Running until it ends (step 3).",
        };
      return {
        id: job.id,
        type: 'success',
        header: `${title} finished`,
        content: SUCCESS_TEXT[job.kind],
      };
    case 'cancelled':
      return { id: job.id, type: 'warning', header: `${title} cancelled`, content: job.step };
    default:
      return {
        id: job.id,
        type: 'error',
        header: `${title} failed`,
        content: job.error === undefined ? `Stopped at: ${job.step}` : job.error.message,
      };
  }
}

/** Subscribes a component to a {@link NoticeStore}. */
export function useNotices(store: NoticeStore): readonly Notice[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
