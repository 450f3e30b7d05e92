import { describe, expect, it } from 'vitest';
import { checkHyperParameters, RECIPE_SPECS, STUDIO_RECIPES } from './recipes.js';

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
