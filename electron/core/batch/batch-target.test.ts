import { describe, expect, it } from 'vitest';
import type { CampaignSummary, DeployableVersion } from '../../../shared/ipc/campaigns.js';
import { batchTarget } from './batch-module.js';

const ARN = 'arn:aws:personalize:us-east-1:000000000000';

/** An ACTIVE SIMS version that no campaign serves, and a user-personalization one that does. */
const versions: DeployableVersion[] = [
  {
    recipe: 'aws-sims',
    recipeType: 'RELATED_ITEMS',
    solutionArn: `${ARN}:solution/poc-sims`,
    solutionName: 'poc-sims',
    solutionVersionArn: `${ARN}:solution/poc-sims/9f8e`,
  },
  {
    recipe: 'aws-user-personalization-v2',
    recipeType: 'USER_PERSONALIZATION',
    solutionArn: `${ARN}:solution/poc-up`,
    solutionName: 'poc-up',
    solutionVersionArn: `${ARN}:solution/poc-up/1a2b`,
  },
];
const campaigns: CampaignSummary[] = [
  {
    campaignArn: `${ARN}:campaign/poc-up`,
    name: 'poc-up',
    recipe: 'aws-user-personalization-v2',
    recipeType: 'USER_PERSONALIZATION',
    solutionArn: `${ARN}:solution/poc-up`,
    solutionVersionArn: `${ARN}:solution/poc-up/1a2b`,
    status: 'ACTIVE',
    minProvisionedTPS: 1,
    campaignConfig: {},
  },
];

describe('batchTarget (the solution version a batch job runs on)', () => {
  it('takes a solution version that no campaign serves, with its recipe type', () => {
    expect(
      batchTarget(
        { campaigns: [], versions },
        { solutionVersionArn: `${ARN}:solution/poc-sims/9f8e` },
      ),
    ).toEqual({ solutionVersionArn: `${ARN}:solution/poc-sims/9f8e`, recipeType: 'RELATED_ITEMS' });
  });

  it('takes a campaign as a shortcut to the version it serves', () => {
    expect(batchTarget({ campaigns, versions }, { campaignArn: `${ARN}:campaign/poc-up` })).toEqual(
      {
        solutionVersionArn: `${ARN}:solution/poc-up/1a2b`,
        recipeType: 'USER_PERSONALIZATION',
      },
    );
  });

  it('refuses a version that is not an active version of the POC, and a request naming neither', () => {
    expect(() =>
      batchTarget({ campaigns, versions }, { solutionVersionArn: `${ARN}:solution/other/0000` }),
    ).toThrow('Choose an active solution version of this POC');
    expect(() => batchTarget({ campaigns, versions }, {})).toThrow(
      'Choose a solution version: the batch job runs on a trained version (no campaign needed).',
    );
  });
});
