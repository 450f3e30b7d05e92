import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Job, JobState } from '../../../shared/jobs.js';
import { emptyPocState, type PocState } from '../../../shared/poc.js';
import { createAwsClients } from '../aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { deployCampaign } from './campaign-service.js';
import { assertDeployable } from './deploy-guard.js';
import { PocSession } from './poc-session.js';

const USER_PERSONALIZATION = 'aws-user-personalization';
const POPULARITY = 'aws-popularity-count';
const VERSION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-up/abc123';
const POPULARITY_VERSION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-pop/def456';

/** A POC with both recipes recorded; user-personalization in `status`, popularity ACTIVE. */
function trainedState(status: string): PocState {
  const state = emptyPocState();
  state.solutions = [
    { recipe: USER_PERSONALIZATION, solutionArn: 'arn:solution/up', solutionVersionArn: VERSION, status },
    { recipe: POPULARITY, solutionArn: 'arn:solution/pop', solutionVersionArn: POPULARITY_VERSION, status: 'ACTIVE' },
  ];
  return state;
}

/** A `poc.train` job of workspace `ws` in `state`. */
function trainJob(state: JobState, recipes: string[] = [USER_PERSONALIZATION]): Job {
  return {
    id: `train-${state}`,
    kind: 'poc.train',
    workspaceId: 'ws',
    params: { recipes },
    state,
    step: 'Training',
    progress: { done: 1, total: 8, unit: 'steps' },
    attempt: 1,
    createdAtMs: 1,
    updatedAtMs: 2,
  };
}

/** The AppError `assertDeployable` throws for these inputs. */
function refusal(state: PocState, jobs: Job[], recipe = USER_PERSONALIZATION): AppError {
  try {
    assertDeployable(state, jobs, 'ws', recipe);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('assertDeployable accepted the deploy');
}

describe('assertDeployable', () => {
  it('returns exactly the requested recipe’s ACTIVE version when no training runs', () => {
    const jobs = [trainJob('succeeded'), trainJob('failed')];
    expect(assertDeployable(trainedState('ACTIVE'), jobs, 'ws', USER_PERSONALIZATION)).toBe(VERSION);
    expect(assertDeployable(trainedState('ACTIVE'), jobs, 'ws', POPULARITY)).toBe(POPULARITY_VERSION);
  });

  it('refuses while the requested recipe’s version is not ACTIVE, saying what to wait for', () => {
    const error = refusal(trainedState('CREATE IN_PROGRESS'), []);
    expect(error.code).toBe('poc.notReady');
    expect(error.message).toBe(`${USER_PERSONALIZATION} is still training (solution version ${VERSION}, CREATE IN_PROGRESS). Deploy when it is ACTIVE.`);
  });

  it('refuses while a poc.train job of the workspace is queued or running, even if the version looks ACTIVE', () => {
    for (const state of ['queued', 'running'] as const) {
      const error = refusal(trainedState('ACTIVE'), [trainJob(state)]);
      expect(error.code).toBe('poc.notReady');
      expect(error.message).toContain(`${USER_PERSONALIZATION} is still training (solution version ${VERSION}, ACTIVE)`);
      expect(error.message).toContain('Deploy when it is ACTIVE.');
    }
  });

  it('names the recipe still training when another recipe is requested during training', () => {
    const error = refusal(trainedState('CREATE IN_PROGRESS'), [trainJob('running', [USER_PERSONALIZATION])], POPULARITY);
    expect(error.code).toBe('poc.notReady');
    expect(error.message).toBe(`${USER_PERSONALIZATION} is still training (solution version ${VERSION}, CREATE IN_PROGRESS). Deploy when it is ACTIVE.`);
  });

  it('ignores training jobs of other workspaces', () => {
    const other = { ...trainJob('running'), workspaceId: 'other' };
    expect(assertDeployable(trainedState('ACTIVE'), [other], 'ws', USER_PERSONALIZATION)).toBe(VERSION);
  });

  it('refuses a recipe never trained and a failed version, pointing to step Solutions', () => {
    const untrained = refusal(emptyPocState(), []);
    expect(untrained.code).toBe('poc.notReady');
    expect(untrained.message).toContain(`Train ${USER_PERSONALIZATION} before deploying it`);
    const failed = refusal(trainedState('CREATE FAILED'), []);
    expect(failed.code).toBe('poc.notReady');
    expect(failed.message).toContain('CREATE FAILED');
  });
});

describe('deployCampaign', () => {
  /** A session over `state`; its clients point nowhere (the guards throw before any call). */
  function session(state: PocState): PocSession {
    const clients = createAwsClients({ kind: 'sandbox', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accountId: '123456789012' });
    return new PocSession({ workspaceId: 'ws', clients, poller: new Poller(SANDBOX_POLLER_OPTIONS), workDir: '/tmp/unused', initialState: state });
  }

  it('refuses to deploy another version than the one the handler checked', async () => {
    const target = session(trainedState('ACTIVE'));
    const context = target.context({ report: () => Promise.resolve() });
    await expect(deployCampaign(context, USER_PERSONALIZATION, 1, 'arn:older-version')).rejects.toMatchObject({ code: 'poc.notReady' });
    expect(target.getState().campaign).toBeUndefined();
  });

  it('refuses while the version is not ACTIVE', async () => {
    const context = session(trainedState('CREATE IN_PROGRESS')).context({ report: () => Promise.resolve() });
    await expect(deployCampaign(context, USER_PERSONALIZATION, 1, VERSION)).rejects.toMatchObject({ code: 'poc.notReady' });
  });

  it('refuses to reuse a campaign that serves another version of the recipe', async () => {
    const state = trainedState('ACTIVE');
    state.campaign = { campaignArn: 'arn:campaign/up', solutionVersionArn: 'arn:older-version', recipe: USER_PERSONALIZATION, status: 'ACTIVE', minProvisionedTPS: 1 };
    const context = session(state).context({ report: () => Promise.resolve() });
    await expect(deployCampaign(context, USER_PERSONALIZATION, 1, VERSION)).rejects.toMatchObject({ code: 'poc.notReady' });
  });
});
