import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Job } from '../../../shared/jobs.js';
import { setBridge, invoke, unwrap } from './client.js';
import { createHttpBridge } from './http-bridge.js';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

class FakeEventSource {
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  onopen: (() => void) | null = null;
  constructor(readonly url: string) {}
  emit(data: unknown): void {
    this.onmessage?.(
      new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }),
    );
  }
}

const job: Job = {
  id: 'j1',
  kind: 'datasets.import',
  workspaceId: 'w1',
  params: {},
  state: 'running',
  step: 'Importing interactions',
  progress: { done: 1, total: 4, unit: 'steps' },
  attempt: 0,
  createdAtMs: 1,
  updatedAtMs: 2,
};

describe('HTTP bridge', () => {
  it('posts the input to /api/invoke/<channel> with the bearer token and returns the envelope', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValue(jsonResponse(200, { ok: true, value: { jobId: 'j1' } }));
    const bridge = createHttpBridge({
      origin: 'http://127.0.0.1:9',
      token: 'T',
      fetch: fetchMock,
      createEventSource: undefined,
    });
    const envelope = await bridge.datasets.import({ workspaceId: 'w1' });
    expect(envelope).toEqual({ ok: true, value: { jobId: 'j1' } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://127.0.0.1:9/api/invoke/datasets.import');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer T');
    expect(JSON.parse(init?.body as string)).toEqual({ workspaceId: 'w1' });
  });

  it('passes failure envelopes through with their code', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
      jsonResponse(200, {
        ok: false,
        error: { code: 'guide.notReady', message: 'Import the data first.' },
      }),
    );
    const bridge = createHttpBridge({
      origin: '',
      token: 'T',
      fetch: fetchMock,
      createEventSource: undefined,
    });
    const envelope = await bridge.solutions.train({
      workspaceId: 'w1',
      recipes: ['aws-popularity-count'],
    });
    expect(() => unwrap(envelope)).toThrow(AppError);
    expect(() => unwrap(envelope)).toThrow('Import the data first.');
  });

  it('turns a refused token and an unreachable host into failure envelopes', async () => {
    const refused = createHttpBridge({
      origin: '',
      token: 'bad',
      fetch: vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(401, { message: 'nope' })),
      createEventSource: undefined,
    });
    const refusal = await refused.app.info({});
    expect(refusal.ok).toBe(false);
    const down = createHttpBridge({
      origin: '',
      token: 'T',
      fetch: vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')),
      createEventSource: undefined,
    });
    const failure = await down.app.info({});
    expect(failure).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failure.ok ? '' : failure.error.message).toContain('Could not reach the studio host');
  });

  it('opens one event stream with the token and delivers only valid events to their listeners', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sources: FakeEventSource[] = [];
    const bridge = createHttpBridge({
      origin: 'http://h',
      token: 'T',
      fetch: vi.fn<typeof fetch>(),
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source as unknown as EventSource;
      },
    });
    const jobs: Job[] = [];
    const off = bridge.on('jobs.didChange', (payload) => jobs.push(payload));
    const guideListener = vi.fn();
    bridge.on('guide.didChange', guideListener);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.url).toBe('http://h/api/events?token=T');
    sources[0]?.emit({ name: 'jobs.didChange', payload: job });
    sources[0]?.emit({ name: 'jobs.didChange', payload: { id: 'broken' } });
    sources[0]?.emit('not json');
    sources[0]?.emit({ name: 'unknown.event', payload: {} });
    expect(jobs).toEqual([job]);
    expect(guideListener).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    off();
    sources[0]?.emit({ name: 'jobs.didChange', payload: job });
    expect(jobs).toHaveLength(1);
  });
});

describe('event stream reconnection', () => {
  it('reports a reopen after an error, not the first open', () => {
    let source: FakeEventSource | undefined;
    const onReconnect = vi.fn();
    const bridge = createHttpBridge({
      origin: '',
      token: 'T',
      fetch: vi.fn<typeof fetch>(),
      createEventSource: (url) => {
        source = new FakeEventSource(url);
        return source as unknown as EventSource;
      },
      onReconnect,
    });
    bridge.on('guide.didChange', () => undefined);
    source?.onopen?.();
    expect(onReconnect).not.toHaveBeenCalled();
    source?.onerror?.();
    source?.onopen?.();
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });
});

describe('invoke', () => {
  it('unwraps values and throws AppError with the code of failures', async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(
        jsonResponse(200, {
          ok: true,
          value: { version: '1', host: 'browser', canPickFilesNatively: false },
        }),
      )
      .mockResolvedValueOnce(
        jsonResponse(200, { ok: false, error: { code: 'file.notFound', message: 'No such file' } }),
      );
    setBridge(
      createHttpBridge({ origin: '', token: 'T', fetch: fetchMock, createEventSource: undefined }),
    );
    await expect(invoke('app.info', {})).resolves.toMatchObject({ host: 'browser' });
    const failure = invoke('data.preview', { path: '/x.csv', datasetType: 'interactions' });
    await expect(failure).rejects.toMatchObject({ code: 'file.notFound', message: 'No such file' });
    setBridge(undefined);
  });
});
