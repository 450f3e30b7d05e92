import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import { StatusIndicator, type StatusIndicatorProps } from '../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { assertNever } from '../../../shared/errors.js';
import {
  formatJobQuantity,
  isTerminalJobState,
  jobElapsedMs,
  type Job,
  type JobState,
} from '../../../shared/jobs.js';
import { errorMessage, invoke } from '../api/client.js';
import { ClampedText } from '../components/ClampedText.js';
import { JobTimeline } from '../features/jobs/JobTimeline.js';
import { formatCount, formatElapsed, jobTitle } from './steps.js';
import { useNow } from './use-now.js';

/**
 * What cancelling a job leaves behind, for its confirmation: the studio stops waiting, and what
 * the job already created stays in the account (the service may even finish creating it).
 */
export function cancelText(job: Job): string {
  const count = job.resources?.length ?? 0;
  const created =
    count === 0
      ? 'Anything it already started in the account stays there'
      : `The ${formatCount(count)} resource${count === 1 ? '' : 's'} it already created or started ${count === 1 ? 'stays' : 'stay'} in the account (the service may still finish creating ${count === 1 ? 'it' : 'them'})`;
  return `The studio stops this job now. ${created}: cancelling deletes nothing. Clean up deletes them, or run the step again to pick them up.`;
}

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

/** "1.2 MB of 4.5 MB", "100,836 of 400,390 rows", "12 resources": one count in its unit. */
function quantityText(done: number, total: number | undefined, unit: string): string {
  const of = total === undefined || total <= 0 ? '' : ` of ${formatJobQuantity(total, unit)}`;
  return unit === 'bytes'
    ? `${formatJobQuantity(done, unit)}${of}`
    : `${formatJobQuantity(done, unit)}${of} ${unit}`;
}

/**
 * The job's progress in its own unit, plus any further measures: "Uploaded: 1.2 MB of 4.5 MB ·
 * Rows imported: 100,836 of 400,390" (import), "aws-user-personalization: Training (phase 2 of
 * 3) · aws-popularity-count: done" (training, one measure per solution version), "3 of 12
 * resources" (teardown). With measures, they are the text; without, the main count.
 */
export function progressText(job: Job): string {
  const { done, total, unit, phase, measures } = job.progress;
  if (measures !== undefined && measures.length > 0)
    return measures
      .map((measure) => {
        if (measure.unit !== 'phase') {
          // "Rows imported: 100,836 of 400,390": the unit is said once.
          const saysUnit =
            measure.unit !== 'bytes' && measure.label.toLowerCase().includes(measure.unit);
          return `${measure.label}: ${quantityText(measure.done, measure.total, saysUnit ? '' : measure.unit).trimEnd()}`;
        }
        const of = measure.total ?? 0;
        if (of > 0 && measure.done >= of) return `${measure.label}: done`;
        return measure.phase === undefined
          ? `${measure.label}: ${quantityText(measure.done, measure.total, 'phases')}`
          : `${measure.label}: ${measure.phase} (phase ${formatCount(measure.done + 1)}${of > 0 ? ` of ${formatCount(of)}` : ''})`;
      })
      .join(' · ');
  return unit === 'phase'
    ? `phase ${formatCount(done)}${total > 0 ? ` of ${formatCount(total)}` : ''}${phase === undefined ? '' : `: ${phase}`}`
    : `${quantityText(done, total, unit)}${phase === undefined ? '' : ` (${phase})`}`;
}

/** Percentage done of a job, 0..100. */
function percent(job: Job): number {
  if (job.progress.total <= 0) return isTerminalJobState(job.state) ? 100 : 0;
  return Math.min(100, Math.round((job.progress.done / job.progress.total) * 100));
}

/**
 * The Jobs view: every job of the workspace, newest first — progress in the job's own unit,
 * current step, state, elapsed time (without the time the app was down), and a Cancel button
 * while it runs; selecting a job (the newest by default) shows its timeline below
 * ({@link JobTimeline}: each resource's status transitions, elapsed, failure reason, next poll).
 * A failed job's error belongs to its attempt: a newer attempt (a retry, a resume) clears it.
 * Fed only by `jobs.didChange` events. With `isStale` (the connection is lost), unfinished jobs
 * show "Unknown" in grey, without timer or Cancel.
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
  const [cancelError, setCancelError] = useState<{ jobId: string; message: string }>();
  const [selectedId, setSelectedId] = useState<string>();
  const [confirming, setConfirming] = useState<Job>();
  const cancelJob = (job: Job): void => {
    setConfirming(undefined);
    setCancelError(undefined);
    invoke('jobs.cancel', { jobId: job.id }).catch((error: unknown) =>
      setCancelError({ jobId: job.id, message: errorMessage(error) }),
    );
  };
  const sorted = [...jobs].sort((a, b) => b.createdAtMs - a.createdAtMs);
  const selected = sorted.find((job) => job.id === selectedId) ?? sorted[0];
  // A cancel error belongs to the job it was about: it leaves once that job has ended.
  const shownCancelError =
    cancelError !== undefined &&
    sorted.some((job) => job.id === cancelError.jobId && !isTerminalJobState(job.state))
      ? cancelError.message
      : undefined;
  return (
    <div data-testid="jobs-panel">
      {shownCancelError === undefined ? null : (
        <Box color="text-status-error" padding={{ bottom: 's' }}>
          Could not cancel the job: <ClampedText text={shownCancelError} />
        </Box>
      )}
      <Table
        variant="embedded"
        loading={isLoading}
        loadingText="Loading jobs"
        items={sorted}
        trackBy="id"
        selectionType="single"
        selectedItems={selected === undefined ? [] : [selected]}
        onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id)}
        ariaLabels={{
          tableLabel: 'Jobs',
          itemSelectionLabel: (_selection, job) => `Show the timeline of ${jobTitle(job.kind)}`,
          allItemsSelectionLabel: () => 'Jobs',
          selectionGroupLabel: 'Job shown below',
        }}
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
                description={
                  job.pausedReason === undefined ? job.step : `${job.step}: ${job.pausedReason}`
                }
                additionalInfo={progressText(job)}
                status={job.state === 'failed' ? 'error' : 'in-progress'}
                resultText={job.state === 'failed' ? (job.error?.message ?? '') : ''}
              />
            ),
            minWidth: 280,
          },
          {
            id: 'elapsed',
            header: 'Elapsed',
            cell: (job) =>
              formatElapsed(
                job.elapsedMs === undefined
                  ? // Records of earlier versions: wall time.
                    (isTerminalJobState(job.state) || isUnknown(job)
                      ? job.updatedAtMs
                      : Math.max(now, job.updatedAtMs)) - job.createdAtMs
                  : jobElapsedMs(
                      job,
                      isUnknown(job) ? job.updatedAtMs : Math.max(now, job.updatedAtMs),
                    ),
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
                  onClick={() => setConfirming(job)}
                >
                  Cancel
                </Button>
              ),
            width: 110,
          },
        ]}
      />
      {confirming === undefined ? null : (
        <Modal
          visible
          header={`Cancel the ${jobTitle(confirming.kind)} job?`}
          onDismiss={() => setConfirming(undefined)}
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" onClick={() => setConfirming(undefined)}>
                  Keep running
                </Button>
                <Button variant="primary" onClick={() => cancelJob(confirming)}>
                  Cancel job
                </Button>
              </SpaceBetween>
            </Box>
          }
        >
          <span data-testid="cancel-job-text">{cancelText(confirming)}</span>
        </Modal>
      )}
      {selected === undefined ? null : (
        <Box padding={{ top: 'm' }} data-testid="job-timeline">
          <Box variant="h3" padding={{ bottom: 's' }}>
            {jobTitle(selected.kind)}: timeline
          </Box>
          <JobTimeline job={selected} nowMs={Math.max(now, selected.updatedAtMs)} />
        </Box>
      )}
    </div>
  );
}
