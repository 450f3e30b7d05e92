import { useSyncExternalStore } from 'react';

/** Why the page lost the studio: the event stream failed, or the host refused the token (401/403). */
export type ConnectionLossReason = 'events' | 'unauthorized';

/** What the page knows of its link to the studio host. */
export interface ConnectionState {
  readonly isLost: boolean;
  readonly reason?: ConnectionLossReason;
}

/** The text of the connection-lost alert (UX: errors say what happened and how to fix it). */
export const CONNECTION_LOST_TEXT =
  'Lost the connection to the studio. If you restarted it, open the new URL it printed (the access token changes at each start).';

const CONNECTED: ConnectionState = { isLost: false };

/**
 * The page's connection state, fed by the HTTP bridge and read with {@link useConnection}.
 *
 * A refused token (`unauthorized`) is final: the page must be opened again with the new URL.
 * A failed event stream is cleared when the event stream opens again.
 */
export class ConnectionStore {
  private state: ConnectionState = CONNECTED;
  private readonly listeners = new Set<() => void>();

  /** Marks the connection lost; an `unauthorized` loss is never replaced by a milder one. */
  markLost(reason: ConnectionLossReason): void {
    if (this.state.reason === 'unauthorized' || this.state.reason === reason) return;
    this.set({ isLost: true, reason });
  }

  /** The event stream is open again: clears a loss unless the token was refused. */
  markRestored(): void {
    if (!this.state.isLost || this.state.reason === 'unauthorized') return;
    this.set(CONNECTED);
  }

  /** Current state. */
  readonly getSnapshot = (): ConnectionState => this.state;

  /** Subscribes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The page's single connection store (the bridge is created once per page too). */
export const connection = new ConnectionStore();

/** Subscribes a component to a {@link ConnectionStore} (the page's one by default). */
export function useConnection(store: ConnectionStore = connection): ConnectionState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
