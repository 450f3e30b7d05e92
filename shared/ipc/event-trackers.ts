import { z } from 'zod';
import { UserIdSchema } from '../rules/ids.js';
import { WorkspaceRef } from './common.js';

/** An event tracker of the guide's dataset group (SPEC §2.19). */
export const EventTrackerSummarySchema = z.object({
  eventTrackerArn: z.string(),
  name: z.string(),
  /** The id PutEvents names (SPEC §3.4); absent until the service gives it. */
  trackingId: z.string().optional(),
  status: z.string().optional(),
  /** Epoch ms. */
  createdAtMs: z.number().optional(),
});
/** See {@link EventTrackerSummarySchema}. */
export type EventTrackerSummary = z.infer<typeof EventTrackerSummarySchema>;

/** One event to send (SPEC §3.4 `Event`): the studio fills `sentAt` (now) when absent. */
export const EventInputSchema = z.object({
  eventType: z.string().min(1).max(256),
  itemId: z.string().min(1).max(256),
  eventValue: z.number().optional(),
  /** Epoch seconds; now when absent. */
  sentAt: z.number().optional(),
  /** Other Interactions columns, camelCase keys (SPEC §3.4), sent as the JSON string `properties`. */
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  recommendationId: z.string().min(1).max(40).optional(),
  impression: z.array(z.string().min(1)).min(1).max(25).optional(),
});
/** See {@link EventInputSchema}. */
export type EventInput = z.infer<typeof EventInputSchema>;

/**
 * Channels of the `eventTrackers` domain: event trackers (Create / List) and PutEvents (the
 * real-time events of SPEC §3.4). Push events main → renderer are another thing
 * (`shared/ipc/events.ts`).
 */
export const eventTrackersChannels = {
  /** The event trackers of the guide's dataset group (ListEventTrackers, DescribeEventTracker). */
  'eventTrackers.list': {
    input: WorkspaceRef,
    output: z.object({ eventTrackers: z.array(EventTrackerSummarySchema) }),
  },
  /** CreateEventTracker in the guide's dataset group (one per group, SPEC §9); answers with its ARN and tracking id. */
  'eventTrackers.create': {
    input: WorkspaceRef.extend({
      name: z
        .string()
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u)
        .max(63)
        .optional(),
    }),
    output: z.object({ eventTrackerArn: z.string(), trackingId: z.string().optional() }),
  },
  /**
   * PutEvents through the SDK (1..10 events), answering with the exact JSON body the SDK put on
   * the wire — what the customer's site would send.
   */
  'eventTrackers.putEvents': {
    input: WorkspaceRef.extend({
      trackingId: z.string().min(1).max(256),
      userId: UserIdSchema,
      sessionId: z.string().min(1).max(256),
      events: z.array(EventInputSchema).min(1).max(10),
    }),
    output: z.object({
      /** The HTTP request as sent: method, path and body (JSON text). */
      wire: z.object({ method: z.string(), path: z.string(), body: z.string() }),
    }),
  },
} as const;
