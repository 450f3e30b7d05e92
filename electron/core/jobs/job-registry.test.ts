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
    let remoteReadyAtMs = 5_000;
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
});
