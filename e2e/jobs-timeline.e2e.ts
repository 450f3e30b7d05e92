/**
 * The Jobs view after an import of the sample POC: the job's timeline lists each resource the
 * import created or waited on — the import jobs with their CREATE PENDING → CREATE IN_PROGRESS
 * → ACTIVE transitions — and the job's events, rendered from the job's own record. The timeline
 * lists the statuses the poller observed: on a loaded machine an import can finish between two
 * polls, so CREATE IN_PROGRESS may be absent, but the first and last status and their order are
 * fixed. The job's progress reads in its own units: bytes uploaded (the decompressed sizes of
 * the sample's files), then rows imported (396,337 interactions + 4,053 items).
 */
import { stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJobQuantity, type Job } from '../shared/jobs.js';
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
    const progresses: Job['progress'][] = [];
    const off = host.app.onEvent((name, payload) => {
      if (name !== 'jobs.didChange') return;
      const pushed = payload as Job;
      if (pushed.kind === 'datasets.import') progresses.push(pushed.progress);
    });
    const { jobId } = await handlers['datasets.import']({ workspaceId });
    let job: Job | undefined;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      job = (await handlers['jobs.list']({ workspaceId })).find((entry) => entry.id === jobId);
      if (job?.state === 'succeeded' || job?.state === 'failed') break;
      await page.waitForTimeout(500);
    }
    off();
    expect(job?.state).toBe('succeeded');
    // Uploaded bytes are the plain CSV the studio sends (the .gz decompressed), rows are the
    // rows of the sample's files.
    const uploadBytes =
      gunzipSync(await readFile(sample.interactions)).length + (await stat(sample.items)).size;
    const rows = 396_337 + 4_053;
    expect(job?.progress).toEqual({
      done: rows,
      total: rows,
      unit: 'rows',
      measures: [
        { label: 'Uploaded', unit: 'bytes', done: uploadBytes, total: uploadBytes },
        { label: 'Rows imported', unit: 'rows', done: rows, total: rows },
      ],
    });
    const bytes = progresses.filter((progress) => progress.unit === 'bytes');
    expect(bytes.at(0)).toMatchObject({ done: 0, total: uploadBytes });
    expect(bytes.at(-1)).toMatchObject({ done: uploadBytes, total: uploadBytes });
    // Rows imported grow per import job: the interactions first, then the items.
    expect([
      ...new Set(
        progresses.filter((progress) => progress.unit === 'rows').map((progress) => progress.done),
      ),
    ]).toEqual([0, 396_337, rows]);
    // The Jobs panel did not open by itself for a job that ran and succeeded (it would cover
    // the step); the top bar's Jobs button opens it.
    expect(await page.getByTestId('jobs-panel').isVisible()).toBe(false);
    await page
      .locator('#studio-top-nav')
      .getByRole('button', { name: 'Jobs', exact: true })
      .click();
    await expect
      .poll(() => page.getByTestId('jobs-panel').innerText(), { timeout: 30_000 })
      .toContain(
        `Uploaded: ${formatJobQuantity(uploadBytes, 'bytes')} of ${formatJobQuantity(uploadBytes, 'bytes')} · Rows imported: 400,390 of 400,390`,
      );
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
