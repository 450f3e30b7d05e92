import path from 'node:path';
import { assertCsvFile, previewCsv } from '../dataprep/index.js';
import { startSandbox } from '../sandbox/index.js';
import { AppError } from '../../shared/errors.js';
import type { EventName, EventPayload } from '../../shared/ipc/events.js';
import type { PocState } from '../../shared/poc.js';
import { createAwsClients, createSandboxCredentials } from './aws/client-factory.js';
import { listDirectory } from './files/list-directory.js';
import { JobRegistry } from './jobs/job-registry.js';
import { JsonFileJobStore } from './jobs/job-store.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from './jobs/poller.js';
import { assertDeployable } from './poc/deploy-guard.js';
import { listInventory } from './poc/inventory-service.js';
import { ItemIndex } from './poc/item-index.js';
import { createPocRunners } from './poc/poc-jobs.js';
import { PocSession } from './poc/poc-session.js';
import { recommend } from './poc/recommend-service.js';
import { UserHistoryIndex } from './poc/user-history-index.js';
import { sampleFiles } from './samples.js';
import type { CoreHandlers, EventListener, StudioApp, StudioAppOptions } from './studio-app.js';
import { WorkspaceStore } from './workspaces/workspace-store.js';

/** Region and account of the Local sandbox workspace (SPEC §0.3 defaults). */
const SANDBOX_REGION = 'us-east-1';
const SANDBOX_ACCOUNT_ID = '123456789012';

/** Forgets the import of `datasetType` when its file changes (ARNs of created resources stay for teardown). */
function forgetImport(state: PocState, datasetType: string): void {
  Reflect.deleteProperty(state.importJobArns, datasetType);
  Reflect.deleteProperty(state.importStatus, datasetType);
  Reflect.deleteProperty(state.importedRows, datasetType);
}

/** Wraps each handler so that a synchronous throw becomes a rejected promise (hosts only await). */
function rejectingHandlers(handlers: CoreHandlers): CoreHandlers {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (input: never) => Promise<unknown>][]) {
    wrapped[channel] = (input) => {
      try {
        return handler(input);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  }
  return wrapped as unknown as CoreHandlers;
}

/**
 * Creates the application core (electron/core/studio-app.ts).
 *
 * Side effects, in order: starts the embedded Local sandbox on a free loopback port with its
 * state in `<userDataDir>/sandbox`, accepting only a fresh random access key id (regenerated
 * every launch, held in memory only; the workspace file stores just the endpoint); loads (or
 * creates) the default workspace "Local sandbox" from `<userDataDir>/workspaces/local-sandbox.json`;
 * loads the job registry from `<userDataDir>/jobs.json` and resumes unfinished jobs. Emits `jobs.didChange` on every job
 * change and `poc.didChange` on every PocState change, each after it is persisted.
 *
 * @returns the handlers of every contract channel except `app.info` and `files.pick` (host ones).
 * @throws Error when the sandbox cannot start; AppError `file.unreadable` for a corrupt state file.
 */
export async function createStudioApp(options: StudioAppOptions): Promise<StudioApp> {
  const userDataDir = path.resolve(options.userDataDir);
  // Per-launch key (SECURITY.md §6): the sandbox refuses any other; never persisted or sent to the renderer.
  const sandboxCredentials = createSandboxCredentials();
  const sandbox = await startSandbox({
    port: 0,
    dataDir: path.join(userDataDir, 'sandbox'),
    timing: options.sandboxTiming ?? 'fast',
    accessKeyId: sandboxCredentials.accessKeyId,
  });
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(name, payload);
  };
  const workspaces = new WorkspaceStore(path.join(userDataDir, 'workspaces'));
  let record = await workspaces.loadOrCreateDefault({ endpoint: sandbox.endpoint, region: SANDBOX_REGION, accountId: SANDBOX_ACCOUNT_ID });
  const workspace = record.workspace;
  const clients = createAwsClients({ kind: 'sandbox', endpoint: sandbox.endpoint, region: SANDBOX_REGION, accountId: SANDBOX_ACCOUNT_ID }, sandboxCredentials);
  const session = new PocSession({
    workspaceId: workspace.id,
    clients,
    poller: new Poller(SANDBOX_POLLER_OPTIONS),
    workDir: path.join(userDataDir, 'work', workspace.id),
    initialState: record.poc,
    persist: async (poc) => {
      record = { workspace, poc };
      await workspaces.save(record);
    },
  });
  session.onDidChange((state) => emit('poc.didChange', { workspaceId: workspace.id, state }));
  const sessionOf = (workspaceId: string): PocSession => {
    if (workspaceId !== workspace.id) throw new AppError('input.invalid', `No workspace with id ${workspaceId}.`, { details: { workspaceId } });
    return session;
  };
  let isDisposing = false;
  const registry = new JobRegistry({
    store: new JsonFileJobStore(path.join(userDataDir, 'jobs.json')),
    runners: createPocRunners({ session: sessionOf, isDisposing: () => isDisposing }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  registry.onDidChange((job) => emit('jobs.didChange', job));
  await registry.load();
  registry.resumeUnfinished();
  const itemIndex = new ItemIndex();
  const historyIndex = new UserHistoryIndex();
  const samples = sampleFiles(options.samplesDir);

  const handlers: CoreHandlers = {
    'workspaces.list': () => Promise.resolve([record.workspace]),
    'workspaces.current': () => Promise.resolve(record.workspace),
    'files.list': (input) => listDirectory(input.directory),
    'sample.files': () => Promise.resolve({ interactions: samples.interactions, items: samples.items, description: samples.description }),
    'data.preview': async (input) => {
      await assertCsvFile(input.path);
      return previewCsv(input.path, input.datasetType, input.limit);
    },
    'poc.get': (input) => Promise.resolve(sessionOf(input.workspaceId).getState()),
    'poc.setFiles': async (input) => {
      const target = sessionOf(input.workspaceId);
      const chosen = { interactions: input.interactions, items: input.items };
      for (const filePath of Object.values(chosen)) if (filePath !== undefined) await assertCsvFile(filePath);
      return target.updateState((state) => {
        for (const [type, filePath] of Object.entries(chosen)) {
          if (filePath === undefined || state.files[type as keyof typeof chosen] === filePath) continue;
          state.files[type as keyof typeof chosen] = filePath;
          forgetImport(state, type);
        }
        state.steps.data = state.files.interactions === undefined ? 'notStarted' : 'done';
      });
    },
    'poc.import': async (input) => {
      if (sessionOf(input.workspaceId).getState().files.interactions === undefined) {
        throw new AppError('poc.notReady', 'Choose an interactions file first (step Data).');
      }
      return { jobId: (await registry.start('poc.import', input.workspaceId)).id };
    },
    'poc.train': async (input) => {
      if (sessionOf(input.workspaceId).getState().importStatus.interactions !== 'ACTIVE') {
        throw new AppError('poc.notReady', 'Import the interactions before training (step Import).');
      }
      return { jobId: (await registry.start('poc.train', input.workspaceId, { recipes: input.recipes })).id };
    },
    'poc.deploy': async (input) => {
      const state = sessionOf(input.workspaceId).getState();
      const solutionVersionArn = assertDeployable(state, registry.list(input.workspaceId), input.workspaceId, input.recipe);
      const params = { recipe: input.recipe, solutionVersionArn, minProvisionedTPS: input.minProvisionedTPS };
      return { jobId: (await registry.start('poc.deploy', input.workspaceId, params)).id };
    },
    'poc.recommend': async (input) => {
      const target = sessionOf(input.workspaceId);
      const result = await recommend(target, itemIndex, input.userId, input.numResults, historyIndex);
      if (target.getState().steps.explore !== 'done') {
        await target.updateState((state) => {
          state.steps.explore = 'done';
        });
      }
      return result;
    },
    'poc.userShortcuts': async (input) => {
      const imported = sessionOf(input.workspaceId).getState().importedFiles?.interactions;
      if (imported === undefined) throw new AppError('poc.notReady', 'Import the interactions first (step 2).');
      return historyIndex.shortcuts(imported);
    },
    'poc.cleanup': async (input) => {
      sessionOf(input.workspaceId);
      return { jobId: (await registry.start('poc.cleanup', input.workspaceId)).id };
    },
    'poc.inventory': async (input) => {
      const entries = await listInventory(sessionOf(input.workspaceId));
      return entries.map((entry) => (entry.status === undefined ? { kind: entry.kind, arn: entry.arn } : { kind: entry.kind, arn: entry.arn, status: entry.status }));
    },
    'jobs.list': (input) => Promise.resolve(registry.list(input.workspaceId)),
    'jobs.cancel': async (input) => {
      await registry.cancel(input.jobId);
      return {};
    },
  };

  return {
    handlers: rejectingHandlers(handlers),
    sandboxEndpoint: sandbox.endpoint,
    sandboxCredentials,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      isDisposing = true;
      await registry.dispose();
      listeners.clear();
      clients.destroy();
      await sandbox.close();
    },
  };
}
