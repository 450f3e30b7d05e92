import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { CHANNELS } from '../../shared/ipc/contract.js';
import { bindHandlers } from '../host/bind-handlers.js';
import { browserHostHandlers } from '../host/host-handlers.js';
import { createFakeStudioApp } from '../host/test-support.js';
import { createIpcHandler, ipcChannelOf, type InvokeEventLike } from './ipc/ipc-handler.js';
import { isTrustedSender, TrustedSenders } from './sender-guard.js';

function event(id: number, url: string | null, isMainFrame = true): InvokeEventLike {
  return {
    sender: { id },
    senderFrame: url === null ? null : { url, parent: isMainFrame ? null : {} },
  };
}

describe('isTrustedSender', () => {
  const trusted = new TrustedSenders();
  trusted.add(1);

  it('accepts our window, top frame, our origin', () => {
    expect(
      isTrustedSender(
        { webContentsId: 1, frameUrl: 'app://studio/index.html', isMainFrame: true },
        trusted,
      ),
    ).toBe(true);
  });

  it('refuses unknown ids, sub-frames, foreign origins and missing frames', () => {
    expect(
      isTrustedSender(
        { webContentsId: 2, frameUrl: 'app://studio/index.html', isMainFrame: true },
        trusted,
      ),
    ).toBe(false);
    expect(
      isTrustedSender(
        { webContentsId: 1, frameUrl: 'app://studio/index.html', isMainFrame: false },
        trusted,
      ),
    ).toBe(false);
    expect(
      isTrustedSender(
        { webContentsId: 1, frameUrl: 'https://evil.example/', isMainFrame: true },
        trusted,
      ),
    ).toBe(false);
    expect(
      isTrustedSender({ webContentsId: 1, frameUrl: undefined, isMainFrame: true }, trusted),
    ).toBe(false);
    const later = new TrustedSenders();
    later.add(5);
    later.remove(5);
    expect(
      isTrustedSender({ webContentsId: 5, frameUrl: 'app://studio/', isMainFrame: true }, later),
    ).toBe(false);
  });
});

describe('createIpcHandler', () => {
  const handlers = { ...createFakeStudioApp().handlers, ...browserHostHandlers('1.0.0') };
  let called = 0;
  const invoke = bindHandlers(handlers);
  const counting: typeof invoke = (channel, input) => {
    called += 1;
    return invoke(channel, input);
  };
  const trusted = new TrustedSenders();
  trusted.add(7);

  it('rejects an untrusted sender on every channel before parsing', async () => {
    for (const channel of CHANNELS) {
      const handler = createIpcHandler(channel, counting, trusted);
      for (const untrusted of [
        event(8, 'app://studio/index.html'),
        event(7, 'https://evil.example/'),
        event(7, 'app://studio/', false),
        event(7, null),
      ]) {
        const envelope = await handler(untrusted, { garbage: true });
        expect(envelope, channel).toEqual({
          ok: false,
          error: expect.objectContaining({ code: 'ipc.untrustedSender' }) as unknown,
        });
      }
    }
    expect(called).toBe(0);
  });

  it('serves the trusted window through the binding', async () => {
    const handler = createIpcHandler('app.info', counting, trusted);
    await expect(handler(event(7, 'app://studio/index.html'), {})).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', host: 'browser', canPickFilesNatively: false },
    });
    const invalid = await createIpcHandler(
      'jobs.cancel',
      counting,
      trusted,
    )(event(7, 'app://studio/'), {});
    expect(invalid.ok ? '' : invalid.error.code).toBe('input.invalid');
    expect(ipcChannelOf('datasets.import')).toBe('studio:datasets.import');
    expect(new AppError('internal', 'x').code).toBe('internal');
  });
});
