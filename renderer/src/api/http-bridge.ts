import {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  type SerializedError,
} from '../../../shared/errors.js';
import { buildBridge, type StudioBridge, type Subscribe } from '../../../shared/ipc/bridge.js';
import type { Channel } from '../../../shared/ipc/contract.js';
import type { Envelope } from '../../../shared/ipc/envelope.js';
import { events, type EventName } from '../../../shared/ipc/events.js';

/** What the HTTP bridge needs from the browser: injectable for tests. */
export interface HttpBridgeOptions {
  /** Origin of the browser host, e.g. `http://127.0.0.1:5123`. */
  readonly origin: string;
  /** The per-run token (see token.ts). */
  readonly token: string | undefined;
  readonly fetch: typeof fetch;
  /** Creates the server-sent-events connection; `undefined` disables push events. */
  readonly createEventSource: ((url: string) => EventSource) | undefined;
  /**
   * Called when the event stream opens again after an error: events sent meanwhile were
   * missed, so cached snapshots should be refetched once.
   */
  readonly onReconnect?: () => void;
  /**
   * Called when the link to the host looks lost: the event stream errored (`events`), or the
   * host refused the token with HTTP 401/403 (`unauthorized`: it restarted with a new token).
   */
  readonly onConnectionLost?: (reason: 'events' | 'unauthorized') => void;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : value.ok === false && 'error' in value;
}

/** Turns any error body into a SerializedError with a known code. */
function toSerialized(error: unknown, fallback: string): SerializedError {
  if (typeof error === 'object' && error !== null) {
    const code = 'code' in error ? error.code : undefined;
    const message =
      'message' in error && typeof error.message === 'string' ? error.message : fallback;
    return { code: isErrorCode(code) ? code : 'internal', message };
  }
  return { code: 'internal', message: fallback };
}

/**
 * A {@link StudioBridge} over the browser host: `POST /api/invoke/<channel>` with the token as
 * a bearer header, and one shared `EventSource` on `/api/events?token=T` for push events.
 *
 * Transport failures (host gone, non-JSON answer) resolve to a failure envelope, so callers
 * see one error path. Event payloads are checked against shared/ipc/events.ts before delivery.
 */
export function createHttpBridge(options: HttpBridgeOptions): StudioBridge {
  const call = async (channel: Channel, input: unknown): Promise<Envelope<unknown>> => {
    let response: Response;
    try {
      response = await options.fetch(`${options.origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
        },
        body: JSON.stringify(input ?? {}),
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Could not reach the studio host (${reason}). Is it still running? Restart it and reload this page.`,
        },
      };
    }
    if (response.status === 401 || response.status === 403)
      options.onConnectionLost?.('unauthorized');
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The studio host answered ${response.status} without JSON (${reason}).`,
        },
      };
    }
    if (isEnvelope(body)) return body;
    const fallback =
      response.status === 401 || response.status === 403
        ? 'The studio host refused this page: its token is missing or out of date. Open the address the host printed (with ?token=).'
        : `The studio host answered ${response.status}.`;
    const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : body;
    return { ok: false, error: toSerialized(error, fallback) };
  };

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  const ensureSource = (): void => {
    if (source !== undefined || options.createEventSource === undefined) return;
    const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
    source = options.createEventSource(`${options.origin}/api/events${query}`);
    let hasFailed = false;
    source.onerror = () => {
      hasFailed = true;
      options.onConnectionLost?.('events');
    };
    source.onopen = () => {
      if (hasFailed) options.onReconnect?.();
      hasFailed = false;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch (cause) {
        console.warn('Ignoring a push event that is not JSON', cause);
        return;
      }
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        !('name' in parsed) ||
        !('payload' in parsed)
      )
        return;
      const name = parsed.name;
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(events, name)) return;
      const eventName = name as EventName;
      const checked = events[eventName].safeParse(parsed.payload);
      if (!checked.success) {
        console.warn(`Ignoring a malformed ${eventName} event`, checked.error.message);
        return;
      }
      for (const listener of listeners.get(eventName) ?? []) listener(checked.data);
    };
  };

  const on: Subscribe = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    ensureSource();
    return () => {
      set.delete(wrapped);
    };
  };

  return buildBridge(call, on);
}

/** Builds an AppError from a serialized error (unknown codes become `internal`). */
export function toAppError(error: SerializedError): AppError {
  const code = isErrorCode(error.code) ? error.code : 'internal';
  return new AppError(
    code,
    error.message,
    error.details === undefined ? undefined : { details: error.details },
  );
}
