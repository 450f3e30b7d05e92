import { describe, expect, it } from 'vitest';
import {
  checkHyperParameters,
  rangeProblems,
  RECIPE_SPECS,
  recipeSpec,
  STUDIO_RECIPES,
} from './recipes.js';

describe('recipe specs', () => {
  it('lists every studio recipe once, in the order of STUDIO_RECIPES', () => {
    expect(RECIPE_SPECS.map((spec) => spec.recipe)).toEqual([...STUDIO_RECIPES]);
  });

  it('keeps every default inside its documented range (SPEC §6.2)', () => {
    for (const spec of RECIPE_SPECS)
      for (const parameter of spec.hyperParameters) {
        const checked = checkHyperParameters(spec.recipe, {
          [parameter.name]: parameter.defaultValue,
        });
        expect(checked.ok, `${spec.recipe} ${parameter.name}`).toBe(true);
      }
  });
});

describe('checkHyperParameters', () => {
  it('splits algorithm and featurization values and leaves empty ones out', () => {
    expect(
      checkHyperParameters('aws-sims', {
        popularity_discount_factor: '0.8',
        min_item_interaction_count_percentile: '0.05',
        min_cointeraction_count: '',
      }),
    ).toEqual({
      ok: true,
      value: {
        algorithmHyperParameters: { popularity_discount_factor: '0.8' },
        featureTransformationParameters: { min_item_interaction_count_percentile: '0.05' },
      },
    });
  });

  it('names each value outside its range, not a whole number, not a boolean or unknown', () => {
    expect(
      checkHyperParameters('aws-user-personalization', {
        hidden_dimension: '300',
        bptt: '2.5',
        recency_mask: 'yes',
        learning_rate: '0.1',
      }),
    ).toEqual({
      ok: false,
      problems: [
        'hidden_dimension: 300 is outside 32..256.',
        'bptt: "2.5" is not a whole number.',
        'recency_mask: "yes" is not true or false.',
        'learning_rate is not a hyperparameter of aws-user-personalization.',
      ],
    });
  });
});

describe('rangeProblems (min/max pairs)', () => {
  const sims = recipeSpec('aws-sims');
  if (sims === undefined) throw new Error('aws-sims has no spec');

  it('flags a minimum percentile above its maximum, on the min field', () => {
    expect(
      rangeProblems(sims, {
        min_item_interaction_count_percentile: '0.95',
        max_item_interaction_count_percentile: '0.9',
      }),
    ).toEqual({
      min_item_interaction_count_percentile:
        'min_item_interaction_count_percentile (0.95) is above max_item_interaction_count_percentile (0.9): the range is empty, so training would keep nothing. Lower it or raise max_item_interaction_count_percentile.',
    });
  });

  it('compares a changed value with the default of the other end', () => {
    expect(
      Object.keys(rangeProblems(sims, { max_user_history_length_percentile: '0.001' })),
    ).toEqual(['min_user_history_length_percentile']);
    expect(rangeProblems(sims, { max_user_history_length_percentile: '0.005' })).toEqual({});
  });

  it('makes checkHyperParameters refuse the pair, as CreateSolution would train on nothing', () => {
    expect(
      checkHyperParameters('aws-user-personalization', {
        min_user_history_length_percentile: '0.5',
        max_user_history_length_percentile: '0.2',
      }),
    ).toEqual({
      ok: false,
      problems: [
        'min_user_history_length_percentile (0.5) is above max_user_history_length_percentile (0.2): the range is empty, so training would keep nothing. Lower it or raise max_user_history_length_percentile.',
      ],
    });
  });
});
