import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FAST,
  holdRemainingMs,
  Lifecycle,
  MAX_SPEED,
  REALISTIC,
  remainingMs,
  statusDurationMs,
  timingOf,
  type Timing,
} from './lifecycle.js';
import type { SandboxResource } from './resources.js';
import { SandboxStore } from './store.js';

const MINUTE_MS = 60_000;
/** The real timer, kept before any test fakes the clock. */
const realSetTimeout = globalThis.setTimeout;

/** A resource of `kind` (and ARN `type` for modelled ones) in `status` since `updatedAtMs`. */
function resource(
  kind: SandboxResource['kind'],
  status: string,
  updatedAtMs: number,
  type = 'filter',
): SandboxResource {
  return {
    kind,
    type,
    arn: `arn:aws:personalize:us-east-1:123456789012:${kind}/test`,
    region: 'us-east-1',
    name: 'test',
    createdAtMs: updatedAtMs,
    updatedAtMs,
    status,
  } as unknown as SandboxResource;
}

/** Total create time of a kind: one pending step plus its in-progress step. */
function createTotalMs(timing: Timing, kind: SandboxResource['kind'], type?: string): number {
  const probe = resource(kind, 'CREATE PENDING', 0, type);
  return (
    statusDurationMs(timing, probe, 'CREATE PENDING') +
    statusDurationMs(timing, probe, 'CREATE IN_PROGRESS')
  );
}

describe('timing profiles', () => {
  it("realistic at speed 1 takes AWS's recorded durations: import 15 min, training 50 min, campaign 10 min", () => {
    const timing = timingOf('realistic');
    expect(timing).toEqual(REALISTIC);
    expect(createTotalMs(timing, 'datasetImportJob')).toBe(15 * MINUTE_MS);
    expect(createTotalMs(timing, 'solutionVersion')).toBe(50 * MINUTE_MS);
    expect(createTotalMs(timing, 'campaign')).toBe(10 * MINUTE_MS);
    expect(createTotalMs(timing, 'datasetGroup')).toBe(2 * MINUTE_MS);
    expect(createTotalMs(timing, 'modelled', 'batch-inference-job')).toBe(15 * MINUTE_MS);
    expect(createTotalMs(timing, 'modelled', 'recommender')).toBe(60 * MINUTE_MS);
    expect(createTotalMs(timing, 'modelled', 'filter')).toBe(2 * MINUTE_MS);
  });

  it('a speed factor divides every delay: at 60 an import takes 15 s, a training 50 s, a campaign 10 s', () => {
    const timing = timingOf('realistic', 60);
    expect(createTotalMs(timing, 'datasetImportJob')).toBe(15_000);
    expect(createTotalMs(timing, 'solutionVersion')).toBe(50_000);
    expect(createTotalMs(timing, 'campaign')).toBe(10_000);
    expect(timing.pendingMs).toBe(1_000);
    // Deletions: the same 5 s for every kind (1 s pending, 4 s in progress).
    for (const kind of ['campaign', 'solution', 'datasetGroup', 'modelled'] as const) {
      const probe = resource(kind, 'DELETE PENDING', 0, 'event-tracker');
      expect(
        statusDurationMs(timing, probe, 'DELETE PENDING') +
          statusDurationMs(timing, probe, 'DELETE IN_PROGRESS'),
      ).toBe(5_000);
    }
  });

  it('never goes below the fast profile, so the first Describe after a Create is still CREATE PENDING', () => {
    const timing = timingOf('realistic', MAX_SPEED);
    expect(timing.pendingMs).toBe(FAST.pendingMs);
    expect(timing.inProgressMs).toBe(FAST.inProgressMs);
    expect(timing.deleteInProgressMs).toBe(FAST.deleteInProgressMs);
    for (const value of Object.values(timing.createInProgressMs))
      expect(value).toBe(FAST.inProgressMs);
    expect(timingOf('fast')).toEqual(FAST);
  });

  it('refuses a speed outside 1..100000, and any speed factor with fast', () => {
    for (const speed of [0, 0.5, -3, Number.NaN, Number.POSITIVE_INFINITY, MAX_SPEED + 1])
      expect(() => timingOf('realistic', speed)).toThrow(RangeError);
    expect(() => timingOf('fast', 60)).toThrow('realistic profile only');
  });

  it('counts a step from when the resource entered its status (a restart keeps the schedule)', () => {
    const timing = timingOf('realistic', 60);
    const enteredAtMs = 1_000_000;
    const importing = resource('datasetImportJob', 'CREATE IN_PROGRESS', enteredAtMs);
    expect(remainingMs(timing, importing, enteredAtMs)).toBe(14_000);
    expect(remainingMs(timing, importing, enteredAtMs + 10_000)).toBe(4_000);
    expect(remainingMs(timing, importing, enteredAtMs + 60_000)).toBe(0);
    const stopping = resource('modelled', 'STOP PENDING', enteredAtMs, 'recommender');
    expect(remainingMs(timing, stopping, enteredAtMs + 250)).toBe(750);
    expect(remainingMs(timing, resource('campaign', 'ACTIVE', enteredAtMs), enteredAtMs)).toBe(0);
  });
});

describe('Lifecycle.resume', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('finishes a step that was already due when the sandbox stopped instead of starting it over', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lifecycle-test-'));
    dirs.push(dir);
    const store = new SandboxStore(dir);
    await store.load();
    // Entered CREATE IN_PROGRESS an hour ago under AWS's own durations (a 50-min training):
    // restarting the step would keep it IN_PROGRESS for another 49 min.
    const version = resource('solutionVersion', 'CREATE IN_PROGRESS', Date.now() - 60 * MINUTE_MS);
    store.put(version);
    await store.persist();
    const lifecycle = new Lifecycle(store, timingOf('realistic'), {
      createWork: {},
      onDeleted: () => Promise.resolve(),
    });
    try {
      lifecycle.resume();
      for (let tries = 0; version.status !== 'ACTIVE' && tries < 200; tries++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(version.status).toBe('ACTIVE');
      await store.persist();
      const reloaded = new SandboxStore(dir);
      await reloaded.load();
      expect(reloaded.getAny(version.arn)?.status).toBe('ACTIVE');
    } finally {
      await lifecycle.close();
    }
  });
});

describe('Lifecycle holds each status until a client has seen it (SPEC §0.3, §2.2)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  /** A fake clock (timers and Date) and a real store in a temp dir with one resource in `status`. */
  async function setUp(status: string): Promise<{
    store: SandboxStore;
    lifecycle: Lifecycle;
    subject: SandboxResource;
  }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lifecycle-hold-'));
    dirs.push(dir);
    const store = new SandboxStore(dir);
    await store.load();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const subject = resource('datasetGroup', status, Date.now());
    store.put(subject);
    await store.persist();
    const lifecycle = new Lifecycle(store, FAST, {
      createWork: {},
      onDeleted: () => Promise.resolve(),
    });
    return { store, lifecycle, subject };
  }

  /** Moves the fake clock by `ms` and lets the state file writes (real I/O) finish. */
  async function advance(ms: number): Promise<void> {
    for (let left = ms; left >= 0; left -= 10) {
      await vi.advanceTimersByTimeAsync(Math.min(10, left));
      // Real file writes: give them real time to land before the clock moves on.
      for (let turn = 0; turn < 3; turn++)
        await new Promise((resolve) => realSetTimeout(resolve, 1));
      if (left === 0) break;
    }
  }

  /** What a Describe answers now: the status, recorded as seen. */
  function describeNow(lifecycle: Lifecycle, subject: SandboxResource): string {
    lifecycle.observe(subject);
    return subject.status;
  }

  it('a Describe 500 ms after a Create on fast still sees CREATE PENDING, the next IN_PROGRESS, then ACTIVE', async () => {
    const { lifecycle, subject } = await setUp('CREATE PENDING');
    try {
      lifecycle.startCreate(subject);
      await advance(500);
      expect(describeNow(lifecycle, subject)).toBe('CREATE PENDING');
      await advance(10);
      expect(describeNow(lifecycle, subject)).toBe('CREATE IN_PROGRESS');
      await advance(FAST.inProgressMs + 10);
      expect(describeNow(lifecycle, subject)).toBe('ACTIVE');
    } finally {
      await lifecycle.close();
    }
  });

  it('keeps CREATE IN_PROGRESS for a client that saw CREATE PENDING until it polls again, capped', async () => {
    const { lifecycle, subject } = await setUp('CREATE PENDING');
    try {
      lifecycle.startCreate(subject);
      await advance(FAST.pendingMs + 10);
      expect(describeNow(lifecycle, subject)).toBe('CREATE PENDING');
      // The client's next poll comes late: IN_PROGRESS is still what it sees, then ACTIVE.
      await advance(1_000);
      expect(subject.status).toBe('CREATE IN_PROGRESS');
      expect(describeNow(lifecycle, subject)).toBe('CREATE IN_PROGRESS');
      await advance(10);
      expect(describeNow(lifecycle, subject)).toBe('ACTIVE');

      // A client that stops polling: the hold ends at the cap after entering IN_PROGRESS.
      subject.status = 'CREATE PENDING';
      subject.updatedAtMs = Date.now();
      lifecycle.startCreate(subject);
      await advance(10);
      expect(describeNow(lifecycle, subject)).toBe('CREATE PENDING');
      await advance(FAST.pendingMs);
      expect(subject.status).toBe('CREATE IN_PROGRESS');
      expect(holdRemainingMs(FAST, subject, Date.now())).toBeGreaterThan(1_800);
      await advance(FAST.holdCapMs - 100);
      expect(subject.status).toBe('CREATE IN_PROGRESS');
      await advance(200);
      expect(subject.status).toBe('ACTIVE');
    } finally {
      await lifecycle.close();
    }
  });

  it('a resource nobody describes still becomes ACTIVE after the cap (2 s on fast)', async () => {
    const { lifecycle, subject } = await setUp('CREATE PENDING');
    try {
      expect(FAST.holdCapMs).toBe(2_000);
      lifecycle.startCreate(subject);
      await advance(FAST.holdCapMs - 100);
      expect(subject.status).toBe('CREATE PENDING');
      await advance(200);
      expect(subject.status).toBe('CREATE IN_PROGRESS');
      // Nobody saw CREATE PENDING, so IN_PROGRESS takes only its own delay.
      await advance(FAST.inProgressMs + 10);
      expect(subject.status).toBe('ACTIVE');
    } finally {
      await lifecycle.close();
    }
  });

  it('a delete shows DELETE PENDING then DELETE IN_PROGRESS to a polling client before the resource is gone', async () => {
    const { store, lifecycle, subject } = await setUp('DELETE PENDING');
    try {
      lifecycle.startDelete(subject);
      await advance(1_000);
      expect(describeNow(lifecycle, subject)).toBe('DELETE PENDING');
      await advance(1_000);
      expect(describeNow(lifecycle, subject)).toBe('DELETE IN_PROGRESS');
      expect(store.getAny(subject.arn)).toBe(subject);
      await advance(10);
      expect(store.getAny(subject.arn)).toBeUndefined();
    } finally {
      await lifecycle.close();
    }
  });

  it('a stop sequence shows STOP PENDING and STOP IN_PROGRESS to a polling client before INACTIVE', async () => {
    const { lifecycle, subject } = await setUp('STOP PENDING');
    try {
      lifecycle.startTransition(subject);
      await advance(1_000);
      expect(describeNow(lifecycle, subject)).toBe('STOP PENDING');
      await advance(1_000);
      expect(describeNow(lifecycle, subject)).toBe('STOP IN_PROGRESS');
      await advance(10);
      expect(subject.status).toBe('INACTIVE');
    } finally {
      await lifecycle.close();
    }
  });

  it('realistic at speed 60 holds up to 2 s, never below the fast cap', () => {
    expect(timingOf('realistic', 60).holdCapMs).toBe(2_000);
    expect(timingOf('realistic', MAX_SPEED).holdCapMs).toBe(FAST.holdCapMs);
    expect(REALISTIC.holdCapMs).toBe(2 * MINUTE_MS);
  });
});
