import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { jobStates, shouldOpenJobsPanel } from './jobs-panel-open.js';

const job = (id: string, state: Job['state']): Job => ({
  id,
  kind: 'datasets.import',
  workspaceId: 'w1',
  params: {},
  state,
  step: 'Importing',
  progress: { done: 0, total: 0, unit: 'steps' },
  attempt: 1,
  createdAtMs: 1,
  updatedAtMs: 1,
});

describe('shouldOpenJobsPanel', () => {
  it('stays closed while jobs start, run and succeed, so the panel never covers the step', () => {
    expect(shouldOpenJobsPanel(new Map(), [job('a', 'queued')])).toBe(false);
    expect(shouldOpenJobsPanel(jobStates([job('a', 'queued')]), [job('a', 'running')])).toBe(false);
    expect(shouldOpenJobsPanel(jobStates([job('a', 'running')]), [job('a', 'succeeded')])).toBe(
      false,
    );
  });

  it('opens when a job the window saw unfinished fails, not for failures already there', () => {
    expect(shouldOpenJobsPanel(jobStates([job('a', 'running')]), [job('a', 'failed')])).toBe(true);
    expect(shouldOpenJobsPanel(new Map(), [job('old', 'failed')])).toBe(false);
    expect(shouldOpenJobsPanel(jobStates([job('old', 'failed')]), [job('old', 'failed')])).toBe(
      false,
    );
  });
});
