/**
 * The Jobs view after an import of the sample POC: the job's timeline lists each resource the
 * import created or waited on — the import jobs with their CREATE PENDING → CREATE IN_PROGRESS
 * → ACTIVE transitions — and the job's events, rendered from the job's own record. The timeline
 * lists the statuses the poller observed: on a loaded machine an import can finish between two
 * polls, so CREATE IN_PROGRESS may be absent, but the first and last status and their order are
 * fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../shared/jobs.js';
import { sampleFiles } from '../electron/core/data/samples.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

let session: StudioSession;
beforeAll(async () => {
  session = await openStudioSession();
});
afterAll(() => session?.close());

describe('Jobs view', () => {
  it("shows the finished import's timeline: every import job's transitions up to ACTIVE", async () => {
    const { page, host, studio } = session;
    const handlers = host.app.handlers;
    const { currentId: workspaceId } = await handlers['workspaces.list']({});
    const sample = sampleFiles();
    await handlers['guide.setFiles']({
      workspaceId,
      interactions: sample.interactions,
      items: sample.items,
    });
    const { jobId } = await handlers['datasets.import']({ workspaceId });
    let job: Job | undefined;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      job = (await handlers['jobs.list']({ workspaceId })).find((entry) => entry.id === jobId);
      if (job?.state === 'succeeded' || job?.state === 'failed') break;
      await page.waitForTimeout(500);
    }
    expect(job?.state).toBe('succeeded');
    const importJobs = (job?.resources ?? []).filter(
      (resource) => resource.kind === 'datasetImportJob',
    );
    expect(importJobs).toHaveLength(2);
    const timeline = page.getByTestId('job-timeline');
    await timeline.waitFor({ timeout: 30_000 });
    for (const resource of importJobs) {
      const cell = page.getByTestId(`timeline-${resource.name}`);
      await expect
        .poll(async () => (await cell.innerText()).replace(/\d\d:\d\d:\d\d/gu, 'T'), {
          timeout: 30_000,
        })
        .toMatch(
          /^CREATE PENDING T(?: → CREATE IN_PROGRESS T \(\+[^)]+\))? → ACTIVE T \(\+[^)]+\)$/u,
        );
    }
    expect(await timeline.innerText()).toContain('Succeeded');
    await timeline.scrollIntoViewIfNeeded();
    await studio.screenshot('jobs-timeline');
  });
});
