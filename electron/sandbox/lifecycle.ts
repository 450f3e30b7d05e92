import { STATUS } from '../../shared/personalize.js';
import type { SandboxResource } from './resources.js';
import type { SandboxStore } from './store.js';

/** Delay profile of the status machine: `fast` (sub-second) or `realistic` (seconds), SPEC §0.3. */
export type TimingProfile = 'fast' | 'realistic';

/** Delays of one profile, in milliseconds. */
export interface Timing {
  /** Time spent in `CREATE PENDING` / `DELETE PENDING`. */
  readonly pendingMs: number;
  /** Minimum time spent in `CREATE IN_PROGRESS` / `DELETE IN_PROGRESS`. */
  readonly inProgressMs: number;
}

/** The delays of each profile. */
export const TIMINGS: Readonly<Record<TimingProfile, Timing>> = {
  fast: { pendingMs: 120, inProgressMs: 120 },
  realistic: { pendingMs: 2_000, inProgressMs: 5_000 },
};

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

/**
 * Moves async resources through the status machine of SPEC §2.2, persisting every step.
 *
 * Create: `CREATE PENDING` → `CREATE IN_PROGRESS` (+ work) → `ACTIVE` | `CREATE FAILED`.
 * Delete: `DELETE PENDING` → `DELETE IN_PROGRESS` → removed. `close()` stops all timers.
 */
export class Lifecycle {
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();

  /** Creates the engine; nothing runs until {@link startCreate}/{@link startDelete}/{@link resume}. */
  constructor(
    private readonly store: SandboxStore,
    private readonly timing: Timing,
    private readonly hooks: LifecycleHooks,
  ) {}

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

  /**
   * Waits out the `pending` status the resource is in and moves it to `inProgress`; false when
   * the resource was removed or changed status meanwhile.
   */
  private async leavePending(
    resource: SandboxResource,
    pending: string,
    inProgress: string,
  ): Promise<boolean> {
    await sleep(this.timing.pendingMs, this.abort.signal);
    if (!this.isCurrent(resource, pending)) return false;
    this.store.setStatus(resource, inProgress);
    await this.store.persist();
    return true;
  }

  private async runCreate(resource: SandboxResource): Promise<void> {
    const signal = this.abort.signal;
    if (
      resource.status === STATUS.createPending &&
      !(await this.leavePending(resource, STATUS.createPending, STATUS.createInProgress))
    )
      return;
    const startedMs = Date.now();
    const work = this.hooks.createWork[resource.kind];
    let failureReason: string | undefined;
    try {
      failureReason = work ? await work(resource, signal) : undefined;
    } catch (error) {
      if (signal.aborted) return;
      console.error('sandbox: create work failed', resource.arn, error);
      failureReason = `Internal error: ${error instanceof Error ? error.message : String(error)}`;
    }
    const remainingMs = this.timing.inProgressMs - (Date.now() - startedMs);
    if (remainingMs > 0) await sleep(remainingMs, signal);
    if (!this.isCurrent(resource, STATUS.createInProgress)) return;
    if (failureReason === undefined) this.store.setStatus(resource, STATUS.active);
    else this.store.setStatus(resource, STATUS.createFailed, failureReason);
    await this.store.persist();
  }

  private async runTransition(resource: SandboxResource): Promise<void> {
    for (const next of TRANSITIONS[resource.status] ?? []) {
      const from = resource.status;
      await sleep(this.timing.pendingMs, this.abort.signal);
      if (!this.isCurrent(resource, from)) return;
      this.store.setStatus(resource, next);
      await this.store.persist();
    }
  }

  private async runDelete(resource: SandboxResource): Promise<void> {
    if (
      resource.status === STATUS.deletePending &&
      !(await this.leavePending(resource, STATUS.deletePending, STATUS.deleteInProgress))
    )
      return;
    await sleep(this.timing.inProgressMs, this.abort.signal);
    if (!this.isCurrent(resource, STATUS.deleteInProgress)) return;
    this.store.remove(resource.arn);
    await this.hooks.onDeleted(resource);
    await this.store.persist();
  }
}
