import { z } from 'zod';
import { RecommendedItemSchema } from '../guide.js';
import { UserIdSchema } from '../rules/ids.js';
import { DEFAULT_NUM_RESULTS, MAX_NUM_RESULTS } from '../rules/limits.js';
import { WorkspaceRef } from './common.js';

/** A user of the interactions file and its number of interactions. */
const UserHistorySchema = z.object({ userId: z.string(), historyCount: z.number().int().min(0) });

/** Channels of the `recommendations` domain (the runtime). */
export const recommendationsChannels = {
  'recommendations.recommend': {
    input: WorkspaceRef.extend({
      userId: UserIdSchema,
      numResults: z.number().int().min(1).max(MAX_NUM_RESULTS).default(DEFAULT_NUM_RESULTS),
    }),
    output: z.object({
      userId: z.string(),
      recommendationId: z.string().optional(),
      /** The campaign that answered. */
      campaignArn: z.string().optional(),
      /** Interactions of the user in the imported interactions file: 0 for a cold user. */
      historyCount: z.number().int().min(0).optional(),
      items: z.array(RecommendedItemSchema),
    }),
  },
  /** Users to try in Explore, from the imported interactions file (`guide.notReady` before an import). */
  'recommendations.userShortcuts': {
    input: WorkspaceRef,
    output: z.object({
      /** The users with the most interactions, most first. */
      heavy: z.array(UserHistorySchema),
      /** Users with 2–3 interactions (or the fewest ≥ 2). */
      light: z.array(UserHistorySchema),
      /** Ids the file does not name (cold users). */
      cold: z.array(z.string()),
    }),
  },
} as const;
