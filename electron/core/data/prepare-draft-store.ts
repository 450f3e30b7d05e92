import path from 'node:path';
import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors.js';
import {
  emptyPrepareDrafts,
  MAX_PREPARE_DRAFTS_BYTES,
  WorkspacePrepareDraftsSchema,
  type StoredWorkspacePrepareDrafts,
} from '../../../shared/prepare/prepare-draft.js';
import type { StudioLog } from '../app/studio-app.js';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from '../json-file.js';

/** `prepare-drafts.json`: `{version: 1, drafts}`. */
const DraftsFileSchema = z.object({ version: z.literal(1), drafts: WorkspacePrepareDraftsSchema });

/**
 * The file of a workspace's Prepare drafts, in the workspace's own folder beside its resource
 * cache (`<userData>/workspaces/<id>/prepare-drafts.json`): deleting the workspace deletes it.
 */
export function prepareDraftsFile(resourcesFile: string): string {
  return path.join(path.dirname(resourcesFile), 'prepare-drafts.json');
}

/** The size of drafts as the limit counts it: UTF-8 bytes of their compact JSON. */
export function prepareDraftsSizeBytes(drafts: StoredWorkspacePrepareDrafts): number {
  return Buffer.byteLength(JSON.stringify(drafts), 'utf8');
}

function kibibytes(sizeBytes: number): string {
  return `${Math.ceil(sizeBytes / 1024)} KiB`;
}

/**
 * The unsaved Prepare form of each workspace (the Data step's raw file mapping, fixes and
 * names), persisted in the workspace's folder so that a restart of the studio or of the window
 * (the browser host's origin changes every run) loses nothing.
 *
 * {@link get} reads the file on each call (no copy to go stale when a workspace is deleted);
 * a missing file is no drafts, and so is an unreadable one (not JSON, another shape), which is
 * logged once until a {@link put} replaces it. {@link put} writes atomically (temp file, then
 * rename), in call order, never recreating a deleted workspace's folder.
 */
export class PrepareDraftStore {
  private readonly queue = new SerialQueue();
  // Files already reported unreadable (logged once; a successful put clears the entry).
  private readonly reported = new Set<string>();

  /**
   * @param fileOf where a workspace's drafts live (see {@link prepareDraftsFile})
   * @param log the core's log, for an unreadable file (its path and why, never its content)
   */
  constructor(
    private readonly fileOf: (workspaceId: string) => string,
    private readonly log?: StudioLog,
  ) {}

  /** The workspace's stored drafts; no drafts when none were stored or the file is unreadable. */
  async get(workspaceId: string): Promise<StoredWorkspacePrepareDrafts> {
    const file = this.fileOf(workspaceId);
    let raw: unknown;
    try {
      raw = await readJsonFile(file);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'file.unreadable') throw error;
      this.reportUnreadable(workspaceId, file, 'not valid JSON');
      return emptyPrepareDrafts();
    }
    if (raw === undefined) return emptyPrepareDrafts();
    const parsed = DraftsFileSchema.safeParse(raw);
    if (!parsed.success) {
      this.reportUnreadable(workspaceId, file, 'not the drafts format (version 1)');
      return emptyPrepareDrafts();
    }
    return parsed.data.drafts;
  }

  /**
   * Persists the workspace's drafts (replacing the stored ones); resolves with their size once
   * on disk.
   * @throws AppError `input.invalid` over {@link MAX_PREPARE_DRAFTS_BYTES} (nothing written),
   *   `workspace.notFound` when the workspace's folder no longer exists (deleted meanwhile).
   */
  async put(workspaceId: string, drafts: StoredWorkspacePrepareDrafts): Promise<number> {
    const sizeBytes = prepareDraftsSizeBytes(drafts);
    if (sizeBytes > MAX_PREPARE_DRAFTS_BYTES) {
      throw new AppError(
        'input.invalid',
        `The unsaved Prepare form is ${kibibytes(sizeBytes)}, over the ${kibibytes(MAX_PREPARE_DRAFTS_BYTES)} the studio keeps per workspace: it is kept in this window only. Shorten long event-type mappings or filter lists, or export the recipe to keep it.`,
        { details: { sizeBytes, maxBytes: MAX_PREPARE_DRAFTS_BYTES } },
      );
    }
    const file = this.fileOf(workspaceId);
    return this.queue.run(async () => {
      try {
        await writeJsonFileAtomic(file, { version: 1, drafts }, { canCreateParent: false });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new AppError(
          'workspace.notFound',
          `Workspace ${workspaceId} no longer exists (its folder was deleted): its Prepare form was not saved.`,
          { cause: error },
        );
      }
      this.reported.delete(file);
      return sizeBytes;
    });
  }

  private reportUnreadable(workspaceId: string, file: string, reason: string): void {
    if (this.reported.has(file)) return;
    this.reported.add(file);
    this.log?.('Prepare drafts unreadable: starting without drafts', {
      workspaceId,
      file,
      reason,
    });
  }
}
