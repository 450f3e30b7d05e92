// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { queryKeys } from '../../api/query-keys.js';
import { SetupPanel } from './SetupPanel.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const PLAN = {
  items: [
    { kind: 'bucket', name: 'poc-studio-a-1', state: 'present', detail: 'in us-east-1' },
    {
      kind: 'role',
      name: 'PersonalizePocStudio-a',
      state: 'missing',
      detail: 'to create for Personalize',
    },
    {
      kind: 'bucketPolicy',
      name: 'poc-studio-a-1',
      state: 'different',
      detail: 'lacks the Personalize grant',
    },
  ],
  isComplete: false,
  roleArn: 'arn:aws:iam::123456789012:role/PersonalizePocStudio-a',
  bucketArn: 'arn:aws:s3:::poc-studio-a-1',
};

describe('SetupPanel', () => {
  it('shows each item with its state, and Apply setup starts the job', async () => {
    const apply = vi.fn(() => ({ jobId: 'j1' }));
    renderWithStudio(<SetupPanel workspaceId="w1" targetKind="sandbox" />, {
      'setup.check': () => PLAN,
      'setup.apply': apply,
      'jobs.list': () => [],
    });
    await waitFor(() => expect(screen.getByTestId('setup-summary').dataset.complete).toBe('false'));
    expect(screen.getByTestId('setup-summary').textContent).toBe(
      '2 of 3 items missing or different.',
    );
    expect(screen.getByTestId('setup-state-bucket').textContent).toBe('Present');
    expect(screen.getByTestId('setup-state-role').textContent).toBe('Missing');
    expect(screen.getByTestId('setup-state-bucketPolicy').textContent).toBe('Different');
    expect(screen.getByText('IAM role')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Apply setup' }));
    await waitFor(() => expect(apply).toHaveBeenCalledWith({ workspaceId: 'w1' }));
  });

  it('checks again when a running job reports a new resource status', async () => {
    const check = vi.fn(() => PLAN);
    const importJob = {
      id: 'j9',
      kind: 'datasets.import',
      workspaceId: 'w1',
      params: {},
      state: 'running',
      step: 'Creating the bucket',
      progress: { done: 0, total: 9, unit: 'resources' },
      attempt: 1,
      createdAtMs: 1,
      updatedAtMs: 1,
      resources: [
        {
          arn: 'arn:aws:s3:::poc-studio-a-1',
          kind: 'bucket',
          name: 'poc-studio-a-1',
          transitions: [{ status: 'CREATE PENDING', atMs: 1 }],
          lastSeenAtMs: 1,
        },
      ],
    };
    const { queryClient } = renderWithStudio(<SetupPanel workspaceId="w1" targetKind="sandbox" />, {
      'setup.check': check,
      'jobs.list': () => [importJob],
    });
    await waitFor(() => expect(screen.getByTestId('setup-summary').dataset.complete).toBe('false'));
    const before = check.mock.calls.length;
    const [resource] = importJob.resources;
    if (resource === undefined) throw new Error('the job has a resource');
    queryClient.setQueryData(queryKeys.jobs('w1'), [
      {
        ...importJob,
        resources: [
          { ...resource, transitions: [...resource.transitions, { status: 'ACTIVE', atMs: 2 }] },
        ],
      },
    ]);
    await waitFor(() => expect(check.mock.calls.length).toBe(before + 1));
  });

  it('shows why the check failed', async () => {
    renderWithStudio(<SetupPanel workspaceId="w1" targetKind="aws" />, { 'jobs.list': () => [] });
    expect((await screen.findByTestId('setup-check-error')).textContent).toContain(
      'setup.check is not faked',
    );
  });
});
