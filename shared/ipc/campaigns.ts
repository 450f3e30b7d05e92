import { z } from 'zod';
import { MIN_PROVISIONED_TPS } from '../rules/limits.js';
import { JobStarted, WorkspaceRef } from './common.js';

/** Channels of the `campaigns` domain. */
export const campaignsChannels = {
  /** Deploys the recipe's ACTIVE solution version as a campaign (one per recipe). */
  'campaigns.deploy': {
    input: WorkspaceRef.extend({
      recipe: z.string(),
      minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).default(MIN_PROVISIONED_TPS),
    }),
    output: JobStarted,
  },
} as const;
