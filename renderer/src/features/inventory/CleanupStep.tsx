import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { isTerminalJobState } from '../../../../shared/jobs.js';
import type { GuideView } from '../../../../shared/guide.js';
import { useInventory, useJobs, useStartCleanup } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';

/**
 * Step 6: the teardown plan (every resource of the POC, in deletion order), "Delete all
 * resources" behind a confirmation (a job), then "Nothing left in this POC".
 */
export function CleanupStep({ workspaceId }: { workspaceId: string; poc: GuideView }) {
  const inventory = useInventory(workspaceId);
  const cleanup = useStartCleanup(workspaceId);
  const jobs = useJobs(workspaceId);
  const job = latestJob(jobs.data, 'inventory.teardown');
  const isRunning = job !== undefined && !isTerminalJobState(job.state);
  const [isConfirming, setConfirming] = useState(false);
  const resources = (inventory.data ?? []).map((resource, index) => ({
    ...resource,
    order: index + 1,
  }));
  /** Nothing to delete (or the plan is not known yet): the teardown would be a no-op. */
  const isPlanEmpty = !inventory.isSuccess || resources.length === 0;

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Deletes every resource of this POC, in dependency order, so nothing keeps running (or billing)."
          actions={
            <Button
              variant="primary"
              disabled={isPlanEmpty || isRunning}
              loading={cleanup.isPending || isRunning}
              onClick={() => setConfirming(true)}
            >
              Delete all resources
            </Button>
          }
        >
          6. Clean up
        </Header>
      }
    >
      <SpaceBetween size="l">
        {inventory.isError ? (
          <ErrorAlert header="The inventory could not be read" error={inventory.error} />
        ) : null}
        {cleanup.isError ? (
          <ErrorAlert header="The clean up could not start" error={cleanup.error} />
        ) : null}
        {job?.state === 'failed' ? (
          <ErrorAlert
            header="The clean up stopped"
            error={
              new Error(
                `${job.error?.message ?? job.step} What is left is listed below; choose Delete all resources to retry.`,
              )
            }
            testId="cleanup-failure"
          />
        ) : null}
        <Table
          header={
            <Header
              variant="h2"
              counter={`(${resources.length})`}
              description={
                <>
                  <span data-testid="inventory-count" data-count={resources.length}>
                    {resources.length}
                  </span>{' '}
                  {resources.length === 1 ? 'resource' : 'resources'} left, deleted from top to
                  bottom.
                </>
              }
            >
              Teardown plan
            </Header>
          }
          ariaLabels={{ tableLabel: 'Teardown plan' }}
          loading={inventory.isPending}
          loadingText="Reading the inventory"
          items={resources}
          trackBy="arn"
          empty={
            <Box textAlign="center" padding="l" data-testid="cleanup-empty">
              <b>Nothing left in this POC</b>
              <Box variant="p" color="text-body-secondary">
                Every resource has been deleted, or none was created yet. Start again from step 1 to
                run a new POC.
              </Box>
            </Box>
          }
          columnDefinitions={[
            { id: 'order', header: 'Order', cell: (resource) => resource.order, width: 90 },
            { id: 'kind', header: 'Kind', cell: (resource) => resource.kind, width: 180 },
            {
              id: 'status',
              header: 'Status',
              cell: (resource) => (
                <StatusIndicator type={resourceStatusType(resource.status)}>
                  {resource.status ?? '—'}
                </StatusIndicator>
              ),
              width: 200,
            },
            {
              id: 'arn',
              header: 'ARN',
              cell: (resource) => <Box variant="code">{resource.arn}</Box>,
            },
          ]}
        />
      </SpaceBetween>
      {isConfirming ? (
        <Modal
          visible
          header="Delete all resources?"
          onDismiss={() => setConfirming(false)}
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button
                  variant="primary"
                  disabled={isPlanEmpty}
                  onClick={() => {
                    setConfirming(false);
                    cleanup.mutate();
                  }}
                >
                  Delete
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          This deletes the {resources.length} resources of this POC (campaign, solutions, datasets,
          dataset group…). It cannot be undone; the customer's files are not touched.
        </Modal>
      ) : null}
    </ContentLayout>
  );
}
