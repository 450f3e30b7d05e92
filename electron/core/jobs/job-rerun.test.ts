import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Job } from '../../../shared/jobs.js';
import { JobRegistry, type JobContext, type JobRegistration } from './job-registry.js';
import { MemoryJobStore } from './job-store.js';

const FAST_RETRY = { baseMs: 5, maxMs: 20, maxAttempts: 4, offlineMaxMs: 20 };

function throttled(): AppError {
  return new AppError('aws.throttled', 'Rate exceeded', {
    details: { awsCode: 'ThrottlingException', httpStatus: 400 },
  });
}

/** Lets callbacks and timers (the retries' short backoff) run until `isDone`, for at most 2 s. */
async function settleUntil(isDone: () => boolean): Promise<void> {
  const endAtMs = Date.now() + 2_000;
  while (!isDone() && Date.now() < endAtMs) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(isDone()).toBe(true);
}

/**
 * A runner whose calls wait until the test lets them end: `calls` lists each call's `isRerun`,
 * `finish(outcome)` ends the oldest call still waiting (resolving, or rejecting with an error).
 * Like a runner that ignores its signal, so the registry's own checks are what is tested.
 */
function gatedRunner() {
  const calls: boolean[] = [];
  const gates: ((outcome: unknown) => void)[] = [];
  const run = (context: JobContext): Promise<unknown> => {
    calls.push(context.isRerun);
    return new Promise((resolve, reject) =>
      gates.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))),
    );
  };
  return {
    calls,
    run,
    /** Ends the oldest waiting call once it has begun. */
    async finish(outcome?: unknown): Promise<void> {
      await settleUntil(() => gates.length > 0);
      gates.shift()?.(outcome);
    },
  };
}

async function registryWith(registration: JobRegistration): Promise<JobRegistry> {
  const registry = new JobRegistry({
    store: new MemoryJobStore(),
    runners: { 'solutions.evaluate': registration },
    retry: FAST_RETRY,
    random: () => 0,
    pushIntervalMs: 0,
  });
  await registry.load();
  return registry;
}

const stateTexts = (job: Job): string[] =>
  (job.events ?? []).filter((event) => event.kind === 'state').map((event) => event.text);

describe('JobRegistry: a start while a rerunOnce job runs', () => {
  it('runs the runner once more in the same job, however many starts arrived while it ran', async () => {
    const runner = gatedRunner();
    const registry = await registryWith({ run: runner.run, startWhileRunning: 'rerunOnce' });
    const job = await registry.start('solutions.evaluate', 'ws');
    await settleUntil(() => runner.calls.length === 1);
    for (let start = 0; start < 3; start += 1)
      expect((await registry.start('solutions.evaluate', 'ws')).id).toBe(job.id);
    await runner.finish('Evaluated 2 versions');
    await settleUntil(() => runner.calls.length === 2);
    expect(registry.get(job.id)).toMatchObject({ state: 'running', step: 'Running again' });
    await runner.finish('Evaluated 1 version');
    const settled = await registry.whenSettled(job.id);

    expect(runner.calls).toEqual([false, true]);
    expect(settled).toMatchObject({ state: 'succeeded', step: 'Evaluated 1 version', attempt: 2 });
    expect(stateTexts(settled)).toEqual([
      'Queued',
      'Started',
      'Running again: started again while it ran',
      'Succeeded',
    ]);
    expect(registry.list('ws')).toHaveLength(1);
  });

  it('a kind registered with its runner alone joins the running job and runs once', async () => {
    const runner = gatedRunner();
    const registry = await registryWith(runner.run);
    const job = await registry.start('solutions.evaluate', 'ws');
    await settleUntil(() => runner.calls.length === 1);
    expect((await registry.start('solutions.evaluate', 'ws')).id).toBe(job.id);
    await runner.finish();
    expect(await registry.whenSettled(job.id)).toMatchObject({ state: 'succeeded', attempt: 1 });
    expect(runner.calls).toEqual([false]);
  });

  it('does not rerun after a failure, a cancel or a dispose', async () => {
    const failing = gatedRunner();
    const registry = await registryWith({ run: failing.run, startWhileRunning: 'rerunOnce' });
    const failed = await registry.start('solutions.evaluate', 'ws');
    await settleUntil(() => failing.calls.length === 1);
    await registry.start('solutions.evaluate', 'ws');
    await failing.finish(new AppError('data.invalid', 'The interactions file is gone'));
    expect(await registry.whenSettled(failed.id)).toMatchObject({
      state: 'failed',
      error: { code: 'data.invalid' },
    });
    expect(failing.calls).toEqual([false]);

    // The runner returns normally after the cancel aborted it: still no rerun.
    const cancelling = gatedRunner();
    const other = await registryWith({ run: cancelling.run, startWhileRunning: 'rerunOnce' });
    const cancelled = await other.start('solutions.evaluate', 'ws');
    await settleUntil(() => cancelling.calls.length === 1);
    await other.start('solutions.evaluate', 'ws');
    const cancel = other.cancel(cancelled.id);
    await cancelling.finish();
    await cancel;
    await other.whenSettled(cancelled.id);
    expect(cancelling.calls).toEqual([false]);
    expect(stateTexts(other.get(cancelled.id))).not.toContain(
      'Running again: started again while it ran',
    );

    const disposing = gatedRunner();
    const closing = await registryWith({ run: disposing.run, startWhileRunning: 'rerunOnce' });
    const interrupted = await closing.start('solutions.evaluate', 'ws');
    await settleUntil(() => disposing.calls.length === 1);
    await closing.start('solutions.evaluate', 'ws');
    const dispose = closing.dispose();
    await disposing.finish();
    await dispose;
    expect(disposing.calls).toEqual([false]);
    // Left running on disk for the next process to resume (which runs the runner anew).
    expect(closing.get(interrupted.id).state).toBe('running');
  });

  it('a start during a call that then retries asks for nothing more: the retry sees it', async () => {
    const runner = gatedRunner();
    const registry = await registryWith({ run: runner.run, startWhileRunning: 'rerunOnce' });
    const job = await registry.start('solutions.evaluate', 'ws');
    await settleUntil(() => runner.calls.length === 1);
    await registry.start('solutions.evaluate', 'ws');
    await runner.finish(throttled());
    await runner.finish();
    expect(await registry.whenSettled(job.id)).toMatchObject({ state: 'succeeded', attempt: 2 });
    expect(runner.calls).toEqual([false, false]);
  });

  it('a rerun has the retries of its own: attempts of the run before it do not count', async () => {
    const runner = gatedRunner();
    const registry = await registryWith({ run: runner.run, startWhileRunning: 'rerunOnce' });
    const job = await registry.start('solutions.evaluate', 'ws');
    // The first run succeeds at its last allowed attempt; a start arrives during it.
    for (let attempt = 1; attempt < FAST_RETRY.maxAttempts; attempt += 1)
      await runner.finish(throttled());
    await settleUntil(() => runner.calls.length === FAST_RETRY.maxAttempts);
    await registry.start('solutions.evaluate', 'ws');
    await runner.finish();
    // The rerun is throttled once, then succeeds.
    await runner.finish(throttled());
    await runner.finish();
    expect(await registry.whenSettled(job.id)).toMatchObject({
      state: 'succeeded',
      attempt: FAST_RETRY.maxAttempts + 2,
    });
    expect(runner.calls).toEqual([false, false, false, false, true, true]);
  });
});
