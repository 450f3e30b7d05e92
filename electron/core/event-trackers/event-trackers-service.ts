import {
  CreateEventTrackerCommand,
  DescribeEventTrackerCommand,
  paginateListEventTrackers,
} from '@aws-sdk/client-personalize';
import { PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { AppError } from '../../../shared/errors.js';
import type { EventInput, EventTrackerSummary } from '../../../shared/ipc/event-trackers.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import type { ServiceContext } from '../workspaces/service-context.js';

type TrackersContext = Pick<
  ServiceContext,
  'clients' | 'resources' | 'getChoices' | 'tags' | 'workspace'
>;

/**
 * The event trackers of the guide's dataset group (ListEventTrackers, DescribeEventTracker for
 * the tracking id; SPEC §2.19), recorded in the resource cache.
 * @throws AppError `aws.*`.
 */
export async function listEventTrackers(context: TrackersContext): Promise<EventTrackerSummary[]> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined) return [];
  const { personalize } = context.clients;
  const arns: string[] = [];
  await callAws('ListEventTrackers', async () => {
    for await (const page of paginateListEventTrackers(
      { client: personalize },
      { datasetGroupArn },
    ))
      for (const summary of page.eventTrackers ?? [])
        if (summary.eventTrackerArn !== undefined) arns.push(summary.eventTrackerArn);
  });
  const trackers: EventTrackerSummary[] = [];
  for (const eventTrackerArn of arns) {
    const tracker = (
      await callAws('DescribeEventTracker', () =>
        personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn })),
      )
    ).eventTracker;
    if (tracker === undefined) continue;
    await context.resources.record({
      arn: eventTrackerArn,
      kind: 'eventTracker',
      name: tracker.name ?? eventTrackerArn,
      status: tracker.status,
      parentArn: datasetGroupArn,
      attributes: tracker,
    });
    trackers.push({
      eventTrackerArn,
      name: tracker.name ?? eventTrackerArn,
      ...(tracker.trackingId === undefined ? {} : { trackingId: tracker.trackingId }),
      ...(tracker.status === undefined ? {} : { status: tracker.status }),
      ...(tracker.creationDateTime === undefined
        ? {}
        : { createdAtMs: tracker.creationDateTime.getTime() }),
    });
  }
  return trackers;
}

/**
 * CreateEventTracker `<prefix>-events` (or `name`) in the guide's dataset group; an existing
 * tracker of the group is returned instead (the service allows one per dataset group, SPEC §9).
 * @throws AppError `guide.notReady` (nothing imported), `aws.*`.
 */
export async function createEventTracker(
  context: TrackersContext,
  name?: string,
): Promise<{ eventTrackerArn: string; trackingId?: string }> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined)
    throw new AppError(
      'guide.notReady',
      'Import the data first (step Import): the event tracker belongs to its dataset group.',
    );
  const existing = (await listEventTrackers(context))[0];
  if (existing !== undefined)
    return {
      eventTrackerArn: existing.eventTrackerArn,
      ...(existing.trackingId === undefined ? {} : { trackingId: existing.trackingId }),
    };
  const trackerName = name ?? `${context.workspace.prefix}-events`;
  try {
    const out = await callAws(`CreateEventTracker ${trackerName}`, () =>
      context.clients.personalize.send(
        new CreateEventTrackerCommand({
          name: trackerName,
          datasetGroupArn,
          tags: [...context.tags],
        }),
      ),
    );
    if (out.eventTrackerArn === undefined)
      throw new AppError('aws.failed', `CreateEventTracker ${trackerName} returned no ARN.`);
    await context.resources.record({
      arn: out.eventTrackerArn,
      kind: 'eventTracker',
      name: trackerName,
      status: 'CREATE PENDING',
      parentArn: datasetGroupArn,
      attributes: { trackingId: out.trackingId, datasetGroupArn },
    });
    return {
      eventTrackerArn: out.eventTrackerArn,
      ...(out.trackingId === undefined ? {} : { trackingId: out.trackingId }),
    };
  } catch (error) {
    if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
    const found = (await listEventTrackers(context))[0];
    if (found === undefined) throw error;
    return {
      eventTrackerArn: found.eventTrackerArn,
      ...(found.trackingId === undefined ? {} : { trackingId: found.trackingId }),
    };
  }
}

/** The HTTP request as the SDK put it on the wire. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/**
 * PutEvents (SPEC §3.4) through the SDK's events client: one session, 1..10 events, `sentAt`
 * now (epoch seconds) when absent, `properties` sent as a JSON string. Captures the request the
 * SDK built (method, path, JSON body) — the exact payload a site would send — without headers
 * (they carry the signature).
 * @throws AppError `aws.*` (the service's InvalidInputException: unknown tracking id, bad event).
 */
export async function putEvents(
  context: Pick<ServiceContext, 'clients'>,
  input: {
    readonly trackingId: string;
    readonly userId: string;
    readonly sessionId: string;
    readonly events: readonly EventInput[];
  },
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
): Promise<WireRequest> {
  const command = new PutEventsCommand({
    trackingId: input.trackingId,
    userId: input.userId,
    sessionId: input.sessionId,
    eventList: input.events.map((event) => ({
      eventType: event.eventType,
      itemId: event.itemId,
      sentAt: new Date((event.sentAt ?? nowSeconds()) * 1000),
      ...(event.eventValue === undefined ? {} : { eventValue: event.eventValue }),
      ...(event.properties === undefined ? {} : { properties: JSON.stringify(event.properties) }),
      ...(event.recommendationId === undefined ? {} : { recommendationId: event.recommendationId }),
      ...(event.impression === undefined ? {} : { impression: [...event.impression] }),
    })),
  });
  let wire: WireRequest | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method?: string; path?: string; body?: unknown };
      wire = {
        method: request.method ?? 'POST',
        path: request.path ?? '/events',
        body:
          typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
              ? new TextDecoder().decode(request.body)
              : JSON.stringify(request.body ?? {}),
      };
      return next(args);
    },
    { step: 'build', name: 'studioWireCapture', priority: 'low' },
  );
  await callAws('PutEvents', () => context.clients.events.send(command));
  if (wire === undefined) throw new AppError('internal', 'PutEvents sent no request.');
  return wire;
}
