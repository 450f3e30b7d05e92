import { describe, expect, it, vi } from 'vitest';
import { ConnectionStore } from './connection.js';
import { createHttpBridge } from './http-bridge.js';

class FakeEventSource {
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  onopen: (() => void) | null = null;
  constructor(readonly url: string) {}
}

describe('ConnectionStore', () => {
  it('is lost after an event stream error, and restored when the stream opens again', () => {
    const store = new ConnectionStore();
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.getSnapshot().isLost).toBe(false);
    store.markLost('events');
    expect(store.getSnapshot()).toEqual({ isLost: true, reason: 'events' });
    store.markRestored();
    expect(store.getSnapshot().isLost).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('stays lost after a refused token (401/403), whatever happens next', () => {
    const store = new ConnectionStore();
    store.markLost('unauthorized');
    store.markLost('events');
    store.markRestored();
    expect(store.getSnapshot()).toEqual({ isLost: true, reason: 'unauthorized' });
  });
});

describe('HTTP bridge connection loss', () => {
  it('reports 401 and 403 answers as unauthorized, other failures not', async () => {
    const onConnectionLost = vi.fn();
    for (const status of [401, 403, 500]) {
      const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
        new Response(
          JSON.stringify({
            ok: false,
            error: { code: 'internal', message: 'Missing or wrong token' },
          }),
          { status },
        ),
      );
      const bridge = createHttpBridge({
        origin: '',
        token: 'old',
        fetch: fetchMock,
        createEventSource: undefined,
        onConnectionLost,
      });
      expect((await bridge.jobs.list({})).ok).toBe(false);
    }
    expect(onConnectionLost.mock.calls).toEqual([['unauthorized'], ['unauthorized']]);
  });

  it('reports an event stream error, and a reopened stream as a reconnect', () => {
    const sources: FakeEventSource[] = [];
    const onConnectionLost = vi.fn();
    const onReconnect = vi.fn();
    const bridge = createHttpBridge({
      origin: '',
      token: 'T',
      fetch: vi.fn<typeof fetch>(),
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source as unknown as EventSource;
      },
      onConnectionLost,
      onReconnect,
    });
    bridge.on('jobs.didChange', () => undefined);
    sources[0]?.onerror?.();
    expect(onConnectionLost).toHaveBeenCalledWith('events');
    sources[0]?.onopen?.();
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });
});
