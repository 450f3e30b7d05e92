import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract.js';
import type { StudioBridge } from '../../shared/ipc/bridge.js';

type Relay = (event: unknown, message: unknown) => void;

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<Relay>>();
const invoke = vi.fn((channel: string, input: unknown) =>
  Promise.resolve({ ok: true, value: { channel, input } }),
);

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, relay: Relay) => {
      const set = listeners.get(channel) ?? new Set<Relay>();
      set.add(relay);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, relay: Relay) => listeners.get(channel)?.delete(relay),
  },
}));

function emit(message: unknown): void {
  for (const relay of listeners.get('studio:event') ?? []) relay({}, message);
}

let studio: StudioBridge;
beforeAll(async () => {
  await import('./index.js');
  studio = exposed.get('studio') as StudioBridge;
});

describe('preload', () => {
  it('exposes only window.studio: one frozen function per channel plus on', () => {
    expect([...exposed.keys()]).toEqual(['studio']);
    expect(Object.isFrozen(studio)).toBe(true);
    const domains = [...new Set(CHANNELS.map((channel) => channel.split('.')[0]))].sort();
    expect(Object.keys(studio).sort()).toEqual([...domains, 'on'].sort());
    const functions = Object.entries(studio)
      .filter(([key]) => key !== 'on')
      .flatMap(([domain, verbs]) => Object.keys(verbs as object).map((verb) => `${domain}.${verb}`))
      .sort();
    expect(functions).toEqual([...CHANNELS].sort());
  });

  it('calls ipcRenderer.invoke on studio:<channel>', async () => {
    await expect(studio.jobs.cancel({ jobId: 'j1' })).resolves.toEqual({
      ok: true,
      value: { channel: 'studio:jobs.cancel', input: { jobId: 'j1' } },
    });
    expect(invoke).toHaveBeenCalledWith('studio:jobs.cancel', { jobId: 'j1' });
  });

  it('delivers matching events and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = studio.on('guide.didChange', (payload) => seen.push(payload));
    emit({ name: 'jobs.didChange', payload: 1 });
    emit({ name: 'guide.didChange', payload: 2 });
    emit('garbage');
    unsubscribe();
    emit({ name: 'guide.didChange', payload: 3 });
    expect(seen).toEqual([2]);
    expect(listeners.get('studio:event')?.size).toBe(0);
  });
});
