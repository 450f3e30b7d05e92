import path from 'node:path';
import { z } from 'zod';
import { WorkspaceSchema, type Workspace } from '../../../shared/ipc/contract.js';
import { emptyPocState, PocStateSchema, type PocState } from '../../../shared/poc.js';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from '../json-file.js';

/** Id of the default workspace, which targets the embedded Local sandbox. */
export const DEFAULT_WORKSPACE_ID = 'local-sandbox';
/** Display name of the default workspace. */
export const DEFAULT_WORKSPACE_NAME = 'First POC';

const WorkspaceFileSchema = z.object({ version: z.literal(1), workspace: WorkspaceSchema, poc: PocStateSchema });

/** What one workspace file holds. */
export interface WorkspaceRecord {
  readonly workspace: Workspace;
  readonly poc: PocState;
}

/**
 * Workspaces on disk: one JSON file per workspace, `<dir>/<id>.json` =
 * `{version: 1, workspace, poc}`, written atomically; writes of one store are serialised.
 */
export class WorkspaceStore {
  private readonly queue = new SerialQueue();

  /** @param directory e.g. `<userData>/workspaces` */
  constructor(readonly directory: string) {}

  /** Path of a workspace's file. */
  filePath(workspaceId: string): string {
    return path.join(this.directory, `${workspaceId}.json`);
  }

  /**
   * Loads the workspace, or `undefined` when it has no file.
   * @throws AppError `file.unreadable` (not JSON); ZodError when the file has another shape (a bug).
   */
  async load(workspaceId: string): Promise<WorkspaceRecord | undefined> {
    const raw = await readJsonFile(this.filePath(workspaceId));
    if (raw === undefined) return undefined;
    const parsed = WorkspaceFileSchema.parse(raw);
    return { workspace: parsed.workspace, poc: parsed.poc };
  }

  /** Persists the workspace and its PocState (atomic; resolves once on disk). */
  save(record: WorkspaceRecord): Promise<void> {
    const snapshot = { version: 1 as const, workspace: record.workspace, poc: record.poc };
    return this.queue.run(() => writeJsonFileAtomic(this.filePath(record.workspace.id), snapshot));
  }

  /**
   * Loads the default workspace ("First POC", on the Local sandbox), creating it with an empty POC when missing,
   * and points it at `endpoint` (the sandbox port changes per run). Persists the result.
   */
  async loadOrCreateDefault(target: { endpoint: string; region: string; accountId: string }, nowMs = Date.now()): Promise<WorkspaceRecord> {
    const existing = await this.load(DEFAULT_WORKSPACE_ID);
    const record: WorkspaceRecord = {
      workspace: {
        id: DEFAULT_WORKSPACE_ID,
        name: DEFAULT_WORKSPACE_NAME,
        target: { kind: 'sandbox', ...target },
        createdAtMs: existing?.workspace.createdAtMs ?? nowMs,
      },
      poc: existing?.poc ?? emptyPocState(),
    };
    await this.save(record);
    return record;
  }
}
