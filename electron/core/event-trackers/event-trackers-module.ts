import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { createEventTracker, listEventTrackers, putEvents } from './event-trackers-service.js';
import { sentEventsOf } from './sent-events.js';

/** The `eventTrackers` domain: the POC's event tracker and PutEvents with its wire payload. */
export function eventTrackersModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'eventTrackers.list': async (input) => ({
        eventTrackers: await listEventTrackers(deps.workspaces.get(input.workspaceId).context()),
      }),
      'eventTrackers.create': async (input) =>
        createEventTracker(deps.workspaces.get(input.workspaceId).context(), input.name),
      'eventTrackers.putEvents': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const now = Math.floor(Date.now() / 1000);
        const events = input.events.map((event) => ({ ...event, sentAt: event.sentAt ?? now }));
        const wire = await putEvents(runtime.context(), { ...input, events });
        sentEventsOf(deps.workspaces).add(
          input.workspaceId,
          events.map((event) => ({
            userId: input.userId,
            itemId: event.itemId,
            eventType: event.eventType,
            timestamp: event.sentAt,
            ...(event.eventValue === undefined ? {} : { eventValue: event.eventValue }),
          })),
        );
        return { wire };
      },
    },
  };
}
