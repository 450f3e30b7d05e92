import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore as StudioApp } from '../app/studio-app.js';

const MOVIELENS_INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const movielensInteractions = sharedDataPath(MOVIELENS_INTERACTIONS);
const workspaceId = 'local-sandbox';

/** Resolves with the job once `jobs.list` shows it finished (polls; events may have passed already). */
async function settled(app: StudioApp, jobId: string): Promise<Job> {
  for (;;) {
    const job = (await app.handlers['jobs.list']({ workspaceId })).find(
      (candidate) => candidate.id === jobId,
    );
    if (job !== undefined && ['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const title =
  movielensInteractions === undefined
    ? missingDataReason(MOVIELENS_INTERACTIONS)
    : 're-importing with a file of another schema';

describe.skipIf(movielensInteractions === undefined)(title, () => {
  let userDataDir: string;
  let app: StudioApp;

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-reimport-'));
    app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
  });

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('fails fast naming both files, keeps Import and later steps not done, and imports after a cleanup', async () => {
    const movielens = movielensInteractions as string;
    const sample = await app.handlers['data.sample']({});
    await app.handlers['guide.setFiles']({
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
      users: sample.users,
    });
    const firstImport = await app.handlers['datasets.import']({ workspaceId });
    expect(await settled(app, firstImport.jobId)).toMatchObject({
      state: 'succeeded',
      step: 'Imported 396,337 interactions rows, 4,053 items rows and 4,372 users rows',
    });
    // Import again with the same files: nothing is imported twice, and the job says so.
    const again = await settled(
      app,
      (await app.handlers['datasets.import']({ workspaceId })).jobId,
    );
    expect(again).toMatchObject({
      state: 'succeeded',
      step: 'Nothing to import: interactions, items and users are imported already from these files, unchanged since',
    });
    // The users slot: the sample's users.csv (4,372 customers) imported beside the others.
    const first = await app.handlers['guide.get']({ workspaceId });
    expect(first.importStatus).toMatchObject({
      interactions: 'ACTIVE',
      items: 'ACTIVE',
      users: 'ACTIVE',
    });
    expect(first.importedRows.users).toBe(4372);
    expect(first.importedFiles.users).toBe(sample.users);
    expect((await app.handlers['guide.get']({ workspaceId })).importedFiles.interactions).toBe(
      sample.interactions,
    );

    await app.handlers['guide.setFiles']({ workspaceId, interactions: movielens });
    const refused = await settled(
      app,
      (await app.handlers['datasets.import']({ workspaceId })).jobId,
    );
    expect(refused.state).toBe('failed');
    expect(refused.error?.code).toBe('guide.notReady');
    expect(refused.error?.message).toContain(`schema of ${path.basename(sample.interactions)}`);
    expect(refused.error?.message).toContain(`${path.basename(movielens)} has columns`);
    expect(refused.error?.message).toContain('clean up this POC (step 6)');
    // Refused while checking, before any upload (it used to upload the whole file first).
    expect(refused.step).toBe('Checking the interactions file');
    const afterRefusal = await app.handlers['guide.get']({ workspaceId });
    expect(afterRefusal.steps.import).not.toBe('done');
    for (const step of ['solutions', 'campaign', 'explore'] as const)
      expect(afterRefusal.steps[step], step).not.toBe('done');
    expect(afterRefusal.files.interactions).toBe(movielens);

    const cleanup = await app.handlers['inventory.teardown']({ workspaceId });
    expect(await settled(app, cleanup.jobId)).toMatchObject({ state: 'succeeded' });
    expect(await app.handlers['inventory.list']({ workspaceId })).toEqual([]);

    const secondImport = await app.handlers['datasets.import']({ workspaceId });
    expect(await settled(app, secondImport.jobId)).toMatchObject({ state: 'succeeded' });
    const imported = await app.handlers['guide.get']({ workspaceId });
    expect(imported.importedRows.interactions).toBe(158_371);
    expect(imported.importedFiles.interactions).toBe(movielens);
    expect(imported.importStatus.interactions).toBe('ACTIVE');
    expect(imported.steps.import).toBe('done');
  });
});
