import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { Poller, type PollOutcome } from './poller.js';

const options = { baseMs: 100, maxMs: 1_000, minMs: 50, jitterRatio: 0.5, throttleMultiplier: 4 };

describe('Poller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('computes min(maxMs, baseMs·2^attempt) plus jitter, clamped to minMs', () => {
    const noJitter = new Poller({ ...options, random: () => 0 });
    expect([0, 1, 2, 3, 4, 5].map((attempt) => noJitter.delayMs(attempt))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    const fullJitter = new Poller({ ...options, random: () => 0.999 });
    expect(fullJitter.delayMs(0)).toBe(150);
    expect(new Poller({ ...options, baseMs: 1, random: () => 0 }).delayMs(0)).toBe(50);
    expect(noJitter.delayMs(1, true)).toBe(800);
  });

  it('waits between checks with growing delays and resets on progress', async () => {
    const poller = new Poller({ ...options, random: () => 0 });
    const waits: number[] = [];
    const outcomes: PollOutcome<string>[] = [
      { done: false },
      { done: false },
      { done: false, hasProgressed: true },
      { done: false },
      { done: true, value: 'ACTIVE' },
    ];
    const check = vi.fn(() =>
      Promise.resolve(outcomes.shift() ?? { done: true as const, value: 'x' }),
    );
    const result = poller.poll(check, { onWait: (delayMs) => void waits.push(delayMs) });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ACTIVE');
    expect(waits).toEqual([100, 200, 100, 200]);
    expect(check).toHaveBeenCalledTimes(5);
  });

  it('backs off longer on throttling instead of failing', async () => {
    const poller = new Poller({ ...options, random: () => 0 });
    const waits: number[] = [];
    let calls = 0;
    const check = (): Promise<PollOutcome<number>> => {
      calls += 1;
      if (calls === 1) return Promise.reject(new AppError('aws.throttled', 'Rate exceeded'));
      return Promise.resolve({ done: true, value: calls });
    };
    const result = poller.poll(check, { onWait: (delayMs) => void waits.push(delayMs) });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe(2);
    expect(waits).toEqual([400]);
  });

  it('propagates other errors', async () => {
    const poller = new Poller(options);
    await expect(
      poller.poll(() => Promise.reject(new AppError('aws.notFound', 'gone'))),
    ).rejects.toMatchObject({ code: 'aws.notFound' });
  });

  it('stops with job.cancelled when the signal aborts during a wait', async () => {
    const poller = new Poller({ ...options, random: () => 0 });
    const controller = new AbortController();
    const check = vi.fn(() => Promise.resolve<PollOutcome<never>>({ done: false }));
    const result = poller.poll(check, { signal: controller.signal });
    const assertion = expect(result).rejects.toMatchObject({ code: 'job.cancelled' });
    await vi.advanceTimersByTimeAsync(150);
    controller.abort();
    await assertion;
    const callsAtAbort = check.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(check).toHaveBeenCalledTimes(callsAtAbort);
  });

  it('gives up with job.failed after timeoutMs', async () => {
    const poller = new Poller({ ...options, random: () => 0 });
    const result = poller.poll(() => Promise.resolve<PollOutcome<never>>({ done: false }), {
      timeoutMs: 1_000,
    });
    const assertion = expect(result).rejects.toMatchObject({ code: 'job.failed' });
    await vi.runAllTimersAsync();
    await assertion;
  });
});
