import { z } from 'zod';
import { JobStarted, WorkspaceRef } from './common.js';

/** Channels of the `campaigns` domain. */
export const campaignsChannels = {
  /** Deploys the recipe's ACTIVE solution version as a campaign (one per recipe). */
  'campaigns.deploy': {
    input: WorkspaceRef.extend({ recipe: z.string(), minProvisionedTPS: z.number().int().min(1).default(1) }),
    output: JobStarted,
  },
} as const;
