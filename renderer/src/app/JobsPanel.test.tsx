// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../api/client.js';
import { renderWithStudio } from '../test-support/fake-studio.js';
import type { Job } from '../../../shared/jobs.js';
import { JobsPanel } from './JobsPanel.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const job = (id: string, state: Job['state']): Job => ({
  id,
  kind: 'datasets.import',
  workspaceId: 'w1',
  params: {},
  state,
  step: 'Importing interactions',
  progress: { done: 1, total: 4, unit: 'steps' },
  attempt: 0,
  createdAtMs: 1,
  updatedAtMs: 2,
});

describe('JobsPanel', () => {
  it('shows a running job as running with a Cancel button while connected', () => {
    render(<JobsPanel jobs={[job('j1', 'running')]} isLoading={false} />);
    expect(screen.getByTestId('job-state-j1').dataset.state).toBe('running');
    expect(screen.getByRole('button', { name: 'Cancel Import job' })).toBeTruthy();
  });

  it('asks before cancelling, says what stays in the account, and cancels only once confirmed', async () => {
    const cancel = vi.fn(() => undefined);
    const running: Job = {
      ...job('j1', 'running'),
      resources: [
        {
          arn: 'arn:aws:s3:::poc-studio-a-1',
          kind: 'bucket',
          name: 'poc-studio-a-1',
          transitions: [{ status: 'ACTIVE', atMs: 1 }],
          lastSeenAtMs: 1,
        },
        {
          arn: 'arn:aws:iam::123456789012:role/PersonalizePocStudio-a',
          kind: 'role',
          name: 'PersonalizePocStudio-a',
          transitions: [{ status: 'CREATE IN_PROGRESS', atMs: 1 }],
          lastSeenAtMs: 1,
        },
      ],
    };
    renderWithStudio(<JobsPanel jobs={[running]} isLoading={false} />, { 'jobs.cancel': cancel });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel Import job' }));
    const dialog = await screen.findByRole('dialog');
    expect(screen.getByTestId('cancel-job-text').textContent).toContain(
      'The 2 resources it already created or started stay in the account',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep running' }));
    expect(cancel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel Import job' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel job' }),
    );
    await waitFor(() => expect(cancel).toHaveBeenCalledWith({ jobId: 'j1' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('greys unfinished jobs as Unknown once the connection is lost, finished ones keep their state', () => {
    render(
      <JobsPanel jobs={[job('j1', 'running'), job('j2', 'succeeded')]} isLoading={false} isStale />,
    );
    expect(screen.getByTestId('job-state-j1').dataset.state).toBe('unknown');
    expect(screen.getByTestId('job-state-j1').textContent).toContain('Unknown');
    expect(screen.getByTestId('job-state-j2').dataset.state).toBe('succeeded');
    expect(screen.queryByRole('button', { name: 'Cancel Import job' })).toBeNull();
  });
});
