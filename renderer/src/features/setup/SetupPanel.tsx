import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { assertNever } from '../../../../shared/errors.js';
import type { SetupItem } from '../../../../shared/ipc/setup.js';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import { useJobs } from '../../api/hooks.js';
import { useApplySetup, useSetupCheck } from '../../api/setup-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';

/** A setup item kind in words. */
export function setupKindLabel(kind: SetupItem['kind']): string {
  switch (kind) {
    case 'bucket':
      return 'S3 bucket';
    case 'bucketEncryption':
      return 'Bucket encryption';
    case 'publicAccessBlock':
      return 'Public access block';
    case 'bucketPolicy':
      return 'Bucket policy';
    case 'bucketTags':
      return 'Bucket tags';
    case 'role':
      return 'IAM role';
    case 'roleTrustPolicy':
      return 'Role trust policy';
    case 'rolePolicy':
      return 'Role policy';
    case 'roleTags':
      return 'Role tags';
    default:
      return assertNever(kind);
  }
}

function stateIndicator(state: SetupItem['state']): {
  type: StatusIndicatorProps.Type;
  text: string;
} {
  switch (state) {
    case 'present':
      return { type: 'success', text: 'Present' };
    case 'missing':
      return { type: 'pending', text: 'Missing' };
    case 'different':
      return { type: 'warning', text: 'Different' };
    default:
      return assertNever(state);
  }
}

/**
 * The environment setup of a workspace (`setup.check`): the S3 bucket, its policy and the IAM
 * role Personalize assumes, each present / missing / different, and "Apply setup" (the
 * `setup.apply` job: the jobs drawer shows its progress; the check refreshes when it ends).
 * The import runs the same setup first; on the Local sandbox it runs too.
 */
export function SetupPanel({
  workspaceId,
  targetKind,
  isPrimaryAction = false,
}: {
  workspaceId: string;
  targetKind: 'sandbox' | 'aws';
  /** "Apply setup" is the page's main action (on the Setup page, not in the Import step). */
  isPrimaryAction?: boolean;
}) {
  const check = useSetupCheck(workspaceId);
  const apply = useApplySetup(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'setup.apply');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const items = check.data?.items ?? [];
  const missing = items.filter((item) => item.state !== 'present').length;
  const where = targetKind === 'sandbox' ? "the Local sandbox's S3 and IAM" : 'the AWS account';
  const summary =
    check.data === undefined
      ? undefined
      : check.data.isComplete
        ? 'Everything is in place.'
        : `${missing} of ${items.length} items missing or different.`;

  return (
    <SpaceBetween size="m">
      {check.isError ? (
        <ErrorAlert
          header="The environment could not be checked"
          error={check.error}
          testId="setup-check-error"
        />
      ) : null}
      {apply.isError ? <ErrorAlert header="The setup could not start" error={apply.error} /> : null}
      {job?.state === 'failed' ? (
        <ErrorAlert
          header="The setup failed"
          error={new Error(job.error?.message ?? job.step)}
          testId="setup-failure"
        />
      ) : null}
      <Table
        data-testid="setup-check"
        header={
          <Header
            variant="h2"
            counter={check.data === undefined ? undefined : `(${items.length})`}
            description={
              <>
                The bucket the import uploads to and the IAM role Personalize assumes to read it, in{' '}
                {where}. The import runs this same setup first, so applying it here is optional: it
                shows what will be created before anything is imported.{' '}
                <span
                  data-testid="setup-summary"
                  data-complete={
                    check.data === undefined ? 'unknown' : String(check.data.isComplete)
                  }
                >
                  {summary}
                </span>
              </>
            }
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  iconName="refresh"
                  ariaLabel="Check the environment again"
                  loading={check.isFetching}
                  onClick={() => void check.refetch()}
                />
                <Button
                  variant={isPrimaryAction ? 'primary' : 'normal'}
                  disabled={isRunning || check.data?.isComplete === true}
                  loading={apply.isPending || isRunning}
                  onClick={() => apply.mutate()}
                >
                  Apply setup
                </Button>
              </SpaceBetween>
            }
          >
            Environment setup
          </Header>
        }
        ariaLabels={{ tableLabel: 'Environment setup' }}
        loading={check.isPending}
        loadingText="Checking the environment"
        items={items}
        trackBy={(item) => `${item.kind}:${item.name}`}
        empty={
          <Box textAlign="center" color="text-body-secondary">
            {check.isError ? 'The check failed: see the error above.' : 'Nothing to check.'}
          </Box>
        }
        columnDefinitions={[
          { id: 'kind', header: 'Item', cell: (item) => setupKindLabel(item.kind), width: 190 },
          { id: 'name', header: 'Name', cell: (item) => <Box variant="code">{item.name}</Box> },
          {
            id: 'state',
            header: 'State',
            width: 150,
            cell: (item) => {
              const indicator = stateIndicator(item.state);
              return (
                <span data-testid={`setup-state-${item.kind}`} data-state={item.state}>
                  <StatusIndicator type={indicator.type}>{indicator.text}</StatusIndicator>
                </span>
              );
            },
          },
          { id: 'detail', header: 'Detail', cell: (item) => item.detail },
        ]}
      />
    </SpaceBetween>
  );
}
