import { randomUUID } from 'node:crypto';
import { AppError, isAppError, serializeError } from '../../../shared/errors.js';
import { isTerminalJobState, type Job, type JobKind } from '../../../shared/jobs.js';
import type { JobStore } from './job-store.js';

/** The fields a running job may change about itself. */
export type JobPatch = Partial<
  Pick<
    Job,
    'step' | 'progress' | 'remoteId' | 'remoteStatus' | 'attempt' | 'nextPollAtMs' | 'pausedReason'
  >
>;

/** What a {@link JobRunner} gets: the live snapshot, a cancel signal and a way to report. */
export interface JobContext {
  /** The current record (a fresh snapshot on every read). */
  readonly job: Job;
  /** Aborts on `cancel` and on `dispose`; runners check it after every await. */
  readonly signal: AbortSignal;
  /** Persists the patch, then emits `jobs.didChange`. */
  update(patch: JobPatch): Promise<void>;
}

/**
 * Runs one kind of job. Must be idempotent: after a restart the registry runs it again from
 * the start, and it must skip what already exists (resources recorded in the workspace's cache).
 */
export type JobRunner = (context: JobContext) => Promise<void>;

/** Options of {@link JobRegistry}. */
export interface JobRegistryOptions {
  readonly store: JobStore;
  readonly runners: Partial<Record<JobKind, JobRunner>>;
  /** Clock in epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** Minimum gap between two non-terminal pushes of the same job, in ms (default 250: ~4/s). */
  readonly pushIntervalMs?: number;
  /** One line per state change; never given params that hold secrets. */
  readonly log?: (message: string, fields: Readonly<Record<string, string>>) => void;
}

/** Listener of job changes; gets the full snapshot. */
export type JobListener = (job: Job) => void;

interface RunningJob {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * The registry of studio jobs (STYLE.md §2, Long-running jobs).
 *
 * Every state change is saved to the injected {@link JobStore} before listeners hear of it.
 * `resumeUnfinished()` re-runs the jobs a previous process left queued or running. Pushes of
 * progress are throttled per job to `pushIntervalMs`; state changes are pushed at once.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, RunningJob>();
  private readonly listeners = new Set<JobListener>();
  private readonly lastPushAtMs = new Map<string, number>();
  private readonly pendingPush = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private isDisposed = false;

  constructor(private readonly options: JobRegistryOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the stored jobs (call once before anything else). */
  async load(): Promise<void> {
    for (const job of await this.options.store.loadAll()) this.jobs.set(job.id, job);
  }

  /** Starts again every job that is `queued` or `running` in the store; returns their ids. */
  resumeUnfinished(): string[] {
    const unfinished = [...this.jobs.values()].filter(
      (job) => !isTerminalJobState(job.state) && !this.running.has(job.id),
    );
    for (const job of unfinished) this.launch(job.id);
    return unfinished.map((job) => job.id);
  }

  /** Subscribes to job changes; returns the unsubscribe function. */
  onDidChange(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Jobs, newest first; only those of `workspaceId` when given. */
  list(workspaceId?: string): Job[] {
    return [...this.jobs.values()]
      .filter((job) => workspaceId === undefined || job.workspaceId === workspaceId)
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .map((job) => structuredClone(job));
  }

  /**
   * The job with this id.
   * @throws AppError `job.notFound`
   */
  get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (job === undefined)
      throw new AppError('job.notFound', `No job with id ${jobId}.`, { details: { jobId } });
    return structuredClone(job);
  }

  /**
   * Creates a job, persists it as `queued`, emits, and runs it in the background.
   *
   * When an unfinished job of the same kind and workspace exists, returns that one instead
   * (starting twice is idempotent).
   * @throws AppError `internal` when no runner is registered for `kind`.
   */
  async start(
    kind: JobKind,
    workspaceId: string,
    params: Record<string, unknown> = {},
  ): Promise<Job> {
    if (this.isDisposed) throw new AppError('internal', 'The job registry is disposed.');
    const existing = [...this.jobs.values()].find(
      (job) =>
        job.kind === kind && job.workspaceId === workspaceId && !isTerminalJobState(job.state),
    );
    if (existing !== undefined) return structuredClone(existing);
    if (this.options.runners[kind] === undefined)
      throw new AppError('internal', `No runner for job kind ${kind}.`);
    const nowMs = this.now();
    const job: Job = {
      id: randomUUID(),
      kind,
      workspaceId,
      params,
      state: 'queued',
      step: 'Queued',
      progress: { done: 0, total: 0, unit: 'steps' },
      attempt: 0,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    await this.commit(job, true);
    this.launch(job.id);
    return structuredClone(job);
  }

  /**
   * Cancels a job: aborts its runner, then records `cancelled`. A finished job is left as is.
   * @throws AppError `job.notFound`
   */
  async cancel(jobId: string): Promise<Job> {
    const job = this.get(jobId);
    if (isTerminalJobState(job.state)) return job;
    const running = this.running.get(jobId);
    if (running !== undefined) {
      running.controller.abort();
      await running.done;
    } else {
      await this.commit(
        { ...job, state: 'cancelled', step: 'Cancelled', updatedAtMs: this.now() },
        true,
      );
    }
    return this.get(jobId);
  }

  /** Resolves with the job once it reaches a terminal state (or the registry is disposed). */
  async whenSettled(jobId: string): Promise<Job> {
    await this.running.get(jobId)?.done;
    return this.get(jobId);
  }

  /**
   * Stops every runner without changing its stored state (so the next process resumes it),
   * clears the push timers and waits for the runners to return.
   */
  async dispose(): Promise<void> {
    this.isDisposed = true;
    for (const timer of this.pendingPush.values()) clearTimeout(timer);
    this.pendingPush.clear();
    const running = [...this.running.values()];
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((entry) => entry.done));
  }

  private launch(jobId: string): void {
    const controller = new AbortController();
    const done = this.run(jobId, controller.signal).finally(() => this.running.delete(jobId));
    this.running.set(jobId, { controller, done });
  }

  private async run(jobId: string, signal: AbortSignal): Promise<void> {
    const initial = this.jobs.get(jobId);
    if (initial === undefined) return;
    const runner = this.options.runners[initial.kind];
    try {
      if (runner === undefined)
        throw new AppError('internal', `No runner for job kind ${initial.kind}.`);
      await this.commit(
        { ...this.current(jobId), state: 'running', error: undefined, updatedAtMs: this.now() },
        true,
      );
      const registryJob = (): Job => this.current(jobId);
      const context: JobContext = {
        get job() {
          return structuredClone(registryJob());
        },
        signal,
        update: async (patch) => {
          if (this.isDisposed) return;
          await this.commit({ ...this.current(jobId), ...patch, updatedAtMs: this.now() }, false);
        },
      };
      await runner(context);
      if (this.isDisposed) return;
      const last = this.current(jobId);
      await this.commit(
        {
          ...last,
          state: 'succeeded',
          step: 'Done',
          progress: { ...last.progress, done: last.progress.total },
          nextPollAtMs: undefined,
          pausedReason: undefined,
          updatedAtMs: this.now(),
        },
        true,
      );
    } catch (error) {
      // After dispose the job stays `running` on disk so the next process resumes it.
      if (this.isDisposed) return;
      const isCancelled = signal.aborted || (isAppError(error) && error.code === 'job.cancelled');
      const serialized = serializeError(error);
      await this.commit(
        isCancelled
          ? {
              ...this.current(jobId),
              state: 'cancelled',
              step: 'Cancelled',
              nextPollAtMs: undefined,
              updatedAtMs: this.now(),
            }
          : {
              ...this.current(jobId),
              state: 'failed',
              nextPollAtMs: undefined,
              error: { code: serialized.code, message: serialized.message },
              updatedAtMs: this.now(),
            },
        true,
      );
    }
  }

  private current(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new AppError('job.notFound', `No job with id ${jobId}.`);
    return job;
  }

  /** Persists, then emits (immediately for state changes, throttled for progress). */
  private async commit(job: Job, isStateChange: boolean): Promise<void> {
    const previous = this.jobs.get(job.id);
    this.jobs.set(job.id, job);
    await this.options.store.save(job);
    if (isStateChange && previous?.state !== job.state) {
      this.options.log?.(`job ${job.state}`, { jobId: job.id, kind: job.kind, step: job.step });
    }
    this.push(job.id, isStateChange);
  }

  private push(jobId: string, isImmediate: boolean): void {
    const interval = this.options.pushIntervalMs ?? 250;
    const sinceMs = this.now() - (this.lastPushAtMs.get(jobId) ?? -Infinity);
    if (isImmediate || sinceMs >= interval) {
      const timer = this.pendingPush.get(jobId);
      if (timer !== undefined) clearTimeout(timer);
      this.pendingPush.delete(jobId);
      this.emit(jobId);
      return;
    }
    if (this.pendingPush.has(jobId)) return;
    this.pendingPush.set(
      jobId,
      setTimeout(() => {
        this.pendingPush.delete(jobId);
        this.emit(jobId);
      }, interval - sinceMs),
    );
  }

  private emit(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) return;
    this.lastPushAtMs.set(jobId, this.now());
    for (const listener of this.listeners) listener(structuredClone(job));
  }
}
