import {
  ListDatasetGroupsCommand,
  PersonalizeClient,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/contract.js';
import type { Job } from '../../../shared/jobs.js';
import type { GuideView } from '../../../shared/guide.js';
import { createStudioApp } from './create-studio-app.js';
import type { StudioCore as StudioApp } from './studio-app.js';

/** Resolves with the job once a `jobs.didChange` event shows it finished. */
function settled(app: StudioApp, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const unsubscribe = app.onEvent((name, payload) => {
      if (name !== 'jobs.didChange') return;
      const job = payload as Job;
      if (job.id === jobId && ['succeeded', 'failed', 'cancelled'].includes(job.state)) {
        unsubscribe();
        resolve(job);
      }
    });
  });
}

/** Every file under `directory`, recursively. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('createStudioApp on the bundled sample', () => {
  let userDataDir: string;
  let app: StudioApp;
  const pocEvents: GuideView[] = [];

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-app-'));
    app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
    app.onEvent((name, payload) => {
      if (name === 'guide.didChange') pocEvents.push((payload as { view: GuideView }).view);
    });
  });

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('serves every core channel and the default workspace', async () => {
    const served = Object.keys(app.handlers).sort();
    expect(served).toEqual(
      CHANNELS.filter((channel) => channel !== 'app.info' && channel !== 'data.pickFile').sort(),
    );
    expect(CHANNELS.filter((channel) => channel.startsWith('poc.'))).toEqual([]);
    const { workspaces, currentId } = await app.handlers['workspaces.list']({});
    expect(currentId).toBe('local-sandbox');
    expect(workspaces).toHaveLength(1);
    const workspace = workspaces[0];
    expect(workspace).toMatchObject({
      id: 'local-sandbox',
      name: 'First POC',
      target: { kind: 'sandbox', region: 'us-east-1' },
    });
    expect(workspace?.prefix).toMatch(/^first-poc-[0-9a-f]{4}$/u);
    await expect(
      app.handlers['datasets.import']({ workspaceId: 'local-sandbox' }),
    ).rejects.toMatchObject({ code: 'guide.notReady' });
    await expect(app.handlers['guide.get']({ workspaceId: 'nope' })).rejects.toMatchObject({
      code: 'workspace.notFound',
    });
  });

  it('keeps Data at attention and refuses to import a file with blocking findings, naming it', async () => {
    const bad = path.join(userDataDir, 'no-user-id.csv');
    await writeFile(
      bad,
      `ITEM_ID,TIMESTAMP\n${Array.from({ length: 20 }, (_, index) => `item${index},${1_600_000_000 + index}`).join('\n')}\n`,
    );
    const view = await app.handlers['guide.setFiles']({
      workspaceId: 'local-sandbox',
      interactions: bad,
    });
    expect(view.steps.data).toBe('attention');
    expect(view.fileChecks.interactions).toMatchObject({ path: bad });
    expect(view.fileChecks.interactions?.errors).toBeGreaterThan(0);
    await expect(
      app.handlers['datasets.import']({ workspaceId: 'local-sandbox' }),
    ).rejects.toMatchObject({
      code: 'guide.notReady',
      message: expect.stringContaining(`The interactions file ${bad} has`) as unknown,
    });
    expect(app.jobs.list('local-sandbox')).toEqual([]);
  });

  it("pages the grid from a database kept in the studio's data folder, not in the system's temp", async () => {
    const file = path.join(userDataDir, 'grid-2500.csv');
    await writeFile(
      file,
      `USER_ID,ITEM_ID,TIMESTAMP\n${Array.from({ length: 2500 }, (_, index) => `u${index},i${index % 7},${1_600_000_000 + index}`).join('\n')}\n`,
    );
    // A page past the first 1,000 rows starts the file's table in its grid database (the page
    // itself may come from the file meanwhile); a sorted page comes from that table.
    const page = await app.handlers['data.rows']({
      path: file,
      offset: 2000,
      limit: 3,
      sort: [],
      filters: [],
    });
    expect(page.rows.map((row) => row.USER_ID)).toEqual(['u2000', 'u2001', 'u2002']);
    const newest = await app.handlers['data.rows']({
      path: file,
      offset: 0,
      limit: 1,
      sort: [{ column: 'TIMESTAMP', direction: 'desc' }],
      filters: [],
    });
    expect(newest.rows.map((row) => row.USER_ID)).toEqual(['u2499']);
    const cached = await readdir(path.join(userDataDir, 'cache', 'grid'));
    expect(cached.filter((name) => name.endsWith('.duckdb'))).toHaveLength(1);
  });

  it('guards its sandbox with a random per-launch access key id', async () => {
    expect(app.sandboxCredentials.accessKeyId).toMatch(/^PSX[0-9A-F]{16}$/u);
    expect(app.sandboxCredentials.secretAccessKey.length).toBeGreaterThanOrEqual(40);
    const config = { region: 'us-east-1', endpoint: app.sandboxEndpoint };
    const allowed = new PersonalizeClient({ ...config, credentials: app.sandboxCredentials });
    const refused = new PersonalizeClient({
      ...config,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
    try {
      expect((await allowed.send(new ListDatasetGroupsCommand({}))).$metadata.httpStatusCode).toBe(
        200,
      );
      const error = await refused.send(new ListDatasetGroupsCommand({})).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(PersonalizeServiceException);
      expect((error as PersonalizeServiceException).name).toBe('UnrecognizedClientException');
      expect((error as PersonalizeServiceException).$metadata.httpStatusCode).toBe(403);
    } finally {
      allowed.destroy();
      refused.destroy();
    }
  });

  it('runs import, training, deploy, recommendations and cleanup as jobs, persisting GuideView', async () => {
    const workspaceId = 'local-sandbox';
    const sample = await app.handlers['data.sample']({});
    const preview = await app.handlers['data.preview']({
      path: sample.items,
      datasetType: 'items',
      limit: 5,
    });
    expect(preview.rows).toHaveLength(5);
    await app.handlers['guide.setFiles']({
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
    });

    const importJob = await app.handlers['datasets.import']({ workspaceId });
    expect(await settled(app, importJob.jobId)).toMatchObject({ state: 'succeeded' });
    // The import ran the environment setup first: everything is in place, and a second run changes nothing.
    const setup = await app.handlers['setup.check']({ workspaceId });
    expect(setup.isComplete).toBe(true);
    expect(setup.items.map((item) => item.kind).sort()).toEqual(
      [
        'bucket',
        'bucketEncryption',
        'bucketPolicy',
        'bucketTags',
        'publicAccessBlock',
        'role',
        'rolePolicy',
        'roleTags',
        'roleTrustPolicy',
      ].sort(),
    );
    const again = await app.handlers['setup.apply']({ workspaceId });
    const setupJob = await settled(app, again.jobId);
    expect(setupJob).toMatchObject({ state: 'succeeded' });
    const imported = await app.handlers['guide.get']({ workspaceId });
    expect(imported.importedRows.interactions).toBe(396_337);
    expect(imported.steps.import).toBe('done');

    const trainJob = await app.handlers['solutions.train']({
      workspaceId,
      recipes: ['aws-user-personalization', 'aws-popularity-count'],
    });
    expect(await settled(app, trainJob.jobId)).toMatchObject({ state: 'succeeded' });
    const deployJob = await app.handlers['campaigns.deploy']({
      workspaceId,
      recipe: 'aws-user-personalization',
      minProvisionedTPS: 1,
    });
    expect(await settled(app, deployJob.jobId)).toMatchObject({ state: 'succeeded' });
    const recommendations = await app.handlers['recommendations.recommend']({
      workspaceId,
      userId: '17841',
      numResults: 25,
    });
    expect(recommendations.items).toHaveLength(25);
    expect(recommendations.items.some((item) => (item.metadata.DESCRIPTION ?? '').length > 0)).toBe(
      true,
    );

    // The service is the source of truth: the resource cache on disk holds what Describe said.
    const onDisk = JSON.parse(
      await readFile(
        path.join(userDataDir, 'workspaces', 'local-sandbox', 'resources.json'),
        'utf8',
      ),
    ) as {
      resources: { kind: string; status?: string; studio: Record<string, unknown> }[];
    };
    expect(onDisk.resources.find((entry) => entry.kind === 'campaign')?.status).toBe('ACTIVE');
    expect(
      onDisk.resources
        .filter((entry) => entry.kind === 'datasetImportJob')
        .map((entry) => entry.studio.rows),
    ).toEqual([396_337, imported.importedRows.items]);
    const guideFile = JSON.parse(
      await readFile(path.join(userDataDir, 'workspaces', 'local-sandbox', 'guide.json'), 'utf8'),
    ) as { choices: Record<string, unknown> };
    expect(Object.keys(guideFile.choices).sort()).toEqual([
      'campaignArn',
      'datasetGroupArn',
      'exploredCampaignArn',
      'fileChecks',
      'files',
      'recipes',
      // Schemas edited on the Import step (none here).
      'schemas',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pocEvents.at(-1)?.steps.explore).toBe('done');
    expect(pocEvents.at(-1)?.steps.campaign).toBe('done');
    const beforeTeardown = await app.handlers['inventory.list']({ workspaceId });
    expect(beforeTeardown.length).toBe(12);
    expect(beforeTeardown.at(-1)).toMatchObject({
      kind: 'role',
      name: expect.stringMatching(/^PersonalizePocStudio-first-poc-/u) as unknown,
    });

    const cleanupJob = await app.handlers['inventory.teardown']({ workspaceId });
    expect(await settled(app, cleanupJob.jobId)).toMatchObject({ state: 'succeeded' });
    expect(await app.handlers['inventory.list']({ workspaceId })).toEqual([]);
    const jobs = await app.handlers['jobs.list']({ workspaceId });
    expect(jobs.map((job) => job.kind)).toEqual([
      'inventory.teardown',
      'campaigns.deploy',
      // The studio's own evaluation (intervals, test users) follows the training as a job.
      'solutions.evaluate',
      'solutions.train',
      'setup.apply',
      'datasets.import',
    ]);
    // The evaluation reads the imported files, not the service: it may still run after the
    // teardown, and ends on its own.
    for (const job of jobs) await app.jobs.whenSettled(job.id);
    const storedJobs = JSON.parse(await readFile(path.join(userDataDir, 'jobs.json'), 'utf8')) as {
      jobs: Job[];
    };
    expect(
      storedJobs.jobs.map((job) => `${job.kind}: ${job.state}`),
      JSON.stringify(storedJobs.jobs.map((job) => job.error)),
    ).toEqual(jobs.map((job) => `${job.kind}: succeeded`).reverse());
    expect(await readdir(path.join(userDataDir, 'sandbox', 'models'))).toEqual([]);
  });

  it('never writes the per-launch credentials to any file', async () => {
    const { accessKeyId, secretAccessKey } = app.sandboxCredentials;
    const files = await filesUnder(userDataDir);
    expect(files).toContain(
      path.join(userDataDir, 'workspaces', 'local-sandbox', 'workspace.json'),
    );
    for (const file of files) {
      const text = await readFile(file, 'latin1');
      expect(text.includes(accessKeyId) || text.includes(secretAccessKey), file).toBe(false);
    }
  });
});
