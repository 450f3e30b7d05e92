import { randomUUID } from 'node:crypto';
import { AppError, isAppError, serializeError } from '../../../shared/errors.js';
import {
  isTerminalJobState,
  withClosedRun,
  type Job,
  type JobEvent,
  type JobKind,
} from '../../../shared/jobs.js';
import { QuotaSlots, type JobQuota } from './job-quotas.js';
import type { JobStore } from './job-store.js';
import {
  transientKind,
  withEvent,
  withNextPoll,
  withSighting,
  type ResourceSighting,
  type TransientKind,
} from './job-timeline.js';
import { Poller, sleep } from './poller.js';

/**
 * The fields a running job may change about itself. `progress` is in the job's own unit
 * (see `JobProgressSchema` in shared/jobs.ts: rows, resources, phase…); `pausedReason` set
 * means "waiting without failing" (cleared with `undefined`).
 */
export type JobPatch = Partial<
  Pick<Job, 'step' | 'progress' | 'remoteStatus' | 'nextPollAtMs' | 'pausedReason'>
>;

/** What a {@link JobRunner} gets: the live snapshot, a cancel signal and a way to report. */
export interface JobContext {
  /** The current record (a fresh snapshot on every read). */
  readonly job: Job;
  /** Aborts on `cancel` and on `dispose`; runners check it after every await. */
  readonly signal: AbortSignal;
  /** Persists the patch, then emits `jobs.didChange`. */
  update(patch: JobPatch): Promise<void>;
  /**
   * Records what a Create / Describe response said about a remote resource in the job's
   * timeline (a new status is a transition, with the time it was first seen); persists, emits.
   * `workspaceJob` calls it for every `ServiceContext.resources.record`, so domain services
   * need not.
   */
  observe(sighting: ResourceSighting): Promise<void>;
  /**
   * Says the job will describe `arn` (or the resource it saw last) again in `delayMs`:
   * sets `nextPollAtMs` on the job and on that resource; persists, emits (throttled).
   */
  willPoll(delayMs: number, arn?: string): Promise<void>;
  /**
   * True in a run that a start asked for while the job ran (see {@link StartWhileRunning}): the
   * runner runs again with the job's params, and may do only what such a start needs.
   */
  readonly isRerun: boolean;
}

/**
 * Runs one kind of job. Must be idempotent: after a restart the registry runs it again from
 * the start, and it must skip what already exists (resources recorded in the workspace's cache).
 * A string it resolves with is the succeeded job's last step (what it did, e.g. that nothing
 * needed doing); otherwise the step is "Done".
 */
export type JobRunner = (context: JobContext) => Promise<unknown>;

/**
 * What a start of a job kind does while a job of that kind and workspace is unfinished. Both
 * return that job (starting twice is idempotent). With `rerunOnce`, a start that arrives while
 * the runner is under way also asks for one more run of the runner once it returns, in the same
 * job, for work that arrived after the runner looked (a version trained while the evaluation
 * ran): several such starts give one rerun, and none follows a failure, a cancel or a dispose.
 * A start before a call of the runner begins (the job queued, waiting for a free slot or to
 * retry) asks for nothing more: that call sees what the start was for.
 */
export type StartWhileRunning = 'join' | 'rerunOnce';

/** A job kind as a domain registers it: its runner, and what a start does while it runs. */
export interface JobKindRegistration {
  readonly run: JobRunner;
  /** Default `join`. */
  readonly startWhileRunning?: StartWhileRunning;
}

/** A runner alone (a start while it runs joins the job), or a {@link JobKindRegistration}. */
export type JobRegistration = JobRunner | JobKindRegistration;

/** The registration of a kind with its defaults, or undefined when the kind has none. */
function registrationOf(
  registration: JobRegistration | undefined,
): Required<JobKindRegistration> | undefined {
  if (registration === undefined) return undefined;
  return typeof registration === 'function'
    ? { run: registration, startWhileRunning: 'join' }
    : { startWhileRunning: 'join', ...registration };
}

/** Options of {@link JobRegistry}. */
export interface JobRegistryOptions {
  readonly store: JobStore;
  readonly runners: Partial<Record<JobKind, JobRegistration>>;
  /** Clock in epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** Minimum gap between two non-terminal pushes of the same job, in ms (default 250: ~4/s). */
  readonly pushIntervalMs?: number;
  /** One line per state change; never given params that hold secrets. */
  readonly log?: (message: string, fields: Readonly<Record<string, string>>) => void;
  /**
   * The service quota a job counts against (see `serviceQuotaOf` in job-quotas.ts): the job
   * stays `queued` ("Waiting for a free slot") until its weight fits in the pool. Default: none.
   */
  readonly quotaOf?: (job: Job) => JobQuota | undefined;
  /** Backoff of whole-job retries after transient errors (see {@link JobRetryOptions}). */
  readonly retry?: Partial<JobRetryOptions>;
  /** Source of randomness in [0, 1) for the retry jitter; injectable for tests. */
  readonly random?: () => number;
  /**
   * Longest gap, in ms, between two saves of a job that only polls (same status, next poll
   * time); state changes, status transitions and progress are saved at once. Default 5 min.
   * Elapsed time does not depend on it (run segments and the heartbeat keep it).
   */
  readonly checkpointIntervalMs?: number;
  /**
   * Gap, in ms, between two heartbeats of this process while jobs run (`JobStore.heartbeat`):
   * the most elapsed time a kill -9 can lose. Default 3 s.
   */
  readonly heartbeatIntervalMs?: number;
}

/** Default of {@link JobRegistryOptions.heartbeatIntervalMs}. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;

/** Default of {@link JobRegistryOptions.checkpointIntervalMs}. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 300_000;

/**
 * How the registry retries a job whose runner failed with a transient error (throttling, 5xx,
 * offline; see `transientKind`). Runners are idempotent, so the retry runs them again from the
 * start. Durations in ms.
 */
export interface JobRetryOptions {
  /** First delay (attempt 1), doubled per attempt, 20% jitter, ×2 after throttling. */
  readonly baseMs: number;
  /** Upper bound of one delay. */
  readonly maxMs: number;
  /** Most runs of a job whose runner keeps throttling or failing with 5xx; then it fails. */
  readonly maxAttempts: number;
  /** Upper bound of one delay while the service cannot be reached (retried without limit). */
  readonly offlineMaxMs: number;
}

/** Default retries: 2 s doubling to 60 s, 8 runs; while offline, a probe at least every 30 s. */
export const DEFAULT_JOB_RETRY: JobRetryOptions = {
  baseMs: 2_000,
  maxMs: 60_000,
  maxAttempts: 8,
  offlineMaxMs: 30_000,
};

/** Listener of job changes; gets the full snapshot. */
export type JobListener = (job: Job) => void;

interface RunningJob {
  readonly controller: AbortController;
  readonly done: Promise<void>;
  /** ARN of the resource the runner saw last (the one a following wait is for). */
  lastArn?: string | undefined;
  /**
   * A start asked for a rerun (`rerunOnce` kinds) since the runner's current call began; cleared
   * when a call begins, since that call sees what the start was for.
   */
  isRerunAsked: boolean;
}

const TRANSIENT_TEXT: Readonly<Record<TransientKind, string>> = {
  throttled: 'The service is throttling requests',
  serverError: 'The service had an internal error',
  offline: 'Offline: the service cannot be reached',
};

/** "3 min", "45 s", "2 h 5 min": a duration for the timeline's sentences. */
function formatGap(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The registry of studio jobs (STYLE.md §2, Long-running jobs; SECURITY.md §6).
 *
 * Every change is saved to the injected {@link JobStore} before anyone sees it: runners build
 * on a working record that changes at once (so concurrent changes of a job never overwrite each
 * other), while `list()`, `get()` and the listeners read the published record, which takes a
 * change only once its save resolved (see `commit`).
 * `resumeUnfinished()` re-runs the jobs a previous process left queued or running (also after a
 * kill -9: the record says `running`), noting in the job's events how long the app was down;
 * that time is not counted in `elapsedMs`. A job with a quota (`quotaOf`) waits `queued` for a
 * free slot of its (account, region) pool. A runner failing with a transient error (throttling,
 * 5xx, offline) runs again after a backoff with jitter — longer after throttling, without limit
 * while offline (the job shows `pausedReason` meanwhile) — each run a new `attempt`. Pushes of
 * progress are throttled per job to `pushIntervalMs`; state changes are pushed at once.
 */
export class JobRegistry {
  /** Working records: every change at once; what runners and commits build on. */
  private readonly jobs = new Map<string, Job>();
  /** What `list`, `get` and the listeners see: only records whose save resolved. */
  private readonly published = new Map<string, Job>();
  /** Per job, the sequence number of the published record (newer ones replace it). */
  private readonly publishedSeq = new Map<string, number>();
  /** Per job, the saves under way. */
  private readonly pendingSaves = new Map<string, number>();
  /** Per job, the sequence number of the working record. */
  private readonly workingSeq = new Map<string, number>();
  private seq = 0;
  private readonly running = new Map<string, RunningJob>();
  /** Jobs whose `start` is saving the queued record: resolved once the job is launched. */
  private readonly starting = new Map<string, Promise<void>>();
  private readonly listeners = new Set<JobListener>();
  private readonly lastPushAtMs = new Map<string, number>();
  private readonly lastSavedAtMs = new Map<string, number>();
  private readonly pendingPush = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private readonly slots = new QuotaSlots();
  private readonly retry: JobRetryOptions;
  private readonly backoff: Poller;
  private readonly wakers = new Set<() => void>();
  private isDisposed = false;
  /** When this process's registry started: identifies its heartbeats. */
  private readonly startedAtMs: number;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: JobRegistryOptions) {
    this.now = options.now ?? Date.now;
    this.startedAtMs = this.now();
    this.retry = { ...DEFAULT_JOB_RETRY, ...options.retry };
    this.backoff = new Poller({
      baseMs: this.retry.baseMs,
      maxMs: this.retry.maxMs,
      minMs: Math.min(this.retry.baseMs, 1_000),
      jitterRatio: 0.2,
      throttleMultiplier: 2,
      ...(options.random === undefined ? {} : { random: options.random }),
    });
  }

  /**
   * Loads the stored jobs (call once before anything else). An unfinished job's open run
   * segment (a previous process was killed while running it) is closed at that process's last
   * sign of life: its heartbeat when the heartbeat is of the process that opened the segment,
   * else the record's `updatedAtMs`. The time after it is time the app was down, never counted.
   */
  async load(): Promise<void> {
    const beat = await this.options.store.lastHeartbeat();
    const nowMs = this.now();
    for (const job of await this.options.store.loadAll()) {
      const since = job.activeSinceMs;
      if (isTerminalJobState(job.state) || since === undefined) {
        this.setLoaded(job);
        continue;
      }
      const isSameProcess = beat !== undefined && beat.startedAtMs <= since && beat.atMs >= since;
      const aliveAtMs = Math.min(
        nowMs,
        Math.max(job.updatedAtMs, isSameProcess ? beat.atMs : -Infinity),
      );
      this.setLoaded({ ...withClosedRun(job, aliveAtMs), updatedAtMs: aliveAtMs });
    }
  }

  /** A record read from the store is both the working and the published one. */
  private setLoaded(job: Job): void {
    const seq = ++this.seq;
    this.jobs.set(job.id, job);
    this.workingSeq.set(job.id, seq);
    this.published.set(job.id, job);
    this.publishedSeq.set(job.id, seq);
  }

  /** Ends the waits of jobs retrying after a transient error, so they retry now (e.g. back online). */
  retryNow(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Starts again every job that is `queued` or `running` in the store; returns their ids. */
  resumeUnfinished(): string[] {
    const unfinished = [...this.jobs.values()].filter(
      (job) => !isTerminalJobState(job.state) && !this.running.has(job.id),
    );
    for (const job of unfinished) this.launch(job.id, true);
    return unfinished.map((job) => job.id);
  }

  /** Subscribes to job changes; returns the unsubscribe function. */
  onDidChange(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Jobs as saved in the store, newest first; only those of `workspaceId` when given. */
  list(workspaceId?: string): Job[] {
    return [...this.published.values()]
      .filter((job) => workspaceId === undefined || job.workspaceId === workspaceId)
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .map((job) => structuredClone(job));
  }

  /**
   * The job with this id, as saved in the store (a change whose save is under way is not shown).
   * @throws AppError `job.notFound`
   */
  get(jobId: string): Job {
    const job = this.published.get(jobId);
    if (job === undefined)
      throw new AppError('job.notFound', `No job with id ${jobId}.`, { details: { jobId } });
    return structuredClone(job);
  }

  /**
   * Creates a job, persists it as `queued`, emits, and runs it in the background.
   *
   * When an unfinished job of the same kind and workspace exists, returns that one instead
   * (starting twice is idempotent); of a `rerunOnce` kind whose runner is under way, it also
   * asks for one more run (see {@link StartWhileRunning}).
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
    if (existing !== undefined) {
      // A start of the same job still saving its queued record (a double click): wait for it, so
      // the caller gets a published, launched job that get() and whenSettled() know.
      await this.starting.get(existing.id);
      const entry = this.running.get(existing.id);
      if (
        entry !== undefined &&
        registrationOf(this.options.runners[kind])?.startWhileRunning === 'rerunOnce'
      )
        entry.isRerunAsked = true;
      return structuredClone(this.published.get(existing.id) ?? existing);
    }
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
      elapsedMs: 0,
      activeSinceMs: nowMs,
      runs: [],
      events: [{ atMs: nowMs, kind: 'state', text: 'Queued' }],
    };
    let launched: () => void = () => undefined;
    this.starting.set(job.id, new Promise<void>((resolve) => (launched = resolve)));
    try {
      await this.commit(job, true);
      this.launch(job.id, false);
    } finally {
      this.starting.delete(job.id);
      launched();
    }
    return structuredClone(job);
  }

  /**
   * Cancels a job: aborts its runner, then records `cancelled`. A finished job is left as is.
   * @throws AppError `job.notFound`
   */
  async cancel(jobId: string): Promise<Job> {
    this.get(jobId);
    const job = this.current(jobId);
    if (isTerminalJobState(job.state)) return this.get(jobId);
    const running = this.running.get(jobId);
    if (running !== undefined) {
      running.controller.abort();
      await running.done;
    } else {
      await this.commit(
        {
          ...job,
          state: 'cancelled',
          step: 'Cancelled',
          nextPollAtMs: undefined,
          updatedAtMs: this.now(),
          events: withEvent(job.events, { atMs: this.now(), kind: 'state', text: 'Cancelled' }),
        },
        true,
      );
    }
    return this.get(jobId);
  }

  /** Resolves with the job once it reaches a terminal state (or the registry is disposed). */
  async whenSettled(jobId: string): Promise<Job> {
    await this.starting.get(jobId);
    await this.running.get(jobId)?.done;
    return this.get(jobId);
  }

  /**
   * Stops every runner without changing its state (so the next process resumes it), clears
   * the push timers, waits for the runners to return, then saves each unfinished job's
   * elapsed time (the time the app is closed is not counted).
   */
  async dispose(): Promise<void> {
    this.isDisposed = true;
    this.stopHeartbeat();
    for (const timer of this.pendingPush.values()) clearTimeout(timer);
    this.pendingPush.clear();
    const running = [...this.running.entries()];
    for (const [, entry] of running) entry.controller.abort();
    await Promise.all(running.map(([, entry]) => entry.done));
    for (const [jobId] of running) {
      const job = this.jobs.get(jobId);
      if (job === undefined || isTerminalJobState(job.state)) continue;
      const nowMs = this.now();
      await this.persist({ ...withClosedRun(job, nowMs), updatedAtMs: nowMs }, true);
    }
  }

  /** Writes a heartbeat now and every `heartbeatIntervalMs` while jobs run (unref'd timer). */
  private startHeartbeat(): void {
    if (this.heartbeatTimer !== undefined || this.isDisposed) return;
    const beat = (): void => {
      if (this.running.size === 0) {
        this.stopHeartbeat();
        return;
      }
      this.options.store
        .heartbeat({ startedAtMs: this.startedAtMs, atMs: this.now() })
        .catch(() => undefined);
    };
    this.heartbeatTimer = setInterval(
      beat,
      this.options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    );
    this.heartbeatTimer.unref?.();
    this.options.store
      .heartbeat({ startedAtMs: this.startedAtMs, atMs: this.now() })
      .catch(() => undefined);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private launch(jobId: string, isResume: boolean): void {
    this.startHeartbeat();
    const controller = new AbortController();
    const entry: RunningJob = {
      controller,
      done: Promise.resolve(),
      isRerunAsked: false,
    };
    const done = this.run(jobId, entry, controller.signal, isResume).finally(() =>
      this.running.delete(jobId),
    );
    this.running.set(jobId, Object.assign(entry, { done }));
  }

  /** Waits for a free slot of the job's quota pool; the job shows why it waits meanwhile. */
  private async takeSlot(jobId: string, signal: AbortSignal): Promise<() => void> {
    const quota = this.options.quotaOf?.(this.current(jobId));
    if (quota === undefined) return () => undefined;
    if (!this.slots.isFree(quota)) {
      const text = `Waiting for a free slot: ${this.slots.used(quota.pool)} of ${quota.limit} ${quota.label} of this account and region are taken (a service quota of Amazon Personalize)`;
      const job = this.current(jobId);
      await this.commit(
        {
          ...job,
          state: 'queued',
          step: 'Waiting for a free slot',
          pausedReason: text,
          updatedAtMs: this.now(),
          events: withEvent(job.events, { atMs: this.now(), kind: 'slot', text }),
        },
        true,
      );
    }
    return this.slots.acquire(quota, signal);
  }

  private async run(
    jobId: string,
    entry: RunningJob,
    signal: AbortSignal,
    isResume: boolean,
  ): Promise<void> {
    const initial = this.jobs.get(jobId);
    if (initial === undefined) return;
    const runner = registrationOf(this.options.runners[initial.kind])?.run;
    let release: () => void = () => undefined;
    try {
      if (runner === undefined)
        throw new AppError('internal', `No runner for job kind ${initial.kind}.`);
      // A resumed job opens a new run segment here and says how long the app was down (since
      // the previous process's last sign of life, see `load`).
      const startedAtMs = this.now();
      const resumedEvent: JobEvent | undefined = isResume
        ? {
            atMs: startedAtMs,
            kind: 'resumed',
            text: `Resumed after the app was down for ${formatGap(startedAtMs - initial.updatedAtMs)}`,
          }
        : undefined;
      this.jobs.set(jobId, {
        ...initial,
        activeSinceMs: initial.activeSinceMs ?? startedAtMs,
        ...(resumedEvent === undefined ? {} : { events: withEvent(initial.events, resumedEvent) }),
      });
      release = await this.takeSlot(jobId, signal);
      const registryJob = (): Job => this.current(jobId);
      let isRerun = false;
      const context: JobContext = {
        get job() {
          return structuredClone(registryJob());
        },
        get isRerun() {
          return isRerun;
        },
        signal,
        update: async (patch) => {
          if (this.isDisposed) return;
          await this.commit({ ...this.current(jobId), ...patch, updatedAtMs: this.now() }, false);
        },
        observe: async (sighting) => {
          if (this.isDisposed) return;
          entry.lastArn = sighting.arn;
          const job = this.current(jobId);
          const resources = withSighting(job.resources, sighting, this.now());
          const isTransition =
            resources.find((resource) => resource.arn === sighting.arn)?.transitions.length !==
            job.resources?.find((resource) => resource.arn === sighting.arn)?.transitions.length;
          await this.commit(
            {
              ...job,
              resources,
              ...(sighting.status === undefined ? {} : { remoteStatus: sighting.status }),
              updatedAtMs: this.now(),
            },
            isTransition,
            isTransition ? 'now' : 'checkpoint',
          );
        },
        willPoll: async (delayMs, arn) => {
          if (this.isDisposed) return;
          const job = this.current(jobId);
          const nextPollAtMs = this.now() + delayMs;
          await this.commit(
            {
              ...job,
              nextPollAtMs,
              resources: withNextPoll(job.resources, arn ?? entry.lastArn, nextPollAtMs),
              updatedAtMs: this.now(),
            },
            false,
            'checkpoint',
          );
        },
      };
      let summary: string | undefined;
      // The retry limit counts the job's attempts (resumes included); a rerun starts its own count.
      let firstAttempt = 1;
      for (;;) {
        const job = this.current(jobId);
        const attempt = job.attempt + 1;
        await this.commit(
          {
            ...job,
            state: 'running',
            attempt,
            error: undefined,
            pausedReason: undefined,
            nextPollAtMs: undefined,
            updatedAtMs: this.now(),
            events:
              job.state === 'running'
                ? job.events
                : withEvent(job.events, {
                    atMs: this.now(),
                    kind: 'state',
                    text: attempt === 1 ? 'Started' : `Running (attempt ${attempt})`,
                  }),
          },
          true,
        );
        // This call sees what any start before it asked for: only later starts ask for a rerun.
        entry.isRerunAsked = false;
        let outcome: unknown;
        try {
          outcome = await runner(context);
        } catch (error) {
          const kind = transientKind(error);
          if (this.isDisposed || signal.aborted || kind === undefined) throw error;
          if (kind !== 'offline' && attempt - firstAttempt + 1 >= this.retry.maxAttempts)
            throw error;
          await this.waitToRetry(jobId, kind, error, signal);
          continue;
        }
        summary = typeof outcome === 'string' ? outcome : undefined;
        // A cancel and a dispose abort the signal: neither is followed by a rerun.
        if (!entry.isRerunAsked || signal.aborted) break;
        isRerun = true;
        firstAttempt = attempt + 1;
        const ran = this.current(jobId);
        await this.commit(
          {
            ...ran,
            step: 'Running again',
            updatedAtMs: this.now(),
            events: withEvent(ran.events, {
              atMs: this.now(),
              kind: 'state',
              text: 'Running again: started again while it ran',
            }),
          },
          true,
        );
      }
      if (this.isDisposed) return;
      const last = this.current(jobId);
      await this.commit(
        {
          ...last,
          state: 'succeeded',
          step: summary ?? 'Done',
          progress: { ...last.progress, done: last.progress.total },
          nextPollAtMs: undefined,
          pausedReason: undefined,
          resources: withNextPoll(last.resources, undefined, undefined),
          updatedAtMs: this.now(),
          events: withEvent(last.events, { atMs: this.now(), kind: 'state', text: 'Succeeded' }),
        },
        true,
      );
    } catch (error) {
      // After dispose the job stays `running` on disk so the next process resumes it.
      if (this.isDisposed) return;
      const isCancelled = signal.aborted || (isAppError(error) && error.code === 'job.cancelled');
      const serialized = serializeError(error);
      const last = this.current(jobId);
      await this.commit(
        isCancelled
          ? {
              ...last,
              state: 'cancelled',
              step: 'Cancelled',
              nextPollAtMs: undefined,
              pausedReason: undefined,
              resources: withNextPoll(last.resources, undefined, undefined),
              updatedAtMs: this.now(),
              events: withEvent(last.events, {
                atMs: this.now(),
                kind: 'state',
                text: 'Cancelled',
              }),
            }
          : {
              ...last,
              state: 'failed',
              nextPollAtMs: undefined,
              pausedReason: undefined,
              resources: withNextPoll(last.resources, undefined, undefined),
              error: { code: serialized.code, message: serialized.message, attempt: last.attempt },
              updatedAtMs: this.now(),
              events: withEvent(last.events, {
                atMs: this.now(),
                kind: 'state',
                text: `Failed: ${serialized.message}`,
              }),
            },
        true,
      );
    } finally {
      release();
    }
  }

  /** Records why the job waits, then sleeps the backoff (ended early by {@link retryNow}). */
  private async waitToRetry(
    jobId: string,
    kind: TransientKind,
    error: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    const job = this.current(jobId);
    const raw = this.backoff.delayMs(Math.max(0, job.attempt - 1), kind === 'throttled');
    const delayMs = kind === 'offline' ? Math.min(raw, this.retry.offlineMaxMs) : raw;
    const message = serializeError(error).message;
    const reason = `${TRANSIENT_TEXT[kind]} (${message}). Retrying in ${formatGap(delayMs)} (attempt ${job.attempt + 1}).`;
    await this.commit(
      {
        ...job,
        step: kind === 'offline' ? 'Offline: waiting for the service' : 'Retrying',
        pausedReason: reason,
        nextPollAtMs: this.now() + delayMs,
        updatedAtMs: this.now(),
        events: withEvent(job.events, {
          atMs: this.now(),
          kind: kind === 'offline' ? 'paused' : 'retry',
          text: reason,
        }),
      },
      true,
    );
    const wake = new AbortController();
    const onWake = (): void => wake.abort();
    this.wakers.add(onWake);
    const onAbort = (): void => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(delayMs, wake.signal);
    } catch {
      // Woken early (retryNow) or cancelled: the caller checks the job's signal.
    } finally {
      this.wakers.delete(onWake);
      signal.removeEventListener('abort', onAbort);
    }
    throwIfCancelled(signal);
  }

  private current(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new AppError('job.notFound', `No job with id ${jobId}.`);
    return job;
  }

  /**
   * Persists, publishes, then emits (immediately for state changes, throttled for progress).
   * With `checkpoint` (a repeated status, the next poll time: no state change) the record is
   * saved only when the last save of the job is `checkpointIntervalMs` old, so waiting jobs cost
   * little; elapsed time does not suffer from it (run segments and the heartbeat keep it).
   * A checkpoint that is not saved is still published (and pushed) when no save of the job is
   * under way — what it shows beyond the saved record (the next poll time, a repeated status) is
   * no state change, and a restart recomputes it — but not while a save is under way, since the
   * working record it would publish holds that save's not-yet-durable change.
   */
  private async commit(
    next: Job,
    isStateChange: boolean,
    persist: 'now' | 'checkpoint' = 'now',
  ): Promise<void> {
    const previous = this.jobs.get(next.id);
    const job = this.withElapsed(previous, next);
    const nowMs = this.now();
    const interval = this.options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    const isSaved =
      persist === 'now' || nowMs - (this.lastSavedAtMs.get(job.id) ?? -Infinity) >= interval;
    if (isSaved) this.lastSavedAtMs.set(job.id, nowMs);
    const isPublished = await this.persist(job, isSaved);
    if (isStateChange && previous?.state !== job.state) {
      this.options.log?.(`job ${job.state}`, { jobId: job.id, kind: job.kind, step: job.step });
    }
    if (isPublished) this.push(job.id, isStateChange);
  }

  /**
   * Makes `job` the working record at once, saves it when `save`, then publishes: the working
   * record when no other save of the job is under way (it holds nothing unsaved but
   * checkpoints), else the record just saved (newer than the published one: the store's saves
   * resolve in order). Returns whether something was published; a failed save publishes
   * nothing and rethrows.
   */
  private async persist(job: Job, save: boolean): Promise<boolean> {
    const seq = ++this.seq;
    this.jobs.set(job.id, job);
    this.workingSeq.set(job.id, seq);
    if (save) {
      this.pendingSaves.set(job.id, (this.pendingSaves.get(job.id) ?? 0) + 1);
      try {
        await this.options.store.save(job);
      } finally {
        this.pendingSaves.set(job.id, (this.pendingSaves.get(job.id) ?? 1) - 1);
      }
    }
    if ((this.pendingSaves.get(job.id) ?? 0) === 0) {
      const working = this.jobs.get(job.id);
      return working !== undefined && this.publish(working, this.workingSeq.get(job.id) ?? seq);
    }
    return save && this.publish(job, seq);
  }

  /** Publishes `job` unless a newer record of it is already published. */
  private publish(job: Job, seq: number): boolean {
    if (seq <= (this.publishedSeq.get(job.id) ?? 0)) return false;
    this.published.set(job.id, job);
    this.publishedSeq.set(job.id, seq);
    return true;
  }

  /** Closes the open run segment once the job is terminal (its time stops counting). */
  private withElapsed(previous: Job | undefined, next: Job): Job {
    if (!isTerminalJobState(next.state)) return next;
    const since = next.activeSinceMs ?? previous?.activeSinceMs;
    return since === undefined
      ? next
      : withClosedRun({ ...next, activeSinceMs: since }, this.now());
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
    const job = this.published.get(jobId);
    if (job === undefined) return;
    this.lastPushAtMs.set(jobId, this.now());
    for (const listener of this.listeners) listener(structuredClone(job));
  }
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('job.cancelled', 'The job was cancelled.');
}
