import { setMaxListeners } from 'node:events';
import { STATUS } from '../../shared/personalize.js';
import type { SandboxResource } from './resources.js';
import type { SandboxStore } from './store.js';

import type { ModelledType, ResourceKind } from './resources.js';

/**
 * Delay profile of the status machine (SPEC §0.3: delays MUST be configurable; a "fast"
 * sub-second profile and a "realistic" one of seconds to minutes):
 *
 * - `fast`: every step about 120 ms, for tests and demos;
 * - `realistic`: the durations AWS's own POC run took (see {@link REALISTIC}), divided by a
 *   speed factor (`timingOf('realistic', 60)`: a 15-min import takes 15 s).
 */
export type TimingProfile = 'fast' | 'realistic';

/** What a resource's delays depend on: its kind, or for modelled kinds its ARN type (SPEC §2.1). */
export type ScheduleKey = Exclude<ResourceKind, 'modelled'> | ModelledType;

/** Delays of one profile at one speed, in milliseconds. */
export interface Timing {
  /** Time spent in each pending status: `CREATE PENDING`, `DELETE PENDING`, each stop/start step. */
  readonly pendingMs: number;
  /** Minimum time in `CREATE IN_PROGRESS` of the kinds {@link createInProgressMs} does not list. */
  readonly inProgressMs: number;
  /** Minimum time in `CREATE IN_PROGRESS` per kind (imports, training, deployment, jobs). */
  readonly createInProgressMs: Readonly<Partial<Record<ScheduleKey, number>>>;
  /** Time in `DELETE IN_PROGRESS`. */
  readonly deleteInProgressMs: number;
  /**
   * Longest a step waits for a client to see it, counted from when the resource entered the
   * status (ms): a pending status is held until a Describe or List has shown it, an in-progress
   * status that follows an observed pending one likewise (see {@link Lifecycle.observe}); a
   * resource nobody looks at moves on after this cap, or after the step's own delay if longer.
   */
  readonly holdCapMs: number;
}

const MINUTE_MS = 60_000;

/** The `fast` profile: about 120 ms per step for every kind; also the floor of any speed-up. */
export const FAST: Timing = {
  pendingMs: 120,
  inProgressMs: 120,
  createInProgressMs: {},
  deleteInProgressMs: 120,
  holdCapMs: 2_000,
};

/**
 * The `realistic` profile at speed 1 (AWS's wall-clock durations).
 *
 * Recorded durations (each `createInProgressMs` entry is the total minus the 1-min pending step):
 * - import ~15 min: ANCHORS.md A2.1 (POC in a box, Sep 2020: interactions 17 min, items 15 min);
 * - training ~50 min: ANCHORS.md A2.1 (three versions created 23:48, metrics read 00:41, ~53 min);
 * - campaign ~10 min: SPEC §2.15 ("real: ~10 min").
 *
 * Not recorded anywhere [choice]: 1 min for every pending step and for the quick kinds (dataset
 * groups, datasets, solutions, filters, event trackers, metric attributions); export, deletion
 * and batch jobs as long as an import; a recommender as training plus a deployment (60 min);
 * deletions 5 min (1 pending + 4 in progress), the same for every kind.
 */
export const REALISTIC: Timing = {
  pendingMs: MINUTE_MS,
  inProgressMs: MINUTE_MS,
  createInProgressMs: {
    datasetImportJob: 14 * MINUTE_MS,
    solutionVersion: 49 * MINUTE_MS,
    campaign: 9 * MINUTE_MS,
    recommender: 59 * MINUTE_MS,
    'dataset-export-job': 14 * MINUTE_MS,
    'data-deletion-job': 14 * MINUTE_MS,
    'batch-inference-job': 14 * MINUTE_MS,
    'batch-segment-job': 14 * MINUTE_MS,
  },
  deleteInProgressMs: 4 * MINUTE_MS,
  holdCapMs: 2 * MINUTE_MS,
};

/** Largest accepted speed factor (a 50-min training then takes 30 ms, below the floor anyway). */
export const MAX_SPEED = 100_000;

/**
 * The delays of `profile` at `speed`: each `realistic` duration divided by `speed`, and never
 * below the `fast` one (so the first Describe after a Create still sees `CREATE PENDING`,
 * SPEC §0.3). `fast` is its own floor and takes no speed factor.
 *
 * @param speed how many times faster than AWS (1 = AWS's durations); default 1.
 * @throws RangeError when `speed` is not a number in 1..{@link MAX_SPEED}, or is not 1 for `fast`.
 */
export function timingOf(profile: TimingProfile, speed = 1): Timing {
  if (!Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED)
    throw new RangeError(`speed must be a number from 1 to ${MAX_SPEED}, got ${speed}`);
  if (profile === 'fast') {
    if (speed !== 1) throw new RangeError('A speed factor applies to the realistic profile only.');
    return FAST;
  }
  const scale = (ms: number, floorMs: number): number => Math.max(floorMs, Math.round(ms / speed));
  return {
    pendingMs: scale(REALISTIC.pendingMs, FAST.pendingMs),
    inProgressMs: scale(REALISTIC.inProgressMs, FAST.inProgressMs),
    createInProgressMs: Object.fromEntries(
      Object.entries(REALISTIC.createInProgressMs).map(([key, ms]) => [
        key,
        scale(ms, FAST.inProgressMs),
      ]),
    ),
    deleteInProgressMs: scale(REALISTIC.deleteInProgressMs, FAST.deleteInProgressMs),
    holdCapMs: scale(REALISTIC.holdCapMs, FAST.holdCapMs),
  };
}

/** The schedule key of a resource: its kind, or the ARN type of a modelled resource. */
export function scheduleKey(resource: SandboxResource): ScheduleKey {
  return resource.kind === 'modelled' ? resource.type : resource.kind;
}

/**
 * How long `resource` stays in `status` under `timing` (ms): the pending delay for pending and
 * stop/start steps, the kind's create or the delete in-progress delay, 0 for any other status.
 */
export function statusDurationMs(
  timing: Timing,
  resource: SandboxResource,
  status: string,
): number {
  if (status === STATUS.createInProgress)
    return timing.createInProgressMs[scheduleKey(resource)] ?? timing.inProgressMs;
  if (status === STATUS.deleteInProgress) return timing.deleteInProgressMs;
  if (status === STATUS.createPending || status === STATUS.deletePending) return timing.pendingMs;
  if (Object.hasOwn(TRANSITIONS, status)) return timing.pendingMs;
  return 0;
}

/**
 * How long `resource` still has to stay in its current status at `nowMs` (ms, ≥ 0): its
 * {@link statusDurationMs} counted from when it entered the status (`updatedAtMs`), so that a
 * restarted sandbox keeps the schedule instead of starting the step over.
 */
export function remainingMs(timing: Timing, resource: SandboxResource, nowMs: number): number {
  return Math.max(
    0,
    resource.updatedAtMs + statusDurationMs(timing, resource, resource.status) - nowMs,
  );
}

/**
 * How long `resource` may still be held in its current status at `nowMs` waiting for a client
 * to observe it (ms, ≥ 0): until {@link Timing.holdCapMs} after it entered the status.
 */
export function holdRemainingMs(timing: Timing, resource: SandboxResource, nowMs: number): number {
  return Math.max(0, resource.updatedAtMs + timing.holdCapMs - nowMs);
}

/**
 * Work done while a resource is `CREATE IN_PROGRESS` (import, training).
 *
 * Resolves to a `failureReason` to end in `CREATE FAILED`, or `undefined` for `ACTIVE`.
 */
export type CreateWork = (
  resource: SandboxResource,
  signal: AbortSignal,
) => Promise<string | undefined>;

/** Kind-specific behaviour plugged into the {@link Lifecycle}. */
export interface LifecycleHooks {
  /** Work of a kind while IN_PROGRESS; absent → just wait. */
  readonly createWork: Partial<Record<SandboxResource['kind'], CreateWork>>;
  /** Called after a resource was removed by a finished delete (cascade, file clean-up). */
  readonly onDeleted: (resource: SandboxResource) => Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Status sequences besides create and delete (SPEC §2.2): a resource put in the key status
 * moves through the listed ones, one pending delay each. Recommenders stop and start; a
 * solution version being stopped ends `CREATE STOPPED`.
 */
export const TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  'STOP PENDING': ['STOP IN_PROGRESS', 'INACTIVE'],
  'STOP IN_PROGRESS': ['INACTIVE'],
  'START PENDING': ['START IN_PROGRESS', 'ACTIVE'],
  'START IN_PROGRESS': ['ACTIVE'],
  'CREATE STOPPING': ['CREATE STOPPED'],
};

/** The status a Describe or List last showed of a resource, and when (epoch ms). */
interface Observation {
  readonly status: string;
  readonly atMs: number;
}

/**
 * Moves async resources through the status machine of SPEC §2.2, persisting every step.
 *
 * Create: `CREATE PENDING` → `CREATE IN_PROGRESS` (+ work) → `ACTIVE` | `CREATE FAILED`.
 * Delete: `DELETE PENDING` → `DELETE IN_PROGRESS` → removed. `close()` stops all timers.
 *
 * Observed steps (SPEC §0.3: the first Describe after a Create sees `CREATE PENDING`): the
 * first status of a create, delete or stop/start sequence is left only once a Describe or
 * List has shown it ({@link observe}), and when it was shown, the in-progress status after it
 * is held until shown too, so a polling client sees every status of the cycle. Each hold ends
 * at {@link Timing.holdCapMs} after the status began, so a resource nobody looks at moves on.
 * Observations live in memory only: after a restart the steps just take their delays.
 */
export class Lifecycle {
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private readonly observed = new WeakMap<SandboxResource, Observation>();
  private readonly watchers = new Map<SandboxResource, () => void>();

  /** Creates the engine; nothing runs until {@link startCreate}/{@link startDelete}/{@link resume}. */
  constructor(
    private readonly store: SandboxStore,
    private readonly timing: Timing,
    private readonly hooks: LifecycleHooks,
  ) {
    // Every waiting step listens on this one signal: a POC has dozens at once on `realistic`.
    setMaxListeners(0, this.abort.signal);
  }

  /**
   * Records that a Describe or List answer shows `resource` in its current status (call while
   * building the answer); a step held until it was seen then moves on.
   */
  observe(resource: SandboxResource): void {
    this.observed.set(resource, { status: resource.status, atMs: Date.now() });
    this.watchers.get(resource)?.();
  }

  /** Runs the create path of a resource already stored as `CREATE PENDING`. */
  startCreate(resource: SandboxResource): void {
    this.track(this.runCreate(resource));
  }

  /** Runs the delete path of a resource already stored as `DELETE PENDING`. */
  startDelete(resource: SandboxResource): void {
    this.track(this.runDelete(resource));
  }

  /**
   * Moves a resource already stored in a key status of {@link TRANSITIONS} through the rest of
   * its sequence, persisting each step; stops when the resource changes otherwise meanwhile.
   */
  startTransition(resource: SandboxResource): void {
    this.track(this.runTransition(resource));
  }

  /** Resumes every non-terminal resource after a restart (IN_PROGRESS work runs again). */
  resume(): void {
    for (const resource of this.store.all()) {
      if (Object.hasOwn(TRANSITIONS, resource.status)) {
        this.startTransition(resource);
        continue;
      }
      if (resource.status === STATUS.createPending || resource.status === STATUS.createInProgress) {
        this.startCreate(resource);
      } else if (
        resource.status === STATUS.deletePending ||
        resource.status === STATUS.deleteInProgress
      ) {
        this.startDelete(resource);
      }
    }
  }

  /** Stops all timers and work; resolves when the running steps have unwound. */
  async close(): Promise<void> {
    this.abort.abort(new Error('sandbox closed'));
    await Promise.allSettled([...this.running]);
  }

  private track(promise: Promise<void>): void {
    const guarded = promise.catch((error: unknown) => {
      if (!this.abort.signal.aborted) console.error('sandbox: lifecycle step failed', error);
    });
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
  }

  private isCurrent(resource: SandboxResource, status: string): boolean {
    return this.store.getAny(resource.arn) === resource && resource.status === status;
  }

  /** Whether a Describe or List has shown `resource` in its current status since it entered it. */
  private isObserved(resource: SandboxResource): boolean {
    const seen = this.observed.get(resource);
    return (
      seen !== undefined && seen.status === resource.status && seen.atMs >= resource.updatedAtMs
    );
  }

  /**
   * Waits until `resource` has been observed in its current status, it changed otherwise, or
   * its {@link holdRemainingMs} ran out; returns at once when already observed.
   */
  private async holdUntilObserved(resource: SandboxResource, startedAtMs = 0): Promise<void> {
    const status = resource.status;
    // Counted from the later of entering the status and this runner's start: a Create answered
    // late (its state write queued behind others) still gets its first Describe held.
    const waitMs = Math.max(
      holdRemainingMs(this.timing, resource, Date.now()),
      startedAtMs + this.timing.holdCapMs - Date.now(),
    );
    if (this.isObserved(resource) || waitMs === 0 || !this.isCurrent(resource, status)) return;
    const signal = this.abort.signal;
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.watchers.get(resource) === onObserved) this.watchers.delete(resource);
      };
      const onObserved = (): void => {
        if (resource.status === status && !this.isObserved(resource)) return;
        done();
        resolve();
      };
      const onAbort = (): void => {
        done();
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        done();
        resolve();
      }, waitMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.watchers.set(resource, onObserved);
    });
  }

  /**
   * Waits out the `pending` status the resource is in, and until a client has seen it (capped),
   * and moves it to `inProgress`. Resolves to whether it moved (false when the resource was
   * removed or changed status meanwhile) and whether a client saw the pending status.
   */
  private async leavePending(
    resource: SandboxResource,
    pending: string,
    inProgress: string,
  ): Promise<{ moved: boolean; seen: boolean }> {
    const startedAtMs = Date.now();
    await sleep(remainingMs(this.timing, resource, Date.now()), this.abort.signal);
    await this.holdUntilObserved(resource, startedAtMs);
    const seen = this.isObserved(resource);
    if (!this.isCurrent(resource, pending)) return { moved: false, seen };
    this.store.setStatus(resource, inProgress);
    await this.store.persist();
    return { moved: true, seen };
  }

  private async runCreate(resource: SandboxResource): Promise<void> {
    const signal = this.abort.signal;
    let pendingSeen = false;
    if (resource.status === STATUS.createPending) {
      const left = await this.leavePending(resource, STATUS.createPending, STATUS.createInProgress);
      if (!left.moved) return;
      pendingSeen = left.seen;
    }
    // Counted from when the resource entered CREATE IN_PROGRESS, also after a restart.
    const work = this.hooks.createWork[resource.kind];
    let failureReason: string | undefined;
    try {
      failureReason = work ? await work(resource, signal) : undefined;
    } catch (error) {
      if (signal.aborted) return;
      console.error('sandbox: create work failed', resource.arn, error);
      failureReason = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!this.isCurrent(resource, STATUS.createInProgress)) return;
    const waitMs = remainingMs(this.timing, resource, Date.now());
    if (waitMs > 0) await sleep(waitMs, signal);
    // A client that saw CREATE PENDING also gets to see CREATE IN_PROGRESS (capped).
    if (pendingSeen) await this.holdUntilObserved(resource);
    if (!this.isCurrent(resource, STATUS.createInProgress)) return;
    if (failureReason === undefined) this.store.setStatus(resource, STATUS.active);
    else this.store.setStatus(resource, STATUS.createFailed, failureReason);
    await this.store.persist();
  }

  private async runTransition(resource: SandboxResource): Promise<void> {
    let isFirst = true;
    let firstSeen = false;
    for (const next of TRANSITIONS[resource.status] ?? []) {
      const from = resource.status;
      await sleep(remainingMs(this.timing, resource, Date.now()), this.abort.signal);
      // The first status is held until seen; the later ones only when a client saw the first.
      if (isFirst || firstSeen) await this.holdUntilObserved(resource);
      if (isFirst) firstSeen = this.isObserved(resource);
      isFirst = false;
      if (!this.isCurrent(resource, from)) return;
      this.store.setStatus(resource, next);
      await this.store.persist();
    }
  }

  private async runDelete(resource: SandboxResource): Promise<void> {
    let pendingSeen = false;
    if (resource.status === STATUS.deletePending) {
      const left = await this.leavePending(resource, STATUS.deletePending, STATUS.deleteInProgress);
      if (!left.moved) return;
      pendingSeen = left.seen;
    }
    await sleep(remainingMs(this.timing, resource, Date.now()), this.abort.signal);
    // A client that saw DELETE PENDING also gets to see DELETE IN_PROGRESS (capped).
    if (pendingSeen) await this.holdUntilObserved(resource);
    if (!this.isCurrent(resource, STATUS.deleteInProgress)) return;
    this.store.remove(resource.arn);
    await this.hooks.onDeleted(resource);
    await this.store.persist();
  }
}
