import { describe, expect, it } from 'vitest';
import { resolveRuns } from './solutions-module.js';

describe('resolveRuns', () => {
  it('names new solutions past the taken names and keeps each run distinct', () => {
    const runs = resolveRuns(
      [
        { recipe: 'aws-sims', hyperParameters: { min_cointeraction_count: '5' } },
        { recipe: 'aws-sims', hyperParameters: {} },
      ],
      'poc',
      new Set(['poc-sims']),
      () => undefined,
    );
    expect(runs.map((run) => run.name)).toEqual(['poc-sims-2', 'poc-sims-3']);
    expect(runs[0]?.algorithmHyperParameters).toEqual({ min_cointeraction_count: '5' });
    expect(runs[0]?.requestId).not.toBe(runs[1]?.requestId);
  });

  it('refuses a taken name and a hyperparameter outside its range', () => {
    expect(() =>
      resolveRuns(
        [{ recipe: 'aws-sims', name: 'poc-sims', hyperParameters: {} }],
        'poc',
        new Set(['poc-sims']),
        () => undefined,
      ),
    ).toThrow('A solution named poc-sims exists already in this workspace: choose another name.');
    expect(() =>
      resolveRuns(
        [{ recipe: 'aws-sims', hyperParameters: { popularity_discount_factor: '1.5' } }],
        'poc',
        new Set(),
        () => undefined,
      ),
    ).toThrow('Hyperparameters of aws-sims: popularity_discount_factor: 1.5 is outside 0..1.');
  });

  it('trains a new version of a known solution with its own name', () => {
    const [run] = resolveRuns(
      [{ recipe: 'aws-sims', solutionArn: 'arn:s', hyperParameters: {} }],
      'poc',
      new Set(),
      (arn) => (arn === 'arn:s' ? 'poc-sims' : undefined),
    );
    expect(run).toMatchObject({ solutionArn: 'arn:s', name: 'poc-sims' });
    expect(() =>
      resolveRuns(
        [{ recipe: 'aws-sims', solutionArn: 'arn:x', hyperParameters: {} }],
        'poc',
        new Set(),
        () => undefined,
      ),
    ).toThrow('Solution arn:x is not in this workspace.');
  });
});
