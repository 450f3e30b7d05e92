import { PocStateSchema, type PocState } from '../../../shared/poc.js';
import type { AwsClients } from '../aws/client-factory.js';
import { SerialQueue } from '../json-file.js';
import type { Poller } from '../jobs/poller.js';
import type { PocContext } from './poc-context.js';
import { deriveStepStates } from './step-states.js';

/** Options of {@link PocSession}. */
export interface PocSessionOptions {
  readonly workspaceId: string;
  readonly clients: AwsClients;
  readonly poller: Poller;
  /** Directory for working copies of uploaded files. */
  readonly workDir: string;
  readonly initialState: PocState;
  /** Makes a new state durable (e.g. the workspace JSON file); called before listeners. */
  readonly persist?: (state: PocState) => Promise<void>;
}

/** Listener of PocState changes; gets the full new state. */
export type PocStateListener = (state: PocState) => void;

/**
 * Owner of one workspace's PocState: serialised updates, persisted before listeners hear of
 * them (the source of `poc.didChange`), and {@link PocContext}s for the services.
 */
export class PocSession {
  private state: PocState;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<PocStateListener>();

  constructor(private readonly options: PocSessionOptions) {
    this.state = structuredClone(options.initialState);
    this.state.steps = deriveStepStates(this.state);
  }

  /** The workspace this session belongs to. */
  get workspaceId(): string {
    return this.options.workspaceId;
  }

  /** The workspace's SDK clients. */
  get clients(): AwsClients {
    return this.options.clients;
  }

  /** A snapshot of the current state. */
  getState(): PocState {
    return structuredClone(this.state);
  }

  /**
   * Applies `mutate` to a copy, derives the step states from it (step-states.ts), validates
   * it, persists it, then notifies listeners.
   * Updates run one at a time in call order.
   */
  updateState(mutate: (draft: PocState) => void): Promise<PocState> {
    return this.queue.run(async () => {
      const draft = structuredClone(this.state);
      mutate(draft);
      draft.steps = deriveStepStates(draft);
      const next = PocStateSchema.parse(JSON.parse(JSON.stringify(draft)));
      await this.options.persist?.(next);
      this.state = next;
      for (const listener of this.listeners) listener(structuredClone(next));
      return structuredClone(next);
    });
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onDidChange(listener: PocStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A {@link PocContext} bound to this session with its own signal and progress sink. */
  context(options: { signal?: AbortSignal | undefined; report?: PocContext['report'] } = {}): PocContext {
    return {
      workspaceId: this.options.workspaceId,
      clients: this.options.clients,
      poller: this.options.poller,
      signal: options.signal,
      workDir: this.options.workDir,
      getState: () => this.getState(),
      updateState: (mutate) => this.updateState(mutate),
      report: options.report ?? (() => Promise.resolve()),
    };
  }
}
