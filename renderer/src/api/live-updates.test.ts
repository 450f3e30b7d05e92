import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { Subscribe } from '../../../shared/ipc/bridge.js';
import type { EventName, EventPayload } from '../../../shared/ipc/events.js';
import type { Job } from '../../../shared/jobs.js';
import { emptyGuideView } from '../test-support/empty-guide-view.js';
import { attachLiveUpdates, upsertJob } from './live-updates.js';
import { queryKeys } from './query-keys.js';

function fakeBus() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on: Subscribe = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  };
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  return { on, emit, count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0) };
}

const base: Job = {
  id: 'j1',
  kind: 'solutions.train',
  workspaceId: 'w1',
  params: {},
  state: 'running',
  step: 'Training',
  progress: { done: 0, total: 2, unit: 'solutions' },
  attempt: 0,
  createdAtMs: 1,
  updatedAtMs: 1,
};

describe('attachLiveUpdates', () => {
  it('replaces the GuideView of the workspace on guide.didChange', () => {
    const bus = fakeBus();
    const client = new QueryClient();
    client.setQueryData(queryKeys.guide('w1'), emptyGuideView());
    attachLiveUpdates(bus, client, vi.fn());
    const next = { ...emptyGuideView(), datasetGroupArn: 'arn:dsg' };
    bus.emit('guide.didChange', { workspaceId: 'w1', view: next });
    expect(client.getQueryData(queryKeys.guide('w1'))).toEqual(next);
  });

  it('replaces jobs by id, appends new ones, and reports each ending once', () => {
    const bus = fakeBus();
    const client = new QueryClient();
    client.setQueryData(queryKeys.jobs('w1'), [base]);
    const ended = vi.fn();
    const detach = attachLiveUpdates(bus, client, ended);
    bus.emit('jobs.didChange', { ...base, progress: { done: 1, total: 2, unit: 'solutions' } });
    expect(
      client.getQueryData<Job[]>(queryKeys.jobs('w1'))?.map((job) => job.progress.done),
    ).toEqual([1]);
    bus.emit('jobs.didChange', { ...base, id: 'j2', kind: 'campaigns.deploy' });
    expect(client.getQueryData<Job[]>(queryKeys.jobs('w1'))?.map((job) => job.id)).toEqual([
      'j1',
      'j2',
    ]);
    expect(client.getQueryData<Job[]>(queryKeys.jobs(undefined))?.map((job) => job.id)).toEqual([
      'j1',
      'j2',
    ]);
    expect(ended).not.toHaveBeenCalled();
    const done: Job = {
      ...base,
      state: 'succeeded',
      progress: { done: 2, total: 2, unit: 'solutions' },
    };
    bus.emit('jobs.didChange', done);
    bus.emit('jobs.didChange', done);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith(done);
    detach();
    expect(bus.count()).toBe(0);
  });
});

describe('a job that ends', () => {
  it("refetches every list of its workspace (a teardown's deleted campaigns leave the Campaigns step), not another workspace's", async () => {
    const bus = fakeBus();
    const client = new QueryClient();
    const reads: string[] = [];
    // Each query has an observer, as a mounted step has: invalidation refetches observed queries.
    const watch = async (key: readonly unknown[]) => {
      const observer = new QueryObserver(client, {
        queryKey: key,
        queryFn: () => {
          reads.push(key.join('/'));
          return 1;
        },
        staleTime: Infinity,
      });
      observer.subscribe(() => undefined);
      await vi.waitFor(() => expect(observer.getCurrentResult().data).toBe(1));
    };
    const keys = [
      ['campaigns', 'w1'],
      ['solutions', 'w1', 3],
      ['filters', 'w1'],
      ['batch', 'w1'],
      queryKeys.inventory('w1'),
      ['campaigns', 'w2'],
      queryKeys.userShortcuts('w1', '/data/interactions.csv'),
    ];
    for (const key of keys) await watch(key);
    reads.length = 0;
    attachLiveUpdates(bus, client, vi.fn());
    bus.emit('jobs.didChange', { ...base, kind: 'inventory.teardown', state: 'succeeded' });
    await vi.waitFor(() => expect(reads.length).toBeGreaterThanOrEqual(5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads.sort()).toEqual([
      'batch/w1',
      'campaigns/w1',
      'filters/w1',
      'inventory/w1',
      'solutions/w1/3',
    ]);
  });
});

describe('upsertJob', () => {
  it('does not mutate the list it is given', () => {
    const list = [base];
    const next = upsertJob(list, { ...base, state: 'failed' });
    expect(list[0]?.state).toBe('running');
    expect(next[0]?.state).toBe('failed');
  });
});
