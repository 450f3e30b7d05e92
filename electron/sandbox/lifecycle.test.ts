import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAST,
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
