import path from 'node:path';
import { startSandbox } from '../../sandbox/index.js';
import { AppError } from '../../../shared/errors.js';
import type { Job } from '../../../shared/jobs.js';
import type { EventName, EventPayload } from '../../../shared/ipc/events.js';
import { CHANNELS } from '../../../shared/ipc/contract.js';
import { accountsModule } from '../accounts/accounts-module.js';
import { MfaBroker } from '../accounts/mfa-broker.js';
import { configuredEndpoint, listProfiles } from '../accounts/profiles.js';
import { createAwsClients, createSandboxCredentials } from '../aws/client-factory.js';
import { batchModule } from '../batch/batch-module.js';
import { campaignsModule } from '../campaigns/campaigns-module.js';
import { dataModule } from '../data/data-module.js';
import { prepareModule } from '../data/prepare-module.js';
import { sampleFiles } from '../data/samples.js';
import { datasetsModule } from '../datasets/datasets-module.js';
import { eventTrackersModule } from '../event-trackers/event-trackers-module.js';
import { filtersModule } from '../filters/filters-module.js';
import { deriveGuideView } from '../guide/guide-view.js';
import { guideModule } from '../guide/guide-module.js';
import { inventoryModule } from '../inventory/inventory-module.js';
import { JobRegistry, type JobRegistration } from '../jobs/job-registry.js';
import { serviceQuotaOf } from '../jobs/job-quotas.js';
import { JsonFileJobStore } from '../jobs/job-store.js';
import { jobsModule } from '../jobs/jobs-module.js';
import { AWS_POLLER_OPTIONS, Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { configureGridCache, ItemIndex } from '../../dataprep/index.js';
import { UserHistoryIndex } from '../../dataprep/index.js';
import { recommendationsModule } from '../recommendations/recommendations-module.js';
import { schemasModule } from '../schemas/schemas-module.js';
import { setupModule } from '../setup/setup-module.js';
import { solutionsModule } from '../solutions/solutions-module.js';
import { WorkspaceRegistry } from '../workspaces/workspace-registry.js';
import { workspacesModule } from '../workspaces/workspaces-module.js';
import type { DomainModule, JobsFacade, StudioDeps } from './domain-module.js';
import type {
  CoreHandlers,
  EventListener,
  HostChannel,
  StudioAppOptions,
  StudioCore,
} from './studio-app.js';
import { TitlesFiles } from '../recommendations/titles-file.js';

/** Region and account of the Local sandbox (SPEC §0.3 defaults). */
const SANDBOX_REGION = 'us-east-1';
const SANDBOX_ACCOUNT_ID = '123456789012';

/** Coalesces `guide.didChange` pushes of one workspace to at most one per this many ms. */
const GUIDE_PUSH_DELAY_MS = 50;

/** The domains of the core, each a module of handlers and job runners (ARCHITECTURE.md, Folder map). */
const DOMAINS: readonly ((deps: StudioDeps) => DomainModule)[] = [
  workspacesModule,
  accountsModule,
  setupModule,
  dataModule,
  prepareModule,
  schemasModule,
  datasetsModule,
  solutionsModule,
  campaignsModule,
  recommendationsModule,
  filtersModule,
  eventTrackersModule,
  batchModule,
  inventoryModule,
  jobsModule,
  guideModule,
];

/**
 * True when an AWS profile's configured endpoint is on loopback — a Local sandbox standing in for
 * the account (tests, demos): its jobs then poll at the sandbox's pace, not AWS's.
 */
async function isLoopbackProfile(profile: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const summary = (await listProfiles({ env }).catch(() => [])).find(
    (candidate) => candidate.name === profile,
  );
  const endpoint =
    summary === undefined
      ? undefined
      : (summary.endpointUrl ?? configuredEndpoint(summary, 'personalize'));
  if (endpoint === undefined) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** Wraps each handler so that a synchronous throw becomes a rejected promise (hosts only await). */
function rejectingHandlers(handlers: CoreHandlers): CoreHandlers {
  const wrapped: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (input: never) => Promise<unknown>,
  ][]) {
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
 * Merges the domains' handler maps and job runners into one.
 * @throws Error when two domains serve the same channel or job kind, or a core channel has no
 *   handler (a bug, caught at start-up).
 */
export function mergeModules(
  modules: readonly DomainModule[],
  hostChannels: readonly HostChannel[],
): { handlers: CoreHandlers; runners: Record<string, JobRegistration> } {
  const handlers: Record<string, unknown> = {};
  const runners: Record<string, JobRegistration> = {};
  for (const module of modules) {
    for (const [channel, handler] of Object.entries(module.handlers)) {
      if (channel in handlers) throw new Error(`Two domains serve channel ${channel}.`);
      handlers[channel] = handler;
    }
    for (const [kind, runner] of Object.entries(module.runners ?? {})) {
      if (kind in runners) throw new Error(`Two domains run job kind ${kind}.`);
      if (runner !== undefined) runners[kind] = runner;
    }
  }
  const missing = CHANNELS.filter(
    (channel) => !(hostChannels as readonly string[]).includes(channel) && !(channel in handlers),
  );
  if (missing.length > 0) throw new Error(`No handler for channels ${missing.join(', ')}.`);
  return { handlers: handlers as CoreHandlers, runners };
}

/**
 * Creates the application core — the one composition that Electron main, the browser host and
 * the CLI all use (ARCHITECTURE.md, "One composition").
 *
 * Side effects, in order: starts the embedded Local sandbox on a free loopback port with its
 * state in `<userDataDir>/sandbox`, accepting only a fresh random access key id (regenerated
 * every launch, held in memory only); loads every workspace from `<userDataDir>/workspaces`
 * (creating "First POC" on the Local sandbox on first start); loads the job registry from
 * `<userDataDir>/jobs.json` and resumes unfinished jobs of every workspace, then lets each domain
 * start the jobs a previous run left undone (`DomainModule.onStart`); keeps the data grid's
 * databases in `<userDataDir>/cache/grid` (within their byte budget). Emits
 * `jobs.didChange` on every job change, `guide.didChange` when a workspace's choices, resources
 * or jobs change, `workspaces.didChange` and `accounts.didChange` — each after it is persisted.
 *
 * @returns the handlers of every contract channel except the host's (`app.info`, `data.pickFile`).
 * @throws Error when the sandbox cannot start; AppError `file.unreadable` for a corrupt state file.
 */
export async function createStudioApp(options: StudioAppOptions): Promise<StudioCore> {
  const userDataDir = path.resolve(options.userDataDir);
  // The grid's databases of customer files live with the studio's data, not in the temporary
  // folder the system may empty between launches (they are rebuilt only when a file changes).
  configureGridCache({ folder: path.join(userDataDir, 'cache', 'grid') });
  // Per-launch key (SECURITY.md §6): the sandbox refuses any other; never persisted or sent to the renderer.
  const sandboxCredentials = createSandboxCredentials();
  const sandbox = await startSandbox({
    port: 0,
    dataDir: path.join(userDataDir, 'sandbox'),
    timing: options.sandboxTiming ?? 'fast',
    ...(options.sandboxSpeed === undefined ? {} : { speed: options.sandboxSpeed }),
    accessKeyId: sandboxCredentials.accessKeyId,
  });
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(name, payload);
  };
  const env = options.env ?? process.env;
  const mfa = new MfaBroker((workspaceId, serial) => {
    const identity = workspaces.get(workspaceId).lastIdentity;
    emit('accounts.didChange', {
      workspaceId,
      identity: {
        workspaceId,
        targetKind: 'aws',
        region: identity?.region ?? '',
        ...identity,
        state: 'mfaNeeded',
        message: `Enter the code of MFA device ${serial} to continue.`,
        checkedAtMs: Date.now(),
      },
    });
  });
  const workspaces = new WorkspaceRegistry({
    directory: path.join(userDataDir, 'workspaces'),
    workRoot: path.join(userDataDir, 'work'),
    sandboxRegion: SANDBOX_REGION,
    pollerFor: async (target) =>
      new Poller(
        target.kind === 'sandbox' || (await isLoopbackProfile(target.profile, env))
          ? SANDBOX_POLLER_OPTIONS
          : AWS_POLLER_OPTIONS,
      ),
    createClients: (workspace) =>
      workspace.target.kind === 'sandbox'
        ? createAwsClients(
            {
              kind: 'sandbox',
              endpoint: sandbox.endpoint,
              region: workspace.target.region,
              accountId: SANDBOX_ACCOUNT_ID,
            },
            sandboxCredentials,
          )
        : createAwsClients(
            {
              kind: 'aws',
              profile: workspace.target.profile,
              region: workspace.target.region,
              env,
            },
            undefined,
            { mfaCodeProvider: (serial) => mfa.request(workspace.id, serial) },
          ),
  });
  await workspaces.load();

  // The registry takes the domains' runners, and the domains take the registry: bound once built.
  const late: { registry?: JobRegistry } = {};
  const requireRegistry = (): JobRegistry => {
    if (late.registry === undefined)
      throw new AppError('internal', 'The job registry is not ready yet.');
    return late.registry;
  };
  const jobs: JobsFacade = {
    start: (kind, workspaceId, params) => requireRegistry().start(kind, workspaceId, params),
    list: (workspaceId) => requireRegistry().list(workspaceId),
    cancel: (jobId) => requireRegistry().cancel(jobId),
    whenSettled: (jobId) => requireRegistry().whenSettled(jobId),
  };
  let isDisposing = false;
  const guideView = (workspaceId: string) => {
    const runtime = workspaces.get(workspaceId);
    return deriveGuideView(
      runtime.getChoices(),
      runtime.resources.list(),
      late.registry?.list(workspaceId) ?? [],
    );
  };
  const deps: StudioDeps = {
    workspaces,
    jobs,
    guideView,
    itemIndex: new ItemIndex(),
    titles: new TitlesFiles(),
    historyIndex: new UserHistoryIndex(),
    samples: sampleFiles(options.samplesDir),
    isDisposing: () => isDisposing,
    log: options.log,
    openExternal: options.openExternal,
    env,
    mfa,
    emitAccounts: (payload) => emit('accounts.didChange', payload),
  };
  const modules = DOMAINS.map((domain) => domain(deps));
  const { handlers, runners } = mergeModules(modules, ['app.info', 'data.pickFile']);

  const pendingGuide = new Map<string, ReturnType<typeof setTimeout>>();
  const pushGuide = (workspaceId: string): void => {
    if (pendingGuide.has(workspaceId) || isDisposing) return;
    pendingGuide.set(
      workspaceId,
      setTimeout(() => {
        pendingGuide.delete(workspaceId);
        try {
          emit('guide.didChange', { workspaceId, view: guideView(workspaceId) });
        } catch (error) {
          // The workspace was deleted meanwhile: nothing to show.
          options.log?.('guide view skipped', { workspaceId, reason: (error as Error).message });
        }
      }, GUIDE_PUSH_DELAY_MS),
    );
  };
  workspaces.onDidChange(({ workspaceId, change }) => {
    if (change === 'list' || change === 'current' || change === 'config') {
      emit('workspaces.didChange', {
        workspaces: workspaces.list(),
        currentId: workspaces.currentId,
      });
    }
    if (workspaceId === undefined) return;
    if (change === 'identity') {
      const identity = workspaces.get(workspaceId).lastIdentity;
      if (identity !== undefined) emit('accounts.didChange', { workspaceId, identity });
      return;
    }
    pushGuide(workspaceId);
  });

  // Per-(account, region) pools mirroring the service quotas (SPEC §9): see serviceQuotaOf.
  const quotaTarget = (workspaceId: string): string | undefined => {
    const runtime = workspaces.all().find((candidate) => candidate.id === workspaceId);
    if (runtime === undefined) return undefined;
    const target = runtime.config.target;
    if (target.kind === 'sandbox') return `sandbox:${target.region}`;
    const account =
      runtime.lastIdentity?.accountId ?? runtime.expectedAccountId ?? `profile ${target.profile}`;
    return `${account}:${target.region}`;
  };
  const registry = new JobRegistry({
    store: new JsonFileJobStore(path.join(userDataDir, 'jobs.json')),
    runners,
    quotaOf: (job) => serviceQuotaOf(job, quotaTarget(job.workspaceId)),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  let lastStates = new Map<string, Job['state']>();
  registry.onDidChange((job) => {
    emit('jobs.didChange', job);
    if (lastStates.get(job.id) !== job.state) {
      lastStates = new Map(lastStates).set(job.id, job.state);
      if (!isDisposing && workspaces.all().some((runtime) => runtime.id === job.workspaceId))
        pushGuide(job.workspaceId);
    }
  });
  late.registry = registry;
  await registry.load();
  registry.resumeUnfinished();
  for (const module of modules) await module.onStart?.();

  return {
    handlers: rejectingHandlers(handlers),
    sandboxEndpoint: sandbox.endpoint,
    sandboxCredentials,
    workspaces,
    jobs: registry,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      isDisposing = true;
      for (const timer of pendingGuide.values()) clearTimeout(timer);
      pendingGuide.clear();
      await registry.dispose();
      listeners.clear();
      mfa.dispose();
      workspaces.dispose();
      await sandbox.close();
    },
  };
}
