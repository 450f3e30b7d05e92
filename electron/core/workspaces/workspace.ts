import path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AppError, isAppError } from '../../../shared/errors.js';
import { GuideChoicesSchema, type GuideChoices } from '../../../shared/guide.js';
import type { Identity } from '../../../shared/ipc/accounts.js';
import type { OwnerCandidate } from '../../../shared/inventory/ownership.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import { isSignInNeeded } from '../accounts/sign-in-needed.js';
import { mapAwsError } from '../aws/aws-errors.js';
import type { AwsClients } from '../aws/client-factory.js';
import { SerialQueue } from '../json-file.js';
import type { Poller } from '../jobs/poller.js';
import { WORKSPACE_TAG_KEY } from './names.js';
import { ResourceCache } from './resource-cache.js';
import type { PersonalizeTag, ServiceContext } from './service-context.js';
import type { WorkspaceStore } from './workspace-store.js';

/** How long a checked caller identity is trusted before the guard asks STS again, in ms. */
export const IDENTITY_TTL_MS = 30_000;

/** SDK commands that change something in the account: the account guard runs before each. */
const WRITE_COMMAND =
  /^(Create|Delete|Put|Update|Tag|Untag|Attach|Detach|Start|Stop|Upload|Complete|Abort|Copy)/u;

/** Where the account guard sits in each client's middleware stack: before anything else. */
const GUARD_STEP = { step: 'initialize', name: 'studioAccountGuard', priority: 'high' } as const;

/** Builds the SDK clients of a workspace (injected: sandbox endpoint or the profile's provider). */
export type ClientsFactory = (workspace: Workspace) => AwsClients;

/** Options of {@link WorkspaceRuntime}. */
export interface WorkspaceRuntimeOptions {
  readonly workspace: Workspace;
  readonly choices: GuideChoices;
  readonly store: WorkspaceStore;
  readonly createClients: ClientsFactory;
  readonly poller: Poller;
  /** Root of the working copies; the workspace uses `<workRoot>/<id>`. */
  readonly workRoot: string;
  /** Clock in epoch ms. */
  readonly now?: () => number;
  /** Every workspace of the registry (this one included), for {@link ServiceContext.workspaces}. */
  readonly workspaces?: () => readonly OwnerCandidate[];
}

/** What changed in a workspace: its configuration, the guide's choices, its resources or its identity. */
export type WorkspaceChange = 'config' | 'choices' | 'resources' | 'identity';

/**
 * One loaded workspace — one customer POC — with its own SDK clients (built on first use and
 * rebuilt after a sign-in), resource cache, guide choices and account guard. The
 * {@link WorkspaceRegistry} keeps every workspace loaded, so their jobs keep polling whichever
 * one the window shows.
 */
export class WorkspaceRuntime {
  readonly resources: ResourceCache;
  private workspace: Workspace;
  private choices: GuideChoices;
  private clientsMemo: AwsClients | undefined;
  private identityMemo: { readonly identity: Identity; readonly checkedAtMs: number } | undefined;
  private identityInFlight: Promise<Identity> | undefined;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<(change: WorkspaceChange) => void>();
  private readonly now: () => number;

  constructor(private readonly options: WorkspaceRuntimeOptions) {
    this.workspace = structuredClone(options.workspace);
    this.choices = structuredClone(options.choices);
    this.now = options.now ?? Date.now;
    this.resources = new ResourceCache(options.store.resourcesFile(options.workspace.id), this.now);
    this.resources.onDidChange(() => this.emit('resources'));
  }

  /** The workspace's id. */
  get id(): string {
    return this.workspace.id;
  }

  /** The workspace (a snapshot). */
  get config(): Workspace {
    return structuredClone(this.workspace);
  }

  /** The guide's choices (a snapshot). */
  getChoices(): GuideChoices {
    return structuredClone(this.choices);
  }

  /** The last identity checked, if any (for the banner). */
  get lastIdentity(): Identity | undefined {
    return this.identityMemo?.identity;
  }

  /** Loads the resource cache from disk. */
  async load(): Promise<void> {
    await this.resources.load();
  }

  /**
   * The workspace's SDK clients, built on first use. Every client that writes gets the account
   * guard: a Create/Delete/Put/Update/Tag… command first checks that the credentials resolve
   * to the workspace's account ({@link assertAccount}).
   */
  clients(): AwsClients {
    if (this.clientsMemo === undefined) {
      const clients = this.options.createClients(this.workspace);
      const guard = (commandName: string | undefined): Promise<void> =>
        WRITE_COMMAND.test(commandName ?? '') ? this.assertAccount() : Promise.resolve();
      clients.personalize.middlewareStack.add(
        (next, context) => async (args) => (await guard(context.commandName), next(args)),
        GUARD_STEP,
      );
      clients.s3.middlewareStack.add(
        (next, context) => async (args) => (await guard(context.commandName), next(args)),
        GUARD_STEP,
      );
      clients.iam.middlewareStack.add(
        (next, context) => async (args) => (await guard(context.commandName), next(args)),
        GUARD_STEP,
      );
      clients.events.middlewareStack.add(
        (next, context) => async (args) => (await guard(context.commandName), next(args)),
        GUARD_STEP,
      );
      this.clientsMemo = clients;
    }
    return this.clientsMemo;
  }

  /** Drops the clients and the checked identity (after a sign-in or a profile change); the next call rebuilds them. */
  resetClients(): void {
    this.clientsMemo?.destroy();
    this.clientsMemo = undefined;
    this.identityMemo = undefined;
  }

  /** Tags for every Create call: `poc-studio:workspace=<id>` and the workspace's own tags. */
  get tags(): PersonalizeTag[] {
    return [
      { tagKey: WORKSPACE_TAG_KEY, tagValue: this.workspace.id },
      ...Object.entries(this.workspace.tags).map(([tagKey, tagValue]) => ({ tagKey, tagValue })),
    ];
  }

  /** The account id every create and delete must run in: the target's, else the one recorded on first connect. */
  get expectedAccountId(): string | undefined {
    return this.workspace.target.kind === 'aws'
      ? (this.workspace.target.accountId ?? this.workspace.accountId)
      : this.workspace.accountId;
  }

  /**
   * Asks STS who the workspace's credentials are (GetCallerIdentity) and classifies the answer;
   * records the account on first connect. Never throws: failures become `state` and `message`.
   * Calls in flight are shared.
   */
  checkIdentity(): Promise<Identity> {
    this.identityInFlight ??= this.resolveIdentity().finally(() => {
      this.identityInFlight = undefined;
    });
    return this.identityInFlight;
  }

  /**
   * The account guard (ACCOUNTS.md §5.2): resolves when the credentials are in the workspace's
   * account (checked at most every {@link IDENTITY_TTL_MS}).
   * @throws AppError `aws.wrongAccount` naming both accounts, `aws.signInNeeded` when the SSO
   *   token or credentials expired, `aws.credentials` for other credential failures.
   */
  async assertAccount(): Promise<void> {
    const memo = this.identityMemo;
    const identity =
      memo !== undefined &&
      memo.identity.state === 'ok' &&
      this.now() - memo.checkedAtMs < IDENTITY_TTL_MS
        ? memo.identity
        : await this.checkIdentity();
    switch (identity.state) {
      case 'ok':
        return;
      case 'wrongAccount':
        throw new AppError(
          'aws.wrongAccount',
          identity.message ?? 'The credentials resolve to another account.',
          {
            details: {
              expectedAccountId: identity.expectedAccountId ?? null,
              accountId: identity.accountId ?? null,
            },
          },
        );
      case 'signInNeeded':
      case 'mfaNeeded':
        throw new AppError('aws.signInNeeded', identity.message ?? 'Sign in to continue.');
      case 'error':
        throw new AppError(
          'aws.credentials',
          identity.message ?? 'The credentials could not be checked.',
        );
    }
  }

  /** Applies `mutate` to a copy of the workspace, persists it, then notifies. */
  updateConfig(mutate: (draft: Workspace) => void): Promise<Workspace> {
    return this.queue.run(async () => {
      const draft = structuredClone(this.workspace);
      mutate(draft);
      draft.updatedAtMs = this.now();
      await this.options.store.save(draft);
      this.workspace = draft;
      this.emit('config');
      return structuredClone(draft);
    });
  }

  /** Applies `mutate` to a copy of the guide's choices, persists them, then notifies. */
  updateChoices(mutate: (draft: GuideChoices) => void): Promise<GuideChoices> {
    return this.queue.run(async () => {
      const draft = structuredClone(this.choices);
      mutate(draft);
      const next = GuideChoicesSchema.parse(JSON.parse(JSON.stringify(draft)));
      await this.options.store.saveGuide(this.workspace.id, next);
      this.choices = next;
      this.emit('choices');
      return structuredClone(next);
    });
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: (change: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A {@link ServiceContext} bound to this workspace with its own signal and progress sink. */
  context(
    options: { signal?: AbortSignal | undefined; report?: ServiceContext['report'] } = {},
  ): ServiceContext {
    return {
      workspace: this.config,
      ...(this.options.workspaces === undefined ? {} : { workspaces: this.options.workspaces() }),
      clients: this.clients(),
      poller: this.options.poller,
      resources: this.resources,
      signal: options.signal,
      workDir: path.join(this.options.workRoot, this.workspace.id),
      tags: this.tags,
      getChoices: () => this.getChoices(),
      updateChoices: (mutate) => this.updateChoices(mutate),
      report: options.report ?? (() => Promise.resolve()),
    };
  }

  /** Closes the clients' sockets. */
  dispose(): void {
    this.clientsMemo?.destroy();
    this.clientsMemo = undefined;
    this.listeners.clear();
  }

  private async resolveIdentity(): Promise<Identity> {
    const target = this.workspace.target;
    const base = {
      workspaceId: this.workspace.id,
      targetKind: target.kind,
      region: target.region,
      ...(target.kind === 'aws' ? { profile: target.profile } : {}),
      checkedAtMs: this.now(),
    };
    let identity: Identity;
    try {
      const out = await this.clients().sts.send(new GetCallerIdentityCommand({}));
      const accountId = out.Account ?? '';
      const arn = out.Arn ?? '';
      const roleName = /:assumed-role\/([^/]+)\//u.exec(arn)?.[1];
      const expected = this.expectedAccountId;
      if (expected === undefined) {
        await this.updateConfig((draft) => {
          draft.accountId = accountId;
        });
      }
      const isWrong = expected !== undefined && expected !== accountId;
      identity = {
        ...base,
        state: isWrong ? 'wrongAccount' : 'ok',
        expectedAccountId: expected ?? accountId,
        accountId,
        arn,
        ...(roleName === undefined ? {} : { roleName }),
        ...(isWrong
          ? {
              message:
                `The credentials of ${target.kind === 'aws' ? `profile ${target.profile}` : 'this workspace'} resolve to account ${accountId}, ` +
                `but workspace "${this.workspace.name}" belongs to account ${expected}. Nothing will be created or deleted: ` +
                `choose the profile of account ${expected} (or sign in to it), then check again.`,
            }
          : {}),
      };
    } catch (error) {
      const mapped = isAppError(error) ? error : mapAwsError(error, 'GetCallerIdentity');
      const needsSignIn = isSignInNeeded(error);
      const needsMfa = /multi-factor|MFA code/iu.test(mapped.message);
      identity = {
        ...base,
        state: needsMfa ? 'mfaNeeded' : needsSignIn ? 'signInNeeded' : 'error',
        ...(this.expectedAccountId === undefined
          ? {}
          : { expectedAccountId: this.expectedAccountId }),
        message: needsSignIn
          ? `The sign-in of ${target.kind === 'aws' ? `profile ${target.profile}` : 'this workspace'} has expired or is missing: sign in to continue (the workspace's jobs wait meanwhile).`
          : `${target.kind === 'aws' ? `Profile ${target.profile}: ` : ''}${mapped.message}`,
      };
    }
    this.identityMemo = { identity, checkedAtMs: this.now() };
    this.emit('identity');
    return identity;
  }

  private emit(change: WorkspaceChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
