import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { Handlers } from '../core/app/studio-app.js';
import { bindHandlers, missingHandlers } from './bind-handlers.js';
import { browserHostHandlers } from './host-handlers.js';
import { createFakeStudioApp } from './test-support.js';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return { ...createFakeStudioApp().handlers, ...browserHostHandlers('1.2.3'), ...overrides };
}

describe('bindHandlers', () => {
  it('fails at bind time when a channel has no handler', () => {
    const incomplete = handlers() as Partial<Handlers>;
    delete incomplete['datasets.import'];
    expect(missingHandlers(incomplete)).toEqual(['datasets.import']);
    expect(() => bindHandlers(incomplete as Handlers)).toThrow(/datasets\.import/);
  });

  it('runs the handler with parsed input (defaults applied) and wraps the value', async () => {
    let seen: unknown;
    const invoke = bindHandlers(
      handlers({
        'recommendations.recommend': (input) => {
          seen = input;
          return Promise.resolve({ userId: input.userId, items: [] });
        },
      }),
    );
    await expect(
      invoke('recommendations.recommend', { workspaceId: 'w', userId: 'u' }),
    ).resolves.toEqual({ ok: true, value: { userId: 'u', items: [] } });
    expect(seen).toEqual({ workspaceId: 'w', userId: 'u', numResults: 25 });
  });

  it('refuses unknown channels and prototype keys', async () => {
    const invoke = bindHandlers(handlers());
    for (const channel of ['nope.nope', '__proto__', 'constructor', 'toString']) {
      const envelope = await invoke(channel, {});
      expect(envelope.ok ? undefined : envelope.error.code).toBe('ipc.unknownChannel');
    }
  });

  it('returns input.invalid naming the field', async () => {
    const invoke = bindHandlers(handlers());
    const envelope = await invoke('jobs.cancel', { jobId: 42 });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('input.invalid');
      expect(envelope.error.message).toContain('jobId');
    }
  });

  it('keeps AppError codes and hides other errors behind internal', async () => {
    const invoke = bindHandlers(
      handlers({
        'jobs.cancel': () =>
          Promise.reject(new AppError('job.notFound', 'No job j1.', { details: { jobId: 'j1' } })),
        'jobs.list': () => Promise.reject(new TypeError('boom')),
      }),
    );
    await expect(invoke('jobs.cancel', { jobId: 'j1' })).resolves.toEqual({
      ok: false,
      error: { code: 'job.notFound', message: 'No job j1.', details: { jobId: 'j1' } },
    });
    await expect(invoke('jobs.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });

  it('checks outputs against the contract when asked, and strips unknown fields', async () => {
    const bad = handlers({
      'jobs.cancel': () => Promise.resolve({ secret: 'x' } as unknown as Record<string, never>),
    });
    const checked = await bindHandlers(bad, { validateOutput: true })('jobs.cancel', {
      jobId: 'j',
    });
    expect(checked).toEqual({ ok: true, value: {} });
    const wrong = handlers({
      'workspaces.list': () =>
        Promise.resolve('nope' as unknown as { workspaces: []; currentId: string }),
    });
    const envelope = await bindHandlers(wrong, { validateOutput: true })('workspaces.list', {});
    expect(envelope.ok ? undefined : envelope.error.code).toBe('internal');
    const unchecked = await bindHandlers(wrong, { validateOutput: false })('workspaces.list', {});
    expect(unchecked).toEqual({ ok: true, value: 'nope' });
  });

  it('serves the browser host channels', async () => {
    const invoke = bindHandlers(handlers());
    await expect(invoke('app.info', {})).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', host: 'browser', canPickFilesNatively: false },
    });
    await expect(invoke('data.pickFile', { title: 'Pick' })).resolves.toEqual({
      ok: true,
      value: {},
    });
  });
});
