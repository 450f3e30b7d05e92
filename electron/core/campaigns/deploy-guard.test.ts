import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { Job, JobState } from '../../../shared/jobs.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { emptyGuideChoices, type GuideSolution } from '../../../shared/guide.js';
import { createAwsClients } from '../aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { ResourceCache } from '../workspaces/resource-cache.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { deployCampaign } from './campaign-service.js';
import { assertDeployable } from './deploy-guard.js';

const USER_PERSONALIZATION = 'aws-user-personalization';
const POPULARITY = 'aws-popularity-count';
const VERSION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-up/abc123';
const POPULARITY_VERSION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-pop/def456';

/** A POC with both recipes recorded; user-personalization in `status`, popularity ACTIVE. */
function trainedState(status: string): GuideSolution[] {
  return [
    {
      recipe: USER_PERSONALIZATION,
      solutionArn: 'arn:solution/up',
      solutionVersionArn: VERSION,
      status,
    },
    {
      recipe: POPULARITY,
      solutionArn: 'arn:solution/pop',
      solutionVersionArn: POPULARITY_VERSION,
      status: 'ACTIVE',
    },
  ];
}

/** A `solutions.train` job of workspace `ws` in `state`. */
function trainJob(state: JobState, recipes: string[] = [USER_PERSONALIZATION]): Job {
  return {
    id: `train-${state}`,
    kind: 'solutions.train',
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
function refusal(state: GuideSolution[], jobs: Job[], recipe = USER_PERSONALIZATION): AppError {
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
    expect(assertDeployable(trainedState('ACTIVE'), jobs, 'ws', USER_PERSONALIZATION)).toBe(
      VERSION,
    );
    expect(assertDeployable(trainedState('ACTIVE'), jobs, 'ws', POPULARITY)).toBe(
      POPULARITY_VERSION,
    );
  });

  it('refuses while the requested recipe’s version is not ACTIVE, saying what to wait for', () => {
    const error = refusal(trainedState('CREATE IN_PROGRESS'), []);
    expect(error.code).toBe('guide.notReady');
    expect(error.message).toBe(
      `${USER_PERSONALIZATION} is still training (solution version ${VERSION}, CREATE IN_PROGRESS). Deploy when it is ACTIVE.`,
    );
  });

  it('refuses while a solutions.train job of the workspace is queued or running, even if the version looks ACTIVE', () => {
    for (const state of ['queued', 'running'] as const) {
      const error = refusal(trainedState('ACTIVE'), [trainJob(state)]);
      expect(error.code).toBe('guide.notReady');
      expect(error.message).toContain(
        `${USER_PERSONALIZATION} is still training (solution version ${VERSION}, ACTIVE)`,
      );
      expect(error.message).toContain('Deploy when it is ACTIVE.');
    }
  });

  it('names the recipe still training when another recipe is requested during training', () => {
    const error = refusal(
      trainedState('CREATE IN_PROGRESS'),
      [trainJob('running', [USER_PERSONALIZATION])],
      POPULARITY,
    );
    expect(error.code).toBe('guide.notReady');
    expect(error.message).toBe(
      `${USER_PERSONALIZATION} is still training (solution version ${VERSION}, CREATE IN_PROGRESS). Deploy when it is ACTIVE.`,
    );
  });

  it('ignores training jobs of other workspaces', () => {
    const other = { ...trainJob('running'), workspaceId: 'other' };
    expect(assertDeployable(trainedState('ACTIVE'), [other], 'ws', USER_PERSONALIZATION)).toBe(
      VERSION,
    );
  });

  it('refuses a recipe never trained and a failed version, pointing to step Solutions', () => {
    const untrained = refusal([], []);
    expect(untrained.code).toBe('guide.notReady');
    expect(untrained.message).toContain(`Train ${USER_PERSONALIZATION} before deploying it`);
    const failed = refusal(trainedState('CREATE FAILED'), []);
    expect(failed.code).toBe('guide.notReady');
    expect(failed.message).toContain('CREATE FAILED');
  });
});

describe('deployCampaign', () => {
  const GROUP = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/poc-ws-dsg';
  const RECIPE_ARN = 'arn:aws:personalize:::recipe/aws-user-personalization';
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'deploy-guard-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** A context whose cache holds the recipe's solution and its version in `status`; its clients point nowhere (the guards throw before any call). */
  async function contextWith(status: string, campaignVersionArn?: string): Promise<ServiceContext> {
    const resources = new ResourceCache(
      path.join(folder, `${status}-${campaignVersionArn ?? 'none'}.json`),
    );
    await resources.record({
      arn: GROUP,
      kind: 'datasetGroup',
      name: 'poc-ws-dsg',
      status: 'ACTIVE',
    });
    await resources.record({
      arn: 'arn:solution/up',
      kind: 'solution',
      name: 'poc-ws-up',
      status: 'ACTIVE',
      parentArn: GROUP,
      attributes: { recipeArn: RECIPE_ARN },
    });
    await resources.record({
      arn: VERSION,
      kind: 'solutionVersion',
      name: 'abc123',
      status,
      parentArn: 'arn:solution/up',
    });
    if (campaignVersionArn !== undefined) {
      await resources.record({
        arn: 'arn:campaign/up',
        kind: 'campaign',
        name: 'poc-ws-up',
        status: 'ACTIVE',
        parentArn: 'arn:solution/up',
        attributes: { solutionVersionArn: campaignVersionArn },
      });
    }
    const clients = createAwsClients({
      kind: 'sandbox',
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      accountId: '123456789012',
    });
    const choices = { ...emptyGuideChoices(), datasetGroupArn: GROUP };
    return {
      workspace: {
        id: 'ws',
        name: 'ws',
        target: { kind: 'sandbox', region: 'us-east-1' },
        prefix: 'poc-ws',
        tags: {},
        notes: '',
        setup: { bucket: 'poc-studio-poc-ws', roleName: 'role' },
        createdAtMs: 1,
        updatedAtMs: 1,
      },
      clients,
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      resources,
      workDir: path.join(folder, 'work'),
      tags: [],
      getChoices: () => structuredClone(choices),
      updateChoices: () =>
        Promise.reject(new Error('the guards must refuse before changing anything')),
      report: () => Promise.resolve(),
    };
  }

  it('refuses to deploy another version than the one the handler checked', async () => {
    const context = await contextWith('ACTIVE');
    await expect(
      deployCampaign(context, USER_PERSONALIZATION, 1, 'arn:older-version'),
    ).rejects.toMatchObject({ code: 'guide.notReady' });
    expect(context.resources.list({ kind: 'campaign' })).toEqual([]);
  });

  it('refuses while the version is not ACTIVE', async () => {
    const context = await contextWith('CREATE IN_PROGRESS');
    await expect(deployCampaign(context, USER_PERSONALIZATION, 1, VERSION)).rejects.toMatchObject({
      code: 'guide.notReady',
    });
  });

  it('refuses to reuse a campaign that serves another version of the recipe', async () => {
    const context = await contextWith('ACTIVE', 'arn:older-version');
    await expect(deployCampaign(context, USER_PERSONALIZATION, 1, VERSION)).rejects.toMatchObject({
      code: 'guide.notReady',
      message: expect.stringContaining('arn:older-version') as unknown,
    });
  });
});
