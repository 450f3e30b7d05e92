import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alreadyTrainedStep, isTerminalJobState, type Job } from '../../../shared/jobs.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const items = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
const workspaceId = 'local-sandbox';

/** Resolves with the first job snapshot of the workspace that `matches` (already there, or pushed). */
function jobWhere(app: StudioCore, matches: (job: Job) => boolean): Promise<Job> {
  return new Promise((resolve) => {
    const unsubscribe = app.onEvent((name, payload) => {
      if (name !== 'jobs.didChange' || !matches(payload as Job)) return;
      unsubscribe();
      resolve(payload as Job);
    });
    const known = app.jobs.list(workspaceId).find(matches);
    if (known !== undefined) {
      unsubscribe();
      resolve(known);
    }
  });
}

/** Waits until no `solutions.evaluate` job of the workspace is unfinished. */
async function evaluated(app: StudioCore): Promise<void> {
  for (;;) {
    const running = app.jobs
      .list(workspaceId)
      .find((job) => job.kind === 'solutions.evaluate' && !isTerminalJobState(job.state));
    if (running === undefined) return;
    await app.jobs.whenSettled(running.id);
  }
}

/** The newest version of each solution, by solution name without the workspace's prefix. */
async function latestVersions(app: StudioCore) {
  const overview = await app.handlers['solutions.list']({ workspaceId });
  const prefix = `${app.workspaces.get(workspaceId).config.prefix}-`;
  return Object.fromEntries(
    overview.solutions.map((solution) => [
      solution.name.startsWith(prefix) ? solution.name.slice(prefix.length) : solution.name,
      solution.versions[0],
    ]),
  );
}

describe.skipIf(interactions === undefined || items === undefined)(
  `training next to Configure… solutions, and the studio's evaluation of versions trained while it runs ${interactions === undefined ? missingDataReason('personalize-poc-movielens-small') : ''}`,
  () => {
    let userDataDir: string;
    let app: StudioCore;

    beforeAll(async () => {
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-evaluation-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      await app.handlers['guide.setFiles']({ workspaceId, interactions, items });
      const importJob = await app.handlers['datasets.import']({ workspaceId });
      expect(await app.jobs.whenSettled(importJob.jobId)).toMatchObject({ state: 'succeeded' });
    }, 300_000);

    afterAll(async () => {
      await app?.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    });

    it('evaluates versions that finish training while the evaluation of another one runs', async () => {
      const first = await app.handlers['solutions.train']({
        workspaceId,
        // Two custom solutions of Configure…, the second one named by the studio.
        runs: [
          {
            recipe: 'aws-user-personalization',
            name: 'up-custom',
            hyperParameters: { hidden_dimension: '64' },
          },
          { recipe: 'aws-user-personalization', hyperParameters: { bptt: '16' } },
        ],
      });
      expect(await app.jobs.whenSettled(first.jobId)).toMatchObject({ state: 'succeeded' });
      // The evaluation has listed both versions and is at work on one.
      const evaluation = await jobWhere(
        app,
        (job) =>
          job.kind === 'solutions.evaluate' &&
          job.state === 'running' &&
          job.step.startsWith('Evaluating '),
      );
      const second = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-popularity-count'],
      });
      expect(await app.jobs.whenSettled(second.jobId)).toMatchObject({ state: 'succeeded' });
      // The case at hand: the version became ACTIVE while the evaluation still ran, so the second
      // training's start of the evaluation landed on that job.
      expect(app.jobs.get(evaluation.id).state, 'the evaluation still runs').toBe('running');

      await evaluated(app);
      const versions = await latestVersions(app);
      expect(Object.keys(versions).sort()).toEqual([
        'popularity-count',
        'up-custom',
        'user-personalization',
      ]);
      for (const [name, version] of Object.entries(versions)) {
        expect(version?.status, name).toBe('ACTIVE');
        expect(version?.phase, name).toBeUndefined();
        expect(version?.evaluationError, name).toBeUndefined();
        // SPEC §7.1: 10% of the 610 users are held out; on the sandbox, the service's values.
        expect(version?.evaluation?.users, name).toBe(61);
        expect(version?.evaluation?.source, name).toBe('sandbox');
      }
      // One evaluation job took all three versions: the training's start asked it for one more
      // run, which evaluated the version that arrived, and its progress counts all three.
      expect(
        app.jobs.list(workspaceId).filter((job) => job.kind === 'solutions.evaluate'),
      ).toHaveLength(1);
      const settled = app.jobs.get(evaluation.id);
      expect(settled).toMatchObject({
        state: 'succeeded',
        progress: { unit: 'phase', total: 12, done: 12 },
      });
      expect(settled.events?.map((event) => event.text)).toContain(
        'Running again: started again while it ran',
      );
    }, 600_000);

    it('on start, evaluates the ACTIVE versions an earlier run left without an evaluation', async () => {
      const before = await latestVersions(app);
      const popularity = before['popularity-count'];
      if (popularity === undefined) throw new Error('The popularity version is missing.');
      const seed = popularity.evaluation?.seed;
      // What an earlier build left behind: an ACTIVE version with metrics and no evaluation.
      const runtime = app.workspaces.get(workspaceId);
      await runtime.resources.record({
        arn: popularity.solutionVersionArn,
        kind: 'solutionVersion',
        name: popularity.shortId,
        studio: { evaluation: undefined },
      });
      expect((await latestVersions(app))['popularity-count']?.evaluation).toBeUndefined();
      await app.dispose();

      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      const evaluation = app.jobs
        .list(workspaceId)
        .find((job) => job.kind === 'solutions.evaluate' && !isTerminalJobState(job.state));
      expect(evaluation, 'an evaluation job started with the app').toBeDefined();
      expect(await app.jobs.whenSettled(evaluation?.id ?? '')).toMatchObject({
        state: 'succeeded',
        progress: { total: 4, done: 4 },
      });
      const after = (await latestVersions(app))['popularity-count'];
      expect(after?.evaluation?.users).toBe(61);
      expect(after?.evaluation?.seed).toBe(seed);
      expect(after?.evaluation?.metrics.normalized_discounted_cumulative_gain_at_10.value).toBe(
        popularity.metrics?.normalized_discounted_cumulative_gain_at_10,
      );
    }, 300_000);

    it('Train trains the default solution of a recipe that has only Configure… solutions, then keeps it', async () => {
      // Both user-personalization solutions have custom hyperparameters; one even holds the
      // default name <prefix>-user-personalization.
      const before = await app.handlers['solutions.list']({ workspaceId });
      const custom = before.solutions.filter((s) => s.recipe === 'aws-user-personalization');
      expect(custom.map((s) => s.algorithmHyperParameters)).toEqual([
        { hidden_dimension: '64' },
        { bptt: '16' },
      ]);
      const job = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-user-personalization'],
      });
      const trained = await app.jobs.whenSettled(job.jobId);
      expect(trained.state).toBe('succeeded');
      expect(trained.step).not.toBe(alreadyTrainedStep(1));
      await evaluated(app);

      const versions = await latestVersions(app);
      expect(Object.keys(versions).sort()).toEqual([
        'popularity-count',
        'up-custom',
        'user-personalization',
        'user-personalization-2',
      ]);
      const after = await app.handlers['solutions.list']({ workspaceId });
      const created = after.solutions.find((s) => s.name.endsWith('-user-personalization-2'));
      expect(created).toMatchObject({
        recipe: 'aws-user-personalization',
        algorithmHyperParameters: {},
        featureTransformationParameters: {},
      });
      expect(created?.versions).toHaveLength(1);
      expect(created?.versions[0]?.status).toBe('ACTIVE');
      expect(created?.versions[0]?.evaluation?.users).toBe(61);
      // The Configure… solutions are left as they were: one version each.
      for (const solution of after.solutions.filter((s) => s !== created))
        expect(solution.versions, solution.name).toHaveLength(1);
      // The recipe card follows the default solution now.
      const view = await app.handlers['guide.get']({ workspaceId });
      expect(view.solutions.find((s) => s.recipe === 'aws-user-personalization')).toMatchObject({
        solutionArn: created?.solutionArn,
        status: 'ACTIVE',
      });

      // Train again: the default solution is there, ACTIVE with metrics, and is kept.
      const again = await app.handlers['solutions.train']({
        workspaceId,
        recipes: ['aws-user-personalization'],
      });
      expect(await app.jobs.whenSettled(again.jobId)).toMatchObject({
        state: 'succeeded',
        step: alreadyTrainedStep(1),
      });
      expect((await app.handlers['solutions.list']({ workspaceId })).solutions).toHaveLength(4);
    }, 600_000);
  },
);
