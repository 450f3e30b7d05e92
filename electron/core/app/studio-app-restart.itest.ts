import {
  ListDatasetGroupsCommand,
  PersonalizeClient,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideView } from '../../../shared/guide.js';
import { createStudioApp } from './create-studio-app.js';
import type { StudioCore as StudioApp } from './studio-app.js';

describe('createStudioApp after a restart', () => {
  let userDataDir: string;
  let app: StudioApp | undefined;

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-restart-'));
  });
  afterAll(async () => {
    await app?.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('resumes an interrupted import job without creating anything twice', async () => {
    const workspaceId = 'local-sandbox';
    const first = await createStudioApp({ userDataDir });
    const sample = await first.handlers['data.sample']({});
    await first.handlers['guide.setFiles']({
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
    });
    const groupRecorded = new Promise<void>((resolve) => {
      first.onEvent((name, payload) => {
        if (
          name === 'guide.didChange' &&
          (payload as { view: GuideView }).view.datasetGroupArn !== undefined
        )
          resolve();
      });
    });
    const { jobId } = await first.handlers['datasets.import']({ workspaceId });
    await groupRecorded;
    const firstCredentials = first.sandboxCredentials;
    await first.dispose();

    app = await createStudioApp({ userDataDir });
    const second = app;
    const deadlineMs = Date.now() + 120_000;
    let state = (await second.handlers['jobs.list']({ workspaceId })).find(
      (job) => job.id === jobId,
    )?.state;
    while (state !== 'succeeded' && state !== 'failed' && Date.now() < deadlineMs) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await second.handlers['jobs.list']({ workspaceId })).find(
        (job) => job.id === jobId,
      )?.state;
    }
    expect(state).toBe('succeeded');
    const poc = await second.handlers['guide.get']({ workspaceId });
    expect(poc.importStatus).toEqual({ interactions: 'ACTIVE', items: 'ACTIVE' });
    // The resumed job ran with the new launch's key; the previous launch's key is refused.
    expect(second.sandboxCredentials.accessKeyId).not.toBe(firstCredentials.accessKeyId);
    const client = new PersonalizeClient({
      region: 'us-east-1',
      endpoint: second.sandboxEndpoint,
      credentials: second.sandboxCredentials,
    });
    const stale = new PersonalizeClient({
      region: 'us-east-1',
      endpoint: second.sandboxEndpoint,
      credentials: firstCredentials,
    });
    const groups = await client.send(new ListDatasetGroupsCommand({}));
    const refused = await stale
      .send(new ListDatasetGroupsCommand({}))
      .catch((error: unknown) => error);
    client.destroy();
    stale.destroy();
    expect(groups.datasetGroups?.map((group) => group.datasetGroupArn)).toEqual([
      poc.datasetGroupArn,
    ]);
    expect(refused).toBeInstanceOf(PersonalizeServiceException);
    expect((refused as PersonalizeServiceException).$metadata.httpStatusCode).toBe(403);

    const { jobId: cleanupId } = await second.handlers['inventory.teardown']({ workspaceId });
    let cleanup = (await second.handlers['jobs.list']({ workspaceId })).find(
      (job) => job.id === cleanupId,
    )?.state;
    while (cleanup !== 'succeeded' && cleanup !== 'failed' && Date.now() < deadlineMs) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      cleanup = (await second.handlers['jobs.list']({ workspaceId })).find(
        (job) => job.id === cleanupId,
      )?.state;
    }
    expect(cleanup).toBe('succeeded');
  });
});
