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
import { PRICE_TABLE } from '../../../../shared/rules/prices.js';
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
 * Acme's POC as the core lists it: a group with a dataset, its import job, a solution with a
 * trained version, an active campaign and a started recommender; its schema; its bucket. Another
 * POC's group is listed beside it.
 */
const items = {
  group: own('datasetGroup', 'acme-retail', { arn: GROUP }),
  resources: [
    own('solutionVersion', '0123abcd'),
    own('campaign', 'acme-up', { isBilling: true, costPerHourUsd: 0.0556, minProvisionedTPS: 1 }),
    own('recommender', 'acme-picks', { isBilling: true }),
    own('solution', 'acme-up'),
    own('dataset', 'acme-retail-interactions', { arn: DATASET }),
    own('datasetImportJob', 'acme-import'),
  ],
  schema: own('schema', 'acme-interactions', { usedByDatasetArns: [DATASET] }),
  bucket: own('bucket', 'acme-bucket', { status: undefined }),
};
const cost: InventoryView['cost'] = {
  isBilled: false,
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
  schemas: [items.schema],
  environment: [items.bucket],
  cost,
};
const view: InventoryView = {
  ...ownView,
  groups: [
    ...ownView.groups,
    {
      datasetGroup: { kind: 'datasetGroup', arn: `${ARN}:dataset-group/other`, name: 'other' },
      resources: [],
    },
  ],
};
const snapshot: InventorySnapshot = {
  view,
  alive: [{ workspaceId: 'w1', workspaceName: 'Acme', view: ownView, alive: 9, billable: 2 }],
  refreshedAtMs: 1_000,
  isStale: false,
};

/** The plan of the same scope, as the core plans it. */
function step(entry: InventoryItem, action: TeardownStep['action'], wave: number): TeardownStep {
  return {
    kind: entry.kind,
    arn: entry.arn,
    name: entry.name,
    ...(entry.status === undefined ? {} : { status: entry.status }),
    action,
    dependsOn: [],
    wave,
    waitsForCreate: false,
    ...(entry.kind === 'campaign' ? { costPerHourUsd: 0.0556 } : {}),
  };
}
const [version, campaign, recommender, solution, dataset, importJob] = items.resources as [
  InventoryItem,
  InventoryItem,
  InventoryItem,
  InventoryItem,
  InventoryItem,
  InventoryItem,
];
const plan: TeardownPlan = {
  workspaceId: 'w1',
  scope: { kind: 'workspace' },
  includeEnvironment: true,
  createdAtMs: 1_000,
  steps: [
    step(campaign, 'delete', 0),
    step(recommender, 'delete', 0),
    step(version, 'removedWithParent', 1),
    step(solution, 'delete', 1),
    step(dataset, 'delete', 1),
    step(importJob, 'removedWithParent', 2),
    step(items.group, 'delete', 2),
    step(items.schema, 'delete', 2),
    step(items.bucket, 'delete', 3),
  ],
  criticalPath: 4,
  actionable: 7,
};
const running: RunningCost = {
  resources: [campaign, recommender].map((entry) => ({
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
  it('say the same numbers in the same words', async () => {
    renderInventoryPage();
    const counts = '9 resources, 7 to delete, 2 removed with their parent';
    const runningWords = '1 campaign, 1 recommender';
    const alive = await screen.findByTestId('alive-w1');
    expect(alive.textContent).toBe(counts);
    expect(screen.getByTestId('billable-w1').textContent).toBe(runningWords);
    await waitFor(() =>
      expect(screen.getByTestId('inventory-refreshed').textContent).toMatch(
        new RegExp(
          `10 resources listed; this workspace's own: ${counts}; running cost: ${runningWords}$`,
          'u',
        ),
      ),
    );
    cleanup();

    render(<PlanTable plan={plan} isLoading={false} />);
    const summary = screen.getByTestId('plan-summary');
    expect(summary.textContent).toMatch(
      new RegExp(`^${counts}; running cost: ${runningWords}\\. The teardown runs in 4 waves`, 'u'),
    );
    expect([summary.dataset.total, summary.dataset.deletable]).toEqual(['9', '7']);

    expect(runningCostBadge(running)?.label).toMatch(
      new RegExp(`^Running cost: ${runningWords} active on the Local sandbox`, 'u'),
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
      /^Sandbox: 1 campaign, 1 recommender · ≈?\$[\d.]+\/h on AWS$/u,
    );
    // The same words as the accessible name.
    expect(badge.getAttribute('aria-label')).toContain('1 campaign, 1 recommender');
  });
});
