import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { jobActiveMsBetween, jobElapsedMs, type Job } from '../../../shared/jobs.js';
import { MAX_RUNNING_IMPORT_JOBS } from '../../../shared/rules/limits.js';
import { JobRegistry, type JobRunner } from './job-registry.js';
import { serviceQuotaOf } from './job-quotas.js';
import { JsonFileJobStore, MemoryJobStore, type JobStore } from './job-store.js';
import { transientKind } from './job-timeline.js';
import { sleep } from './poller.js';

const FAST_RETRY = { baseMs: 5, maxMs: 20, maxAttempts: 4, offlineMaxMs: 20 };

function throttled(): AppError {
  return new AppError('aws.throttled', 'Rate exceeded', {
    details: { awsCode: 'ThrottlingException', httpStatus: 400 },
  });
}

function offline(): AppError {
  return new AppError('aws.failed', 'DescribeSolutionVersion: cannot reach the service', {
    details: { awsCode: 'ECONNREFUSED' },
  });
}

describe('job engine', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'job-engine-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('runs at most the quota of import jobs per (account, region) at once; other targets are not held up', async () => {
    let running = 0;
    let peak = 0;
    const ran: string[] = [];
    const runner: JobRunner = async (context) => {
      running += 1;
      peak = Math.max(peak, running);
      ran.push(context.job.workspaceId);
      await sleep(30, context.signal);
      running -= 1;
    };
    const targets = new Map<string, string>();
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'datasets.import': runner },
      quotaOf: (job) => serviceQuotaOf(job, targets.get(job.workspaceId)),
    });
    await registry.load();
    const waiting: Job[] = [];
    registry.onDidChange((job) => {
      if (job.step === 'Waiting for a free slot') waiting.push(job);
    });
    const jobs: Job[] = [];
    for (let index = 0; index < 12; index += 1) {
      targets.set(`ws${index}`, '111122223333:eu-west-1');
      jobs.push(await registry.start('datasets.import', `ws${index}`));
    }
    targets.set('other', '111122223333:us-east-1');
    const other = await registry.start('datasets.import', 'other');
    const settled = await Promise.all([...jobs, other].map((job) => registry.whenSettled(job.id)));
    expect(settled.map((job) => job.state)).toEqual(Array(13).fill('succeeded'));
    expect(peak).toBe(MAX_RUNNING_IMPORT_JOBS + 1);
    // The other region's job did not wait behind the twelve.
    expect(ran.indexOf('other')).toBeLessThan(MAX_RUNNING_IMPORT_JOBS + 1);
    expect(waiting.length).toBeGreaterThanOrEqual(12 - MAX_RUNNING_IMPORT_JOBS);
    expect(waiting[0]?.state).toBe('queued');
    expect(waiting[0]?.pausedReason).toContain(
      `${MAX_RUNNING_IMPORT_JOBS} of ${MAX_RUNNING_IMPORT_JOBS} dataset import jobs`,
    );
    expect(waiting[0]?.pausedReason).toMatch(/taken \(a service quota of Amazon Personalize\)$/u);
    expect(settled[11]?.events?.map((event) => event.kind)).toContain('slot');
  });

  it('a training job holds one solution-version slot per recipe', () => {
    const job = { kind: 'solutions.train', params: { recipes: ['a', 'b', 'c'] } } as unknown as Job;
    expect(serviceQuotaOf(job, 'acct:eu-west-1')).toEqual({
      pool: 'acct:eu-west-1:solutionVersion',
      limit: 20,
      weight: 3,
      label: 'solution versions in training',
    });
    expect(serviceQuotaOf({ ...job, kind: 'campaigns.deploy' }, 'acct:eu-west-1')).toBeUndefined();
  });

  it('retries a throttled job with a new attempt, and the retry reason leaves when the next attempt runs', async () => {
    let calls = 0;
    const runner: JobRunner = async () => {
      calls += 1;
      if (calls <= 2) throw throttled();
      await Promise.resolve();
    };
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'datasets.import': runner },
      retry: FAST_RETRY,
      random: () => 0,
      pushIntervalMs: 0,
    });
    await registry.load();
    const seen: Job[] = [];
    registry.onDidChange((job) => seen.push(job));
    const done = await registry.whenSettled((await registry.start('datasets.import', 'ws')).id);
    expect(done).toMatchObject({ state: 'succeeded', attempt: 3 });
    expect(done.error).toBeUndefined();
    expect(done.pausedReason).toBeUndefined();
    expect(done.events?.filter((event) => event.kind === 'retry')).toHaveLength(2);
    const retrying = seen.find((job) => job.step === 'Retrying');
    expect(retrying?.pausedReason).toMatch(/throttling requests \(Rate exceeded\)\. Retrying in/u);
    expect(retrying?.nextPollAtMs).toBeGreaterThan(retrying?.updatedAtMs ?? Infinity);
    // Throttling backs off longer than a 500 at the same attempt.
    expect(transientKind(throttled())).toBe('throttled');
    expect(transientKind(new AppError('aws.failed', 'x', { details: { httpStatus: 500 } }))).toBe(
      'serverError',
    );
    expect(transientKind(new AppError('aws.invalidInput', 'x'))).toBeUndefined();
  });

  it('fails at once on a non-transient error, and after maxAttempts of throttling; the error names its attempt', async () => {
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: {
        'datasets.import': () => Promise.reject(new AppError('aws.invalidInput', 'Bad schema')),
        'solutions.train': () => Promise.reject(throttled()),
      },
      retry: FAST_RETRY,
    });
    await registry.load();
    const bad = await registry.whenSettled((await registry.start('datasets.import', 'ws')).id);
    expect(bad).toMatchObject({
      state: 'failed',
      attempt: 1,
      error: { code: 'aws.invalidInput', attempt: 1 },
    });
    const busy = await registry.whenSettled((await registry.start('solutions.train', 'ws')).id);
    expect(busy).toMatchObject({
      state: 'failed',
      attempt: FAST_RETRY.maxAttempts,
      error: { code: 'aws.throttled', attempt: FAST_RETRY.maxAttempts },
    });
  });

  it('pauses while offline without giving up, and retryNow resumes at once', async () => {
    let calls = 0;
    let isOnline = false;
    const runner: JobRunner = async () => {
      calls += 1;
      if (!isOnline) throw offline();
      await Promise.resolve();
    };
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'solutions.train': runner },
      retry: { ...FAST_RETRY, maxAttempts: 2, offlineMaxMs: 60_000, baseMs: 60_000 },
      pushIntervalMs: 0,
    });
    await registry.load();
    const job = await registry.start('solutions.train', 'ws');
    for (let index = 0; index < 4; index += 1) {
      while (registry.get(job.id).pausedReason === undefined) await sleep(5);
      expect(registry.get(job.id)).toMatchObject({
        state: 'running',
        step: 'Offline: waiting for the service',
      });
      if (index === 3) isOnline = true;
      registry.retryNow();
      await sleep(5);
    }
    const done = await registry.whenSettled(job.id);
    expect(done.state).toBe('succeeded');
    expect(calls).toBe(5);
    expect(done.events?.filter((event) => event.kind === 'paused')).toHaveLength(4);
  });

  it('counts elapsed time only while the app runs the job, and says how long it was down', async () => {
    let nowMs = 1_000_000;
    const filePath = path.join(directory, 'jobs.json');
    let release: () => void = () => undefined;
    let runs = 0;
    const runner: JobRunner = async (context) => {
      await context.update({ step: 'Training' });
      runs += 1;
      await new Promise<void>((resolve, reject) => {
        release = resolve;
        context.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    };
    const first = new JobRegistry({
      store: new JsonFileJobStore(filePath),
      runners: { 'solutions.train': runner },
      now: () => nowMs,
    });
    await first.load();
    const job = await first.start('solutions.train', 'ws');
    while (runs < 1) await sleep(2);
    nowMs += 10_000;
    expect(jobElapsedMs(first.get(job.id), nowMs)).toBe(10_000);
    await first.dispose();
    nowMs += 3_600_000; // the app is closed for an hour
    const second = new JobRegistry({
      store: new JsonFileJobStore(filePath),
      runners: { 'solutions.train': runner },
      now: () => nowMs,
    });
    await second.load();
    expect(jobElapsedMs(second.get(job.id), nowMs)).toBe(10_000);
    second.resumeUnfinished();
    while (runs < 2) await sleep(2);
    nowMs += 5_000;
    release();
    const done = await second.whenSettled(job.id);
    expect(done.state).toBe('succeeded');
    expect(done.elapsedMs).toBe(15_000);
    expect(done.attempt).toBe(2);
    expect(done.events?.find((event) => event.kind === 'resumed')?.text).toBe(
      'Resumed after the app was down for 1 h 0 min',
    );
    const onDisk = JSON.parse(await readFile(filePath, 'utf8')) as { jobs: Job[] };
    expect(onDisk.jobs[0]).toMatchObject({ state: 'succeeded', elapsedMs: 15_000 });
  });

  it('after a kill -9 keeps the elapsed time up to the last heartbeat, not the last save, and leaves the downtime out of each resource too', async () => {
    let nowMs = 1_000_000;
    const filePath = path.join(directory, 'jobs.json');
    /** The first process's store; `killed` makes it stop writing, as a SIGKILL would. */
    const disk = new JsonFileJobStore(filePath);
    let killed = false;
    const killable: JobStore = {
      loadAll: () => disk.loadAll(),
      save: (job) => (killed ? new Promise(() => undefined) : disk.save(job)),
      heartbeat: (beat) => (killed ? Promise.resolve() : disk.heartbeat(beat)),
      lastHeartbeat: () => disk.lastHeartbeat(),
    };
    const arn = 'arn:aws:personalize:us-east-1:1:solution/s/abc';
    let polls = 0;
    let resumed = false;
    const runner: JobRunner = async (context) => {
      if (resumed) {
        nowMs += 5_000;
        await context.observe({ arn, kind: 'solutionVersion', name: 's/abc', status: 'ACTIVE' });
        return;
      }
      await context.observe({
        arn,
        kind: 'solutionVersion',
        name: 's/abc',
        status: 'CREATE PENDING',
      });
      // 200 s of polls with nothing new: checkpoints only, nothing saved (interval 5 min).
      for (; polls < 20; polls += 1) {
        nowMs += 10_000;
        await context.willPoll(10_000, arn);
        await sleep(15); // a real heartbeat (every 5 ms here) sees this time
      }
      await new Promise<void>((_resolve, reject) => {
        context.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    };
    const first = new JobRegistry({
      store: killable,
      runners: { 'solutions.train': runner },
      now: () => nowMs,
      heartbeatIntervalMs: 5,
    });
    await first.load();
    const job = await first.start('solutions.train', 'ws');
    while (polls < 20) await sleep(5);
    await sleep(30);
    killed = true; // kill -9: nothing more reaches the disk
    const killedAtMs = nowMs;
    nowMs += 3_600_000; // down for an hour
    const second = new JobRegistry({
      store: new JsonFileJobStore(filePath),
      runners: { 'solutions.train': runner },
      now: () => nowMs,
    });
    await second.load();
    // The last save was at the start; the heartbeat kept the 200 s of polling.
    expect(jobElapsedMs(second.get(job.id), nowMs)).toBe(200_000);
    expect(second.get(job.id).runs).toEqual([{ startedAtMs: 1_000_000, endedAtMs: killedAtMs }]);
    resumed = true;
    second.resumeUnfinished();
    const done = await second.whenSettled(job.id);
    expect(done).toMatchObject({ state: 'succeeded', elapsedMs: 205_000, attempt: 2 });
    expect(done.events?.find((event) => event.kind === 'resumed')?.text).toBe(
      'Resumed after the app was down for 1 h 0 min',
    );
    // The resource's elapsed: CREATE PENDING → ACTIVE took 1 h 3 min 25 s of wall time, of
    // which the app ran 205 s.
    const version = done.resources?.[0];
    const from = version?.transitions[0]?.atMs ?? 0;
    const to = version?.transitions.at(-1)?.atMs ?? 0;
    expect(to - from).toBe(3_805_000);
    expect(jobActiveMsBetween(done, from, to, nowMs)).toBe(205_000);
    // The killed process's registry: stop its timers (its writes never land).
    void first.dispose();
  });

  it('keeps each resource timeline: status transitions, failure reason, and the next poll while waiting', async () => {
    let nowMs = 5_000;
    let gate: () => void = () => undefined;
    const runner: JobRunner = async (context) => {
      const arn = 'arn:aws:personalize:us-east-1:1:solution/s/abc';
      await context.observe({
        arn,
        kind: 'solutionVersion',
        name: 'abc',
        status: 'CREATE PENDING',
      });
      nowMs += 1_000;
      await context.observe({
        arn,
        kind: 'solutionVersion',
        name: 'abc',
        status: 'CREATE PENDING',
      });
      await context.observe({
        arn,
        kind: 'solutionVersion',
        name: 'abc',
        status: 'CREATE IN_PROGRESS',
      });
      await context.willPoll(8_000);
      await new Promise<void>((resolve) => (gate = resolve));
      nowMs += 2_000;
      await context.observe({
        arn,
        kind: 'solutionVersion',
        name: 'abc',
        status: 'CREATE FAILED',
        failureReason: 'Not enough interactions',
      });
    };
    const registry = new JobRegistry({
      store: new MemoryJobStore(),
      runners: { 'solutions.train': runner },
      now: () => nowMs,
    });
    await registry.load();
    const job = await registry.start('solutions.train', 'ws');
    while (registry.get(job.id).nextPollAtMs === undefined) await sleep(2);
    expect(registry.get(job.id).resources).toEqual([
      expect.objectContaining({
        kind: 'solutionVersion',
        nextPollAtMs: 14_000,
        transitions: [
          { status: 'CREATE PENDING', atMs: 5_000 },
          { status: 'CREATE IN_PROGRESS', atMs: 6_000 },
        ],
      }),
    ]);
    gate();
    const done = await registry.whenSettled(job.id);
    expect(done.resources?.[0]).toMatchObject({
      failureReason: 'Not enough interactions',
      transitions: [
        { status: 'CREATE PENDING' },
        { status: 'CREATE IN_PROGRESS' },
        { status: 'CREATE FAILED', atMs: 8_000 },
      ],
    });
    expect(done.resources?.[0]?.nextPollAtMs).toBeUndefined();
    expect(done.nextPollAtMs).toBeUndefined();
  });

  it('the JSON store keeps every job saved concurrently (writes shared, none lost)', async () => {
    const filePath = path.join(directory, 'jobs.json');
    const store = new JsonFileJobStore(filePath);
    await store.loadAll();
    const base: Job = {
      id: '',
      kind: 'datasets.import',
      workspaceId: 'ws',
      params: {},
      state: 'running',
      step: 's',
      progress: { done: 0, total: 0, unit: 'steps' },
      attempt: 1,
      createdAtMs: 1,
      updatedAtMs: 1,
    };
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => store.save({ ...base, id: `job-${index}` })),
    );
    await store.save({ ...base, id: 'job-7', state: 'succeeded' });
    const onDisk = JSON.parse(await readFile(filePath, 'utf8')) as { jobs: Job[] };
    expect(onDisk.jobs).toHaveLength(40);
    expect(onDisk.jobs.find((job) => job.id === 'job-7')?.state).toBe('succeeded');
  });
});
