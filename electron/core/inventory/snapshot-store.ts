import path from 'node:path';
import { z } from 'zod';
import { InventorySnapshotSchema, type InventorySnapshot } from '../../../shared/ipc/inventory.js';
import { isAppError } from '../../../shared/errors.js';
import { readJsonFile, SerialQueue, writeJsonFileAtomic } from '../json-file.js';

/** A refresh's result as stored: the views and their time (no job id, no stale flag). */
export type StoredSnapshot = Omit<InventorySnapshot, 'jobId' | 'isStale'>;

/** `inventory.json`: `{version: 1, snapshot}`. */
const SnapshotFileSchema = z.object({
  version: z.literal(1),
  snapshot: InventorySnapshotSchema.omit({ jobId: true, isStale: true }),
});

/** The file of a workspace's last inventory snapshot, beside its resource cache (`<userData>/workspaces/<id>/inventory.json`). */
export function snapshotFile(resourcesFile: string): string {
  return path.join(path.dirname(resourcesFile), 'inventory.json');
}

/**
 * The last inventory snapshot of each workspace, persisted so that a restarted studio shows what
 * the account held at the last refresh. {@link save} writes the file atomically before the
 * in-memory copy changes; {@link get} reads the file once per workspace and marks what it read
 * `isStale` (listed by an earlier session), while a snapshot saved in this session is not.
 */
export class SnapshotStore {
  private readonly current = new Map<string, StoredSnapshot & { isStale: boolean }>();
  private readonly queue = new SerialQueue();

  /** @param fileOf where a workspace's snapshot lives (see {@link snapshotFile}) */
  constructor(private readonly fileOf: (workspaceId: string) => string) {}

  /**
   * The workspace's last snapshot, `undefined` before its first refresh. A missing, corrupt or
   * older-format file counts as no snapshot (a refresh writes a new one).
   */
  async get(workspaceId: string): Promise<(StoredSnapshot & { isStale: boolean }) | undefined> {
    const known = this.current.get(workspaceId);
    if (known !== undefined) return known;
    let raw: unknown;
    try {
      raw = await readJsonFile(this.fileOf(workspaceId));
    } catch (error) {
      if (isAppError(error) && error.code === 'file.unreadable') return undefined;
      throw error;
    }
    const parsed = SnapshotFileSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const loaded = { ...parsed.data.snapshot, isStale: true };
    if (!this.current.has(workspaceId)) this.current.set(workspaceId, loaded);
    return this.current.get(workspaceId);
  }

  /** Records a fresh snapshot: persisted first (atomic write), then current and not stale. */
  save(workspaceId: string, snapshot: StoredSnapshot): Promise<void> {
    return this.queue.run(async () => {
      await writeJsonFileAtomic(this.fileOf(workspaceId), { version: 1, snapshot });
      this.current.set(workspaceId, { ...snapshot, isStale: false });
    });
  }
}
