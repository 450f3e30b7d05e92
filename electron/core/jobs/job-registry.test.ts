import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Job } from '../../../shared/jobs.js';
import { JobRegistry, type JobRunner } from './job-registry.js';
import { JsonFileJobStore, MemoryJobStore, type JobStore } from './job-store.js';
import { Poller, sleep } from './poller.js';

/** A store that records what was on disk when each listener call happened. */
class SpyStore extends MemoryJobStore {
  readonly saved: Job[] = [];
  override async save(job: Job): Promise<void> {
    this.saved.push(structuredClone(job));
    await super.save(job);
  }
}

/**
 * A store whose saves can be held: while held, `save` does not write (nor resolve) until
 * `release()`, like a slow disk. `pending` counts the saves waiting.
 */
class HeldStore extends MemoryJobStore {
  pending = 0;
  private gate: Promise<void> | undefined;
  private open: () => void = () => undefined;
  hold(): void {
    this.gate = new Promise<void>((resolve) => (this.open = resolve));
  }
  release(): void {
    this.gate = undefined;
    this.open();
  }
  override async save(job: Job): Promise<void> {
    const copy = structuredClone(job);
    const gate = this.gate;
    if (gate !== undefined) {
      this.pending += 1;
      await gate;
      this.pending -= 1;
    }
    await super.save(copy);
  }
}

/** Lets pending promise callbacks and I/O callbacks run until `isDone` (at most 200 turns). */
async function settleUntil(isDone: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !isDone(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  expect(isDone()).toBe(true);
}

describe('JobRegistry', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'jobs-'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(directory, { recursive: true, force: true });
  });

  it('persists every state change before emitting it, and ends succeeded', async () => {
    const store = new SpyStore();
    const runner: JobRunner = async (context) => {
      await context.update({ step: 'Creating', progress: { done: 1, total: 2, unit: 'steps' } });
    };
    const registry = new JobRegistry({
      store,
      runners: { 'datasets.import': runner },
      pushIntervalMs: 0,
    });
    await registry.load();
    const seen: { state: string; savedCount: number }[] = [];
    registry.onDidChange((job) => {
      const last = store.saved.at(-1);
      expect(last).toEqual(job);
      seen.push({ state: job.state, savedCount: store.saved.length });
    });
    const job = await registry.start('datasets.import', 'ws', {});
    const settled = await registry.whenSettled(job.id);
    expect(settled.state).toBe('succeeded');
    expect(settled.progress).toEqual({ done: 2, total: 2, unit: 'steps' });
    expect(seen.map((entry) => entry.state)).toEqual(['queued', 'running', 'running', 'succeeded']);
  });

  it('records failures with their code and cancellations as cancelled', async () => {
    const failing: JobRunner = () =>
      Promise.reject(new AppError('aws.notFound', 'Dataset group gone'));
    const waiting: JobRunner = async (context) => {
      await sleep(60_000, context.signal);
    };
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'datasets.import': failing, 'solutions.train': waiting },
    });
    await registry.load();
    const failed = await registry.whenSettled((await registry.start('datasets.import', 'ws')).id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'aws.notFound', message: 'Dataset group gone' },
    });
    const training = await registry.start('solutions.train', 'ws');
    const cancelled = await registry.cancel(training.id);
    expect(cancelled.state).toBe('cancelled');
    await expect(registry.cancel('nope')).rejects.toMatchObject({ code: 'job.notFound' });
  });

  it('starting the same kind twice for a workspace returns the unfinished job', async () => {
    const waiting: JobRunner = (context) => sleep(60_000, context.signal);
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'solutions.train': waiting },
    });
    await registry.load();
    const first = await registry.start('solutions.train', 'ws');
    const second = await registry.start('solutions.train', 'ws');
    expect(second.id).toBe(first.id);
    await registry.cancel(first.id);
  });

  it('a second start while the first is still being saved gets the job, and its settled state', async () => {
    const store = new HeldStore();
    const registry = new JobRegistry({
      store,
      runners: { 'data.export': () => Promise.resolve() },
      pushIntervalMs: 0,
    });
    await registry.load();
    // A double click: the second start comes while the first one's queued record is on its way
    // to disk (not yet published, not yet launched).
    store.hold();
    const firstStart = registry.start('data.export', 'ws');
    await settleUntil(() => store.pending === 1);
    const secondStart = registry.start('data.export', 'ws').then(async (job) => ({
      job,
      settled: await registry.whenSettled(job.id),
    }));
    await settleUntil(() => store.pending === 1);
    store.release();
    const first = await firstStart;
    const second = await secondStart;
    expect(second.job.id).toBe(first.id);
    const settledFirst = await registry.whenSettled(first.id);
    const settledSecond = second.settled;
    expect(settledFirst.state).toBe('succeeded');
    expect(settledSecond.state).toBe('succeeded');
    // A finished job is still found.
    expect((await registry.whenSettled(first.id)).state).toBe('succeeded');
  });

  it('throttles progress pushes to one per interval but never drops the last one', async () => {
    vi.useFakeTimers();
    let nowMs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runner: JobRunner = async (context) => {
      for (let done = 1; done <= 5; done += 1)
        await context.update({ progress: { done, total: 10, unit: 'rows' } });
      await gate;
    };
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'datasets.import': runner },
      now: () => nowMs,
      pushIntervalMs: 250,
    });
    await registry.load();
    const pushes: number[] = [];
    registry.onDidChange((job) => pushes.push(job.progress.done));
    const job = await registry.start('datasets.import', 'ws');
    await vi.advanceTimersByTimeAsync(0);
    expect(pushes).toEqual([0, 0]);
    nowMs = 300;
    await vi.advanceTimersByTimeAsync(300);
    expect(pushes).toEqual([0, 0, 5]);
    release();
    await registry.whenSettled(job.id);
    expect(pushes.at(-1)).toBe(10);
  });

  it('resumes unfinished jobs after a simulated restart, and the runner skips finished steps', async () => {
    // Only timers and the clock are fake: the JSON store does real file I/O.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const realTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    // Bounded by real time (performance.now is not faked): real file I/O may take a while on a
    // loaded machine, and giving up early would look like a persistence bug.
    const advanceUntil = async (isDone: () => boolean): Promise<void> => {
      const startedAtMs = performance.now();
      while (!isDone()) {
        if (performance.now() - startedAtMs > 20_000)
          throw new Error('condition not reached within 20 s');
        await realTick();
        await vi.advanceTimersByTimeAsync(250);
      }
    };
    const filePath = path.join(directory, 'jobs.json');
    // Stands in for the resource cache: what the first process recorded before it died.
    const recorded = new Set<string>();
    const poller = new Poller({
      baseMs: 1_000,
      maxMs: 5_000,
      minMs: 100,
      jitterRatio: 0,
      throttleMultiplier: 2,
    });
    // Not ready while the first process runs (it shows the sighting once saved: real I/O).
    let remoteReadyAtMs = Number.POSITIVE_INFINITY;
    const creates: string[] = [];
    const runner: JobRunner = async (context) => {
      if (!recorded.has('datasetGroup')) {
        creates.push('datasetGroup');
        recorded.add('datasetGroup');
      }
      await context.update({ step: 'Waiting for dataset group' });
      await context.observe({
        arn: 'arn:dsg',
        kind: 'datasetGroup',
        name: 'dsg',
        status: 'CREATE PENDING',
      });
      await poller.poll(
        () =>
          Promise.resolve(
            Date.now() >= remoteReadyAtMs
              ? { done: true as const, value: 'ACTIVE' }
              : { done: false as const },
          ),
        { signal: context.signal },
      );
    };
    const first = new JobRegistry({
      store: new JsonFileJobStore(filePath),
      runners: { 'datasets.import': runner },
    });
    await first.load();
    const job = await first.start('datasets.import', 'ws');
    await advanceUntil(() => first.get(job.id).resources?.[0]?.arn === 'arn:dsg');
    await vi.advanceTimersByTimeAsync(1_500);
    await first.dispose();
    const onDisk = JSON.parse(await readFile(filePath, 'utf8')) as { jobs: Job[] };
    expect(onDisk.jobs[0]).toMatchObject({
      id: job.id,
      state: 'running',
      attempt: 1,
      resources: [{ arn: 'arn:dsg', transitions: [{ status: 'CREATE PENDING' }] }],
    });

    remoteReadyAtMs = Date.now() + 2_000;
    const store: JobStore = new JsonFileJobStore(filePath);
    const second = new JobRegistry({ store, runners: { 'datasets.import': runner } });
    await second.load();
    expect(second.resumeUnfinished()).toEqual([job.id]);
    await advanceUntil(() => second.get(job.id).state === 'succeeded');
    const resumed = await second.whenSettled(job.id);
    expect(resumed.state).toBe('succeeded');
    expect(creates).toEqual(['datasetGroup']);
    expect((await store.loadAll())[0]?.state).toBe('succeeded');
  });

  it('shows a change in list(), get() and to listeners only once its save resolved', async () => {
    const store = new HeldStore();
    let go: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (go = resolve));
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let seenByRunner = '';
    const runner: JobRunner = async (context) => {
      await started;
      const saving = context.update({
        step: 'Creating',
        progress: { done: 1, total: 2, unit: 'steps' },
      });
      // The runner builds on its own change at once, whatever the disk says.
      seenByRunner = context.job.step;
      await saving;
      await finished;
    };
    const registry = new JobRegistry({
      store,
      runners: { 'datasets.import': runner },
      pushIntervalMs: 0,
    });
    await registry.load();
    const heard: string[] = [];
    registry.onDidChange((job) => heard.push(job.step));
    const job = await registry.start('datasets.import', 'ws');
    await settleUntil(() => registry.get(job.id).state === 'running');
    const before = registry.get(job.id);

    store.hold();
    go();
    await settleUntil(() => store.pending === 1);
    expect(seenByRunner).toBe('Creating');
    expect(registry.get(job.id)).toEqual(before);
    expect(registry.list('ws')).toEqual([before]);
    expect(heard).not.toContain('Creating');
    expect((await store.loadAll())[0]?.step).toBe(before.step);

    store.release();
    await settleUntil(() => heard.includes('Creating'));
    expect(registry.get(job.id)).toMatchObject({
      step: 'Creating',
      progress: { done: 1, total: 2, unit: 'steps' },
    });
    expect(registry.list('ws')[0]?.step).toBe('Creating');
    expect((await store.loadAll())[0]?.step).toBe('Creating');
    finish();
    expect((await registry.whenSettled(job.id)).state).toBe('succeeded');
  });

  it('keeps both of two concurrent changes of a job, and publishes them once saved', async () => {
    const store = new HeldStore();
    let go: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (go = resolve));
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const runner: JobRunner = async (context) => {
      await started;
      // Neither awaits the other: the second builds on the first's working record.
      const first = context.update({ step: 'Importing' });
      const second = context.update({ progress: { done: 3, total: 9, unit: 'rows' } });
      // A checkpoint (not saved: the last save is recent) made while those saves are under way.
      const poll = context.willPoll(60_000);
      await Promise.all([first, second, poll]);
      await finished;
    };
    let nowMs = 1_000;
    const registry = new JobRegistry({
      store,
      runners: { 'datasets.import': runner },
      pushIntervalMs: 0,
      now: () => nowMs,
    });
    await registry.load();
    const heard: Job[] = [];
    registry.onDidChange((job) => heard.push(job));
    const job = await registry.start('datasets.import', 'ws');
    await settleUntil(() => registry.get(job.id).state === 'running');
    const before = registry.get(job.id);
    const heardBefore = heard.length;

    store.hold();
    nowMs = 2_000;
    go();
    await settleUntil(() => store.pending === 2);
    expect(registry.list('ws')).toEqual([before]);
    expect(heard).toHaveLength(heardBefore);

    store.release();
    await settleUntil(() => registry.get(job.id).nextPollAtMs !== undefined);
    const after = registry.get(job.id);
    expect(after).toMatchObject({
      step: 'Importing',
      progress: { done: 3, total: 9, unit: 'rows' },
      nextPollAtMs: 62_000,
    });
    expect(heard.at(-1)).toEqual(after);
    // On disk: both changes (the next poll time is a checkpoint, not saved yet).
    expect((await store.loadAll())[0]).toMatchObject({
      step: 'Importing',
      progress: { done: 3, total: 9, unit: 'rows' },
    });
    expect((await store.loadAll())[0]?.nextPollAtMs).toBeUndefined();
    finish();
    expect((await registry.whenSettled(job.id)).state).toBe('succeeded');
  });

  it('publishes a checkpoint that is not saved when no save of the job is under way', async () => {
    const store = new SpyStore();
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const runner: JobRunner = async (context) => {
      await context.willPoll(30_000);
      await finished;
    };
    const registry = new JobRegistry({
      store,
      runners: { 'datasets.import': runner },
      pushIntervalMs: 0,
      now: () => 5_000,
    });
    await registry.load();
    const job = await registry.start('datasets.import', 'ws');
    await settleUntil(() => registry.get(job.id).nextPollAtMs === 35_000);
    expect(store.saved.at(-1)?.nextPollAtMs).toBeUndefined();
    finish();
    expect((await registry.whenSettled(job.id)).state).toBe('succeeded');
  });
});
