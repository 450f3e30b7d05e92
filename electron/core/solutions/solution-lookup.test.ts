import { describe, expect, it } from 'vitest';
import { recipeArn } from '../../../shared/personalize.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { defaultSolutionOf, guideSolutionOf, isDefaultConfiguration } from './solution-lookup.js';

const GROUP = 'arn:aws:personalize:us-east-1:000000000000:dataset-group/poc';

function solution(
  name: string,
  createdAtMs: number,
  algorithmHyperParameters?: Record<string, string>,
  featureTransformationParameters: Record<string, string> = {},
  recipe = 'aws-user-personalization',
): ResourceEntry {
  return {
    arn: `arn:aws:personalize:us-east-1:000000000000:solution/${name}`,
    kind: 'solution',
    name,
    status: 'ACTIVE',
    parentArn: GROUP,
    createdAtMs,
    lastSeenAtMs: createdAtMs,
    attributes: {
      recipeArn: recipeArn(recipe),
      datasetGroupArn: GROUP,
      ...(algorithmHyperParameters === undefined
        ? {}
        : { solutionConfig: { algorithmHyperParameters, featureTransformationParameters } }),
    },
    studio: {},
  };
}

describe('isDefaultConfiguration', () => {
  it('takes a solution without configuration, or with only documented defaults, as the default', () => {
    expect(isDefaultConfiguration(solution('plain', 1))).toBe(true);
    expect(isDefaultConfiguration(solution('empty', 1, {}))).toBe(true);
    // hidden_dimension 149, recency_mask true and max_user_history_length_percentile 0.99 are
    // the documented defaults (SPEC §6.2), however they are written.
    expect(
      isDefaultConfiguration(
        solution('explicit', 1, {
          hidden_dimension: '149',
          recency_mask: 'TRUE',
          max_user_history_length_percentile: '0.990',
        }),
      ),
    ).toBe(true);
    // A key the studio does not document is not a change of its own.
    expect(isDefaultConfiguration(solution('echo', 1, { some_service_key: 'x' }))).toBe(true);
  });

  it('takes a changed hyperparameter or featurization parameter as custom', () => {
    expect(isDefaultConfiguration(solution('dim', 1, { hidden_dimension: '64' }))).toBe(false);
    expect(isDefaultConfiguration(solution('mask', 1, { recency_mask: 'false' }))).toBe(false);
    expect(
      isDefaultConfiguration(solution('sims', 1, { min_cointeraction_count: '8' }, {}, 'aws-sims')),
    ).toBe(false);
    // min_user_history_length_percentile is a featurization parameter, default 0.0.
    expect(
      isDefaultConfiguration(
        solution('history', 1, {}, { min_user_history_length_percentile: '0.2' }),
      ),
    ).toBe(false);
    expect(
      isDefaultConfiguration(
        solution('history-0', 1, {}, { min_user_history_length_percentile: '0' }),
      ),
    ).toBe(true);
  });
});

describe('defaultSolutionOf', () => {
  it('finds the newest default solution of the recipe, past newer Configure… solutions', () => {
    const resources = [
      solution('poc-user-personalization', 10),
      solution('poc-user-personalization-2', 20, {}),
      solution('up-custom', 30, { hidden_dimension: '64' }),
      solution('poc-sims', 40, undefined, {}, 'aws-sims'),
    ];
    expect(defaultSolutionOf(resources, GROUP, 'aws-user-personalization')?.name).toBe(
      'poc-user-personalization-2',
    );
    // The guide's view of the recipe: the newest solution, or the default one when asked.
    expect(guideSolutionOf(resources, GROUP, 'aws-user-personalization')?.solutionArn).toBe(
      resources[2]?.arn,
    );
    expect(
      guideSolutionOf(resources, GROUP, 'aws-user-personalization', 'default')?.solutionArn,
    ).toBe(resources[1]?.arn);
    expect(
      defaultSolutionOf(
        [solution('up-custom', 30, { hidden_dimension: '64' })],
        GROUP,
        'aws-user-personalization',
      ),
    ).toBeUndefined();
    expect(defaultSolutionOf(resources, 'arn:other-group', 'aws-sims')).toBeUndefined();
  });
});
