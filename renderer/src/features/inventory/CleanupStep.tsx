import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { GUIDE_STEPS, type GuideView } from '../../../../shared/guide.js';
import {
  TeardownPlanSchema,
  type TeardownAction,
  type TeardownPlan,
  type TeardownScope,
  type TeardownStep,
} from '../../../../shared/ipc/inventory.js';
import type { Job } from '../../../../shared/jobs.js';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import { useJobs, useWorkspace } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { countPlan, countsText, planScope } from '../../../../shared/inventory/inventory-counts.js';
import { isActionable as isActionableAction } from '../../../../shared/inventory/teardown-rules.js';
import { formatPerHour, KIND_LABELS } from './inventory-format.js';
import { useStartTeardown, useTeardownPlan } from './inventory-hooks.js';

/** Words for a plan step's action. */
const ACTION_LABELS: Readonly<Record<TeardownAction, string>> = {
  stop: 'Stop',
  delete: 'Delete',
  removedWithParent: 'Not deletable',
  keep: 'Keep',
};

/** True for steps the teardown runs (stop or delete): the shared rule. */
function isActionable(step: TeardownStep): boolean {
  return isActionableAction(step.action);
}

/** What the plan costs now per hour (priced campaigns), and whether some campaign has no price. */
function planCost(plan: TeardownPlan | undefined): number | undefined {
  if (plan === undefined) return undefined;
  const costs = plan.steps.filter((step) => step.kind === 'campaign' && isActionable(step));
  if (costs.some((step) => step.costPerHourUsd === undefined)) return undefined;
  return costs.reduce((sum, step) => sum + (step.costPerHourUsd ?? 0), 0);
}

/**
 * The plan a running teardown executes (persisted in its job's params), so that the plan's
 * header keeps the totals it started with while the plan below is asked again mid-run.
 */
export function runningPlan(job: Job | undefined): TeardownPlan | undefined {
  if (job === undefined || isTerminalJobState(job.state)) return undefined;
  const parsed = TeardownPlanSchema.safeParse(job.params.plan);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The plan as a table: order (wave), action, resource (kind and name), status at plan time,
 * prerequisites, cost now, note. The header's totals are `totals`' (the running teardown's plan,
 * fixed for the whole run) with the run's progress beside them, else the shown plan's.
 */
export function PlanTable({
  plan,
  isLoading,
  totals = plan,
  progress,
}: {
  plan: TeardownPlan | undefined;
  isLoading: boolean;
  totals?: TeardownPlan | undefined;
  progress?: { readonly done: number; readonly total: number } | undefined;
}) {
  const names = new Map(
    (plan?.steps ?? []).map((step) => [step.arn, `${KIND_LABELS[step.kind]} ${step.name}`]),
  );
  const actionable = totals?.actionable ?? 0;
  const counts = totals === undefined ? undefined : countPlan(totals);
  const cost = planCost(totals);
  return (
    <Table
      header={
        <Header
          variant="h2"
          counter={`(${counts?.deletable ?? 0})`}
          description={
            totals === undefined || counts === undefined ? undefined : (
              <>
                <span
                  data-testid="plan-summary"
                  data-actionable={actionable}
                  data-total={counts.total}
                  data-deletable={counts.deletable}
                >
                  {actionable === 0
                    ? 'Nothing of this scope remains.'
                    : `${countsText(counts, planScope(totals))}. The teardown runs in ${totals.criticalPath} wave${totals.criticalPath === 1 ? '' : 's'}: each wave starts as soon as what it waits for is gone. What runs now costs ${formatPerHour(cost, false)}.`}
                </span>
                {progress === undefined ? null : (
                  <span
                    data-testid="plan-progress"
                    data-done={progress.done}
                    data-total={progress.total}
                  >
                    {' '}
                    Teardown running: {progress.done} of {progress.total} stopped or deleted.
                  </span>
                )}
              </>
            )
          }
        >
          Teardown plan
        </Header>
      }
      ariaLabels={{ tableLabel: 'Teardown plan' }}
      wrapLines
      loading={isLoading}
      loadingText="Asking the service what the scope holds"
      items={plan?.steps ?? []}
      trackBy="arn"
      empty={
        <Box textAlign="center" padding="l" data-testid="cleanup-empty">
          <b>Nothing left in this scope</b>
          <Box variant="p" color="text-body-secondary">
            Every resource has been deleted, or none was created yet. Start again from step 1 to run
            a new POC.
          </Box>
        </Box>
      }
      columnDefinitions={[
        { id: 'wave', header: 'Wave', cell: (step) => step.wave + 1, width: 60 },
        {
          id: 'action',
          header: 'Action',
          cell: (step) => (
            <StatusIndicator
              type={
                step.action === 'delete' ? 'error' : step.action === 'stop' ? 'warning' : 'stopped'
              }
              colorOverride={isActionable(step) ? undefined : 'grey'}
            >
              {ACTION_LABELS[step.action]}
            </StatusIndicator>
          ),
          width: 150,
        },
        {
          id: 'resource',
          header: 'Resource',
          cell: (step) => (
            <span title={step.arn}>
              <Box variant="small" display="block" color="text-body-secondary">
                {KIND_LABELS[step.kind]}
              </Box>
              {step.name}
              {step.count === undefined ? '' : ` (${step.count})`}
            </span>
          ),
        },
        {
          id: 'status',
          header: 'Status now',
          cell: (step) =>
            step.status === undefined ? (
              '—'
            ) : (
              <StatusIndicator type={resourceStatusType(step.status)}>
                {step.status}
              </StatusIndicator>
            ),
          width: 180,
        },
        {
          id: 'after',
          header: 'After',
          cell: (step) =>
            step.dependsOn.length === 0
              ? '—'
              : step.dependsOn.length <= 2
                ? step.dependsOn.map((arn) => names.get(arn) ?? arn).join(', ')
                : `${step.dependsOn.length} resources`,
          width: 180,
        },
        {
          id: 'cost',
          header: 'Costs now',
          cell: (step) =>
            step.kind === 'campaign' ? formatPerHour(step.costPerHourUsd, false) : '',
          width: 90,
        },
        {
          id: 'note',
          header: 'Note',
          cell: (step) => <Box variant="small">{step.note ?? ''}</Box>,
        },
      ]}
    />
  );
}

/**
 * Step 7, Clean up: the teardown plan, always shown first (a dry run asked of the service: the
 * dependency graph by wave, what cannot be deleted and why, what each campaign costs now), for
 * the scope chosen (the whole workspace, or one dataset group, with or without the bucket and
 * role); then one click behind a confirmation starts the teardown job, with progress per
 * resource; a resumed or failed teardown says so.
 */
export function CleanupStep({ workspaceId }: { workspaceId: string; poc: GuideView }) {
  const workspace = useWorkspace();
  const [scopeKind, setScopeKind] = useState<'workspace' | 'datasetGroup'>('workspace');
  const [groupArn, setGroupArn] = useState<string | undefined>(undefined);
  const [environmentChoice, setEnvironmentChoice] = useState<boolean | undefined>(undefined);
  const workspacePlan = useTeardownPlan(workspaceId, { kind: 'workspace' }, true);
  const groups = (workspacePlan.data?.steps ?? []).filter(
    (step) => step.kind === 'datasetGroup' && isActionable(step),
  );
  const chosenGroup = groupArn ?? groups[0]?.arn;
  const scope: TeardownScope =
    scopeKind === 'datasetGroup' && chosenGroup !== undefined
      ? { kind: 'datasetGroup', datasetGroupArn: chosenGroup }
      : { kind: 'workspace' };
  const includeEnvironment = environmentChoice ?? scope.kind === 'workspace';
  const isWorkspacePlan = scope.kind === 'workspace' && includeEnvironment;
  const scopedPlan = useTeardownPlan(workspaceId, scope, includeEnvironment, !isWorkspacePlan);
  const plan = isWorkspacePlan ? workspacePlan : scopedPlan;
  const start = useStartTeardown(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'inventory.teardown');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const [isConfirming, setConfirming] = useState(false);
  const actionable = plan.data?.actionable ?? 0;
  const counts = plan.data === undefined ? undefined : countPlan(plan.data);
  const prefix = workspace.data?.prefix;

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Deletes what this POC created, in dependency order, so nothing keeps running (or billing). The plan below is what would happen: nothing changes until you confirm."
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                iconName="refresh"
                ariaLabel="Plan again"
                disabled={isRunning}
                onClick={() => void plan.refetch()}
              >
                Plan again
              </Button>
              <Button
                variant="primary"
                disabled={actionable === 0 || isRunning || plan.isPending}
                loading={start.isPending || isRunning}
                onClick={() => setConfirming(true)}
              >
                Delete all resources
              </Button>
            </SpaceBetween>
          }
        >
          {GUIDE_STEPS.indexOf('cleanup') + 1}. Clean up
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Scope</Header>}>
          <SpaceBetween size="m">
            <RadioGroup
              ariaLabel="What to tear down"
              value={scopeKind}
              onChange={({ detail }) =>
                setScopeKind(detail.value === 'datasetGroup' ? 'datasetGroup' : 'workspace')
              }
              items={[
                {
                  value: 'workspace',
                  label: 'Everything this workspace created',
                  description: `Dataset groups carrying its tag (or named ${prefix ?? '…'}-…), with everything they hold, and its schemas.`,
                },
                {
                  value: 'datasetGroup',
                  label: 'One dataset group',
                  description:
                    'That group, everything it holds, and the schemas only its datasets use.',
                  disabled: groups.length === 0,
                },
              ]}
            />
            {scopeKind === 'datasetGroup' && groups.length > 0 ? (
              <FormField label="Dataset group">
                <Select
                  ariaLabel="Dataset group to tear down"
                  selectedOption={
                    groups
                      .map((step) => ({ value: step.arn, label: step.name }))
                      .find((option) => option.value === chosenGroup) ?? null
                  }
                  options={groups.map((step) => ({
                    value: step.arn,
                    label: step.name,
                    description: step.status,
                  }))}
                  onChange={({ detail }) => setGroupArn(detail.selectedOption.value)}
                />
              </FormField>
            ) : null}
            <Checkbox
              checked={includeEnvironment}
              onChange={({ detail }) => setEnvironmentChoice(detail.checked)}
              description={
                workspace.data === undefined
                  ? undefined
                  : `Bucket ${workspace.data.setup.bucket} with its objects, and role ${workspace.data.setup.roleName} (only when it carries this workspace's tag).`
              }
            >
              Also delete the studio's S3 bucket, objects and IAM role
            </Checkbox>
          </SpaceBetween>
        </Container>
        {plan.isError ? (
          <ErrorAlert header="The teardown could not be planned" error={plan.error} />
        ) : null}
        {start.isError ? (
          <ErrorAlert header="The teardown could not start" error={start.error} />
        ) : null}
        {job !== undefined && isRunning ? (
          <Container>
            <ProgressBar
              label="Tearing down"
              description={job.step}
              value={job.progress.total === 0 ? 0 : (100 * job.progress.done) / job.progress.total}
              additionalInfo={`${job.progress.done} of ${job.progress.total} ${job.progress.unit} stopped or deleted`}
            />
          </Container>
        ) : null}
        {job?.state === 'failed' ? (
          <ErrorAlert
            header="The clean up stopped"
            error={
              new Error(
                `${job.error?.message ?? job.step} What is left is planned below; delete again to retry.`,
              )
            }
            testId="cleanup-failure"
          />
        ) : null}
        {job?.state === 'succeeded' && actionable === 0 && !plan.isFetching ? (
          <Alert type="success" header="Nothing of this scope remains" data-testid="cleanup-done">
            The service no longer lists any resource of the scope. Import and batch job records went
            with their dataset group.
          </Alert>
        ) : null}
        <PlanTable
          plan={plan.data}
          isLoading={plan.isPending}
          totals={runningPlan(job) ?? plan.data}
          progress={isRunning ? { done: job.progress.done, total: job.progress.total } : undefined}
        />
      </SpaceBetween>
      {isConfirming && plan.data !== undefined ? (
        <Modal
          visible
          header={`Delete ${counts?.deletable ?? 0} resource${counts?.deletable === 1 ? '' : 's'}?`}
          onDismiss={() => setConfirming(false)}
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                {/* Never blocked by a replan that a job ending elsewhere started: a click then
                    would be swallowed by a loading button. The core plans the scope afresh when
                    the teardown starts, so it deletes what the service lists at that moment. */}
                <Button
                  variant="primary"
                  onClick={() => {
                    setConfirming(false);
                    start.mutate({ scope, includeEnvironment });
                  }}
                >
                  Delete
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          This stops and deletes what the plan counts (
          {counts === undefined ? '' : countsText(counts, planScope(plan.data))}
          ), in {plan.data.criticalPath} waves, and nothing outside it. It cannot be undone; the
          customer's files on this computer are not touched. If the studio closes meanwhile, the
          teardown resumes where it was.
        </Modal>
      ) : null}
    </ContentLayout>
  );
}
