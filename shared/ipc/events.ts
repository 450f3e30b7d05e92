import { z } from 'zod';
import { GuideViewSchema } from '../guide.js';
import { JobSchema } from '../jobs.js';
import { IdentitySchema, SignInSchema } from './accounts.js';
import { WorkspaceSchema } from './workspaces.js';

/**
 * Push events main → renderer, keyed by `domain.didChange`. Each carries a full snapshot, so
 * the renderer just replaces what it had (idempotent).
 */
export const events = {
  'jobs.didChange': JobSchema,
  /** The guide of a workspace changed (choices, resources or jobs): its new view. */
  'guide.didChange': z.object({ workspaceId: z.string(), view: GuideViewSchema }),
  /** The list of workspaces or the shown one changed. */
  'workspaces.didChange': z.object({ workspaces: z.array(WorkspaceSchema), currentId: z.string() }),
  /** A workspace's identity or sign-in changed (banner, sign-in dialog). */
  'accounts.didChange': z.object({
    workspaceId: z.string(),
    identity: IdentitySchema.optional(),
    signIn: SignInSchema.optional(),
  }),
} as const;

/** An event name. */
export type EventName = keyof typeof events;
/** Payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** All event names. */
export const EVENT_NAMES = Object.keys(events) as EventName[];
