import type { SerializedError } from '../errors.js';

/**
 * What every handler returns across IPC/HTTP: Electron's `handle()` keeps only `message` of a
 * thrown error, so failures travel as values (STYLE.md §2, IPC contract 4). Built only by the
 * handler binding, never by hand.
 */
export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SerializedError };
