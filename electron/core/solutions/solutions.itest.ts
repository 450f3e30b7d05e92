import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolutionsOverview } from '../../../shared/ipc/solutions.js';
import { alreadyTrainedStep, isTerminalJobState, type Job } from '../../../shared/jobs.js';
import { METRIC_KEYS } from '../../../shared/personalize.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
const workspaceId = 'local-sandbox';

function settled(app: StudioCore, jobId: string): Promise<Job> {
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

/** Waits until no `solutions.evaluate` job of the workspace is unfinished (the studio's evaluation follows each training). */
async function evaluated(app: StudioCore): Promise<void> {
  for (;;) {
    const running = (await app.handlers['jobs.list']({ workspaceId })).find(
      (job) =>
        job.kind === 'solutions.evaluate' &&
        !['succeeded', 'failed', 'cancelled'].includes(job.state),
    );
    if (running === undefined) return;
    await app.jobs.whenSettled(running.id);
  }
}

describe.skipIf(interactions === undefined || items === undefined)(
  `solutions on the MovieLens POC files through the app's handlers ${interactions === undefined ? missingDataReason('personalize-poc-movielens-small') : ''}`,
  () => {
    let userDataDir: string;
    let app: StudioCore;

    beforeAll(async () => {
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-solutions-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      await app.handlers['guide.setFiles']({ workspaceId, interactions, items });
      const importJob = await app.handlers['datasets.import']({ workspaceId });
      expect(await settled(app, importJob.jobId)).toMatchObject({ state: 'succeeded' });
    }, 300_000);

    afterAll(async () => {
      await app?.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    });

    it('says which recipes fit the MovieLens data, from its real counts', async () => {
      const { stats, fits } = await app.handlers['solutions.dataFit']({ workspaceId });
      expect(stats).toMatchObject({ interactions: 158_371, users: 610, itemRows: 9_742 });
      // Counted independently: 9,477 distinct items, median 4 interactions per item (15.5% have
      // one), median 114.5 per user, newest TIMESTAMP 1537799250 (2018-09-24).
      expect(stats).toMatchObject({
        items: 9_477,
        medianInteractionsPerItem: 4,
        medianInteractionsPerUser: 114.5,
        newestTimestamp: 1_537_799_250,
      });
      expect(stats?.singleInteractionItemShare).toBeCloseTo(0.1552, 4);
      expect(fits.find((fit) => fit.recipe === 'aws-sims')?.level).toBe('good');
      // MovieLens ends in 2018: years without activity for trending-now.
      expect(stats?.newestAgeDays).toBeGreaterThan(365 * 5);
      const trending = fits.find((fit) => fit.recipe === 'aws-trending-now');
      expect(trending?.level).toBe('caution');
      expect(trending?.reasons.join(' ')).toMatch(/No recent activity/u);
      expect(fits.find((fit) => fit.recipe === 'aws-popularity-count')?.level).toBe('good');
    });

    it('refuses a hyperparameter outside its documented range, naming it', async () => {
      await expect(
        app.handlers['solutions.train']({
          workspaceId,
          runs: [{ recipe: 'aws-sims', hyperParameters: { min_cointeraction_count: '11' } }],
        }),
      ).rejects.toThrow(/min_cointeraction_count: 11 is outside 0\.\.10/u);
    });

    it('trains three solutions, then a second SIMS solution with other hyperparameters; the studio evaluation reproduces the sandbox metrics and adds intervals', async () => {
      const job = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-popularity-count', 'aws-user-personalization'],
        runs: [{ recipe: 'aws-sims', hyperParameters: {} }],
      });
      expect(await settled(app, job.jobId)).toMatchObject({ state: 'succeeded' });
      // Training ends when the service has trained: the studio's evaluation is its own job.
      const jobs = await app.handlers['jobs.list']({ workspaceId });
      expect(jobs.some((candidate) => candidate.kind === 'solutions.evaluate')).toBe(true);
      await evaluated(app);
      const second = await app.handlers['solutions.train']({
        workspaceId,
        runs: [
          {
            recipe: 'aws-sims',
            name: 'sims-strict',
            hyperParameters: { min_cointeraction_count: '8' },
          },
        ],
      });
      expect(await settled(app, second.jobId)).toMatchObject({ state: 'succeeded' });
      await evaluated(app);
      // Train again on recipes that have an ACTIVE version: nothing new, and the job says so.
      const again = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-popularity-count', 'aws-user-personalization'],
      });
      expect(await settled(app, again.jobId)).toMatchObject({
        state: 'succeeded',
        step: alreadyTrainedStep(2),
      });
      // Every training job ends by starting the studio's evaluation (here: nothing pending).
      await evaluated(app);

      const overview: SolutionsOverview = await app.handlers['solutions.list']({ workspaceId });
      expect(overview.solutions.map((solution) => solution.recipe).sort()).toEqual([
        'aws-popularity-count',
        'aws-sims',
        'aws-sims',
        'aws-user-personalization',
      ]);
      const strict = overview.solutions.find((solution) => solution.name === 'sims-strict');
      expect(strict?.algorithmHyperParameters).toEqual({ min_cointeraction_count: '8' });
      for (const solution of overview.solutions) {
        const version = solution.versions[0];
        expect(version?.status, solution.name).toBe('ACTIVE');
        expect(version?.isCurrentData).toBe(true);
        const evaluation = version?.evaluation;
        // Same split seed and model as the sandbox: the service's values exactly.
        expect(evaluation?.source, solution.name).toBe('sandbox');
        // SPEC §7.1: 10% of the 610 users are held out.
        expect(evaluation?.users).toBe(61);
        for (const key of METRIC_KEYS) {
          const interval = evaluation?.metrics[key];
          expect(interval?.value).toBe(version?.metrics?.[key]);
          if (key !== 'coverage') {
            expect(interval?.lower ?? 2).toBeLessThanOrEqual(interval?.value ?? -1);
            expect(interval?.upper ?? -1).toBeGreaterThanOrEqual(interval?.value ?? 2);
          }
        }
      }
      const personalized = overview.solutions.find((s) => s.recipe === 'aws-user-personalization');
      const ndcg =
        personalized?.versions[0]?.evaluation?.metrics.normalized_discounted_cumulative_gain_at_10;
      // 61 users leave a wide interval: several hundredths each side.
      expect((ndcg?.upper ?? 0) - (ndcg?.lower ?? 0)).toBeGreaterThan(0.08);
    }, 600_000);

    it('repeats the evaluation of a version on 3 splits: mean ± spread, one value per split', async () => {
      const overview = await app.handlers['solutions.list']({ workspaceId });
      const popularity = overview.solutions.find((s) => s.recipe === 'aws-popularity-count');
      const arn = popularity?.versions[0]?.solutionVersionArn ?? '';
      const job = await app.handlers['solutions.evaluateSplits']({
        workspaceId,
        solutionVersionArns: [arn],
        splits: 3,
      });
      const done = await settled(app, job.jobId);
      expect(done).toMatchObject({ state: 'succeeded' });
      // Progress counts splits × versions (1 version, 3 splits), not the job's steps.
      expect(done.progress).toMatchObject({ unit: 'splits', total: 3 });
      const after = await app.handlers['solutions.list']({ workspaceId });
      const kSplits = after.solutions.find((s) => s.recipe === 'aws-popularity-count')?.versions[0]
        ?.kSplits;
      expect(kSplits?.splits).toBe(3);
      expect(kSplits?.users).toEqual([61, 61, 61]);
      const ndcg = kSplits?.metrics.normalized_discounted_cumulative_gain_at_10;
      const values =
        kSplits?.values.map((row) => row.normalized_discounted_cumulative_gain_at_10) ?? [];
      expect(values).toHaveLength(3);
      expect(new Set(values).size).toBe(3);
      expect(ndcg?.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / 3, 12);
      expect(ndcg?.min).toBe(Math.min(...values));
      expect(ndcg?.sd).toBeGreaterThan(0);
      // Split 1 is the version's own split: the same protocol and seed as the single evaluation,
      // so its values are the single evaluation's (and GetSolutionMetrics') exactly.
      const single = popularity?.versions[0]?.evaluation;
      expect(kSplits?.seeds[0]).toBe(single?.seed);
      for (const key of METRIC_KEYS) {
        expect(kSplits?.values[0]?.[key], key).toBe(single?.metrics[key].value);
        expect(kSplits?.values[0]?.[key], key).toBe(popularity?.versions[0]?.metrics?.[key]);
      }
    }, 300_000);

    it('a version waiting for its evaluation while the splits are repeated is evaluated by one more run, which does not repeat the splits', async () => {
      const overview = await app.handlers['solutions.list']({ workspaceId });
      const version = (recipe: string) =>
        overview.solutions.find((s) => s.recipe === recipe)?.versions[0];
      const popularity = version('aws-popularity-count');
      const sims = version('aws-sims');
      if (popularity === undefined || sims === undefined) throw new Error('A version is missing.');
      const job = await app.handlers['solutions.evaluateSplits']({
        workspaceId,
        solutionVersionArns: [popularity.solutionVersionArn],
        splits: 3,
      });
      // The job as saved, read until the splits are under way: its step changes are pushed as
      // events only throttled, so a quick split can pass between two of them.
      for (;;) {
        const current = app.jobs.get(job.jobId);
        if (current.state === 'running' && current.step.startsWith('Repeating the evaluation'))
          break;
        if (isTerminalJobState(current.state))
          throw new Error(`The evaluation ended (${current.state}) before its splits were seen.`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // What a training that ends meanwhile leaves: a version without the studio's evaluation,
      // and a start of the evaluation, which lands on the running job.
      await app.workspaces.get(workspaceId).resources.record({
        arn: sims.solutionVersionArn,
        kind: 'solutionVersion',
        name: sims.shortId,
        studio: { evaluation: undefined },
      });
      expect((await app.jobs.start('solutions.evaluate', workspaceId, {})).id).toBe(job.jobId);
      const done = await app.jobs.whenSettled(job.jobId);
      expect(done.state).toBe('succeeded');
      expect(done.events?.map((event) => event.text)).toContain(
        'Running again: started again while it ran',
      );
      // The rerun evaluated the waiting version (4 phases) and ended there: no second round of
      // splits after it.
      expect(done.progress).toMatchObject({ unit: 'phase', total: 4, done: 4 });
      const after = await app.handlers['solutions.list']({ workspaceId });
      const evaluatedSims = after.solutions.find((s) => s.recipe === 'aws-sims')?.versions[0];
      expect(evaluatedSims?.evaluation?.users).toBe(61);
      expect(evaluatedSims?.evaluation?.seed).toBe(sims.evaluation?.seed);
    }, 300_000);

    it('refuses to repeat the evaluation of a version that is not in the workspace', async () => {
      await expect(
        app.handlers['solutions.evaluateSplits']({
          workspaceId,
          solutionVersionArns: ['arn:aws:personalize:us-east-1:123456789012:solution/x/nope'],
          splits: 5,
        }),
      ).rejects.toThrow(/only trained versions can be evaluated/u);
    });
  },
);
