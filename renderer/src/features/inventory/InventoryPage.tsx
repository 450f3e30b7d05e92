import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import { useEffect, useRef } from 'react';
import type {
  InventoryAlive,
  InventoryItem,
  InventoryView,
} from '../../../../shared/ipc/inventory.js';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import {
  accountAndOwnText,
  countInventory,
  ownListing,
  resourcesText,
  runningText,
} from '../../../../shared/inventory/inventory-counts.js';
import { formatUsd } from '../../../../shared/rules/prices.js';
import { useJobs, useWorkspaces } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { UnverifiedEstimateBadge } from '../../components/UnverifiedEstimateBadge.js';
import { resourceStatusType } from '../../components/resource-status.js';
import {
  formatAge,
  formatClock,
  formatPerHour,
  idleText,
  KIND_LABELS,
} from './inventory-format.js';
import { useInventorySnapshot, useRefreshInventory } from './inventory-hooks.js';

/** Names of workspaces by id, for the "Created by" column. */
function useWorkspaceNames(): (id: string | undefined) => string {
  const workspaces = useWorkspaces();
  return (id) => {
    if (id === undefined) return "Not the studio's";
    return workspaces.data?.workspaces.find((workspace) => workspace.id === id)?.name ?? id;
  };
}

function StatusCell({ status }: { status: string | undefined }) {
  return status === undefined ? (
    <>—</>
  ) : (
    <StatusIndicator type={resourceStatusType(status)}>{status}</StatusIndicator>
  );
}

/** One table of inventory items: kind, name, status, age, who created it, running cost. */
function ItemsTable({
  items,
  label,
  ownerName,
  header,
  empty,
  isVerified,
}: {
  items: readonly InventoryItem[];
  label: string;
  ownerName: (id: string | undefined) => string;
  header?: React.ReactNode;
  empty: string;
  /** Whether the region's prices are verified (else costs read as estimates, `≈`). */
  isVerified: boolean;
}) {
  return (
    <Table
      variant="embedded"
      header={header}
      ariaLabels={{ tableLabel: label }}
      wrapLines
      items={[...items]}
      trackBy="arn"
      empty={<Box color="text-body-secondary">{empty}</Box>}
      columnDefinitions={[
        { id: 'kind', header: 'Kind', cell: (item) => KIND_LABELS[item.kind], width: 190 },
        {
          id: 'name',
          header: 'Name',
          cell: (item) => (
            <span title={item.arn}>
              {item.name}
              {item.isOrphan === true ? (
                <>
                  {' '}
                  <Badge color="grey">orphan: no dataset uses it</Badge>
                </>
              ) : null}
            </span>
          ),
        },
        {
          id: 'status',
          header: 'Status',
          cell: (item) => <StatusCell status={item.status} />,
          width: 190,
        },
        { id: 'age', header: 'Age', cell: (item) => formatAge(item.ageMs), width: 110 },
        {
          id: 'owner',
          header: 'Created by',
          cell: (item) => ownerName(item.workspaceId),
          width: 160,
        },
        {
          id: 'cost',
          header: 'Cost now',
          cell: (item) => {
            if (item.kind === 'campaign' || item.kind === 'recommender') {
              const idle = idleText(item);
              return (
                <span>
                  {item.isBilling === true
                    ? formatPerHour(item.costPerHourUsd, isVerified)
                    : '$0/h'}
                  {item.minProvisionedTPS === undefined ? '' : ` · ${item.minProvisionedTPS} TPS`}
                  {idle === undefined ? null : (
                    <Box
                      variant="small"
                      display="block"
                      color="text-body-secondary"
                      data-testid={`idle-${item.name}`}
                      data-idle-since={item.idleSinceMs ?? 'unknown'}
                    >
                      {idle}
                    </Box>
                  )}
                </span>
              );
            }
            return item.trainingHours !== undefined
              ? `${item.trainingHours.toFixed(item.trainingHours < 1 ? 3 : 2)} training h`
              : '';
          },
          width: 220,
        },
      ]}
    />
  );
}

/** "What is still alive anywhere": every workspace's own resources, with their running cost. */
function AliveTable({
  alive,
  currentId,
}: {
  alive: readonly InventoryAlive[] | undefined;
  currentId: string;
}) {
  return (
    <Table
      header={
        <Header
          variant="h2"
          description="What each workspace created (its tag, else its name prefix) still listed in its account and region, counted as its Clean up plan counts them: dataset groups, datasets, schemas, solutions, solution versions, campaigns, recommenders, filters, event trackers, metric attributions, the bucket (its objects as one) and the role; to delete, being deleted, removed with their parent (settled solution versions) or kept (a schema another POC's dataset uses). Import and batch job records are history: shown, not counted. Running cost: ACTIVE campaigns and started recommenders."
        >
          Still alive anywhere
        </Header>
      }
      ariaLabels={{ tableLabel: 'Still alive anywhere' }}
      items={[...(alive ?? [])]}
      trackBy="workspaceId"
      empty={<Box color="text-body-secondary">Refresh to list every workspace.</Box>}
      columnDefinitions={[
        {
          id: 'workspace',
          header: 'Workspace',
          cell: (entry) => (
            <>
              {entry.workspaceName}
              {entry.workspaceId === currentId ? (
                <>
                  {' '}
                  <Badge color="blue">shown</Badge>
                </>
              ) : null}
            </>
          ),
        },
        {
          id: 'alive',
          header: 'Resources it created',
          cell: (entry) =>
            entry.error !== undefined ? (
              <StatusIndicator type="warning">{entry.error.message}</StatusIndicator>
            ) : (
              <span data-testid={`alive-${entry.workspaceId}`} data-count={entry.alive}>
                {entry.view === undefined ? entry.alive : resourcesText(countInventory(entry.view))}
              </span>
            ),
        },
        {
          id: 'billable',
          header: 'Billed by the hour',
          cell: (entry) =>
            entry.view === undefined ? (
              '—'
            ) : (
              <span data-testid={`billable-${entry.workspaceId}`} data-count={entry.billable}>
                {runningText(countInventory(entry.view).running)}
              </span>
            ),
        },
        {
          id: 'cost',
          header: 'Running cost',
          cell: (entry) =>
            entry.view === undefined
              ? '—'
              : `${formatPerHour(entry.view.cost.perHourUsd, entry.view.cost.isVerified)}${entry.view.cost.isBilled ? '' : ' on AWS (sandbox: not billed)'}`,
        },
      ]}
    />
  );
}

/**
 * "24 resources in this account; 17 resources created by this workspace, 12 to delete, …; running
 * cost: …": the account's listing (the rows below) and the workspace's own part, both by the
 * inventory's one count, each with its scope said — the own part in the words of the "alive"
 * table's row and of the Clean up plan.
 */
function listedSummary(view: InventoryView): string {
  return accountAndOwnText(countInventory(view), countInventory(ownListing(view)));
}

/** The cost guardrail of one view: running cost, what bills, training hours, the price table's source. */
function CostSummary({ view }: { view: InventoryView }) {
  const { cost } = view;
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={
            <>
              Estimates from the studio's price table ({cost.currency}, recorded{' '}
              {cost.pricesRecordedOn},{' '}
              <Link external href={cost.priceSource}>
                Amazon Personalize pricing
              </Link>
              ). {cost.priceNote}
            </>
          }
        >
          Cost of this account and region{' '}
          <UnverifiedEstimateBadge isVerified={cost.isVerified} testId="inventory-unverified" />
        </Header>
      }
    >
      <KeyValuePairs
        columns={3}
        items={[
          {
            label: cost.isBilled ? 'Running cost' : 'Running cost on AWS',
            value: (
              <span data-testid="inventory-cost">
                {formatPerHour(cost.perHourUsd, cost.isVerified)}
                {cost.isBilled ? '' : ' (Local sandbox: not billed)'}
              </span>
            ),
          },
          {
            label: 'Billed by the hour',
            value: `${runningText({ campaigns: cost.activeCampaigns, recommenders: cost.activeRecommenders })} (${cost.provisionedTps} TPS minimum)`,
          },
          {
            label: 'Training hours spent',
            value: `${cost.trainingHours.toFixed(cost.trainingHours < 1 ? 3 : 2)} h${cost.trainingCostUsd === undefined ? '' : ` (${cost.isVerified ? '' : '≈'}${formatUsd(cost.trainingCostUsd)})`}`,
          },
        ]}
      />
    </Container>
  );
}

/**
 * The Inventory page: what the shown workspace's account and region hold, grouped by dataset
 * group (every resource with its status, age, creator and cost), the account's schemas (orphans
 * marked), the studio's bucket, objects and role, and what is still alive in every workspace.
 * Refreshed as a job ("Refresh", and once on the first visit of the session).
 */
export function InventoryPage({ workspaceId }: { workspaceId: string }) {
  const snapshot = useInventorySnapshot(workspaceId);
  const refresh = useRefreshInventory(workspaceId);
  const jobs = useJobs(workspaceId);
  const ownerName = useWorkspaceNames();
  const job = (jobs.data ?? []).find(
    (candidate) => candidate.kind === 'inventory.refresh' && !isTerminalJobState(candidate.state),
  );
  const isRefreshing = job !== undefined || refresh.isPending;
  const view = snapshot.data?.view;
  const hasStarted = useRef(false);
  useEffect(() => {
    if (hasStarted.current || !snapshot.isSuccess) return;
    hasStarted.current = true;
    if (snapshot.data.view === undefined && snapshot.data.jobId === undefined) refresh.mutate();
  }, [snapshot.isSuccess, snapshot.data, refresh]);

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Everything Amazon Personalize holds in this workspace's account and region, who created it and what it costs; and what is still alive in every workspace."
          actions={
            <Button
              iconName="refresh"
              loading={isRefreshing}
              onClick={() => refresh.mutate()}
              ariaLabel="Refresh the inventory"
            >
              Refresh
            </Button>
          }
        >
          Inventory
        </Header>
      }
    >
      <SpaceBetween size="l">
        {refresh.isError ? (
          <ErrorAlert header="The inventory could not be refreshed" error={refresh.error} />
        ) : null}
        {job !== undefined ? (
          <ProgressBar
            label="Refreshing the inventory"
            description={job.step}
            value={job.progress.total === 0 ? 0 : (100 * job.progress.done) / job.progress.total}
            additionalInfo={`${job.progress.done} of ${job.progress.total} ${job.progress.unit}`}
          />
        ) : null}
        {snapshot.data?.refreshedAtMs === undefined ? null : snapshot.data.isStale === true &&
          job === undefined ? (
          <Alert type="warning" header="Stale inventory" data-testid="inventory-stale">
            Listed by an earlier session at {formatClock(snapshot.data.refreshedAtMs)} · region{' '}
            {view?.region} · account {view?.accountId ?? 'unknown'}. The account may have changed
            since: choose Refresh to list it again.
          </Alert>
        ) : (
          <Box variant="small" color="text-body-secondary" data-testid="inventory-refreshed">
            Listed at {formatClock(snapshot.data.refreshedAtMs)} · region {view?.region} · account{' '}
            {view?.accountId ?? 'unknown'}
            {view === undefined ? '' : ` · ${listedSummary(view)}`}
          </Box>
        )}
        <AliveTable alive={snapshot.data?.alive} currentId={workspaceId} />
        {view === undefined ? (
          <Box textAlign="center" padding="l" color="text-body-secondary">
            {isRefreshing ? 'Listing the account…' : 'Not listed yet: choose Refresh.'}
          </Box>
        ) : (
          <>
            <CostSummary view={view} />
            <Container
              header={
                <Header
                  variant="h2"
                  counter={`(${view.groups.length})`}
                  description="Each dataset group with everything it holds, in teardown order."
                >
                  Dataset groups
                </Header>
              }
            >
              {view.groups.length === 0 ? (
                <Box color="text-body-secondary">No dataset group in this account and region.</Box>
              ) : (
                <SpaceBetween size="m">
                  {view.groups.map((group) => (
                    <ExpandableSection
                      key={group.datasetGroup.arn}
                      defaultExpanded={group.datasetGroup.workspaceId === workspaceId}
                      headerText={group.datasetGroup.name}
                      headerCounter={`(${group.resources.length})`}
                      headerDescription={`${ownerName(group.datasetGroup.workspaceId)} · ${group.datasetGroup.status ?? ''} · ${formatAge(group.datasetGroup.ageMs)} old`}
                    >
                      <ItemsTable
                        items={group.resources}
                        label={`Resources of ${group.datasetGroup.name}`}
                        ownerName={ownerName}
                        isVerified={view.cost.isVerified}
                        empty="The dataset group is empty."
                      />
                    </ExpandableSection>
                  ))}
                </SpaceBetween>
              )}
            </Container>
            <Container
              header={
                <Header
                  variant="h2"
                  counter={`(${view.schemas.length})`}
                  description="Schemas belong to the account, not to a dataset group: an orphan is used by no dataset."
                >
                  Schemas
                </Header>
              }
            >
              <ItemsTable
                items={view.schemas}
                label="Schemas"
                ownerName={ownerName}
                isVerified={view.cost.isVerified}
                empty="No schema in this account and region."
              />
            </Container>
            <Container
              header={
                <Header
                  variant="h2"
                  description="The bucket, its objects and the IAM role this workspace's setup created."
                >
                  The studio's S3 and IAM resources
                </Header>
              }
            >
              <ItemsTable
                items={view.environment}
                label="The studio's S3 and IAM resources"
                ownerName={ownerName}
                isVerified={view.cost.isVerified}
                empty="No bucket or role of this workspace exists."
              />
            </Container>
          </>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}
