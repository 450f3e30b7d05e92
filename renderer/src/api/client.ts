import { AppError } from '../../../shared/errors.js';
import type { StudioBridge } from '../../../shared/ipc/bridge.js';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.js';
import type { Envelope } from '../../../shared/ipc/envelope.js';
import { connection } from './connection.js';
import { createHttpBridge, toAppError } from './http-bridge.js';
import { takeToken } from './token.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly studio?: StudioBridge;
  }
}

let bridge: StudioBridge | undefined;
const reconnectListeners = new Set<() => void>();

/**
 * Registers a listener for "push events may have been missed" (the browser host's event
 * stream reconnected); returns the unsubscribe function. Electron's IPC never drops events.
 */
export function onBridgeReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/**
 * The bridge to the application core.
 *
 * `window.studio` under Electron (built by the preload); otherwise an HTTP bridge to the
 * browser host, whose token is taken from `?token=` once and kept in sessionStorage; it
 * reports a lost connection (event stream error, HTTP 401/403) to `connection`.
 * Created once per page.
 */
export function getBridge(): StudioBridge {
  if (bridge !== undefined) return bridge;
  if (window.studio !== undefined) {
    bridge = window.studio;
    return bridge;
  }
  bridge = createHttpBridge({
    origin: window.location.origin,
    token: takeToken(window),
    fetch: window.fetch.bind(window),
    createEventSource:
      typeof EventSource === 'undefined' ? undefined : (url) => new EventSource(url),
    onReconnect: () => {
      connection.markRestored();
      for (const listener of reconnectListeners) listener();
    },
    onConnectionLost: (reason) => connection.markLost(reason),
  });
  return bridge;
}

/** Replaces the bridge (tests, or a host that wants to inject one); `undefined` resets it. */
export function setBridge(next: StudioBridge | undefined): void {
  bridge = next;
}

/**
 * Unwraps an envelope into its value.
 *
 * @throws AppError with the envelope's code and message when `ok` is false.
 */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw toAppError(envelope.error);
}

type AnyCall = (input: unknown) => Promise<Envelope<unknown>>;

/**
 * Calls one contract channel through the bridge and returns its value.
 *
 * @throws AppError with the handler's code and message (`ipc.unknownChannel` when the
 * bridge has no function for the channel).
 */
export async function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const [domain, verb] = channel.split('.') as [string, string];
  const domains = getBridge() as unknown as Record<string, Record<string, AnyCall> | undefined>;
  const fn = domains[domain]?.[verb];
  if (fn === undefined)
    throw new AppError(
      'ipc.unknownChannel',
      `The studio host does not offer ${channel}. Update the app.`,
    );
  return unwrap(await fn(input)) as ChannelOutput<C>;
}

/** Message of anything thrown, for display. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
