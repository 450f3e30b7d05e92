import { describe, expect, it } from 'vitest';
import { emptyPocState, type PocState } from '../../../shared/poc.js';
import { createAwsClients } from '../aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { PocSession } from './poc-session.js';
import { deriveStepStates, filesChangedSinceImport, hasPocResources } from './step-states.js';

/** A POC after a successful teardown: files kept, nothing created, cleanup done. */
function afterTeardown(): PocState {
  const state = emptyPocState();
  state.files = { interactions: '/data/interactions.csv' };
  state.steps = { ...state.steps, data: 'done', cleanup: 'done' };
  return state;
}

describe('deriveStepStates', () => {
  it('keeps cleanup done after a teardown while nothing of the POC remains', () => {
    expect(deriveStepStates(afterTeardown()).cleanup).toBe('done');
  });

  it('resets cleanup to notStarted as soon as a new resource is recorded (new import)', () => {
    const state = afterTeardown();
    state.bucket = 'poc-studio-ws-ab12cd';
    expect(hasPocResources(state)).toBe(true);
    expect(deriveStepStates(state).cleanup).toBe('notStarted');
  });

  it('resets cleanup after a failed import that left a dataset group behind', () => {
    const state = afterTeardown();
    state.bucket = 'poc-studio-ws-ab12cd';
    state.datasetGroupArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/poc-ws-ab12cd-dsg';
    state.steps.import = 'attention';
    const steps = deriveStepStates(state);
    expect(steps.cleanup).toBe('notStarted');
    expect(steps.import).toBe('attention');
  });

  it('is never done when cleanup did not run, even with nothing created', () => {
    expect(deriveStepStates(emptyPocState()).cleanup).toBe('notStarted');
  });

  it('keeps running and attention written by the jobs', () => {
    const state = afterTeardown();
    state.steps.cleanup = 'running';
    state.bucket = 'b';
    expect(deriveStepStates(state).cleanup).toBe('running');
    state.steps.cleanup = 'attention';
    expect(deriveStepStates(state).cleanup).toBe('attention');
  });

  it('derives import, solutions, campaign and explore from the recorded resources', () => {
    const state = emptyPocState();
    state.files = { interactions: '/i.csv', items: '/items.csv' };
    state.steps = { ...state.steps, import: 'done', solutions: 'done', campaign: 'done', explore: 'done' };
    state.importStatus = { interactions: 'ACTIVE' };
    state.solutions = [{ recipe: 'aws-user-personalization', solutionArn: 'arn:s', status: 'CREATE IN_PROGRESS' }];
    expect(deriveStepStates(state)).toMatchObject({ data: 'done', import: 'notStarted', solutions: 'notStarted', campaign: 'notStarted', explore: 'notStarted' });
    state.importStatus.items = 'ACTIVE';
    state.solutions = [{ recipe: 'aws-user-personalization', solutionArn: 'arn:s', status: 'ACTIVE' }];
    state.campaign = { campaignArn: 'arn:c', solutionVersionArn: 'arn:v', recipe: 'aws-user-personalization', status: 'ACTIVE', minProvisionedTPS: 1 };
    expect(deriveStepStates(state)).toMatchObject({ import: 'done', solutions: 'done', campaign: 'done', explore: 'done' });
  });

  it('marks import notStarted and later steps attention when other files are chosen after an import', () => {
    const state = emptyPocState();
    state.files = { interactions: '/new.csv', items: '/items.csv' };
    state.importedFiles = { interactions: '/old.csv', items: '/items.csv' };
    state.steps = { ...state.steps, import: 'done', solutions: 'done', campaign: 'done', explore: 'done' };
    state.solutions = [{ recipe: 'aws-user-personalization', solutionArn: 'arn:s', status: 'ACTIVE' }];
    state.campaign = { campaignArn: 'arn:c', solutionVersionArn: 'arn:v', recipe: 'aws-user-personalization', status: 'ACTIVE', minProvisionedTPS: 1 };
    expect(filesChangedSinceImport(state)).toBe(true);
    expect(deriveStepStates(state)).toMatchObject({ data: 'done', import: 'notStarted', solutions: 'attention', campaign: 'attention', explore: 'attention' });
    state.importedFiles = { interactions: '/new.csv', items: '/items.csv' };
    state.importStatus = { interactions: 'ACTIVE', items: 'ACTIVE' };
    expect(deriveStepStates(state)).toMatchObject({ import: 'done', solutions: 'done', campaign: 'done', explore: 'done' });
  });

  it('treats a workspace saved before importedFiles existed as unchanged', () => {
    const state = emptyPocState();
    state.files = { interactions: '/i.csv' };
    expect(filesChangedSinceImport(state)).toBe(false);
  });
});

describe('PocSession step states', () => {
  it('derives the steps on every update: a bucket created after a teardown resets cleanup', async () => {
    const clients = createAwsClients({ kind: 'sandbox', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', accountId: '123456789012' });
    const session = new PocSession({
      workspaceId: 'ws',
      clients,
      poller: new Poller(SANDBOX_POLLER_OPTIONS),
      workDir: '/tmp/unused',
      initialState: { ...afterTeardown(), bucket: 'left-over' },
    });
    expect(session.getState().steps.cleanup).toBe('notStarted');
    await session.updateState((state) => {
      state.bucket = undefined;
      state.steps.cleanup = 'done';
    });
    expect(session.getState().steps.cleanup).toBe('done');
    const next = await session.updateState((state) => {
      state.bucket = 'poc-studio-ws-ab12cd';
    });
    expect(next.steps.cleanup).toBe('notStarted');
    clients.destroy();
  });
});
