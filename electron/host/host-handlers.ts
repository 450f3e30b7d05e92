import type { Handlers, HostChannel } from '../core/app/studio-app.js';

/**
 * Host channels of the browser host: `app.info` says `browser` and that there is no native
 * file dialog; `data.pickFile` returns `{}` so the renderer falls back to its `data.listDirectory`
 * file browser.
 */
export function browserHostHandlers(version: string): Handlers<HostChannel> {
  return {
    'app.info': () =>
      Promise.resolve({ version, host: 'browser' as const, canPickFilesNatively: false }),
    'data.pickFile': () => Promise.resolve({}),
  };
}
