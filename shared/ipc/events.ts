import { z } from 'zod';
import { JobSchema } from '../jobs.js';
import { PocStateSchema } from '../poc.js';

/**
 * Push events main → renderer, keyed by `domain.didChange`. Each carries a full snapshot, so
 * the renderer just replaces what it had (idempotent).
 */
export const events = {
  'jobs.didChange': JobSchema,
  'poc.didChange': z.object({ workspaceId: z.string(), state: PocStateSchema }),
} as const;

/** An event name. */
export type EventName = keyof typeof events;
/** Payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** All event names. */
export const EVENT_NAMES = Object.keys(events) as EventName[];
