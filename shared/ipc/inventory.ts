import { z } from 'zod';
import { RESOURCE_KINDS } from '../resources.js';
import { JobStarted, WorkspaceRef } from './common.js';

/** One resource in a workspace's scope, as the inventory lists it. */
export const InventoryEntrySchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  arn: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
});
/** See {@link InventoryEntrySchema}. */
export type InventoryEntryView = z.infer<typeof InventoryEntrySchema>;

/** Channels of the `inventory` domain: what the workspace's scope holds, and its teardown. */
export const inventoryChannels = {
  /** Resources of the workspace's scope, asked of the service, in deletion order. */
  'inventory.list': { input: WorkspaceRef, output: z.array(InventoryEntrySchema) },
  /** Deletes every resource of the workspace's scope in dependency order, as a job. */
  'inventory.teardown': { input: WorkspaceRef, output: JobStarted },
} as const;
