import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isTerminalJobState, type Job } from '../../../../shared/jobs.js';
import { useJobs } from '../../api/hooks.js';
import { queryKeys } from '../../api/query-keys.js';
import { useApplySetup, useSetupCheck } from '../../api/setup-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { SetupTable } from './SetupTable.js';

/**
 * What the setup check depends on in a workspace's jobs: each job's state and the latest status
 * of each resource it created or waited on (an import creates the bucket and role before it
 * ends). A change means the check may find something else.
 */
export function setupFingerprint(jobs: readonly Job[] | undefined): string {
  return (jobs ?? [])
    .map((job) => {
      const resources = (job.resources ?? [])
        .map((resource) => `${resource.arn}=${resource.transitions.at(-1)?.status ?? ''}`)
        .join(',');
      return `${job.id}:${job.state}:${resources}`;
    })
    .join(';');
}

/**
 * The environment setup of a workspace (`setup.check`): the S3 bucket, its policy and the IAM
 * role Personalize assumes, each present / missing / different, and "Apply setup" (the
 * `setup.apply` job: the jobs drawer shows its progress; the check refreshes when it ends).
 * The import runs the same setup first; on the Local sandbox it runs too.
 *
 * `isCollapsible` (the Import step): a section that stays folded while everything is in place,
 * so the import's own status stays in view.
 */
export function SetupPanel({
  workspaceId,
  targetKind,
  isPrimaryAction = false,
  isCollapsible = false,
}: {
  workspaceId: string;
  targetKind: 'sandbox' | 'aws';
  /** "Apply setup" is the page's main action (on the Setup page, not in the Import step). */
  isPrimaryAction?: boolean;
  isCollapsible?: boolean;
}) {
  const check = useSetupCheck(workspaceId);
  const apply = useApplySetup(workspaceId);
  const jobs = useJobs(workspaceId);
  const queryClient = useQueryClient();
  const fingerprint = jobs.data === undefined ? undefined : setupFingerprint(jobs.data);
  const seenFingerprint = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Refetch the check whenever the jobs move on (not only when they end), so the panel does
    // not say "missing" while an import's timeline already shows the bucket and role created.
    if (fingerprint === undefined) return;
    const previous = seenFingerprint.current;
    seenFingerprint.current = fingerprint;
    if (previous !== undefined && previous !== fingerprint)
      void queryClient.invalidateQueries({ queryKey: queryKeys.setup(workspaceId) });
  }, [fingerprint, queryClient, workspaceId]);
  const [userExpanded, setUserExpanded] = useState<boolean | undefined>(undefined);
  const job = latestJob(jobs.data, 'setup.apply');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const items = check.data?.items ?? [];
  const missing = items.filter((item) => item.state !== 'present').length;
  const where = targetKind === 'sandbox' ? "the Local sandbox's S3 and IAM" : 'the AWS account';
  const summary =
    check.data === undefined
      ? 'Checking…'
      : check.data.isComplete
        ? 'Everything is in place.'
        : `${missing} of ${items.length} items missing or different.`;
  const explanation = `The bucket the import uploads to and the IAM role Personalize assumes to read it, in ${where}. The import runs this same setup first, so applying it here is optional: it shows what will be created before anything is imported.`;
  const description = (
    <>
      {explanation}{' '}
      <span
        data-testid="setup-summary"
        data-complete={check.data === undefined ? 'unknown' : String(check.data.isComplete)}
      >
        <b>{summary}</b>
      </span>
    </>
  );
  const actions = (
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
  );
  const empty = (
    <Box textAlign="center" color="text-body-secondary">
      {check.isError ? 'The check failed: see the error above.' : 'Nothing to check.'}
    </Box>
  );
  const counter = check.data === undefined ? undefined : `(${items.length})`;

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
      {isCollapsible ? (
        <ExpandableSection
          variant="container"
          headerText="Environment setup"
          headerCounter={counter}
          headerDescription={`${summary} ${explanation}`}
          headerActions={actions}
          expanded={userExpanded ?? (check.data !== undefined && !check.data.isComplete)}
          onChange={({ detail }) => setUserExpanded(detail.expanded)}
        >
          <SetupTable
            variant="borderless"
            items={items}
            isLoading={check.isPending}
            empty={empty}
          />
        </ExpandableSection>
      ) : (
        <SetupTable
          variant="container"
          items={items}
          isLoading={check.isPending}
          empty={empty}
          header={
            <Header variant="h2" counter={counter} description={description} actions={actions}>
              Environment setup
            </Header>
          }
        />
      )}
    </SpaceBetween>
  );
}
