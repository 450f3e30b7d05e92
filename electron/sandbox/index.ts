/**
 * The Local sandbox: a Personalize-compatible engine on one loopback port (ARCHITECTURE.md
 * "Two targets, one code path"; reference: ../shared/spec/SPEC.md).
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { STATUS } from '../../shared/personalize.js';
import { runBatchJob } from './control-plane/batch-jobs.js';
import { runImportJob } from './import-job.js';
import { runExportJob } from './export-job.js';
import { Lifecycle, timingOf, type TimingProfile } from './lifecycle.js';
import { RuntimeService } from './runtime.js';
import { IamHandler } from './iam/handler.js';
import { RoleStore } from './iam/roles.js';
import { S3Handler } from './s3/handler.js';
import { ObjectStore } from './s3/object-store.js';
import { FaultInjector, type FaultOptions } from './faults/faults.js';
import { createSandboxServer } from './server.js';
import { SandboxStore } from './store.js';
import { IdentityStore, type IdentityOptions } from './sts/identity-store.js';
import { runTraining } from './training.js';

/** Options of {@link startSandbox}; every member is optional. */
export interface SandboxOptions extends IdentityOptions {
  /** TCP port on `host`; 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
  /** Folder for state (`state.json`), dataset records, models, S3 objects and IAM roles; default a fresh temp dir. */
  dataDir?: string;
  /** Account id in every ARN; default `123456789012` (SPEC §0.3). */
  accountId?: string;
  /** Region when a request carries no SigV4 credential scope; default `us-east-1`. */
  defaultRegion?: string;
  /**
   * Status delays (SPEC §0.3, §2.2): `fast` (default, ~120 ms per step) or `realistic` (AWS's
   * durations: import ~15 min, training ~50 min, campaign ~10 min, divided by {@link speed}).
   */
  timing?: TimingProfile;
  /**
   * Speed factor of the `realistic` profile, 1..100000 (default 1; 60 makes a 15-min import
   * take 15 s); must stay 1 with `fast`. See `timingOf` in lifecycle.ts.
   */
  speed?: number;
  /**
   * The only access key id accepted (SECURITY.md §6 per-launch token): every request must carry
   * it in its SigV4 credential scope (`Authorization` or presigned `X-Amz-Credential`), others get
   * 403 as AWS answers an unknown key. Signatures are still not verified (SPEC §1.6). Default:
   * any credentials, and unsigned requests, are accepted.
   */
  accessKeyId?: string;
  /**
   * Browser origins (`scheme://host[:port]`, exact match) allowed to call the sandbox. Without
   * an entry, any request carrying an `Origin` other than the sandbox's own, or a
   * `Sec-Fetch-Site` of `cross-site`/`same-site`, is refused with 403 (a web page open in the
   * user's browser must not reach it). Default: none.
   */
  allowedOrigins?: readonly string[];
  /**
   * Fault injection for client testing: per operation, a share of throttling errors, 500s,
   * delays and dropped connections (see `FaultRule`). Default: none.
   */
  faults?: FaultOptions;
}

/** Host header names that reach a listener on `host` besides the loopback ones (none for a wildcard). */
function listenHostNames(host: string): string[] {
  const name = host.toLowerCase();
  if (name === '0.0.0.0' || name === '::' || name === '') return [];
  return [name.includes(':') ? `[${name}]` : name];
}

/**
 * Waits until the solution of a version is ACTIVE (a version may be created while its solution
 * is still being created, SPEC §2.13); resolves to a failure reason when the solution failed or
 * went away instead, `undefined` once it is ACTIVE.
 */
async function solutionReady(
  store: SandboxStore,
  solutionArn: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  for (;;) {
    const solution = store.get('solution', solutionArn);
    if (solution === undefined) return `Solution ${solutionArn} no longer exists.`;
    if (solution.status === STATUS.active) return undefined;
    if (solution.status !== STATUS.createPending && solution.status !== STATUS.createInProgress)
      return `Solution ${solutionArn} is ${solution.status}.`;
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, 25);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A running sandbox. */
export interface RunningSandbox {
  /** Base URL for the SDK's `endpoint`, e.g. `http://127.0.0.1:53211`. */
  readonly endpoint: string;
  /** The TCP port actually bound. */
  readonly port: number;
  /** The data folder in use (state persists there across restarts). */
  readonly dataDir: string;
  /**
   * Approves the pending SSO device authorisation showing `userCode` (`ABCD-EFGH`), as the
   * verification page's Approve button does; false when no pending, unexpired one has it.
   */
  approveDeviceAuthorization(userCode: string): boolean;
  /** Denies it (CreateToken then answers `AccessDeniedException`); false when there is none. */
  denyDeviceAuthorization(userCode: string): boolean;
  /** Stops listening, stops timers and training workers; state stays on disk. */
  close(): Promise<void>;
}

/**
 * Starts the Local sandbox: loads state from `dataDir` (resuming resources that were mid-way
 * through their lifecycle, SPEC §2.2) and listens on `host:port`. Requests whose `Host` header
 * is not a loopback name (or `host` itself) are refused with 403 (anti DNS rebinding), so are
 * requests from web pages (`allowedOrigins`), and with `accessKeyId` set so are requests signed
 * with another key. Multipart parts left by a crash are removed before listening.
 *
 * @throws Error when the port cannot be bound or the state files are corrupt; RangeError for a
 *   `speed` outside 1..100000 (or other than 1 with `fast`), before anything is started.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const timing = timingOf(options.timing ?? 'fast', options.speed ?? 1);
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'poc-sandbox-')));
  await mkdir(dataDir, { recursive: true });
  const store = new SandboxStore(dataDir);
  await store.load();
  const objects = new ObjectStore(dataDir);
  await objects.load();
  const accountId = options.accountId ?? '123456789012';
  const roles = new RoleStore(dataDir, accountId);
  await roles.load();
  const runtime = new RuntimeService(store);
  const lifecycle = new Lifecycle(store, timing, {
    createWork: {
      datasetImportJob: (resource) =>
        resource.kind === 'datasetImportJob'
          ? runImportJob(store, objects, resource)
          : Promise.resolve(undefined),
      modelled: (resource, signal) =>
        resource.kind !== 'modelled'
          ? Promise.resolve(undefined)
          : resource.type === 'dataset-export-job'
            ? runExportJob(store, objects, resource)
            : runBatchJob(objects, runtime, resource, signal),
      solutionVersion: async (resource, signal) => {
        if (resource.kind !== 'solutionVersion') return undefined;
        const blocked = await solutionReady(store, resource.solutionArn, signal);
        return blocked ?? runTraining(store, resource, signal);
      },
    },
    onDeleted: async (resource) => {
      const removed = [resource.arn];
      if (resource.kind === 'solution') {
        for (const version of store.list('solutionVersion')) {
          if (version.solutionArn !== resource.arn) continue;
          store.remove(version.arn);
          removed.push(version.arn);
        }
      }
      // Files go only once the removal is on disk (a crash in between leaves orphans that load() sweeps).
      await store.persist();
      for (const arn of removed) {
        runtime.forgetModel(arn);
        await store.deleteFiles(arn);
      }
    },
  });
  const identity = new IdentityStore(dataDir, options);
  await identity.load();
  const server = createSandboxServer({
    store,
    lifecycle,
    runtime,
    s3: new S3Handler(objects),
    iam: new IamHandler(roles),
    accountId,
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    access: {
      accessKeyId: options.accessKeyId,
      extraHosts: listenHostNames(host),
      issuedKeyState: (key) => identity.keyState(key),
      allowedOrigins: options.allowedOrigins ?? [],
    },
    identity,
    faults:
      options.faults !== undefined && options.faults.rules.length > 0
        ? new FaultInjector(options.faults)
        : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  lifecycle.resume();
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    dataDir,
    approveDeviceAuthorization: (userCode) => identity.decideDevice(userCode, 'approved'),
    denyDeviceAuthorization: (userCode) => identity.decideDevice(userCode, 'denied'),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await lifecycle.close();
        await runtime.flush();
        await closed;
        await store.persist();
        await identity.flush();
      })();
      return closing;
    },
  };
}
