import { ipcMain, type WebContents } from 'electron';
import { CHANNELS } from '../../../shared/ipc/contract.js';
import type { EventName, EventPayload } from '../../../shared/ipc/events.js';
import type { Handlers, StudioApp } from '../../core/app/studio-app.js';
import { bindHandlers } from '../../host/bind-handlers.js';
import type { TrustedSenders } from '../sender-guard.js';
import { createIpcHandler, IPC_EVENT_CHANNEL, ipcChannelOf } from './ipc-handler.js';

/**
 * Binds every contract channel to `ipcMain.handle('studio:<channel>')`: the only place that
 * imports `ipcMain`. Each call is checked against `trusted` before its input is parsed.
 * Returns a function that removes the handlers.
 *
 * @throws Error at startup when a contract channel has no handler.
 */
export function registerIpc(handlers: Handlers, trusted: TrustedSenders): () => void {
  const invoke = bindHandlers(handlers);
  for (const channel of CHANNELS)
    ipcMain.handle(ipcChannelOf(channel), createIpcHandler(channel, invoke, trusted));
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannelOf(channel));
  };
}

/**
 * Forwards the app's push events to a window's webContents, skipping it once destroyed.
 * Returns the unsubscribe function.
 */
export function forwardEvents(app: StudioApp, target: () => WebContents | undefined): () => void {
  return app.onEvent(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    const contents = target();
    if (contents === undefined || contents.isDestroyed()) return;
    contents.send(IPC_EVENT_CHANNEL, { name, payload });
  });
}
