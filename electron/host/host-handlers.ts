import type { Handlers, HostChannel } from '../core/studio-app.js';

/**
 * Host channels of the browser host: `app.info` says `browser` and that there is no native
 * file dialog; `files.pick` returns `{}` so the renderer falls back to its `files.list`
 * file browser.
 */
export function browserHostHandlers(version: string): Handlers<HostChannel> {
  return {
    'app.info': () => Promise.resolve({ version, host: 'browser' as const, canPickFilesNatively: false }),
    'files.pick': () => Promise.resolve({}),
  };
}
