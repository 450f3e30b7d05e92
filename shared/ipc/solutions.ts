import { z } from 'zod';
import { SKELETON_RECIPES } from '../personalize.js';
import { JobStarted, WorkspaceRef } from './common.js';

/** Channels of the `solutions` domain: solutions, versions and their metrics. */
export const solutionsChannels = {
  /** Trains one solution version per recipe in the guide's dataset group and reads its metrics. */
  'solutions.train': {
    input: WorkspaceRef.extend({ recipes: z.array(z.enum(SKELETON_RECIPES)).min(1) }),
    output: JobStarted,
  },
} as const;
