// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchJobSummary } from '../../../../shared/ipc/batch.js';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { Job } from '../../../../shared/jobs.js';
import { setBridge } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import '../../components/ag-grid-setup.js';
import { CELL_CLAMP_LENGTH } from '../../components/ClampedCell.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { BatchPanel, OutputGrid } from './BatchPanel.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

describe('OutputGrid (batch results)', () => {
  it('clamps a 100,000-character value with Show all, as the data grid does', async () => {
    const error = `ERROR ${'xy'.repeat(50_000 - 3)}`;
    expect(error).toHaveLength(100_000);
    const { container } = render(
      <OutputGrid
        fileName="out.csv"
        rows={[{ line: 1, key: 'user-1', input: '{"userId":"user-1"}', itemIds: [], error }]}
      />,
    );
    await waitFor(() => expect(container.querySelector('[data-clamped="true"]')).not.toBeNull());
    expect(container.textContent).not.toContain(error);
    expect(container.textContent).toContain(`${error.slice(0, CELL_CLAMP_LENGTH)}…Show all`);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 100,000 characters' }));
    expect(screen.getByTestId('clamped-full-value').textContent).toBe(error);
    expect(screen.getByText('Full value of Error')).toBeTruthy();
  });
});

describe('BatchPanel (jobs table while a batch job starts)', () => {
  const campaign: CampaignSummary = {
    campaignArn: 'arn:aws:personalize:us-east-1:000000000000:campaign/poc-up',
    name: 'poc-up',
    recipe: 'aws-user-personalization-v2',
    recipeType: 'USER_PERSONALIZATION',
    solutionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up',
    solutionVersionArn: 'arn:aws:personalize:us-east-1:000000000000:solution/poc-up/1a2b',
    status: 'ACTIVE',
    minProvisionedTPS: 1,
    campaignConfig: {},
  };
  const runJob = (step: string): Job => ({
    id: 'j1',
    kind: 'batch.run',
    workspaceId: 'w1',
    params: { jobName: 'first-poc-1a2b-batch-m1' },
    state: 'running',
    step,
    progress: { done: 1, total: 4, unit: 'steps' },
    attempt: 0,
    createdAtMs: 1,
    updatedAtMs: 2,
  });

  it('shows the job row at once, then its service status as soon as the job is created', async () => {
    let listed: BatchJobSummary[] = [];
    const { queryClient } = renderWithStudio(
      <BatchPanel workspaceId="w1" poc={emptyGuideView()} campaigns={[campaign]} />,
      {
        'jobs.list': () => [],
        'batch.list': () => ({ jobs: listed }),
      },
    );
    await waitFor(() => expect(screen.getByText('No batch job yet.')).toBeTruthy());
    await waitFor(() => expect(queryClient.getQueryData(queryKeys.jobs('w1'))).toEqual([]));
    await act(async () => {
      queryClient.setQueryData(queryKeys.jobs('w1'), [runJob('Writing 7 input lines')]);
      await Promise.resolve();
    });
    expect(await screen.findByText('Starting: Writing 7 input lines')).toBeTruthy();
    expect(screen.getByText('first-poc-1a2b-batch-m1')).toBeTruthy();
    listed = [
      {
        batchInferenceJobArn:
          'arn:aws:personalize:us-east-1:000000000000:batch-inference-job/first-poc-1a2b-batch-m1',
        jobName: 'first-poc-1a2b-batch-m1',
        status: 'CREATE PENDING',
        numResults: 25,
      },
    ];
    await act(async () => {
      queryClient.setQueryData(queryKeys.jobs('w1'), [runJob('Running the batch inference job')]);
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(screen.getByTestId('batch-status-first-poc-1a2b-batch-m1').dataset.status).toBe(
        'CREATE PENDING',
      ),
    );
    expect(screen.queryByText(/^Starting/u)).toBeNull();
    expect(screen.getByTestId('batch-jobs').dataset.count).toBe('1');
  });
});
