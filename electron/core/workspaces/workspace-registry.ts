import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { emptyGuideChoices, type GuideChoices } from '../../../shared/guide.js';
import type { Workspace, WorkspaceTarget } from '../../../shared/ipc/workspaces.js';
import { readJsonFile } from '../json-file.js';
import type { Poller } from '../jobs/poller.js';
import { defaultBucketName, defaultPrefix, defaultRoleName, slugify } from './names.js';
import { type ClientsFactory, type WorkspaceChange, WorkspaceRuntime } from './workspace.js';
import { WorkspaceStore } from './workspace-store.js';

/** Id of the workspace created on first start, on the Local sandbox. */
export const DEFAULT_WORKSPACE_ID = 'local-sandbox';
/** Display name of the workspace created on first start. */
export const DEFAULT_WORKSPACE_NAME = 'First POC';

/** Options of {@link WorkspaceRegistry}. */
export interface WorkspaceRegistryOptions {
  /** e.g. `<userData>/workspaces` */
  readonly directory: string;
  /** Root of the workspaces' working copies, e.g. `<userData>/work`. */
  readonly workRoot: string;
  readonly createClients: ClientsFactory;
  /** The poller a workspace's jobs wait with (sandbox: fast; AWS: seconds to a minute). */
  readonly pollerFor: (target: WorkspaceTarget) => Poller | Promise<Poller>;
  /** Region of the Local sandbox workspaces (SPEC §0.3: us-east-1). */
  readonly sandboxRegion: string;
  /** Clock in epoch ms. */
  readonly now?: () => number;
  /** Random suffixes of ids, prefixes and bucket names (tests inject fixed ones). */
  readonly random?: (bytes: number) => string;
}

/** A change of one workspace, or of the list (`workspaceId` undefined). */
export interface RegistryChange {
  readonly workspaceId?: string;
  readonly change: WorkspaceChange | 'list' | 'current';
}

/** What `create` takes (shared/ipc/workspaces.ts, `workspaces.create`). */
export interface NewWorkspace {
  readonly name: string;
  readonly target: WorkspaceTarget;
  readonly prefix?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly notes?: string | undefined;
  /** Bucket and role names instead of the generated ones. */
  readonly setup?:
    { readonly bucket?: string | undefined; readonly roleName?: string | undefined } | undefined;
}

/**
 * The one workspace registry (ARCHITECTURE.md, "Workspaces, resources and the guided POC"):
 * keeps every workspace loaded — each with its own clients, resource cache and guide — and
 * remembers the one the window shows. Every change is persisted before listeners hear of it.
 */
export class WorkspaceRegistry {
  private readonly store: WorkspaceStore;
  private readonly runtimes = new Map<string, WorkspaceRuntime>();
  private readonly listeners = new Set<(change: RegistryChange) => void>();
  private currentIdValue = DEFAULT_WORKSPACE_ID;
  private readonly now: () => number;
  private readonly random: (bytes: number) => string;

  constructor(private readonly options: WorkspaceRegistryOptions) {
    this.store = new WorkspaceStore(options.directory);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? ((bytes) => randomBytes(bytes).toString('hex'));
  }

  /**
   * Loads every stored workspace; on first start creates "First POC" on the Local sandbox
   * (adopting the choices of a workspace file of the previous format when there is one).
   */
  async load(): Promise<void> {
    for (const workspace of await this.store.loadAll()) {
      await this.adopt(workspace, await this.store.loadGuide(workspace.id));
    }
    if (this.runtimes.size === 0) {
      const legacy = await this.legacyChoices();
      const workspace = this.newWorkspace(DEFAULT_WORKSPACE_ID, {
        name: DEFAULT_WORKSPACE_NAME,
        target: { kind: 'sandbox', region: this.options.sandboxRegion },
      });
      if (legacy.bucket !== undefined) workspace.setup.bucket = legacy.bucket;
      await this.store.save(workspace);
      await this.store.saveGuide(workspace.id, legacy.choices);
      await this.adopt(workspace, legacy.choices);
    }
    const stored = await this.store.loadCurrentId();
    this.currentIdValue =
      stored !== undefined && this.runtimes.has(stored)
        ? stored
        : ([...this.runtimes.keys()][0] ?? DEFAULT_WORKSPACE_ID);
  }

  /** Every workspace, oldest first. */
  list(): Workspace[] {
    return [...this.runtimes.values()]
      .map((runtime) => runtime.config)
      .sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  /** Every loaded workspace runtime. */
  all(): WorkspaceRuntime[] {
    return [...this.runtimes.values()];
  }

  /** Id of the workspace the window shows. */
  get currentId(): string {
    return this.currentIdValue;
  }

  /**
   * The workspace with this id.
   * @throws AppError `workspace.notFound`
   */
  get(workspaceId: string): WorkspaceRuntime {
    const runtime = this.runtimes.get(workspaceId);
    if (runtime === undefined) {
      throw new AppError(
        'workspace.notFound',
        `No workspace with id ${workspaceId}: it may have been deleted. Choose another in the top bar.`,
        {
          details: { workspaceId },
        },
      );
    }
    return runtime;
  }

  /** Shows another workspace (persisted). @throws AppError `workspace.notFound` */
  async select(workspaceId: string): Promise<Workspace> {
    const runtime = this.get(workspaceId);
    await this.store.saveCurrentId(workspaceId);
    this.currentIdValue = workspaceId;
    this.emit({ change: 'current' });
    return runtime.config;
  }

  /**
   * Refuses a name another workspace already has (compared trimmed and case-insensitively), so
   * two workspaces never look the same in the top bar.
   * @throws AppError `workspace.nameTaken` naming the name and the workspace that has it.
   */
  private assertNameFree(name: string, exceptId?: string): void {
    const wanted = name.trim().toLocaleLowerCase();
    const owner = this.list().find(
      (workspace) =>
        workspace.id !== exceptId && workspace.name.trim().toLocaleLowerCase() === wanted,
    );
    if (owner !== undefined) {
      throw new AppError(
        'workspace.nameTaken',
        `A workspace is already named "${owner.name}": choose another name for this one (names are compared without case and surrounding spaces).`,
        { details: { field: 'name', name: name.trim(), workspaceId: owner.id } },
      );
    }
  }

  /**
   * Refuses a resource-name prefix that would let two workspaces share resources: the same
   * prefix as another workspace's, or one that extends it after a `-` (or is extended by it), since
   * the studio names resources `<prefix>-…` and a teardown by prefix would reach the other POC.
   * @throws AppError `workspace.prefixTaken` naming the prefix and the workspace that has it.
   */
  private assertPrefixFree(prefix: string): void {
    const owner = this.list().find(
      (workspace) =>
        workspace.prefix === prefix ||
        prefix.startsWith(`${workspace.prefix}-`) ||
        workspace.prefix.startsWith(`${prefix}-`),
    );
    if (owner !== undefined) {
      throw new AppError(
        'workspace.prefixTaken',
        owner.prefix === prefix
          ? `Workspace "${owner.name}" already uses the resource-name prefix "${prefix}": choose another prefix (or leave it empty for a generated one), so the two POCs never share a dataset group.`
          : `The resource-name prefix "${prefix}" overlaps "${owner.prefix}" of workspace "${owner.name}" (one starts with the other and a "-"): choose another prefix (or leave it empty for a generated one), so a clean-up by prefix never reaches the other POC.`,
        { details: { field: 'prefix', prefix, workspaceId: owner.id } },
      );
    }
  }

  /**
   * Creates a workspace (persisted) and shows it.
   * @throws AppError `workspace.nameTaken` when another workspace has the name,
   *   `workspace.prefixTaken` when its prefix is (or overlaps) another workspace's.
   */
  async create(
    input: NewWorkspace,
    choices: GuideChoices = emptyGuideChoices(),
  ): Promise<Workspace> {
    this.assertNameFree(input.name);
    const id = `ws-${slugify(input.name, 16)}-${this.random(3)}`;
    const workspace = this.newWorkspace(id, input);
    this.assertPrefixFree(workspace.prefix);
    await this.store.save(workspace);
    await this.store.saveGuide(id, choices);
    await this.adopt(workspace, choices);
    this.emit({ change: 'list' });
    await this.select(id);
    return workspace;
  }

  /**
   * Renames, re-tags or re-notes a workspace.
   * @throws AppError `workspace.notFound`, `workspace.nameTaken` when another workspace has the name.
   */
  async update(
    workspaceId: string,
    patch: Pick<NewWorkspace, 'tags' | 'notes' | 'setup'> & {
      readonly name?: string | undefined;
      readonly target?: WorkspaceTarget | undefined;
    },
  ): Promise<Workspace> {
    const runtime = this.get(workspaceId);
    const current = runtime.config;
    if (patch.name !== undefined) this.assertNameFree(patch.name, workspaceId);
    const isNewTarget =
      patch.target !== undefined && JSON.stringify(patch.target) !== JSON.stringify(current.target);
    if (isNewTarget) {
      const existing = runtime.resources
        .list()
        .filter((entry) => entry.kind !== 'datasetImportJob' && entry.kind !== 'solutionVersion');
      if (existing.length > 0) {
        throw new AppError(
          'input.invalid',
          `Workspace "${current.name}" has ${existing.length} resource${existing.length === 1 ? '' : 's'} in account ${current.accountId ?? 'of its target'}: tear them down (Clean up) before changing its profile, region or account, or create another workspace.`,
          { details: { workspaceId, resources: existing.length } },
        );
      }
    }
    const updated = await runtime.updateConfig((draft) => {
      if (isNewTarget && patch.target !== undefined) {
        draft.target = patch.target;
        if (patch.target.kind === 'aws' && patch.target.accountId !== undefined)
          draft.accountId = patch.target.accountId;
        else Reflect.deleteProperty(draft, 'accountId');
      }
      if (patch.name !== undefined) draft.name = patch.name;
      if (patch.tags !== undefined) draft.tags = { ...patch.tags };
      if (patch.notes !== undefined) draft.notes = patch.notes;
      if (patch.setup?.bucket !== undefined) draft.setup.bucket = patch.setup.bucket;
      if (patch.setup?.roleName !== undefined) draft.setup.roleName = patch.setup.roleName;
    });
    if (isNewTarget) {
      runtime.resetClients();
      void runtime.checkIdentity();
    }
    this.emit({ change: 'list' });
    return updated;
  }

  /**
   * A new workspace with the same target, tags, notes and chosen files, a new prefix, bucket and
   * role (so the two POCs never share a resource).
   * @throws AppError `workspace.notFound`, `workspace.nameTaken` when another workspace has the name.
   */
  async duplicate(workspaceId: string, name: string): Promise<Workspace> {
    const source = this.get(workspaceId);
    this.assertNameFree(name);
    const config = source.config;
    const choices = emptyGuideChoices();
    choices.files = { ...source.getChoices().files };
    return this.create(
      { name, target: config.target, tags: config.tags, notes: config.notes },
      choices,
    );
  }

  /**
   * Forgets a workspace: closes its clients and deletes its folder (the resources it created stay
   * in the account unless a teardown ran first). The last workspace cannot be deleted.
   * @throws AppError `workspace.notFound`, `input.invalid` for the last workspace.
   */
  async remove(workspaceId: string): Promise<void> {
    const runtime = this.get(workspaceId);
    if (this.runtimes.size === 1) {
      throw new AppError(
        'input.invalid',
        'This is the only workspace: create another one before deleting it.',
      );
    }
    runtime.dispose();
    this.runtimes.delete(workspaceId);
    await this.store.remove(workspaceId);
    await rm(path.join(this.options.workRoot, workspaceId), { recursive: true, force: true });
    this.emit({ change: 'list' });
    if (this.currentIdValue === workspaceId)
      await this.select(this.list()[0]?.id ?? DEFAULT_WORKSPACE_ID);
  }

  /** Subscribes to changes of any workspace or of the list; returns the unsubscribe function. */
  onDidChange(listener: (change: RegistryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes every workspace's clients. */
  dispose(): void {
    for (const runtime of this.runtimes.values()) runtime.dispose();
    this.listeners.clear();
  }

  private newWorkspace(id: string, input: NewWorkspace): Workspace {
    const prefix = input.prefix ?? defaultPrefix(input.name, () => this.random(2));
    const nowMs = this.now();
    return {
      id,
      name: input.name,
      target: input.target,
      ...(input.target.kind === 'sandbox'
        ? {}
        : input.target.accountId === undefined
          ? {}
          : { accountId: input.target.accountId }),
      prefix,
      tags: { ...(input.tags ?? {}) },
      notes: input.notes ?? '',
      setup: {
        bucket: input.setup?.bucket ?? defaultBucketName(prefix, () => this.random(3)),
        roleName: input.setup?.roleName ?? defaultRoleName(prefix),
      },
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
  }

  private async adopt(workspace: Workspace, choices: GuideChoices): Promise<void> {
    const runtime = new WorkspaceRuntime({
      workspace,
      choices,
      store: this.store,
      createClients: this.options.createClients,
      poller: await this.options.pollerFor(workspace.target),
      workRoot: this.options.workRoot,
      now: this.now,
      workspaces: () =>
        [...this.runtimes.values()].map((each) => ({
          id: each.config.id,
          prefix: each.config.prefix,
        })),
    });
    await runtime.load();
    runtime.onDidChange((change) => this.emit({ workspaceId: workspace.id, change }));
    this.runtimes.set(workspace.id, runtime);
  }

  /** Choices of a workspace file of the first format (`<dir>/local-sandbox.json`), if any. */
  private async legacyChoices(): Promise<{ choices: GuideChoices; bucket?: string }> {
    const raw = (await readJsonFile(
      path.join(this.options.directory, `${DEFAULT_WORKSPACE_ID}.json`),
    )) as
      | {
          poc?: {
            files?: { interactions?: string; items?: string };
            datasetGroupArn?: string;
            bucket?: string;
          };
        }
      | undefined;
    const choices = emptyGuideChoices();
    const poc = raw?.poc;
    if (poc === undefined) return { choices };
    choices.files = { ...(poc.files ?? {}) };
    if (poc.datasetGroupArn !== undefined) choices.datasetGroupArn = poc.datasetGroupArn;
    return poc.bucket === undefined ? { choices } : { choices, bucket: poc.bucket };
  }

  private emit(change: RegistryChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
