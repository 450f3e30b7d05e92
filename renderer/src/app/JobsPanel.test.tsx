// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { JobsPanel } from './JobsPanel.js';

afterEach(cleanup);

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
