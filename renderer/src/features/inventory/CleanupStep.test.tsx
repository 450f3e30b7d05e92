// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { TeardownPlan, TeardownStep } from '../../../../shared/ipc/inventory.js';
import type { Job } from '../../../../shared/jobs.js';
import { setBridge } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { CleanupStep, PlanTable, runningPlan } from './CleanupStep.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const ARN = 'arn:aws:personalize:us-east-1:111122223333';

function step(kind: TeardownStep['kind'], name: string, wave: number): TeardownStep {
  return {
    kind,
    arn: `${ARN}:${kind}/${name}`,
    name,
    action: 'delete',
    dependsOn: [],
    wave,
    waitsForCreate: false,
    ...(kind === 'campaign' ? { costPerHourUsd: 0.0556, status: 'ACTIVE' } : {}),
  };
}

function plan(steps: TeardownStep[]): TeardownPlan {
  return {
    workspaceId: 'w1',
    scope: { kind: 'workspace' },
    includeEnvironment: false,
    createdAtMs: 1,
    steps,
    criticalPath: Math.max(0, ...steps.map((entry) => entry.wave + 1)),
    actionable: steps.length,
  };
}

const full = plan([
  step('campaign', 'acme-c', 0),
  step('filter', 'acme-f', 0),
  step('solution', 'acme-s', 1),
  step('dataset', 'acme-d', 2),
  step('datasetGroup', 'acme-g', 3),
  step('schema', 'acme-schema', 4),
]);
/** What the service still lists mid-run: the campaign, filter and solution are gone. */
const midRun = plan(full.steps.slice(3).map((entry) => ({ ...entry, wave: entry.wave - 2 })));

function teardownJob(state: Job['state'], done: number): Job {
  return {
    id: 'j1',
    kind: 'inventory.teardown',
    workspaceId: 'w1',
    params: { scope: full.scope, includeEnvironment: false, plan: full },
    state,
    step: 'Deleted solution acme-s',
    progress: { done, total: full.actionable, unit: 'resources' },
    attempt: 0,
    createdAtMs: 1,
    updatedAtMs: 2,
  };
}

describe('the teardown plan header', () => {
  it("keeps the running teardown's plan totals while its progress counts separately", () => {
    const job = teardownJob('running', 3);
    expect(runningPlan(job)?.actionable).toBe(6);
    render(
      <PlanTable
        plan={midRun}
        isLoading={false}
        totals={runningPlan(job) ?? midRun}
        progress={{ done: job.progress.done, total: job.progress.total }}
      />,
    );
    const summary = screen.getByTestId('plan-summary');
    expect(summary.dataset.actionable).toBe('6');
    expect(summary.textContent).toBe(
      '6 resources created by this workspace (its bucket and role left out), 6 to delete; running cost: 1 campaign, 0 recommenders. The teardown runs in 5 waves: each wave starts as soon as what it waits for is gone. What runs now costs ≈$0.0556/h.',
    );
    const progress = screen.getByTestId('plan-progress');
    expect([progress.dataset.done, progress.dataset.total]).toEqual(['3', '6']);
    expect(progress.textContent).toBe(' Teardown running: 3 of 6 stopped or deleted.');
    // The rows are what the service lists now.
    expect(screen.queryByText('acme-c')).toBeNull();
    expect(screen.getByText('acme-d')).toBeTruthy();
  });

  it('shows the plan asked of the service once no teardown runs', () => {
    expect(runningPlan(teardownJob('succeeded', 6))).toBeUndefined();
    expect(runningPlan(undefined)).toBeUndefined();
    render(<PlanTable plan={midRun} isLoading={false} />);
    expect(screen.getByTestId('plan-summary').dataset.actionable).toBe('3');
    expect(screen.queryByTestId('plan-progress')).toBeNull();
  });
});

describe('the Clean up step', () => {
  /** A bridge whose `inventory.plan` answers `full` at once, then waits for `release()`. */
  function renderWithSlowReplan() {
    let planCalls = 0;
    const teardownCalls: unknown[] = [];
    let release: () => void = () => undefined;
    setBridge(
      buildBridge(
        (channel: Channel, input: unknown) => {
          if (channel === 'inventory.plan') {
            planCalls += 1;
            if (planCalls === 1) return Promise.resolve({ ok: true as const, value: full });
            return new Promise((resolve) => {
              release = () => resolve({ ok: true as const, value: full });
            });
          }
          if (channel === 'jobs.list') return Promise.resolve({ ok: true as const, value: [] });
          if (channel === 'inventory.teardown') {
            teardownCalls.push(input);
            return Promise.resolve({ ok: true as const, value: { jobId: 'j9' } });
          }
          return Promise.resolve({
            ok: false as const,
            error: { code: 'internal' as const, message: 'not faked' },
          });
        },
        () => () => undefined,
      ),
    );
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    });
    render(
      <QueryClientProvider client={queryClient}>
        <CleanupStep workspaceId="w1" poc={emptyGuideView()} />
      </QueryClientProvider>,
    );
    return {
      queryClient,
      release: () => release(),
      planCalls: () => planCalls,
      teardownCalls: () => teardownCalls,
    };
  }

  it('keeps "Delete all resources" and its confirmation usable while a finished job replans', async () => {
    const { queryClient, planCalls, teardownCalls } = renderWithSlowReplan();
    const deleteAll = await screen.findByRole('button', { name: 'Delete all resources' });
    await waitFor(() => expect(deleteAll).toHaveProperty('disabled', false));
    // A job ends elsewhere (e.g. the evaluation a training job starts): every query of the
    // workspace refetches, the plan among them, and this replan does not answer.
    void queryClient.invalidateQueries({ queryKey: queryKeys.inventory('w1') });
    await waitFor(() => expect(planCalls()).toBe(2));
    expect(deleteAll).toHaveProperty('disabled', false);
    fireEvent.click(deleteAll);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Delete 6 resources?')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    // A loading confirmation would swallow this click (the end-to-end run waited for ever).
    expect(confirm.getAttribute('aria-disabled')).not.toBe('true');
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(teardownCalls()).toEqual([
        { workspaceId: 'w1', scope: { kind: 'workspace' }, includeEnvironment: true },
      ]),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
