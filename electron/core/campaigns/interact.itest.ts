/**
 * The guide's deploy and interact steps through the app's composed handlers against the
 * embedded Local sandbox, on the POC MovieLens files: campaigns side by side and updated, the
 * filter lint's schemas, filters created and dry-run, filtered recommendations, PutEvents through
 * the event tracker, and a batch inference job with its parsed output.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterSchemas } from '../../../shared/ipc/filters.js';
import type { Job } from '../../../shared/jobs.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
const workspaceId = 'local-sandbox';
const FINISHED = ['succeeded', 'failed', 'cancelled'];

/** Resolves with the job once it finished (the app's job events; the list when it already had). */
async function settled(app: StudioCore, jobId: string): Promise<Job> {
  const done = new Promise<Job>((resolve) => {
    const unsubscribe = app.onEvent((name, payload) => {
      const job = payload as Job;
      if (name === 'jobs.didChange' && job.id === jobId && FINISHED.includes(job.state)) {
        unsubscribe();
        resolve(job);
      }
    });
  });
  const listed = (await app.handlers['jobs.list']({ workspaceId })).find((job) => job.id === jobId);
  return listed !== undefined && FINISHED.includes(listed.state) ? listed : done;
}

/** Polls `read` every 100 ms until `ready` holds (at most 60 s). */
async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`Not ready after 60 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(interactions === undefined || items === undefined)(
  `deploy and interact through the app's handlers ${interactions === undefined ? missingDataReason('personalize-poc-movielens-small') : ''}`,
  () => {
    let userDataDir: string;
    let app: StudioCore;
    let schemasBeforeImport: FilterSchemas;
    const genres = new Map<string, string[]>();
    const watched = new Map<string, Set<string>>();
    const eventTypeCounts = new Map<string, number>();

    beforeAll(async () => {
      for (const row of parse<Record<string, string>>(readFileSync(items ?? ''), {
        columns: true,
      }))
        genres.set(row.ITEM_ID ?? '', (row.GENRE ?? '').split('|'));
      for (const row of parse<Record<string, string>>(readFileSync(interactions ?? ''), {
        columns: true,
      })) {
        eventTypeCounts.set(
          row.EVENT_TYPE ?? '',
          (eventTypeCounts.get(row.EVENT_TYPE ?? '') ?? 0) + 1,
        );
        if (row.EVENT_TYPE === 'watch') {
          const set = watched.get(row.USER_ID ?? '') ?? new Set<string>();
          set.add(row.ITEM_ID ?? '');
          watched.set(row.USER_ID ?? '', set);
        }
      }
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-interact-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      schemasBeforeImport = await app.handlers['filters.schemas']({ workspaceId });
      await app.handlers['guide.setFiles']({ workspaceId, interactions, items });
      const imported = await app.handlers['datasets.import']({ workspaceId });
      expect(await settled(app, imported.jobId)).toMatchObject({ state: 'succeeded' });
      const trained = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-user-personalization', 'aws-sims'],
      });
      expect(await settled(app, trained.jobId)).toMatchObject({ state: 'succeeded' });
    }, 600_000);

    afterAll(async () => {
      await app?.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    });

    it('the filter lint reads the group schemas once they exist, and says why not before', async () => {
      expect(schemasBeforeImport).toEqual({
        datasets: {},
        unavailable: 'the data is not imported yet, so there is no dataset group',
      });
      const schemas = await app.handlers['filters.schemas']({ workspaceId });
      expect(schemas.unavailable).toBeUndefined();
      expect(schemas.datasets.Items?.map((column) => column.name)).toEqual(
        expect.arrayContaining(['ITEM_ID', 'GENRE']),
      );
      expect(schemas.datasets.Items?.find((column) => column.name === 'GENRE')).toMatchObject({
        type: 'string',
        isCategorical: true,
      });
      expect(schemas.datasets.Interactions?.map((column) => column.name)).toEqual(
        expect.arrayContaining(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']),
      );
      expect(schemas.datasets.Users).toBeUndefined();
      // The imported event types, most frequent first, counted as in the file: the lint warns about others.
      expect(schemas.eventTypes).toEqual(
        [...eventTypeCounts]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count),
      );
    });

    it('campaigns, filters, recommendations, events and a batch job through the handlers', async () => {
      const h = app.handlers;
      // Two campaigns side by side, then one updated.
      for (const recipe of ['aws-user-personalization', 'aws-sims']) {
        const job = await h['campaigns.deploy']({ workspaceId, recipe, minProvisionedTPS: 1 });
        expect(await settled(app, job.jobId), recipe).toMatchObject({ state: 'succeeded' });
      }
      const listed = await h['campaigns.list']({ workspaceId });
      expect(listed.campaigns.map((campaign) => campaign.recipe).sort()).toEqual([
        'aws-sims',
        'aws-user-personalization',
      ]);
      expect(listed.campaigns.every((campaign) => campaign.status === 'ACTIVE')).toBe(true);
      expect(listed.isBilled).toBe(false);
      const up = listed.campaigns.find((c) => c.recipe === 'aws-user-personalization');
      const sims = listed.campaigns.find((c) => c.recipe === 'aws-sims');
      const upArn = up?.campaignArn ?? '';
      const updated = await h['campaigns.update']({
        workspaceId,
        campaignArn: upArn,
        minProvisionedTPS: 2,
      });
      expect(await settled(app, updated.jobId)).toMatchObject({ state: 'succeeded' });
      const after = await h['campaigns.list']({ workspaceId });
      expect(after.campaigns.find((c) => c.campaignArn === upArn)?.minProvisionedTPS).toBe(2);

      // Filters: created, ACTIVE, dry-run on the imported data.
      const { filterArn: genre } = await h['filters.create']({
        workspaceId,
        name: 'genre',
        filterExpression: 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
      });
      const { filterArn: unwatched } = await h['filters.create']({
        workspaceId,
        name: 'unwatched',
        filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
      });
      await until(
        () => h['filters.list']({ workspaceId }),
        ({ filters }) => filters.length === 2 && filters.every((f) => f.status === 'ACTIVE'),
      );
      const dry = await h['filters.dryRun']({
        workspaceId,
        filterExpression: 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
        userId: '1',
        filterValues: { GENRE: '"Comedy"' },
        campaignArn: upArn,
        numResults: 50,
      });
      expect(dry.items).toHaveLength(50);
      for (const item of dry.items)
        expect(item.removed, item.itemId).toBe(!genres.get(item.itemId)?.includes('Comedy'));
      expect(dry.items.some((item) => item.removed)).toBe(true);
      expect(dry.historyCount).toBeGreaterThan(0);
      // A user the interactions do not name: popular items, and the dry run says so.
      const cold = await h['filters.dryRun']({
        workspaceId,
        filterExpression: 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
        userId: 'no-such-user',
        filterValues: { GENRE: '"Comedy"' },
        campaignArn: upArn,
        numResults: 50,
      });
      expect(cold.historyCount).toBe(0);
      expect(cold.items).toHaveLength(50);

      // Recommendations with the filter: every item is a comedy; SIMS answers by item.
      const comedies = await h['recommendations.recommend']({
        workspaceId,
        userId: '1',
        campaignArn: upArn,
        numResults: 20,
        filterArn: genre,
        filterValues: { GENRE: '"Comedy"' },
      });
      expect(comedies.items).toHaveLength(20);
      for (const item of comedies.items) expect(genres.get(item.itemId)).toContain('Comedy');
      const similar = await h['recommendations.recommend']({
        workspaceId,
        itemId: '1',
        campaignArn: sims?.campaignArn ?? '',
        numResults: 10,
      });
      expect(similar.items).toHaveLength(10);
      expect(similar.items.map((item) => item.itemId)).not.toContain('1');

      // PutEvents through the tracker: a watched item leaves the "unwatched" list at once.
      const unwatchedFor = async (userId: string) =>
        (
          await h['recommendations.recommend']({
            workspaceId,
            userId,
            campaignArn: upArn,
            numResults: 25,
            filterArn: unwatched,
          })
        ).items.map((item) => item.itemId);
      const before = await unwatchedFor('1');
      for (const itemId of before) expect(watched.get('1')?.has(itemId)).toBe(false);
      const target = before[0] ?? '';
      await h['eventTrackers.create']({ workspaceId, name: 'interact' });
      const { eventTrackers } = await until(
        () => h['eventTrackers.list']({ workspaceId }),
        (value) => value.eventTrackers[0]?.status === 'ACTIVE',
      );
      const { wire } = await h['eventTrackers.putEvents']({
        workspaceId,
        trackingId: eventTrackers[0]?.trackingId ?? '',
        userId: '1',
        sessionId: 'interact-session',
        events: [{ eventType: 'watch', itemId: target }],
      });
      expect(wire.path).toBe('/events');
      expect(JSON.parse(wire.body)).toMatchObject({
        userId: '1',
        sessionId: 'interact-session',
        eventList: [{ eventType: 'watch', itemId: target }],
      });
      expect(await unwatchedFor('1')).not.toContain(target);

      // A batch inference job on the campaign's version, with the filter; its output parsed.
      const batch = await h['batch.start']({
        workspaceId,
        campaignArn: upArn,
        ids: ['1', '2', '3', 'new-customer-7'],
        numResults: 5,
        filterArn: unwatched,
      });
      expect(await settled(app, batch.jobId)).toMatchObject({ state: 'succeeded' });
      const { jobs } = await h['batch.list']({ workspaceId });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ status: 'ACTIVE', numResults: 5, filterArn: unwatched });
      const output = await h['batch.output']({
        workspaceId,
        batchInferenceJobArn: jobs[0]?.batchInferenceJobArn ?? '',
      });
      expect(output.outputKey).toMatch(/\.out$/u);
      expect(output.rows.map((row) => row.key)).toEqual(['1', '2', '3', 'new-customer-7']);
      for (const row of output.rows) {
        expect(row.itemIds, row.key).toHaveLength(5);
        for (const itemId of row.itemIds)
          expect(watched.get(row.key)?.has(itemId) ?? false).toBe(false);
      }
      // A user the imported interactions do not name: popular items, marked as such (SPEC §3.1).
      expect(output.rows.map((row) => row.fallback)).toEqual([
        undefined,
        undefined,
        undefined,
        'coldUser',
      ]);
      // The batch job reads the events too: user 1's watched target is not in its line.
      expect(output.rows[0]?.itemIds).not.toContain(target);
    }, 600_000);
  },
);
