import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HPO_METRIC,
  DEFAULT_HPO_TRAINING_JOBS,
  hpoCandidates,
  readHpoPlan,
  runHpoSearch,
} from './hpo.js';
import { trainSolutionVersion } from './index.js';
import type { InteractionRecord } from './index.js';

const CONFIG = {
  algorithmHyperParameterRanges: {
    integerHyperParameterRanges: [{ name: 'bptt', minValue: 2, maxValue: 6 }],
    continuousHyperParameterRanges: [
      { name: 'popularity_discount_factor', minValue: 0.2, maxValue: 0.4 },
    ],
    categoricalHyperParameterRanges: [{ name: 'recency_mask', values: ['true', 'false'] }],
  },
  hpoResourceConfig: { maxNumberOfTrainingJobs: '12', maxParallelTrainingJobs: '3' },
};

describe('readHpoPlan (solutionConfig.hpoConfig, SPEC §2.12 / §6.2)', () => {
  it('reads the three kinds of ranges, the job count (a string) and the default metric', () => {
    const plan = readHpoPlan(CONFIG);
    expect(plan.numeric).toEqual([
      { name: 'bptt', minValue: 2, maxValue: 6, integer: true },
      { name: 'popularity_discount_factor', minValue: 0.2, maxValue: 0.4, integer: false },
    ]);
    expect(plan.categorical).toEqual([{ name: 'recency_mask', values: ['true', 'false'] }]);
    expect(plan.trainingJobs).toBe(12);
    expect(plan.metric).toBe(DEFAULT_HPO_METRIC);
    expect(readHpoPlan({}).trainingJobs).toBe(DEFAULT_HPO_TRAINING_JOBS);
  });

  it('refuses more than 40 jobs, an inverted range, a nameless range and an unknown metric', () => {
    expect(() => readHpoPlan({ hpoResourceConfig: { maxNumberOfTrainingJobs: '41' } })).toThrow(
      /1\.\.40/,
    );
    expect(() =>
      readHpoPlan({
        algorithmHyperParameterRanges: {
          integerHyperParameterRanges: [{ name: 'bptt', minValue: 9, maxValue: 3 }],
        },
      }),
    ).toThrow(/bptt: minValue 9 is above maxValue 3/);
    expect(() =>
      readHpoPlan({
        algorithmHyperParameterRanges: {
          continuousHyperParameterRanges: [{ minValue: 0, maxValue: 1 }],
        },
      }),
    ).toThrow(/without a name/);
    expect(() => readHpoPlan({ hpoObjective: { metricName: 'accuracy' } })).toThrow(
      /"accuracy" is not a metric/,
    );
  });
});

describe('hpoCandidates', () => {
  const plan = readHpoPlan(CONFIG);

  it('starts from the base values and draws every other candidate inside the ranges', () => {
    const candidates = hpoCandidates(plan, { bptt: '4', other: 'kept' }, 3);
    expect(candidates).toHaveLength(12);
    expect(candidates[0]).toEqual({ bptt: '4', other: 'kept' });
    for (const candidate of candidates.slice(1)) {
      const bptt = Number(candidate.bptt);
      expect(Number.isInteger(bptt)).toBe(true);
      expect(bptt).toBeGreaterThanOrEqual(2);
      expect(bptt).toBeLessThanOrEqual(6);
      const factor = Number(candidate.popularity_discount_factor);
      expect(factor).toBeGreaterThanOrEqual(0.2);
      expect(factor).toBeLessThanOrEqual(0.4);
      expect(['true', 'false']).toContain(candidate.recency_mask);
      expect(candidate.other).toBe('kept');
    }
    // A real search: the draws differ, and the same seed draws the same.
    expect(new Set(candidates.map((candidate) => candidate.bptt)).size).toBeGreaterThan(2);
    expect(hpoCandidates(plan, {}, 3)).toEqual(hpoCandidates(plan, {}, 3).map((c) => ({ ...c })));
    expect(hpoCandidates(plan, {}, 4)).not.toEqual(hpoCandidates(plan, {}, 3));
  });

  it('runHpoSearch returns the best-scoring candidate, reporting only the searched names', () => {
    const outcome = runHpoSearch(plan, { bptt: '4', other: 'kept' }, 3, (candidate) =>
      Number(candidate.popularity_discount_factor ?? 0),
    );
    const best = Math.max(...outcome.scores);
    expect(Number(outcome.best.popularity_discount_factor)).toBe(best);
    expect(Object.keys(outcome.best).sort()).toEqual(
      ['bptt', 'popularity_discount_factor', 'recency_mask'].sort(),
    );
  });
});

/** Users in 4 taste groups; each user walks through 10 items of their group in order. */
function sequences(userCount: number): InteractionRecord[] {
  const records: InteractionRecord[] = [];
  for (let user = 0; user < userCount; user++)
    for (let k = 0; k < 10; k++)
      records.push({
        userId: `u${user}`,
        itemId: `g${user % 4}-${(user + k) % 12}`,
        timestamp: 1000 + user * 100 + k,
      });
  return records;
}

describe('trainSolutionVersion with HPO and UPDATE', () => {
  const input = { interactions: sequences(150), catalogItemIds: [], hyperParameters: {}, seed: 2 };

  it('performHPO searches the given ranges and reports the winner as tuned hyperparameters', () => {
    const result = trainSolutionVersion('aws-user-personalization', input, {
      hpoConfig: {
        algorithmHyperParameterRanges: {
          integerHyperParameterRanges: [{ name: 'bptt', minValue: 2, maxValue: 32 }],
        },
        hpoResourceConfig: { maxNumberOfTrainingJobs: '3' },
      },
    });
    const bptt = Number(result.tunedHyperParameters?.bptt);
    expect(bptt).toBeGreaterThanOrEqual(2);
    expect(bptt).toBeLessThanOrEqual(32);
    expect(Object.keys(result.tunedHyperParameters ?? {})).toEqual(['bptt']);
  });

  it('without ranges, HPO searches the documented ones (SPEC §6.2); popularity-count has none', () => {
    const sims = trainSolutionVersion('aws-sims', input, {
      hpoConfig: { hpoResourceConfig: { maxNumberOfTrainingJobs: '2' } },
    });
    expect(Object.keys(sims.tunedHyperParameters ?? {}).sort()).toEqual([
      'min_cointeraction_count',
      'popularity_discount_factor',
    ]);
    const popular = trainSolutionVersion('aws-popularity-count', input, { hpoConfig: {} });
    expect(popular.tunedHyperParameters).toEqual({});
  });

  it('a malformed hpoConfig fails the training with the field named', () => {
    expect(() =>
      trainSolutionVersion('aws-sims', input, {
        hpoConfig: { hpoResourceConfig: { maxNumberOfTrainingJobs: '50' } },
      }),
    ).toThrow(/maxNumberOfTrainingJobs/);
  });

  it('UPDATE keeps the FULL version metrics and serves a model that knows new users', () => {
    const full = trainSolutionVersion('aws-user-personalization', input);
    const more = [
      ...input.interactions,
      ...Array.from({ length: 10 }, (_, k) => ({
        userId: 'newcomer',
        itemId: `g1-${k}`,
        timestamp: 90_000 + k,
      })),
    ];
    const updated = trainSolutionVersion(
      'aws-user-personalization',
      { ...input, interactions: more },
      { update: { metrics: full.metrics } },
    );
    expect(updated.metrics).toEqual(full.metrics);
    const top = updated.model.recommend({ userId: 'newcomer', numResults: 5 });
    expect(top.every((item) => item.itemId.startsWith('g1-'))).toBe(true);
    const before = full.model.recommend({ userId: 'newcomer', numResults: 5 });
    expect(before.map((item) => item.itemId)).not.toEqual(top.map((item) => item.itemId));
  });
});
