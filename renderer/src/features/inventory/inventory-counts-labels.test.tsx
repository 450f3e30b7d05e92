// @vitest-environment jsdom
import TopNavigation from '@cloudscape-design/components/top-navigation';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type {
  InventoryItem,
  InventorySnapshot,
  InventoryView,
  RunningCost,
  TeardownPlan,
  TeardownStep,
} from '../../../../shared/ipc/inventory.js';
import { teardownActionOf } from '../../../../shared/inventory/teardown-rules.js';
import { PRICE_TABLE, quitReminderText } from '../../../../shared/rules/prices.js';
import { setBridge } from '../../api/client.js';
import { PlanTable } from './CleanupStep.js';
import { InventoryPage } from './InventoryPage.js';
import { runningCostBadge, runningCostUtility } from './running-cost-utility.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const ARN = 'arn:aws:personalize:us-east-1:111122223333';
const GROUP = `${ARN}:dataset-group/acme-retail`;
const DATASET = `${ARN}:dataset/acme-retail/INTERACTIONS`;
const OTHER_DATASET = `${ARN}:dataset/other/INTERACTIONS`;

const own = (kind: InventoryItem['kind'], name: string, extra: Partial<InventoryItem> = {}) =>
  ({
    kind,
    arn: `${ARN}:${kind}/${name}`,
    name,
    status: 'ACTIVE',
    workspaceId: 'w1',
    ...extra,
  }) satisfies InventoryItem;

/**
 * Acme's POC as the core lists it mid-way: a group with a dataset and its import job, a solution
 * with a trained and a training version, an active campaign and a started recommender, a batch
 * inference job, a filter being deleted, an event tracker; its schema and one another POC's
 * dataset uses; its bucket (6 objects) and role. Another POC's group is listed beside it.
 */
const items = {
  group: own('datasetGroup', 'acme-retail', { arn: GROUP }),
  resources: [
    own('solutionVersion', '0123abcd'),
    own('solutionVersion', '4567cdef', { status: 'CREATE IN_PROGRESS' }),
    own('campaign', 'acme-up', { isBilling: true, costPerHourUsd: 0.0556, minProvisionedTPS: 1 }),
    own('recommender', 'acme-picks', { isBilling: true }),
    own('filter', 'acme-not-bought', { status: 'DELETE PENDING' }),
    own('eventTracker', 'acme-tracker'),
    own('solution', 'acme-up'),
    own('dataset', 'acme-retail-interactions', { arn: DATASET }),
    own('datasetImportJob', 'acme-import'),
    own('batchInferenceJob', 'acme-batch'),
  ],
  schemas: [
    own('schema', 'acme-interactions', { status: undefined, usedByDatasetArns: [DATASET] }),
    own('schema', 'acme-shared', { status: undefined, usedByDatasetArns: [OTHER_DATASET] }),
  ],
  environment: [
    own('object', '6 objects', { status: undefined, count: 6 }),
    own('bucket', 'acme-bucket', { status: undefined }),
    own('role', 'acme-role', { status: undefined }),
  ],
};
const cost: InventoryView['cost'] = {
  isBilled: true,
  activeCampaigns: 1,
  provisionedTps: 1,
  activeRecommenders: 1,
  trainingHours: 0,
  currency: 'USD',
  priceSource: PRICE_TABLE.source,
  pricesRecordedOn: PRICE_TABLE.recordedOn,
  priceNote: PRICE_TABLE.note,
  isVerified: false,
};
const ownView: InventoryView = {
  workspaceId: 'w1',
  region: 'us-east-1',
  scannedAtMs: 1_000,
  groups: [{ datasetGroup: items.group, resources: items.resources }],
  schemas: items.schemas,
  environment: items.environment,
  cost,
};
const view: InventoryView = {
  ...ownView,
  groups: [
    ...ownView.groups,
    {
      datasetGroup: { kind: 'datasetGroup', arn: `${ARN}:dataset-group/other`, name: 'other' },
      resources: [{ kind: 'dataset', arn: OTHER_DATASET, name: 'other-interactions' }],
    },
  ],
};
const snapshot: InventorySnapshot = {
  view,
  alive: [{ workspaceId: 'w1', workspaceName: 'Acme', view: ownView, alive: 14, billable: 2 }],
  refreshedAtMs: 1_000,
  isStale: false,
};

/** The plan of the same scope, as the core plans it: one step per item, by the teardown's rule. */
const plan: TeardownPlan = {
  workspaceId: 'w1',
  scope: { kind: 'workspace' },
  includeEnvironment: true,
  createdAtMs: 1_000,
  steps: [items.group, ...items.resources, ...items.schemas, ...items.environment].map(
    (entry): TeardownStep => ({
      kind: entry.kind,
      arn: entry.arn,
      name: entry.name,
      ...(entry.status === undefined ? {} : { status: entry.status }),
      action: teardownActionOf(entry, entry.name === 'acme-shared'),
      dependsOn: [],
      wave: 0,
      waitsForCreate: false,
      ...(entry.kind === 'campaign' ? { costPerHourUsd: 0.0556 } : {}),
    }),
  ),
  criticalPath: 4,
  actionable: 12,
};
const running: RunningCost = {
  resources: items.resources
    .filter((entry) => entry.isBilling === true)
    .map((entry) => ({
      workspaceId: 'w1',
      workspaceName: 'Acme',
      kind: entry.kind === 'campaign' ? 'campaign' : 'recommender',
      arn: entry.arn,
      name: entry.name,
      isBilled: false,
      ...(entry.costPerHourUsd === undefined ? {} : { costPerHourUsd: entry.costPerHourUsd }),
    })),
  running: { campaigns: 1, recommenders: 1 },
  billedCount: 0,
  billedPerHourUsd: 0,
  unpriced: 0,
  currency: 'USD',
  priceSource: PRICE_TABLE.source,
  pricesRecordedOn: PRICE_TABLE.recordedOn,
  priceNote: PRICE_TABLE.note,
  isVerified: false,
};
/** The same resources in an AWS workspace: billed. */
const billed: RunningCost = {
  ...running,
  resources: running.resources.map((resource) => ({ ...resource, isBilled: true })),
  billedCount: 2,
  billedPerHourUsd: 0.0556,
  unpriced: 1,
};

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function renderInventoryPage() {
  setBridge(
    buildBridge(
      (channel: Channel) => {
        const answers: Partial<Record<Channel, unknown>> = {
          'inventory.snapshot': snapshot,
          'jobs.list': [],
          'workspaces.list': { workspaces: [], currentId: 'w1' },
        };
        return Promise.resolve(
          channel in answers
            ? { ok: true as const, value: answers[channel] as never }
            : {
                ok: false as const,
                error: { code: 'internal' as const, message: `${channel} not faked` },
              },
        );
      },
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <InventoryPage workspaceId="w1" />
    </QueryClientProvider>,
  );
}

describe('the labels of the inventory, the alive table, the Clean up plan and the running-cost badge', () => {
  it('say the same numbers in the same words for one listing, each with its scope', async () => {
    renderInventoryPage();
    // Job records are history (not counted), the filter is being deleted, the trained version
    // goes with its solution, the schema another POC uses is kept, the 6 objects are one.
    const counts =
      '14 resources, 11 to delete, 1 being deleted, 1 removed with their parent, 1 kept, plus 2 job records (history, not counted)';
    const ownCounts = counts.replace('14 resources', '14 resources created by this workspace');
    const runningWords = '1 campaign, 1 recommender';
    const alive = await screen.findByTestId('alive-w1');
    expect(alive.textContent).toBe(counts);
    expect(alive.dataset.count).toBe('14');
    expect(screen.getByTestId('billable-w1').textContent).toBe(runningWords);
    await waitFor(() =>
      expect(screen.getByTestId('inventory-refreshed').textContent).toMatch(
        new RegExp(
          `${literal(` · 16 resources in this account; ${ownCounts}; running cost: ${runningWords}`)}$`,
          'u',
        ),
      ),
    );
    cleanup();

    render(<PlanTable plan={plan} isLoading={false} />);
    const summary = screen.getByTestId('plan-summary');
    expect(summary.textContent).toMatch(
      new RegExp(
        `^${literal(`${ownCounts}; running cost: ${runningWords}. The teardown runs in 4 waves`)}`,
        'u',
      ),
    );
    expect([summary.dataset.total, summary.dataset.deletable, summary.dataset.actionable]).toEqual([
      '14',
      '11',
      '12',
    ]);

    // The badge and the quit reminder count every workspace, and say so.
    expect(runningCostBadge(running)?.text).toMatch(
      new RegExp(`^Sandbox: ${runningWords} in every workspace · `, 'u'),
    );
    expect(runningCostBadge(billed)?.text).toMatch(
      new RegExp(`^${runningWords} in every workspace · `, 'u'),
    );
    expect(runningCostBadge(billed)?.label).toMatch(
      new RegExp(`^Running cost: ${runningWords} in every workspace, billed on AWS`, 'u'),
    );
    expect(quitReminderText(billed)).toBe(
      `Still billed by the hour on AWS in every workspace: ${runningWords} (Acme: acme-up, Acme: acme-picks). Closing the studio does not stop them: delete them in Clean up.`,
    );
  });

  it('the running-cost badge shows its counts in the top bar, not only in its accessible name', () => {
    const utility = runningCostUtility(running);
    if (utility === undefined) throw new Error('expected a running-cost badge');
    const { container } = render(
      <TopNavigation identity={{ title: 'Studio', href: '#/data' }} utilities={[utility]} />,
    );
    // jsdom has no width: the top bar lays out as on its narrowest window. Its hidden copies
    // (data-utility-hide="true") only measure the layout.
    const badges = container.querySelectorAll(
      '[data-utility-hide="false"] [aria-label^="Running cost: "]',
    );
    expect(badges).toHaveLength(1);
    const badge = badges[0];
    if (badge === undefined) throw new Error('no badge');
    expect(badge.textContent).toMatch(
      /^Sandbox: 1 campaign, 1 recommender in every workspace · ≈?\$[\d.]+\/h on AWS$/u,
    );
    // The same words as the accessible name.
    expect(badge.getAttribute('aria-label')).toContain('1 campaign, 1 recommender');
  });
});
