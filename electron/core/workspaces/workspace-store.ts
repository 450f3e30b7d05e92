import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { GuideChoicesSchema, type GuideChoices, emptyGuideChoices } from '../../../shared/guide.js';
import { WorkspaceSchema, type Workspace } from '../../../shared/ipc/workspaces.js';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from '../json-file.js';

const WorkspaceFileSchema = z.object({ version: z.literal(2), workspace: WorkspaceSchema });
const GuideFileSchema = z.object({ version: z.literal(1), choices: GuideChoicesSchema });
const RegistryFileSchema = z.object({ version: z.literal(1), currentId: z.string().optional() });

/**
 * Workspaces on disk, one folder each (`<dir>/<id>/`): `workspace.json` (`{version: 2,
 * workspace}`), `guide.json` (`{version: 1, choices}`) and `resources.json` (the resource
 * cache, electron/core/workspaces/resource-cache.ts); `<dir>/registry.json` remembers the
 * workspace the window shows. Every write is atomic; writes of one store are serialised.
 */
export class WorkspaceStore {
  private readonly queue = new SerialQueue();

  /** @param directory e.g. `<userData>/workspaces` */
  constructor(readonly directory: string) {}

  /** Folder of a workspace. */
  folder(workspaceId: string): string {
    return path.join(this.directory, workspaceId);
  }

  /** Path of the resource cache file of a workspace. */
  resourcesFile(workspaceId: string): string {
    return path.join(this.folder(workspaceId), 'resources.json');
  }

  /**
   * Every stored workspace, oldest first.
   * @throws AppError `file.unreadable` (not JSON); ZodError when a file has another shape (a bug).
   */
  async loadAll(): Promise<Workspace[]> {
    let names: string[];
    try {
      const entries = await readdir(this.directory, { withFileTypes: true });
      names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const workspaces: Workspace[] = [];
    for (const name of names) {
      const raw = await readJsonFile(path.join(this.directory, name, 'workspace.json'));
      if (raw !== undefined) workspaces.push(WorkspaceFileSchema.parse(raw).workspace);
    }
    return workspaces.sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  /** Persists a workspace (atomic; resolves once on disk). */
  save(workspace: Workspace): Promise<void> {
    return this.queue.run(() =>
      writeJsonFileAtomic(path.join(this.folder(workspace.id), 'workspace.json'), {
        version: 2,
        workspace,
      }),
    );
  }

  /** The guide's choices of a workspace (empty when it has none yet). */
  async loadGuide(workspaceId: string): Promise<GuideChoices> {
    const raw = await readJsonFile(path.join(this.folder(workspaceId), 'guide.json'));
    return raw === undefined ? emptyGuideChoices() : GuideFileSchema.parse(raw).choices;
  }

  /** Persists the guide's choices of a workspace. */
  saveGuide(workspaceId: string, choices: GuideChoices): Promise<void> {
    return this.queue.run(() =>
      writeJsonFileAtomic(path.join(this.folder(workspaceId), 'guide.json'), {
        version: 1,
        choices,
      }),
    );
  }

  /** The id of the workspace the window showed last, if recorded. */
  async loadCurrentId(): Promise<string | undefined> {
    const raw = await readJsonFile(path.join(this.directory, 'registry.json'));
    return raw === undefined ? undefined : RegistryFileSchema.parse(raw).currentId;
  }

  /** Records the workspace the window shows. */
  saveCurrentId(currentId: string): Promise<void> {
    return this.queue.run(() =>
      writeJsonFileAtomic(path.join(this.directory, 'registry.json'), { version: 1, currentId }),
    );
  }

  /**
   * Deletes a workspace's folder: its workspace, guide and resource cache files, and what the
   * domains keep beside them (`inventory.json`, `prepare-drafts.json`).
   */
  remove(workspaceId: string): Promise<void> {
    return this.queue.run(() => rm(this.folder(workspaceId), { recursive: true, force: true }));
  }
}
