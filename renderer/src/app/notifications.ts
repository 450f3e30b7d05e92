import { useSyncExternalStore } from 'react';
import type { Job } from '../../../shared/jobs.js';
import { jobTitle } from './steps.js';

/** One flash message. */
export interface Notice {
  readonly id: string;
  readonly type: 'success' | 'error' | 'warning' | 'info';
  readonly header: string;
  readonly content: string;
}

type Listener = () => void;

/** A tiny store of flash messages (newest first), read with {@link useNotices}. */
export class NoticeStore {
  private notices: readonly Notice[] = [];
  private readonly listeners = new Set<Listener>();

  /** Adds or replaces (same id) a notice; notifies subscribers. */
  push(notice: Notice): void {
    this.notices = [notice, ...this.notices.filter((existing) => existing.id !== notice.id)].slice(0, 3);
    for (const listener of this.listeners) listener();
  }

  /** Removes a notice by id. */
  dismiss(id: string): void {
    this.notices = this.notices.filter((existing) => existing.id !== id);
    for (const listener of this.listeners) listener();
  }

  /** Current notices. */
  readonly getSnapshot = (): readonly Notice[] => this.notices;

  /** Subscribes; returns the unsubscribe function. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** What a succeeded job means for the POC, and what to do next. */
const SUCCESS_TEXT: Readonly<Record<Job['kind'], string>> = {
  'poc.import': 'The datasets are imported. Next: train the solutions (step 3).',
  'poc.train': 'The solution versions are trained and their metrics are ready (step 3).',
  'poc.deploy': 'The campaign is ACTIVE. Next: explore recommendations (step 5).',
  'poc.cleanup': 'Every resource of the POC is deleted.',
};

/** The flash message for a job that just ended. */
export function noticeForJob(job: Job): Notice {
  const title = jobTitle(job.kind);
  switch (job.state) {
    case 'succeeded':
      return { id: job.id, type: 'success', header: `${title} finished`, content: SUCCESS_TEXT[job.kind] };
    case 'cancelled':
      return { id: job.id, type: 'warning', header: `${title} cancelled`, content: job.step };
    default:
      return {
        id: job.id,
        type: 'error',
        header: `${title} failed`,
        content: job.error === undefined ? `Stopped at: ${job.step}` : `${job.error.message} (${job.error.code})`,
      };
  }
}

/** Subscribes a component to a {@link NoticeStore}. */
export function useNotices(store: NoticeStore): readonly Notice[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
