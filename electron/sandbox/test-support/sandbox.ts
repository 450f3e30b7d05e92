import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../index.js';
import { sandboxClients, type SandboxClients } from './clients.js';

/** The sandbox a test file shares: started in `beforeAll`, closed in `afterAll`. */
export interface SharedSandbox {
  /** The running sandbox. @throws Error when read before `beforeAll` ran. */
  readonly sandbox: RunningSandbox;
  /** The real SDK clients pointed at it. @throws Error when read before `beforeAll` ran. */
  readonly clients: SandboxClients;
}

/**
 * Registers the `beforeAll`/`afterAll` pair that starts one sandbox (with `options`) for the
 * calling test file and closes it at the end. Hooks the file registers later run after the start.
 */
export function useSharedSandbox(options?: SandboxOptions): SharedSandbox {
  let running: { sandbox: RunningSandbox; clients: SandboxClients } | undefined;
  beforeAll(async () => {
    const sandbox = await startSandbox(options);
    running = { sandbox, clients: sandboxClients(sandbox.endpoint) };
  });
  afterAll(async () => {
    await running?.sandbox.close();
  });
  const started = (): { sandbox: RunningSandbox; clients: SandboxClients } => {
    if (!running)
      throw new Error('The shared sandbox is not started yet (read it inside tests or hooks).');
    return running;
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get clients() {
      return started().clients;
    },
  };
}

/**
 * A `caught(promise)` for one SDK's error class: awaits a call expected to fail and returns its
 * error; rethrows an error of another class; throws Error when the call succeeds.
 */
export function caughtAs<E extends Error>(
  errorClass: abstract new (...args: never[]) => E,
): (promise: Promise<unknown>) => Promise<E> {
  return async (promise) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof errorClass) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  };
}
