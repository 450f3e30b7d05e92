import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryItem, InventorySnapshot } from '../../../shared/ipc/inventory.js';
import type { Job } from '../../../shared/jobs.js';
import { isJobRecord } from '../../../shared/inventory/inventory-counts.js';
import { smallInteractionsCsv } from '../../sandbox/test-support/small-poc.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const WORKSPACE = 'local-sandbox';

async function succeeded(app: StudioCore, started: Promise<{ jobId: string }>): Promise<Job> {
  const job = await app.jobs.whenSettled((await started).jobId);
  expect(job.state, job.error?.message).toBe('succeeded');
  return job;
}

/** Refreshes the inventory as a job; returns the job and the snapshot it left. */
async function refreshed(app: StudioCore): Promise<{ job: Job; snapshot: InventorySnapshot }> {
  const job = await succeeded(app, app.handlers['inventory.refresh']({ workspaceId: WORKSPACE }));
  return { job, snapshot: await app.handlers['inventory.snapshot']({ workspaceId: WORKSPACE }) };
}

function campaignOf(snapshot: InventorySnapshot): InventoryItem | undefined {
  return snapshot.view?.groups
    .flatMap((group) => group.resources)
    .find((entry) => entry.kind === 'campaign');
}

describe('inventory: idle since, alive counts and the snapshot across a restart', () => {
  let userDataDir: string;
  let app: StudioCore;

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'inventory-idle-'));
    const interactions = path.join(userDataDir, 'interactions.csv');
    await writeFile(interactions, smallInteractionsCsv(), 'utf8');
    app = await createStudioApp({ userDataDir });
    await app.handlers['guide.setFiles']({ workspaceId: WORKSPACE, interactions });
    await succeeded(app, app.handlers['datasets.import']({ workspaceId: WORKSPACE }));
    await succeeded(
      app,
      app.handlers['solutions.train']({
        workspaceId: WORKSPACE,
        recipes: ['aws-popularity-count'],
      }),
    );
    await succeeded(
      app,
      app.handlers['campaigns.deploy']({
        workspaceId: WORKSPACE,
        recipe: 'aws-popularity-count',
        minProvisionedTPS: 1,
      }),
    );
  }, 300_000);

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('marks a campaign idle since the studio last asked it, counts what the list shows, and keeps the snapshot (stale) through a restart', async () => {
    // Never asked through the studio: no idle-since time (the UI says unknown).
    const before = await refreshed(app);
    // One workspace: the refresh counts one workspace, not "2 of 2".
    expect(before.job.progress).toEqual({ done: 1, total: 1, unit: 'workspaces' });
    expect(before.snapshot.isStale).toBe(false);
    const campaign = campaignOf(before.snapshot);
    expect(campaign).toMatchObject({ status: 'ACTIVE', minProvisionedTPS: 1, isBilling: true });
    expect(campaign?.idleSinceMs).toBeUndefined();

    const sentFrom = Date.now();
    const answer = await app.handlers['recommendations.recommend']({
      workspaceId: WORKSPACE,
      userId: 'u1',
      numResults: 5,
    });
    const answeredBy = Date.now();
    expect(answer.items).toHaveLength(5);
    expect(answer.campaignArn).toBe(campaign?.arn);
    // Persisted in the workspace's resource cache as epoch ms.
    const cacheFile = path.join(userDataDir, 'workspaces', WORKSPACE, 'resources.json');
    const cached = (
      JSON.parse(await readFile(cacheFile, 'utf8')) as {
        resources: { arn: string; studio: Record<string, unknown> }[];
      }
    ).resources.find((entry) => entry.arn === answer.campaignArn);
    const lastRequestAtMs = cached?.studio.lastRequestAtMs as number;
    expect(lastRequestAtMs).toBeGreaterThanOrEqual(sentFrom);
    expect(lastRequestAtMs).toBeLessThanOrEqual(answeredBy);

    const after = await refreshed(app);
    expect(campaignOf(after.snapshot)?.idleSinceMs).toBe(lastRequestAtMs);
    // The workspace's alive count is the rows its inventory lists (objects: one row) but the
    // import and batch job records (history); one bills by the hour.
    const own = after.snapshot.alive?.find((entry) => entry.workspaceId === WORKSPACE);
    const view = after.snapshot.view;
    if (view === undefined) throw new Error('the refresh left no view');
    const rows = [
      ...view.groups.flatMap((group) => [group.datasetGroup, ...group.resources]),
      ...view.schemas,
      ...view.environment,
    ].filter((entry) => !isJobRecord(entry.kind)).length;
    expect(own).toMatchObject({ alive: rows, billable: 1 });
    expect(view.environment.map((entry) => entry.kind)).toEqual(['object', 'bucket', 'role']);
    // Prices of us-east-1 are recorded but unverified: the estimate says so.
    expect(view.cost).toMatchObject({ perHourUsd: 0.0556, isVerified: false });

    // A restart of the core: the last snapshot is shown with its time, stale until refreshed.
    await app.dispose();
    app = await createStudioApp({ userDataDir });
    const restored = await app.handlers['inventory.snapshot']({ workspaceId: WORKSPACE });
    expect(restored).toEqual({ ...after.snapshot, isStale: true });
    expect(restored.refreshedAtMs).toBe(view.scannedAtMs);
    const again = await refreshed(app);
    expect(again.snapshot.isStale).toBe(false);
    expect(again.snapshot.refreshedAtMs).toBeGreaterThan(view.scannedAtMs);
    // The last request time survived the restart with the resource cache.
    expect(campaignOf(again.snapshot)?.idleSinceMs).toBe(lastRequestAtMs);
  }, 300_000);
});
