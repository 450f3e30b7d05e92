import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../shared/ipc/contract.js';
import type { EventName, EventPayload } from '../../shared/ipc/events.js';
import type { SandboxCredentials } from './aws/client-factory.js';

/** Channels whose handler depends on the host (native dialog, host kind). */
export type HostChannel = 'app.info' | 'files.pick';

/** A handler per channel: takes the parsed input, resolves to the output or throws AppError. */
export type Handlers<C extends Channel = Channel> = {
  [K in C]: (input: z.output<Contract[K]['input']>) => Promise<ChannelOutput<K>>;
};

/** The handlers the core serves; the host adds {@link HostChannel}. */
export type CoreHandlers = Handlers<Exclude<Channel, HostChannel>>;

/** Listener of push events; see shared/ipc/events.ts. */
export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * The application core as one object, created once per host process (Electron main, browser
 * host, tests). It owns the embedded Local sandbox, the workspace store and the job registry.
 */
export interface StudioApp {
  readonly handlers: CoreHandlers;
  /** Endpoint of the embedded Local sandbox, e.g. `http://127.0.0.1:43127`. */
  readonly sandboxEndpoint: string;
  /**
   * The per-launch credentials the embedded sandbox accepts (it refuses any other access key
   * id with 403). Main process only, for in-process callers such as tests: never send them to
   * the renderer, write them to workspace files or put them in logs and errors.
   */
  readonly sandboxCredentials: SandboxCredentials;
  /** Subscribes to push events; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Stops pollers, flushes the job store, closes the sandbox. */
  dispose(): Promise<void>;
}

/** Options of `createStudioApp` (electron/core/create-studio-app.ts). */
export interface StudioAppOptions {
  /** Directory for workspaces, jobs and the sandbox's state (e.g. Electron's userData). */
  readonly userDataDir: string;
  /** Sandbox timing profile: `fast` (sub-second transitions, tests) or `realistic`. */
  readonly sandboxTiming?: 'fast' | 'realistic';
  /**
   * Folder holding `online-retail-uci/` (the bundled sample). Default: `samples/` of the
   * source tree, resolved from this module; packaged builds pass e.g. `resources/samples`.
   */
  readonly samplesDir?: string;
  /**
   * Structured log sink of the core (one line per job state change, with `jobId`, `kind`,
   * `step`); never receives credentials or payloads. Default: no logging.
   */
  readonly log?: (message: string, fields: Readonly<Record<string, string>>) => void;
}
