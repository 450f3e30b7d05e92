import Box from '@cloudscape-design/components/box';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator, type StatusIndicatorProps } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import {
  isTerminalJobState,
  jobActiveMsBetween,
  jobElapsedMs,
  type Job,
  type JobResource,
} from '../../../../shared/jobs.js';
import { ClampedText } from '../../components/ClampedText.js';
import { formatElapsed } from '../../app/steps.js';

/** Cloudscape status of a Personalize status string (ACTIVE, CREATE FAILED, …). */
export function resourceStatusType(status: string | undefined): StatusIndicatorProps.Type {
  if (status === undefined) return 'pending';
  if (status === 'ACTIVE') return 'success';
  if (status.endsWith('FAILED')) return 'error';
  if (status.endsWith('STOPPED')) return 'stopped';
  if (status.endsWith('PENDING')) return 'pending';
  return 'in-progress';
}

/** "12:04:31": a wall-clock time of the timeline (local time). */
function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

/** "in 42 s", "now": when the next poll happens, relative to `nowMs`. */
export function nextPollText(nextPollAtMs: number | undefined, nowMs: number): string {
  if (nextPollAtMs === undefined) return '—';
  const seconds = Math.round((nextPollAtMs - nowMs) / 1000);
  return seconds <= 0 ? 'now' : `in ${formatElapsed(seconds * 1000)}`;
}

/**
 * How long a resource has been in its states as the job saw them, while the app ran: from its
 * first observed status to its last transition (terminal) or to `nowMs` (still changing),
 * without the time the app was down (the job's run segments, see `jobActiveMsBetween`; wall
 * time for records of earlier versions).
 */
export function resourceElapsedMs(job: Job, resource: JobResource, nowMs: number): number {
  const first = resource.transitions[0]?.atMs;
  const last = resource.transitions.at(-1);
  if (first === undefined || last === undefined) return 0;
  const status = last.status;
  const isSettled =
    isTerminalJobState(job.state) ||
    status === 'ACTIVE' ||
    status.endsWith('FAILED') ||
    status.endsWith('STOPPED');
  return jobActiveMsBetween(job, first, isSettled ? last.atMs : nowMs, nowMs);
}

/**
 * One job's timeline (the Jobs view): state, attempt, elapsed time without the time the app was
 * down, the next poll and why it waits; every remote resource it created or waited on with its
 * status transitions (time each was first seen and how long after the previous one), elapsed,
 * failure reason and next poll; then the job's own events (retries, pauses, waits for a quota
 * slot, resumption after a restart). Every value from the service is rendered as text.
 */
export function JobTimeline({ job, nowMs }: { job: Job; nowMs: number }) {
  const isDone = isTerminalJobState(job.state);
  const resources = job.resources ?? [];
  const events = [...(job.events ?? [])].reverse();
  return (
    <SpaceBetween size="m">
      <KeyValuePairs
        columns={4}
        items={[
          { label: 'Step', value: <ClampedText text={job.step} maxLength={120} /> },
          { label: 'Attempt', value: String(Math.max(job.attempt, 1)) },
          {
            label: 'Elapsed (app running)',
            value: <span data-testid="job-elapsed">{formatElapsed(jobElapsedMs(job, nowMs))}</span>,
          },
          {
            label: 'Next poll',
            value: isDone ? '—' : nextPollText(job.nextPollAtMs, nowMs),
          },
          ...(job.pausedReason === undefined
            ? []
            : [{ label: 'Waiting because', value: <ClampedText text={job.pausedReason} /> }]),
        ]}
      />
      <Table
        variant="embedded"
        ariaLabels={{ tableLabel: 'Resources of the job' }}
        wrapLines
        items={resources}
        trackBy="arn"
        data-testid="job-resources"
        empty={<Box color="text-body-secondary">No remote resource yet.</Box>}
        columnDefinitions={[
          {
            id: 'resource',
            header: 'Resource',
            cell: (resource) => (
              <span>
                <Box variant="small">{resource.kind}</Box>{' '}
                <ClampedText text={resource.name} maxLength={60} isId />
              </span>
            ),
            width: 220,
          },
          {
            id: 'status',
            header: 'Status',
            cell: (resource) => {
              const status = resource.transitions.at(-1)?.status;
              if (
                job.state === 'cancelled' &&
                resourceStatusType(status) !== 'success' &&
                resourceStatusType(status) !== 'error' &&
                resourceStatusType(status) !== 'stopped'
              )
                // Nobody describes it any more: its last status is history, not a live one.
                return (
                  <span data-testid={`job-resource-status-${resource.name}`} data-live="false">
                    <StatusIndicator type="stopped" colorOverride="grey">
                      {`${status ?? 'Unknown'} — last seen ${clock(resource.lastSeenAtMs)}, when the job was cancelled`}
                    </StatusIndicator>
                  </span>
                );
              return (
                <span
                  data-testid={`job-resource-status-${resource.name}`}
                  data-live={String(!isDone)}
                >
                  <StatusIndicator type={resourceStatusType(status)}>
                    {status ?? 'Unknown'}
                  </StatusIndicator>
                </span>
              );
            },
            width: 170,
          },
          {
            id: 'timeline',
            header: 'Status transitions',
            cell: (resource) => (
              <span data-testid={`timeline-${resource.name}`}>
                {resource.transitions.map((transition, index) => {
                  const previous = resource.transitions[index - 1];
                  return (
                    <span key={`${transition.status}-${transition.atMs}`}>
                      {index > 0 ? ' → ' : ''}
                      {transition.status} {clock(transition.atMs)}
                      {previous === undefined
                        ? ''
                        : ` (+${formatElapsed(jobActiveMsBetween(job, previous.atMs, transition.atMs, nowMs))})`}
                    </span>
                  );
                })}
              </span>
            ),
            minWidth: 260,
          },
          {
            id: 'elapsed',
            header: 'Elapsed',
            cell: (resource) => (
              <span data-testid={`job-resource-elapsed-${resource.name}`}>
                {formatElapsed(resourceElapsedMs(job, resource, nowMs))}
              </span>
            ),
            width: 110,
          },
          {
            id: 'failureReason',
            header: 'Failure reason',
            cell: (resource) =>
              resource.failureReason === undefined ? (
                '—'
              ) : (
                <ClampedText text={resource.failureReason} />
              ),
            minWidth: 200,
          },
          {
            id: 'nextPoll',
            header: 'Next poll',
            cell: (resource) => (isDone ? '—' : nextPollText(resource.nextPollAtMs, nowMs)),
            width: 110,
          },
        ]}
      />
      {events.length === 0 ? null : (
        <Box>
          <Box variant="h4">Events</Box>
          <ul aria-label="Events of the job" style={{ margin: 0, paddingInlineStart: 18 }}>
            {events.map((event) => (
              <li key={`${event.atMs}-${event.kind}-${event.text}`}>
                <Box variant="small" display="inline">
                  {clock(event.atMs)}
                </Box>{' '}
                <ClampedText text={event.text} />
              </li>
            ))}
          </ul>
        </Box>
      )}
    </SpaceBetween>
  );
}
