import { isAppError } from '../../../shared/errors.js';
import {
  MAX_JOB_EVENTS,
  MAX_RESOURCE_TRANSITIONS,
  type JobEvent,
  type JobResource,
} from '../../../shared/jobs.js';

/** What a job learnt about one remote resource from a Create / Describe response. */
export interface ResourceSighting {
  readonly arn: string;
  /** A resource kind of shared/resources.ts. */
  readonly kind: string;
  readonly name: string;
  readonly status?: string | undefined;
  readonly failureReason?: string | undefined;
}

/**
 * The job's resources after a sighting: a new status is appended to the resource's
 * transitions (at most {@link MAX_RESOURCE_TRANSITIONS}, the oldest dropped); a repeated status
 * only refreshes `lastSeenAtMs`; the failure reason follows the latest status. Pure.
 */
export function withSighting(
  resources: readonly JobResource[] | undefined,
  sighting: ResourceSighting,
  nowMs: number,
): JobResource[] {
  const list = [...(resources ?? [])];
  const index = list.findIndex((resource) => resource.arn === sighting.arn);
  const previous = index >= 0 ? list[index] : undefined;
  const transitions = [...(previous?.transitions ?? [])];
  const lastStatus = transitions.at(-1)?.status;
  if (sighting.status !== undefined && sighting.status !== lastStatus)
    transitions.push({ status: sighting.status, atMs: nowMs });
  const next: JobResource = {
    arn: sighting.arn,
    kind: sighting.kind,
    name: sighting.name,
    transitions: transitions.slice(-MAX_RESOURCE_TRANSITIONS),
    lastSeenAtMs: nowMs,
    ...(sighting.status === undefined
      ? previous?.failureReason === undefined
        ? {}
        : { failureReason: previous.failureReason }
      : sighting.failureReason === undefined
        ? {}
        : { failureReason: sighting.failureReason }),
    ...(previous?.nextPollAtMs === undefined ? {} : { nextPollAtMs: previous.nextPollAtMs }),
  };
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
}

/**
 * The job's resources with `nextPollAtMs` set on `arn` (the resource being waited on) and
 * cleared on every other one. Pure.
 */
export function withNextPoll(
  resources: readonly JobResource[] | undefined,
  arn: string | undefined,
  nextPollAtMs: number | undefined,
): JobResource[] {
  return (resources ?? []).map((resource) => {
    const { nextPollAtMs: _previous, ...rest } = resource;
    return resource.arn === arn && nextPollAtMs !== undefined ? { ...rest, nextPollAtMs } : rest;
  });
}

/** The events with `event` appended (at most {@link MAX_JOB_EVENTS}, the oldest dropped). Pure. */
export function withEvent(events: readonly JobEvent[] | undefined, event: JobEvent): JobEvent[] {
  return [...(events ?? []), event].slice(-MAX_JOB_EVENTS);
}

/** Node network error codes: the service cannot be reached (offline, DNS, refused, reset). */
const OFFLINE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);

/** Kinds of error a job outlives by running again later. */
export type TransientKind = 'throttled' | 'serverError' | 'offline';

/**
 * Whether an error is worth a retry of the whole (idempotent) job, and why: `throttled` for
 * `aws.throttled` (ThrottlingException, SlowDown, HTTP 429), `serverError` for an AWS error
 * with HTTP status 5xx (InternalFailure, ServiceUnavailable), `offline` for a network error
 * (the `awsCode` of electron/core/aws/aws-errors.ts is a Node network code). Undefined for
 * every other error, which fails the job.
 */
export function transientKind(error: unknown): TransientKind | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'aws.throttled') return 'throttled';
  if (error.code !== 'aws.failed') return undefined;
  const awsCode = error.details?.awsCode;
  if (typeof awsCode === 'string' && OFFLINE_CODES.has(awsCode)) return 'offline';
  const status = error.details?.httpStatus;
  if (typeof status === 'number' && status >= 500) return 'serverError';
  return undefined;
}
