import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotFile, SnapshotStore, type StoredSnapshot } from './snapshot-store.js';

const snapshot: StoredSnapshot = {
  alive: [{ workspaceId: 'w1', workspaceName: 'Acme', alive: 3, billable: 1 }],
  refreshedAtMs: 1_764_650_000_000,
};

describe('inventory snapshot store', () => {
  let dir: string;
  const fileOf = (id: string) => snapshotFile(path.join(dir, id, 'resources.json'));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'inventory-snapshot-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists beside the resource cache; a new store (a restart) reads it back marked stale', async () => {
    expect(fileOf('w1')).toBe(path.join(dir, 'w1', 'inventory.json'));
    const first = new SnapshotStore(fileOf);
    expect(await first.get('w1')).toBeUndefined();
    await first.save('w1', snapshot);
    expect(await first.get('w1')).toEqual({ ...snapshot, isStale: false });
    const onDisk = JSON.parse(await readFile(fileOf('w1'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 1, snapshot });
    const restarted = new SnapshotStore(fileOf);
    expect(await restarted.get('w1')).toEqual({ ...snapshot, isStale: true });
    await restarted.save('w1', { ...snapshot, refreshedAtMs: (snapshot.refreshedAtMs ?? 0) + 1 });
    expect(await restarted.get('w1')).toMatchObject({ isStale: false });
  });

  it('treats a corrupt or foreign file as no snapshot, and a refresh replaces it', async () => {
    const store = new SnapshotStore(fileOf);
    await store.save('w2', snapshot);
    await writeFile(fileOf('w2'), '{"version": 1, "snapshot": ', 'utf8');
    expect(await new SnapshotStore(fileOf).get('w2')).toBeUndefined();
    await writeFile(fileOf('w2'), JSON.stringify({ version: 2, snapshot }), 'utf8');
    expect(await new SnapshotStore(fileOf).get('w2')).toBeUndefined();
    const again = new SnapshotStore(fileOf);
    await again.save('w2', snapshot);
    expect(await new SnapshotStore(fileOf).get('w2')).toEqual({ ...snapshot, isStale: true });
  });
});
