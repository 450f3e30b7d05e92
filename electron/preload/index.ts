import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge, type CallTransport, type Subscribe } from '../../shared/ipc/bridge.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { isEventMessage } from './event-message.js';

// Mirrors electron/main/ipc/ipc-handler.ts; not imported from there so that the bundle stays small.
const CHANNEL_PREFIX = 'studio:';
const EVENT_CHANNEL = 'studio:event';

const call: CallTransport = (channel, input) =>
  ipcRenderer.invoke(`${CHANNEL_PREFIX}${channel}`, input) as Promise<Envelope<unknown>>;

const on: Subscribe = (name, listener) => {
  const relay = (_event: IpcRendererEvent, message: unknown): void => {
    if (isEventMessage(message) && message.name === name)
      listener(message.payload as Parameters<typeof listener>[0]);
  };
  ipcRenderer.on(EVENT_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  };
};

contextBridge.exposeInMainWorld('studio', buildBridge(call, on));
