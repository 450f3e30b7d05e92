import { AppError, isAppError } from '../../../shared/errors.js';

/** Backoff settings of a {@link Poller}; every duration is in milliseconds. */
export interface PollerOptions {
  /** First delay before jitter (attempt 0). */
  readonly baseMs: number;
  /** Upper bound of the exponential part. */
  readonly maxMs: number;
  /** Lower bound of any delay, jitter included. */
  readonly minMs: number;
  /** Jitter added on top: up to `jitterRatio × delay` (0..1). */
  readonly jitterRatio: number;
  /** Multiplier applied to the delay (and the cap) after an `aws.throttled` error. */
  readonly throttleMultiplier: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/** What one check returns: finished with a value, or not yet (optionally after progress). */
export type PollOutcome<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly hasProgressed?: boolean };

/** Per-call options of {@link Poller.poll}. */
export interface PollCallOptions {
  /** Cancels the wait; checked after every await. */
  readonly signal?: AbortSignal | undefined;
  /** Gives up after this long with `job.failed` (default: never). */
  readonly timeoutMs?: number;
  /** Called before each wait with the delay and the attempt number (e.g. to persist `nextPollAtMs`). */
  readonly onWait?: (delayMs: number, attempt: number) => void | Promise<void>;
}

/** Defaults for AWS: 2 s doubling to 60 s, 20% jitter, ×4 on throttling. */
export const AWS_POLLER_OPTIONS: PollerOptions = {
  baseMs: 2_000,
  maxMs: 60_000,
  minMs: 1_000,
  jitterRatio: 0.2,
  throttleMultiplier: 4,
};

/** Defaults for the Local sandbox: 100 ms doubling to 2 s (its transitions take well under a second). */
export const SANDBOX_POLLER_OPTIONS: PollerOptions = {
  baseMs: 100,
  maxMs: 2_000,
  minMs: 50,
  jitterRatio: 0.2,
  throttleMultiplier: 4,
};

/**
 * Waits `delayMs`, rejecting with `job.cancelled` as soon as `signal` aborts.
 *
 * The timer is cleared on abort, so nothing outlives the caller.
 * @throws AppError `job.cancelled`
 */
export function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throws `job.cancelled` when the signal has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw cancelledError();
}

function cancelledError(): AppError {
  return new AppError('job.cancelled', 'The job was cancelled.');
}

/**
 * Polls a check with exponential backoff and jitter (STYLE.md §2, Long-running jobs).
 *
 * Delay of attempt n: `min(maxMs, baseMs·2^n)` plus up to `jitterRatio` of it, clamped to
 * `minMs`. The attempt counter resets when a check reports progress; an `aws.throttled`
 * error from the check does not fail the poll but multiplies the delay by
 * `throttleMultiplier`. `signal` is checked after every await.
 */
export class Poller {
  private readonly random: () => number;

  constructor(readonly options: PollerOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Delay in ms before attempt `attempt` (0-based), longer when `isThrottled`. */
  delayMs(attempt: number, isThrottled = false): number {
    const { baseMs, maxMs, minMs, jitterRatio, throttleMultiplier } = this.options;
    const factor = isThrottled ? throttleMultiplier : 1;
    const exponential = Math.min(maxMs * factor, baseMs * factor * 2 ** Math.min(attempt, 30));
    const jitter = this.random() * jitterRatio * exponential;
    return Math.max(minMs, Math.round(exponential + jitter));
  }

  /**
   * Runs `check` until it reports done, waiting between attempts.
   *
   * @returns the value of the first `done` outcome.
   * @throws AppError `job.cancelled` on abort, `job.failed` on timeout; any non-throttling
   *   error of `check` as is.
   */
  async poll<T>(
    check: (attempt: number) => Promise<PollOutcome<T>>,
    options: PollCallOptions = {},
  ): Promise<T> {
    const { signal, timeoutMs, onWait } = options;
    const startedAtMs = Date.now();
    let attempt = 0;
    for (;;) {
      throwIfAborted(signal);
      let isThrottled = false;
      try {
        const outcome = await check(attempt);
        throwIfAborted(signal);
        if (outcome.done) return outcome.value;
        if (outcome.hasProgressed === true) attempt = 0;
      } catch (error) {
        if (!(isAppError(error) && error.code === 'aws.throttled')) throw error;
        throwIfAborted(signal);
        isThrottled = true;
      }
      const delay = this.delayMs(attempt, isThrottled);
      if (timeoutMs !== undefined && Date.now() + delay - startedAtMs > timeoutMs) {
        throw new AppError(
          'job.failed',
          `Gave up waiting after ${Math.round((Date.now() - startedAtMs) / 1000)} s.`,
          {
            details: { timeoutMs },
          },
        );
      }
      await onWait?.(delay, attempt);
      throwIfAborted(signal);
      await sleep(delay, signal);
      attempt += 1;
    }
  }
}
