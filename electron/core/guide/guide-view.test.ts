import { describe, expect, it } from 'vitest';
import { emptyGuideChoices, type GuideChoices } from '../../../shared/guide.js';
import type { Job, JobKind, JobState } from '../../../shared/jobs.js';
import type { ResourceEntry, ResourceKind } from '../../../shared/resources.js';
import { deriveGuideView } from './guide-view.js';

const GROUP = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/poc-ws-dsg';
const INTERACTIONS = `${GROUP.replace(':dataset-group/', ':dataset/')}/INTERACTIONS`;
const ITEMS = `${GROUP.replace(':dataset-group/', ':dataset/')}/ITEMS`;
const SOLUTION = 'arn:aws:personalize:us-east-1:123456789012:solution/poc-ws-user-personalization';
const VERSION = `${SOLUTION}/v1`;
const CAMPAIGN = 'arn:aws:personalize:us-east-1:123456789012:campaign/poc-ws-user-personalization';

let clock = 1;
/** A cache entry as the services record them. */
function entry(
  kind: ResourceKind,
  arn: string,
  fields: Partial<ResourceEntry> = {},
): ResourceEntry {
  clock += 1;
  return {
    arn,
    kind,
    name: arn.split('/').pop() ?? arn,
    status: 'ACTIVE',
    lastSeenAtMs: clock,
    createdAtMs: clock,
    attributes: {},
    studio: {},
    ...fields,
  };
}

/** An import job of `datasetArn` that read `sourcePath`. */
function importJob(
  datasetArn: string,
  sourcePath: string,
  status: string,
  name = `job-${clock}`,
): ResourceEntry {
  return entry('datasetImportJob', `${datasetArn}-import/${name}`, {
    parentArn: datasetArn,
    status,
    studio: { sourcePath, rows: 1000, sourceMtimeMs: 1 },
  });
}

/** A job of `kind` in `state`, created at `createdAtMs`. */
function job(kind: JobKind, state: JobState, createdAtMs = 100): Job {
  return {
    id: `${kind}-${createdAtMs}`,
    kind,
    workspaceId: 'ws',
    params: {},
    state,
    step: '',
    progress: { done: 0, total: 1, unit: 'steps' },
    attempt: 0,
    createdAtMs,
    updatedAtMs: createdAtMs,
  };
}

function choices(patch: Partial<GuideChoices> = {}): GuideChoices {
  return {
    ...emptyGuideChoices(),
    files: { interactions: '/i.csv', items: '/items.csv' },
    datasetGroupArn: GROUP,
    ...patch,
  };
}

/** A whole POC in the cache: imports ACTIVE for both files, a trained version with metrics, an ACTIVE campaign. */
function fullPoc(): ResourceEntry[] {
  return [
    entry('datasetGroup', GROUP),
    entry('dataset', INTERACTIONS, {
      parentArn: GROUP,
      attributes: { datasetType: 'Interactions', schemaArn: 'arn:schema/i' },
    }),
    entry('dataset', ITEMS, {
      parentArn: GROUP,
      attributes: { datasetType: 'Items', schemaArn: 'arn:schema/items' },
    }),
    importJob(INTERACTIONS, '/i.csv', 'ACTIVE'),
    importJob(ITEMS, '/items.csv', 'ACTIVE'),
    entry('solution', SOLUTION, {
      parentArn: GROUP,
      attributes: { recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization' },
    }),
    entry('solutionVersion', VERSION, {
      parentArn: SOLUTION,
      studio: {
        metrics: {
          coverage: 0.1,
          mean_reciprocal_rank_at_25: 0.2,
          normalized_discounted_cumulative_gain_at_5: 0.2,
          normalized_discounted_cumulative_gain_at_10: 0.25,
          normalized_discounted_cumulative_gain_at_25: 0.3,
          precision_at_5: 0.1,
          precision_at_10: 0.1,
          precision_at_25: 0.05,
        },
      },
    }),
    entry('campaign', CAMPAIGN, {
      parentArn: SOLUTION,
      attributes: { solutionVersionArn: VERSION, minProvisionedTPS: 1 },
    }),
  ];
}

describe('deriveGuideView', () => {
  it('counts Explore done when recommendations were asked of another ACTIVE campaign of the group', () => {
    const SIMS_CAMPAIGN = CAMPAIGN.replace('user-personalization', 'sims');
    const resources = [
      ...fullPoc(),
      entry('campaign', SIMS_CAMPAIGN, {
        parentArn: SOLUTION,
        attributes: { minProvisionedTPS: 1 },
      }),
    ];
    const explored = (arn: string): string | undefined =>
      deriveGuideView(
        choices({
          recipes: ['aws-user-personalization'],
          campaignArn: CAMPAIGN,
          exploredCampaignArn: arn,
        }),
        resources,
        [],
      ).steps.explore;
    expect(explored(SIMS_CAMPAIGN)).toBe('done');
    expect(explored(CAMPAIGN)).toBe('done');
    // A campaign that is gone or not ACTIVE does not count.
    expect(explored(`${CAMPAIGN}-deleted`)).toBe('notStarted');
    const creating = resources.map((resource) =>
      resource.arn === SIMS_CAMPAIGN ? { ...resource, status: 'CREATE IN_PROGRESS' } : resource,
    );
    expect(
      deriveGuideView(
        choices({ campaignArn: CAMPAIGN, exploredCampaignArn: SIMS_CAMPAIGN }),
        creating,
        [],
      ).steps.explore,
    ).toBe('notStarted');
  });

  it('derives every step done from a whole POC in the resource cache', () => {
    const view = deriveGuideView(
      choices({
        recipes: ['aws-user-personalization'],
        campaignArn: CAMPAIGN,
        exploredCampaignArn: CAMPAIGN,
      }),
      fullPoc(),
      [],
    );
    expect(view.steps).toEqual({
      data: 'done',
      import: 'done',
      solutions: 'done',
      campaign: 'done',
      explore: 'done',
      cleanup: 'notStarted',
    });
    expect(view.importedFiles).toEqual({ interactions: '/i.csv', items: '/items.csv' });
    expect(view.importedRows).toEqual({ interactions: 1000, items: 1000 });
    expect(view.schemaArns).toEqual({ interactions: 'arn:schema/i', items: 'arn:schema/items' });
    expect(view.solutions).toEqual([
      expect.objectContaining({
        recipe: 'aws-user-personalization',
        solutionVersionArn: VERSION,
        status: 'ACTIVE',
      }),
    ]);
    expect(view.solutions[0]?.metrics?.normalized_discounted_cumulative_gain_at_10).toBe(0.25);
    expect(view.campaign).toMatchObject({
      campaignArn: CAMPAIGN,
      recipe: 'aws-user-personalization',
      status: 'ACTIVE',
      minProvisionedTPS: 1,
    });
    expect(view.hasResources).toBe(true);
  });

  it('marks Data as needing attention while a chosen file has blocking findings', () => {
    const checks = {
      interactions: {
        path: '/i.csv',
        sizeBytes: 10,
        mtimeMs: 1,
        errors: 2,
        warnings: 0,
        firstError: 'USER_ID is missing',
      },
    };
    expect(deriveGuideView(choices({ fileChecks: checks }), [], []).steps.data).toBe('attention');
    // A summary of another file (the one chosen before) does not count.
    const stale = { interactions: { ...checks.interactions, path: '/old.csv' } };
    expect(deriveGuideView(choices({ fileChecks: stale }), [], []).steps.data).toBe('done');
  });

  it('keeps Import not done until every chosen file is imported (items too)', () => {
    const resources = fullPoc().filter(
      (candidate) => !(candidate.kind === 'datasetImportJob' && candidate.parentArn === ITEMS),
    );
    const view = deriveGuideView(choices(), resources, []);
    expect(view.steps.import).toBe('notStarted');
    expect(view.importedFiles).toEqual({ interactions: '/i.csv' });
  });

  it('shows Campaign done while it is ACTIVE, even after an earlier deploy job failed', () => {
    const view = deriveGuideView(choices({ campaignArn: CAMPAIGN }), fullPoc(), [
      job('campaigns.deploy', 'failed', 50),
    ]);
    expect(view.steps.campaign).toBe('done');
    const without = fullPoc().filter((candidate) => candidate.kind !== 'campaign');
    expect(
      deriveGuideView(choices(), without, [job('campaigns.deploy', 'failed', 50)]).steps.campaign,
    ).toBe('attention');
  });

  it('shows running steps from unfinished jobs, and attention after a failed import job', () => {
    expect(deriveGuideView(choices(), [], [job('datasets.import', 'running')]).steps.import).toBe(
      'running',
    );
    expect(deriveGuideView(choices(), [], [job('datasets.import', 'failed')]).steps.import).toBe(
      'attention',
    );
    expect(
      deriveGuideView(choices(), fullPoc(), [job('solutions.train', 'queued')]).steps.solutions,
    ).toBe('running');
    // A version is ACTIVE, but its metrics are still being computed: not done yet.
    expect(
      deriveGuideView(choices(), fullPoc(), [
        job('solutions.train', 'succeeded'),
        job('solutions.evaluate', 'running'),
      ]).steps.solutions,
    ).toBe('running');
    expect(
      deriveGuideView(choices(), fullPoc(), [
        job('solutions.train', 'succeeded'),
        job('solutions.evaluate', 'succeeded'),
      ]).steps.solutions,
    ).toBe('done');
  });

  it('reports the latest import job: a failed re-import shows its reason while the older ACTIVE one still serves', () => {
    const earlier = fullPoc();
    const failed = importJob(INTERACTIONS, '/i.csv', 'CREATE FAILED');
    failed.failureReason = 'Row 3: USER_ID is empty';
    const view = deriveGuideView(choices(), [...earlier, failed], []);
    expect(view.importStatus.interactions).toBe('CREATE FAILED');
    expect(view.importFailures.interactions).toBe('Row 3: USER_ID is empty');
    expect(view.importedFiles.interactions).toBe('/i.csv');
  });

  it('marks Import notStarted when other files are chosen after an import, keeping an ACTIVE campaign done', () => {
    const changed = choices({
      files: { interactions: '/new.csv', items: '/items.csv' },
      campaignArn: CAMPAIGN,
      exploredCampaignArn: CAMPAIGN,
    });
    const view = deriveGuideView(changed, fullPoc(), []);
    expect(view.steps).toMatchObject({
      data: 'done',
      import: 'notStarted',
      solutions: 'done',
      campaign: 'done',
      explore: 'done',
    });
    expect(view.filesChanged).toBe(true);
    // A failed import of the new files is the latest word on Import.
    expect(
      deriveGuideView(changed, fullPoc(), [job('datasets.import', 'failed')]).steps.import,
    ).toBe('attention');
    expect(deriveGuideView(choices(), fullPoc(), []).filesChanged).toBe(false);
  });

  it('is clean up done only after a teardown succeeded and nothing remains', () => {
    expect(deriveGuideView(emptyGuideChoices(), [], []).steps.cleanup).toBe('notStarted');
    expect(
      deriveGuideView(emptyGuideChoices(), [], [job('inventory.teardown', 'succeeded')]).steps
        .cleanup,
    ).toBe('done');
    expect(
      deriveGuideView(
        emptyGuideChoices(),
        [entry('bucket', 'arn:aws:s3:::b')],
        [job('inventory.teardown', 'succeeded')],
      ).steps.cleanup,
    ).toBe('notStarted');
    expect(
      deriveGuideView(
        emptyGuideChoices(),
        [entry('bucket', 'arn:aws:s3:::b')],
        [job('inventory.teardown', 'failed')],
      ).steps.cleanup,
    ).toBe('attention');
  });

  it('forgets a failed deployment once a teardown started the POC over, and not before', () => {
    const failedDeploy = job('campaigns.deploy', 'failed', 100);
    expect(deriveGuideView(choices(), [], [failedDeploy]).steps.campaign).toBe('attention');
    expect(
      deriveGuideView(choices(), [], [failedDeploy, job('inventory.teardown', 'succeeded', 200)])
        .steps.campaign,
    ).toBe('notStarted');
    // A failed teardown starts nothing over; a deployment failing after the teardown counts.
    expect(
      deriveGuideView(choices(), [], [failedDeploy, job('inventory.teardown', 'failed', 200)]).steps
        .campaign,
    ).toBe('attention');
    expect(
      deriveGuideView(
        choices(),
        [],
        [
          job('inventory.teardown', 'succeeded', 200),
          job('campaigns.deploy', 'failed', 300),
          job('datasets.import', 'failed', 50),
        ],
      ).steps,
    ).toMatchObject({ campaign: 'attention', import: 'notStarted' });
  });

  it('ignores a chosen dataset group the cache no longer knows (deleted)', () => {
    const view = deriveGuideView(choices(), [], []);
    expect(view.datasetGroupArn).toBeUndefined();
    expect(view.solutions).toEqual([]);
    expect(view.hasResources).toBe(false);
  });
});
