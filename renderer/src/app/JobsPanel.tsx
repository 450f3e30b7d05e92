import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import StatusIndicator, {
  type StatusIndicatorProps,
} from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { assertNever } from '../../../shared/errors.js';
import { isTerminalJobState, type Job, type JobState } from '../../../shared/jobs.js';
import { errorMessage, invoke } from '../api/client.js';
import { formatElapsed, jobTitle } from './steps.js';
import { useNow } from './use-now.js';

function jobStatusType(state: JobState): StatusIndicatorProps.Type {
  switch (state) {
    case 'queued':
      return 'pending';
    case 'running':
      return 'in-progress';
    case 'succeeded':
      return 'success';
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'stopped';
    default:
      return assertNever(state);
  }
}

const STATE_LABELS: Readonly<Record<JobState, string>> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Percentage done of a job, 0..100. */
function percent(job: Job): number {
  if (job.progress.total <= 0) return isTerminalJobState(job.state) ? 100 : 0;
  return Math.min(100, Math.round((job.progress.done / job.progress.total) * 100));
}

/**
 * Every job of the workspace, newest first: progress, current step, state, elapsed time, and
 * a Cancel button while it runs. Fed only by `jobs.didChange` events. With `isStale` (the
 * connection is lost), unfinished jobs show "Unknown" in grey, without timer or Cancel.
 */
export function JobsPanel({
  jobs,
  isLoading,
  isStale = false,
}: {
  jobs: readonly Job[];
  isLoading: boolean;
  isStale?: boolean;
}) {
  const isUnknown = (job: Job): boolean => isStale && !isTerminalJobState(job.state);
  const hasRunning = !isStale && jobs.some((job) => !isTerminalJobState(job.state));
  const now = useNow(hasRunning);
  const [cancelError, setCancelError] = useState<string>();
  const sorted = [...jobs].sort((a, b) => b.createdAtMs - a.createdAtMs);
  return (
    <div data-testid="jobs-panel">
      {cancelError === undefined ? null : (
        <Box color="text-status-error" padding={{ bottom: 's' }}>
          Could not cancel the job: {cancelError}
        </Box>
      )}
      <Table
        variant="embedded"
        ariaLabels={{ tableLabel: 'Jobs' }}
        loading={isLoading}
        loadingText="Loading jobs"
        items={sorted}
        trackBy="id"
        empty={
          <Box color="text-body-secondary">
            No jobs yet. Long actions (import, training, deployment, clean up) show up here.
          </Box>
        }
        columnDefinitions={[
          {
            id: 'job',
            header: 'Job',
            cell: (job) => <span data-testid={`job-${job.id}`}>{jobTitle(job.kind)}</span>,
            width: 170,
          },
          {
            id: 'state',
            header: 'State',
            cell: (job) =>
              isUnknown(job) ? (
                <span data-testid={`job-state-${job.id}`} data-state="unknown">
                  <StatusIndicator type="stopped" colorOverride="grey">
                    Unknown
                  </StatusIndicator>
                </span>
              ) : (
                <span data-testid={`job-state-${job.id}`} data-state={job.state}>
                  <StatusIndicator type={jobStatusType(job.state)}>
                    {STATE_LABELS[job.state]}
                  </StatusIndicator>
                </span>
              ),
            width: 140,
          },
          {
            id: 'progress',
            header: 'Progress',
            cell: (job) => (
              <ProgressBar
                value={percent(job)}
                ariaLabel={`${jobTitle(job.kind)} progress`}
                description={job.step}
                additionalInfo={`${job.progress.done} of ${job.progress.total} ${job.progress.unit}`}
                status={job.state === 'failed' ? 'error' : 'in-progress'}
                resultText={job.error?.message ?? ''}
              />
            ),
            minWidth: 280,
          },
          {
            id: 'elapsed',
            header: 'Elapsed',
            cell: (job) =>
              formatElapsed(
                (isTerminalJobState(job.state) || isUnknown(job)
                  ? job.updatedAtMs
                  : Math.max(now, job.updatedAtMs)) - job.createdAtMs,
              ),
            width: 120,
          },
          {
            id: 'actions',
            header: 'Actions',
            cell: (job) =>
              isTerminalJobState(job.state) || isUnknown(job) ? null : (
                <Button
                  variant="inline-link"
                  ariaLabel={`Cancel ${jobTitle(job.kind)} job`}
                  onClick={() => {
                    setCancelError(undefined);
                    invoke('jobs.cancel', { jobId: job.id }).catch((error: unknown) =>
                      setCancelError(errorMessage(error)),
                    );
                  }}
                >
                  Cancel
                </Button>
              ),
            width: 110,
          },
        ]}
      />
    </div>
  );
}
