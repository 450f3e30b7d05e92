import { z } from 'zod';
import { GuideViewSchema } from '../guide.js';
import { WorkspaceRef } from './common.js';

/** Channels of the `guide` domain: the guided POC's choices and derived step states. */
export const guideChannels = {
  'guide.get': { input: WorkspaceRef, output: GuideViewSchema },
  /** Chooses the guide's files (checked at once: blocking findings make the Data step need attention). */
  'guide.setFiles': {
    input: WorkspaceRef.extend({
      interactions: z.string().optional(),
      items: z.string().optional(),
      users: z.string().optional(),
    }),
    output: GuideViewSchema,
  },
} as const;
