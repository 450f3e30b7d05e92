import { describe, expect, it } from 'vitest';
import type { GuideView } from '../../../shared/guide.js';
import type { Job } from '../../../shared/jobs.js';
import type { StudioDeps } from '../app/domain-module.js';
import { campaignsModule } from './campaigns-module.js';

const VERSION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-up/abc123';
const POPULARITY = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-pop/def456';

/** A `campaigns.deploy` job of workspace `ws` deploying `params`, still running. */
function runningDeploy(params: Record<string, unknown>): Job {
  return {
    id: 'deploy-1',
    kind: 'campaigns.deploy',
    workspaceId: 'ws',
    params,
    state: 'running',
    step: 'Deploying campaign poc-user-personalization',
    progress: { done: 1, total: 3, unit: 'steps' },
    attempt: 1,
    createdAtMs: 1,
    updatedAtMs: 2,
  };
}

/** Deps whose guide has both recipes ACTIVE and whose jobs are `jobs`; `started` records job starts. */
function depsWith(jobs: Job[], started: unknown[]): StudioDeps {
  const view = {
    solutions: [
      {
        recipe: 'aws-user-personalization',
        solutionArn: 'arn:s/up',
        solutionVersionArn: VERSION,
        status: 'ACTIVE',
      },
      {
        recipe: 'aws-popularity-count',
        solutionArn: 'arn:s/pop',
        solutionVersionArn: POPULARITY,
        status: 'ACTIVE',
      },
    ],
  } as unknown as GuideView;
  return {
    guideView: () => view,
    jobs: {
      list: () => jobs,
      start: (kind: string, workspaceId: string, params: Record<string, unknown>) => {
        started.push({ kind, workspaceId, params });
        return Promise.resolve({ ...runningDeploy(params), id: 'new-job', kind });
      },
      cancel: () => Promise.reject(new Error('not used')),
    },
  } as unknown as StudioDeps;
}

describe('campaigns.deploy', () => {
  it('starts the deployment of the recipe’s ACTIVE version', async () => {
    const started: unknown[] = [];
    const { handlers } = campaignsModule(depsWith([], started));
    await expect(
      handlers['campaigns.deploy']?.({
        workspaceId: 'ws',
        recipe: 'aws-popularity-count',
        minProvisionedTPS: 1,
      }),
    ).resolves.toEqual({ jobId: 'new-job' });
    expect(started).toEqual([
      {
        kind: 'campaigns.deploy',
        workspaceId: 'ws',
        params: expect.objectContaining({
          recipe: 'aws-popularity-count',
          solutionVersionArn: POPULARITY,
        }) as unknown,
      },
    ]);
  });

  it('refuses a second deployment while another runs, instead of handing back the running one', async () => {
    const started: unknown[] = [];
    const running = runningDeploy({
      recipe: 'aws-user-personalization',
      solutionVersionArn: VERSION,
      minProvisionedTPS: 1,
    });
    const { handlers } = campaignsModule(depsWith([running], started));
    await expect(
      handlers['campaigns.deploy']?.({
        workspaceId: 'ws',
        recipe: 'aws-popularity-count',
        minProvisionedTPS: 1,
      }),
    ).rejects.toMatchObject({
      code: 'guide.notReady',
      message:
        'A deployment (aws-user-personalization) is running: deploy the next campaign when it has finished.',
    });
    expect(started).toEqual([]);
  });

  it('asking again for the deployment that runs returns that job (idempotent)', async () => {
    const started: unknown[] = [];
    const running = runningDeploy({
      recipe: 'aws-user-personalization',
      solutionVersionArn: VERSION,
      minProvisionedTPS: 1,
      byVersion: false,
    });
    const { handlers } = campaignsModule(depsWith([running], started));
    await expect(
      handlers['campaigns.deploy']?.({
        workspaceId: 'ws',
        recipe: 'aws-user-personalization',
        minProvisionedTPS: 1,
      }),
    ).resolves.toEqual({ jobId: 'new-job' });
    expect(started).toHaveLength(1);
  });
});

describe('campaigns.update', () => {
  it('refuses to update a campaign while another campaign’s update runs', async () => {
    const started: unknown[] = [];
    const other = {
      ...runningDeploy({ campaignArn: 'arn:campaign/a' }),
      kind: 'campaigns.update',
    } as Job;
    const { handlers } = campaignsModule(depsWith([other], started));
    await expect(
      handlers['campaigns.update']?.({
        workspaceId: 'ws',
        campaignArn: 'arn:campaign/b',
        minProvisionedTPS: 2,
      }),
    ).rejects.toMatchObject({ code: 'guide.notReady' });
    expect(started).toEqual([]);
    await expect(
      handlers['campaigns.update']?.({
        workspaceId: 'ws',
        campaignArn: 'arn:campaign/a',
        minProvisionedTPS: 2,
      }),
    ).resolves.toEqual({ jobId: 'new-job' });
  });
});
