import { CHANNELS } from '../../shared/ipc/contract.js';
import { AppError } from '../../shared/errors.js';
import type { EventName, EventPayload } from '../../shared/ipc/events.js';
import type {
  CoreHandlers,
  EventListener,
  HostChannel,
  StudioApp,
} from '../core/app/studio-app.js';

/** A fake {@link StudioApp} for host tests, with an `emit` to push events. */
export interface FakeStudioApp extends StudioApp {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  readonly listenerCount: () => number;
}

/**
 * Builds a {@link FakeStudioApp}: every core channel throws `internal` unless overridden;
 * `workspaces.list` resolves to no workspaces.
 */
export function createFakeStudioApp(overrides: Partial<CoreHandlers> = {}): FakeStudioApp {
  const handlers: Record<string, unknown> = {};
  const hostChannels: readonly string[] = ['app.info', 'data.pickFile'] satisfies HostChannel[];
  for (const channel of CHANNELS) {
    if (hostChannels.includes(channel)) continue;
    handlers[channel] = () =>
      Promise.reject(new AppError('internal', `fake: ${channel} not implemented`));
  }
  handlers['workspaces.list'] = () =>
    Promise.resolve({ workspaces: [], currentId: 'local-sandbox' });
  Object.assign(handlers, overrides);
  const listeners = new Set<EventListener>();
  return {
    handlers: handlers as CoreHandlers,
    sandboxEndpoint: 'http://127.0.0.1:1',
    sandboxCredentials: { accessKeyId: 'PSXFAKE0000000000000', secretAccessKey: 'fake' },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    listenerCount: () => listeners.size,
    dispose: () => Promise.resolve(),
  };
}
