import { describe, expect, it } from 'vitest';
import { campaignName } from '../recommendations/explore-campaigns.js';
import { deployBlockedReason, parseTps } from './CampaignStep.js';

describe('deployBlockedReason', () => {
  it('blocks Deploy while a training job runs, even when a baseline version is ACTIVE', () => {
    expect(deployBlockedReason(true, 'aws-popularity-count', 'ACTIVE')).toMatch(
      /Training is running/,
    );
  });

  it('blocks Deploy while the chosen version is not ACTIVE', () => {
    expect(deployBlockedReason(false, 'aws-user-personalization', 'CREATE IN_PROGRESS')).toBe(
      'The aws-user-personalization solution version is CREATE IN_PROGRESS: deploy it once it is ACTIVE.',
    );
    expect(deployBlockedReason(false, undefined, undefined)).toMatch(/No ACTIVE solution version/);
  });

  it('allows Deploy of an ACTIVE version when no training runs', () => {
    expect(deployBlockedReason(false, 'aws-user-personalization', 'ACTIVE')).toBeUndefined();
  });
});

describe('parseTps', () => {
  it('accepts whole numbers of 1 or more', () => {
    expect(parseTps('2')).toBe(2);
    expect(parseTps('0')).toBeUndefined();
  });
});

describe('campaignName', () => {
  it('is the last segment of the campaign ARN', () => {
    expect(
      campaignName(
        'arn:aws:personalize:us-east-1:123456789012:campaign/poc-ws-ab12-user-personalization',
      ),
    ).toBe('poc-ws-ab12-user-personalization');
  });
});
