// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/jobs.js';
import { JobsPanel, progressText } from '../../app/JobsPanel.js';
import { JobTimeline } from './JobTimeline.js';

afterEach(cleanup);

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);

const training: Job = {
  id: 'train',
  kind: 'solutions.train',
  workspaceId: 'w1',
  params: {},
  state: 'running',
  step: 'Training aws-user-personalization',
  progress: { done: 1, total: 3, unit: 'phase', phase: 'Training' },
  attempt: 2,
  nextPollAtMs: T0 + 70_000,
  createdAtMs: T0,
  updatedAtMs: T0 + 60_000,
  elapsedMs: 45_000,
  activeSinceMs: T0 + 60_000,
  resources: [
    {
      arn: 'arn:aws:personalize:us-east-1:1:solution/poc-upers/aaa',
      kind: 'solutionVersion',
      name: 'poc-upers/aaa',
      transitions: [
        { status: 'CREATE PENDING', atMs: T0 },
        { status: 'CREATE IN_PROGRESS', atMs: T0 + 5_000 },
      ],
      nextPollAtMs: T0 + 70_000,
      lastSeenAtMs: T0 + 60_000,
    },
    {
      arn: 'arn:aws:personalize:us-east-1:1:solution/poc-pop/bbb',
      kind: 'solutionVersion',
      name: 'poc-pop/bbb',
      transitions: [
        { status: 'CREATE PENDING', atMs: T0 },
        { status: 'CREATE FAILED', atMs: T0 + 20_000 },
      ],
      failureReason: 'Dataset has fewer than 1000 interactions.',
      lastSeenAtMs: T0 + 20_000,
    },
  ],
  events: [
    { atMs: T0, kind: 'state', text: 'Started' },
    { atMs: T0 + 50_000, kind: 'resumed', text: 'Resumed after the app was down for 3 min' },
  ],
};

describe('JobTimeline', () => {
  it('labels the last status of a resource of a cancelled job as history, with when it was seen', () => {
    const [first] = training.resources ?? [];
    if (first === undefined) throw new Error('the job has a resource');
    render(
      <JobTimeline
        job={{ ...training, state: 'cancelled', resources: [first] }}
        nowMs={T0 + 3_600_000}
      />,
    );
    const status = screen.getByTestId(`job-resource-status-${first.name}`);
    expect(status.dataset.live).toBe('false');
    expect(status.textContent).toBe(
      `CREATE IN_PROGRESS — last seen ${new Date(first.lastSeenAtMs).toLocaleTimeString('en-GB', { hour12: false })}, when the job was cancelled`,
    );
  });

  it("shows each resource's transitions, elapsed, failure reason and next poll, and the job's events", () => {
    render(<JobTimeline job={training} nowMs={T0 + 62_000} />);
    expect(screen.getByTestId('job-elapsed').textContent).toBe('47 s');
    const upers = screen.getByTestId('timeline-poc-upers/aaa').textContent ?? '';
    expect(upers).toMatch(
      /^CREATE PENDING \d\d:\d\d:\d\d → CREATE IN_PROGRESS \d\d:\d\d:\d\d \(\+5 s\)$/u,
    );
    const table = screen.getByTestId('job-resources');
    expect(within(table).getByText('Dataset has fewer than 1000 interactions.')).toBeTruthy();
    // Still in progress: 62 s so far, next poll in 8 s; the failed one stopped at 20 s.
    expect(within(table).getAllByText('1 min 02 s')).toHaveLength(1);
    expect(within(table).getAllByText('20 s')).toHaveLength(1);
    expect(within(table).getAllByText('in 8 s').length).toBeGreaterThanOrEqual(1);
    const events = screen.getByRole('list', { name: 'Events of the job' });
    expect(events.textContent).toContain('Resumed after the app was down for 3 min');
  });

  it("leaves the time the app was down out of each resource's elapsed and transitions", () => {
    // Ran 0–30 s, down for an hour, running again since 1 h 00 min 30 s.
    const DOWN_MS = 3_600_000;
    const version = {
      arn: 'arn:aws:personalize:us-east-1:1:solution/poc-upers/ccc',
      kind: 'solutionVersion',
      name: 'poc-upers/ccc',
      transitions: [
        { status: 'CREATE PENDING', atMs: T0 + 10_000 },
        { status: 'CREATE IN_PROGRESS', atMs: T0 + 20_000 },
        { status: 'ACTIVE', atMs: T0 + 30_000 + DOWN_MS + 15_000 },
      ],
      lastSeenAtMs: T0 + 30_000 + DOWN_MS + 15_000,
    };
    const resumed: Job = {
      ...training,
      createdAtMs: T0,
      elapsedMs: 30_000,
      runs: [{ startedAtMs: T0, endedAtMs: T0 + 30_000 }],
      activeSinceMs: T0 + 30_000 + DOWN_MS,
      updatedAtMs: T0 + 30_000 + DOWN_MS + 15_000,
      resources: [version],
    };
    render(<JobTimeline job={resumed} nowMs={T0 + 30_000 + DOWN_MS + 20_000} />);
    expect(screen.getByTestId('job-elapsed').textContent).toBe('50 s');
    // CREATE PENDING at 10 s → ACTIVE 15 s after the restart: 20 s + 15 s with the app up.
    expect(screen.getByTestId('job-resource-elapsed-poc-upers/ccc').textContent).toBe('35 s');
    expect(screen.getByTestId('timeline-poc-upers/ccc').textContent).toMatch(
      /^CREATE PENDING \S+ → CREATE IN_PROGRESS \S+ \(\+10 s\) → ACTIVE \S+ \(\+25 s\)$/u,
    );
  });

  it('progress reads in the job unit: phases, rows with more measures, resources', () => {
    expect(progressText(training)).toBe('phase 1 of 3: Training');
    expect(
      progressText({
        ...training,
        progress: {
          done: 1_200,
          total: 5_000,
          unit: 'rows',
          measures: [{ label: 'Rows imported', unit: 'rows', done: 0 }],
        },
      }),
    ).toBe('Rows imported: 0');
    // An import: bytes uploaded, then rows imported, both shown.
    expect(
      progressText({
        ...training,
        kind: 'datasets.import',
        progress: {
          done: 1_258_291,
          total: 4_718_592,
          unit: 'bytes',
          measures: [
            { label: 'Uploaded', unit: 'bytes', done: 1_258_291, total: 4_718_592 },
            { label: 'Rows imported', unit: 'rows', done: 0, total: 400_390 },
          ],
        },
      }),
    ).toBe('Uploaded: 1.2 MB of 4.5 MB · Rows imported: 0 of 400,390');
    // Training two versions: each one's phase.
    expect(
      progressText({
        ...training,
        progress: {
          done: 4,
          total: 6,
          unit: 'phase',
          measures: [
            {
              label: 'aws-user-personalization',
              unit: 'phase',
              done: 1,
              total: 3,
              phase: 'Training',
            },
            { label: 'aws-popularity-count', unit: 'phase', done: 3, total: 3 },
          ],
        },
      }),
    ).toBe('aws-user-personalization: Training (phase 2 of 3) · aws-popularity-count: done');
    expect(progressText({ ...training, progress: { done: 3, total: 0, unit: 'resources' } })).toBe(
      '3 resources',
    );
  });

  it("a failed attempt's error leaves the Jobs view once a newer attempt runs", () => {
    const failed: Job = {
      ...training,
      state: 'failed',
      error: { code: 'aws.throttled', message: 'Rate exceeded', attempt: 2 },
    };
    const { rerender } = render(<JobsPanel jobs={[failed]} isLoading={false} />);
    expect(screen.getAllByText('Rate exceeded').length).toBeGreaterThan(0);
    rerender(
      <JobsPanel
        jobs={[{ ...failed, state: 'running', attempt: 3, error: undefined }]}
        isLoading={false}
      />,
    );
    expect(screen.queryAllByText('Rate exceeded')).toHaveLength(0);
    expect(screen.getByTestId('job-timeline').textContent).toContain('Training: timeline');
  });
});
