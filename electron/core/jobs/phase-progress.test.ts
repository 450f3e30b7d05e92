import { describe, expect, it } from 'vitest';
import { JobProgressSchema, type JobProgress } from '../../../shared/jobs.js';
import { PhaseProgress } from './phase-progress.js';
import { TRAINING_PHASES } from '../solutions/solutions-service.js';

describe('PhaseProgress', () => {
  it('reports every version’s phase at once while two versions train in parallel', async () => {
    const reports: { step: string; progress: JobProgress }[] = [];
    const progress = new PhaseProgress(
      (step, value) => {
        reports.push({ step, progress: JobProgressSchema.parse(value) });
        return Promise.resolve();
      },
      ['aws-user-personalization', 'aws-popularity-count'],
      TRAINING_PHASES,
    );
    await progress.enter(
      'aws-user-personalization',
      0,
      'Creating solution aws-user-personalization',
    );
    await progress.enter('aws-popularity-count', 1, 'Training aws-popularity-count');
    await progress.enter('aws-user-personalization', 1, 'Training aws-user-personalization');
    await progress.finish('aws-popularity-count', 'Trained aws-popularity-count');
    // Phases never go back (a resumed job re-enters an earlier phase of a finished step).
    await progress.enter(
      'aws-user-personalization',
      0,
      'Creating solution aws-user-personalization',
    );
    const last = reports.at(-1)?.progress;
    expect(last).toEqual({
      done: 4,
      total: 6,
      unit: 'phase',
      phase: 'Creating the solution',
      measures: [
        {
          label: 'aws-user-personalization',
          unit: 'phase',
          done: 1,
          total: 3,
          phase: 'Creating the solution',
        },
        { label: 'aws-popularity-count', unit: 'phase', done: 3, total: 3 },
      ],
    });
    expect(reports[2]?.progress.measures?.map((measure) => measure.phase)).toEqual([
      'Training',
      'Training',
    ]);
    expect(reports.map((report) => report.progress.done)).toEqual([0, 1, 2, 4, 4]);
  });
});

describe('PhaseProgress.add', () => {
  it('counts things that join later in the total, and starts a label seen before over', async () => {
    const reports: JobProgress[] = [];
    const progress = new PhaseProgress(
      (_step, value) => {
        reports.push(JobProgressSchema.parse(value));
        return Promise.resolve();
      },
      ['up-custom'],
      ['Reading', 'Evaluating'],
    );
    await progress.finish('up-custom', 'Evaluated up-custom');
    progress.add(['sims', 'up-custom']);
    await progress.enter('sims', 1, 'Evaluating sims');
    expect(reports.at(-1)).toEqual({
      done: 1,
      total: 4,
      unit: 'phase',
      phase: 'Evaluating',
      measures: [
        { label: 'up-custom', unit: 'phase', done: 0, total: 2 },
        { label: 'sims', unit: 'phase', done: 1, total: 2, phase: 'Evaluating' },
      ],
    });
  });
});

describe('PhaseProgress.resume', () => {
  it('carries on from an earlier progress of the same phases, leaving out what was counted otherwise', async () => {
    const reports: JobProgress[] = [];
    const progress = new PhaseProgress(
      (_step, value) => {
        reports.push(JobProgressSchema.parse(value));
        return Promise.resolve();
      },
      [],
      ['Reading', 'Evaluating'],
    );
    // What the job showed when its previous run ended, plus two measures of other phases.
    progress.resume({
      done: 4,
      total: 4,
      unit: 'phase',
      measures: [
        { label: 'up-custom', unit: 'phase', done: 2, total: 2 },
        { label: 'sims', unit: 'phase', done: 2, total: 2 },
        { label: 'trained', unit: 'phase', done: 3, total: 3 },
        { label: 'split 1', unit: 'splits', done: 2, total: 2 },
      ],
    });
    progress.add(['popularity']);
    await progress.enter('popularity', 1, 'Evaluating popularity');
    expect(reports.at(-1)).toEqual({
      done: 5,
      total: 6,
      unit: 'phase',
      phase: 'Evaluating',
      measures: [
        { label: 'up-custom', unit: 'phase', done: 2, total: 2 },
        { label: 'sims', unit: 'phase', done: 2, total: 2 },
        { label: 'popularity', unit: 'phase', done: 1, total: 2, phase: 'Evaluating' },
      ],
    });
  });
});
