import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../../shared/ipc/contract.js';
import type { EventName, EventPayload } from '../../../shared/ipc/events.js';
import type { SandboxCredentials } from '../aws/client-factory.js';
import type { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import type { JobRegistry } from '../jobs/job-registry.js';

/** Channels whose handler depends on the host (native dialog, host kind). */
export type HostChannel = 'app.info' | 'data.pickFile';

/** A handler per channel: takes the parsed input, resolves to the output or throws AppError. */
export type Handlers<C extends Channel = Channel> = {
  [K in C]: (input: z.output<Contract[K]['input']>) => Promise<ChannelOutput<K>>;
};

/** The handlers the core serves; the host adds {@link HostChannel}. */
export type CoreHandlers = Handlers<Exclude<Channel, HostChannel>>;

/** Listener of push events; see shared/ipc/events.ts. */
export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Structured log sink: one line per job state change (`jobId`, `kind`, `step`), never credentials or payloads. */
export type StudioLog = (message: string, fields: Readonly<Record<string, string>>) => void;

/**
 * The application core as one object, created once per host process (Electron main, browser
 * host, CLI, tests) by `createStudioApp`. It owns the embedded Local sandbox, the workspace
 * registry and the job registry.
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
  /** Stops pollers, flushes the job store, closes the clients and the sandbox. */
  dispose(): Promise<void>;
}

/**
 * What `createStudioApp` returns: the {@link StudioApp} the hosts serve, plus the registries for
 * in-process callers (CLI scripts, tests) — never reachable from the renderer.
 */
export interface StudioCore extends StudioApp {
  /** The workspace registry. */
  readonly workspaces: WorkspaceRegistry;
  /** The job registry. */
  readonly jobs: JobRegistry;
}

/** Options of `createStudioApp` (electron/core/app/create-studio-app.ts). */
export interface StudioAppOptions {
  /** Directory for workspaces, jobs and the sandbox's state (e.g. Electron's userData). */
  readonly userDataDir: string;
  /** Sandbox timing profile: `fast` (sub-second transitions, tests) or `realistic`. */
  readonly sandboxTiming?: 'fast' | 'realistic';
  /** Speed factor of the `realistic` sandbox timing (1 = AWS's durations, default; 60: a 15-min import takes 15 s). */
  readonly sandboxSpeed?: number;
  /**
   * Folder holding `online-retail-uci/` (the bundled sample). Default: `samples/` of the
   * source tree, resolved from this module; packaged builds pass e.g. `resources/samples`.
   */
  readonly samplesDir?: string;
  /** Structured log sink of the core (see {@link StudioLog}). Default: no logging. */
  readonly log?: StudioLog;
  /**
   * Opens a URL in the user's browser (the SSO verification page). Electron passes
   * `shell.openExternal`; hosts that cannot open one leave it out and the renderer shows the link.
   */
  readonly openExternal?: (url: string) => Promise<void>;
  /** Environment whose AWS config file variables locate the profiles (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}
