// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../../shared/jobs.js';
import { ExportJobProgress } from './ExportJobProgress.js';

afterEach(cleanup);

function exportJob(state: Job['state'], progress: Job['progress'], step: string): Job {
  return {
    id: 'export-1',
    kind: 'data.export',
    workspaceId: 'ws',
    params: {},
    state,
    step,
    progress,
    attempt: 1,
    createdAtMs: 0,
    updatedAtMs: 0,
  };
}

describe('progress of "Export importable files"', () => {
  it('shows the step, the files written and the rows of each written file while the job runs', () => {
    render(
      <ExportJobProgress
        job={exportJob(
          'running',
          {
            done: 1,
            total: 2,
            unit: 'files',
            measures: [
              {
                label: 'Rows written to interactions.csv',
                unit: 'rows',
                done: 397924,
                total: 397924,
              },
              { label: 'Rows written to items.csv', unit: 'rows', done: 0 },
            ],
          },
          'Writing items.csv',
        )}
      />,
    );
    expect(screen.getByText('Writing items.csv')).toBeTruthy();
    expect(screen.getByText('1 of 2 files written')).toBeTruthy();
    expect(screen.getAllByTestId('prepare-export-rows').map((node) => node.textContent)).toEqual([
      'Rows written to interactions.csv: 397,924 rows',
      'Rows written to items.csv: waiting',
    ]);
    expect(screen.getByRole('button', { name: 'Cancel export' })).toBeTruthy();
  });

  it('shows nothing once the export job has ended', () => {
    render(
      <ExportJobProgress
        job={exportJob('cancelled', { done: 0, total: 1, unit: 'files' }, 'Cancelled')}
      />,
    );
    expect(screen.queryByTestId('prepare-export-progress')).toBeNull();
  });
});
