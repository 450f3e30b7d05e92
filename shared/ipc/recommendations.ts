import { z } from 'zod';
import { ItemDisplayChoiceSchema, RecommendedItemSchema } from '../guide.js';
import { UserIdSchema } from '../rules/ids.js';
import { DEFAULT_NUM_RESULTS, MAX_NUM_RESULTS, MAX_RANKING_INPUT_LIST } from '../rules/limits.js';
import { WorkspaceRef } from './common.js';

/** A user of the interactions file and its number of interactions. */
const UserHistorySchema = z.object({ userId: z.string(), historyCount: z.number().int().min(0) });

/**
 * An optional display file joined to items for display only (e.g. MovieLens' movies.csv,
 * whose `movieId` matches ITEM_ID and whose `title` names the item): every column but the id
 * is added to each item's metadata (the Items file's columns win on a clash).
 */
export const TitlesFileSchema = z.object({
  path: z.string().min(1),
  /** The column holding the item id (e.g. `movieId`). */
  idColumn: z.string().min(1),
});
/** See {@link TitlesFileSchema}. */
export type TitlesFile = z.infer<typeof TitlesFileSchema>;

/** `filterValues` of a runtime call: placeholder name → value as the service takes it (SPEC §8.5). */
export const FilterValuesSchema = z.record(
  z
    .string()
    .regex(/^[A-Za-z0-9_]+$/u)
    .max(50),
  z.string(),
);

/** One interaction of a user's history, with the item's metadata. */
export const HistoryInteractionSchema = z.object({
  itemId: z.string(),
  /** Epoch seconds. */
  timestamp: z.number().optional(),
  eventType: z.string().optional(),
  eventValue: z.number().optional(),
  /** `file` for the imported interactions, `event` for one the studio sent with PutEvents. */
  source: z.enum(['file', 'event']),
  metadata: z.record(z.string(), z.string()),
});
/** See {@link HistoryInteractionSchema}. */
export type HistoryInteraction = z.infer<typeof HistoryInteractionSchema>;

/** What a runtime call answered: items with metadata, and how it was asked. */
const RecommendationsOutput = z.object({
  /** The user asked for; absent (or empty) when a related-items campaign was asked by item only. */
  userId: z.string().optional(),
  itemId: z.string().optional(),
  recommendationId: z.string().optional(),
  /** The campaign that answered. */
  campaignArn: z.string().optional(),
  /** Short recipe name of the campaign's version (`aws-sims`). */
  recipe: z.string().optional(),
  filterArn: z.string().optional(),
  /** Interactions of the user in the imported interactions file: 0 for a cold user. */
  historyCount: z.number().int().min(0).optional(),
  /**
   * Asked by `itemId` only: whether the imported interactions name the item (false: not in
   * the training data, the service answered with popular items); absent when unknown.
   */
  isItemInTrainingData: z.boolean().optional(),
  /** Asked by `itemId` only: the item's own metadata (Items file, then titles file), to name it. */
  itemMetadata: z.record(z.string(), z.string()).optional(),
  items: z.array(RecommendedItemSchema),
  /**
   * `recommendations.rank` only: ids the list held more than once, with their count, sent once
   * (see `rankingInput`); absent when there were none.
   */
  duplicates: z.array(z.object({ itemId: z.string(), count: z.number().int().min(2) })).optional(),
});
/** See the `recommendations.recommend` output. */
export type RecommendationsResult = z.infer<typeof RecommendationsOutput>;

/** Channels of the `recommendations` domain (the runtime). */
export const recommendationsChannels = {
  /**
   * GetRecommendations (SPEC §3.1) on a campaign of the POC (the guide's when `campaignArn` is
   * absent): `userId` for user-personalization and popularity campaigns, `itemId` for related
   * items (SIMS), with an optional filter and its values. Items carry the Items file's
   * metadata and the titles file's columns.
   */
  'recommendations.recommend': {
    input: WorkspaceRef.extend({
      userId: UserIdSchema.optional(),
      itemId: UserIdSchema.optional(),
      campaignArn: z.string().optional(),
      numResults: z.number().int().min(1).max(MAX_NUM_RESULTS).default(DEFAULT_NUM_RESULTS),
      filterArn: z.string().optional(),
      filterValues: FilterValuesSchema.optional(),
      titlesFile: TitlesFileSchema.optional(),
    }),
    output: RecommendationsOutput,
  },
  /**
   * GetPersonalizedRanking (SPEC §3.2): `inputList` reordered for `userId` by a
   * personalized-ranking campaign, with metadata as `recommend`.
   */
  'recommendations.rank': {
    input: WorkspaceRef.extend({
      campaignArn: z.string(),
      userId: UserIdSchema,
      inputList: z.array(z.string().min(1)).min(1).max(MAX_RANKING_INPUT_LIST),
      filterArn: z.string().optional(),
      filterValues: FilterValuesSchema.optional(),
      titlesFile: TitlesFileSchema.optional(),
    }),
    output: RecommendationsOutput,
  },
  /**
   * A user's most recent interactions: the imported interactions file's (most recent first)
   * and the events the studio sent for the user since it started, with item metadata.
   */
  'recommendations.history': {
    input: WorkspaceRef.extend({
      userId: UserIdSchema,
      limit: z.number().int().min(1).max(500).default(50),
      titlesFile: TitlesFileSchema.optional(),
    }),
    output: z.object({
      userId: z.string(),
      /** All interactions of the user in the file (0 for a cold user). */
      historyCount: z.number().int().min(0),
      interactions: z.array(HistoryInteractionSchema),
    }),
  },
  /** The columns of a titles file, to choose its id column. */
  /** The item display choice kept in the workspace (`{ nameColumns: [] }` before any). */
  'recommendations.getDisplay': { input: WorkspaceRef, output: ItemDisplayChoiceSchema },
  /** Keeps the item display choice in the workspace (written before the renderer shows it). */
  'recommendations.setDisplay': {
    input: WorkspaceRef.extend({ display: ItemDisplayChoiceSchema }),
    output: ItemDisplayChoiceSchema,
  },
  'recommendations.titlesColumns': {
    input: WorkspaceRef.extend({ path: z.string().min(1) }),
    output: z.object({ columns: z.array(z.string()) }),
  },
  /**
   * Per column of a titles file, how many of the imported Items file's item ids it holds
   * (`itemCount` of them in all; without an Items file, the distinct ITEM_IDs of the imported
   * interactions, `source` says which), to pick and show its id column (`guide.notReady`
   * before either is imported).
   */
  'recommendations.titlesIdMatches': {
    input: WorkspaceRef.extend({ path: z.string().min(1) }),
    output: z.object({
      itemCount: z.number().int().min(0),
      source: z.enum(['items', 'interactions']),
      matches: z.array(z.object({ column: z.string(), matched: z.number().int().min(0) })),
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
