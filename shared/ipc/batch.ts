import { z } from 'zod';
import { MAX_NUM_RESULTS } from '../rules/limits.js';
import { JobStarted, WorkspaceRef } from './common.js';
import { FilterValuesSchema, TitlesFileSchema } from './recommendations.js';

/** One batch inference job of the POC (SPEC §2.17): listed and described, never deleted. */
export const BatchJobSummarySchema = z.object({
  batchInferenceJobArn: z.string(),
  jobName: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  solutionVersionArn: z.string().optional(),
  /** Short recipe name of the version. */
  recipe: z.string().optional(),
  inputPath: z.string().optional(),
  outputPath: z.string().optional(),
  numResults: z.number().optional(),
  filterArn: z.string().optional(),
  /** Epoch ms. */
  createdAtMs: z.number().optional(),
});
/** See {@link BatchJobSummarySchema}. */
export type BatchJobSummary = z.infer<typeof BatchJobSummarySchema>;

/** One line of a batch output file: the input line, the items returned, or the line's error. */
export const BatchOutputRowSchema = z.object({
  line: z.number().int(),
  /** `userId` or `itemId` of the input line. */
  key: z.string(),
  /** Whether `key` is the line's `userId` (user and ranking recipes) or `itemId` (related items). */
  keyKind: z.enum(['user', 'item']).optional(),
  input: z.string(),
  itemIds: z.array(z.string()),
  scores: z.array(z.number()).optional(),
  error: z.string().optional(),
  /**
   * `coldUser`: the line's user is not in the imported interactions file, so the service
   * answered with its popularity fallback (SPEC §3.1: an unknown userId gets popular items, not
   * an error; the output file says nothing of it). Absent when the user is known, the line has
   * an error, or the interactions file cannot be read.
   */
  fallback: z.enum(['coldUser']).optional(),
});
/** See {@link BatchOutputRowSchema}. */
export type BatchOutputRow = z.infer<typeof BatchOutputRowSchema>;

/** Channels of the `batch` domain: batch inference jobs. */
export const batchChannels = {
  /**
   * Builds the JSON Lines input for the solution version's recipe family (SPEC §2.17:
   * `{"userId"}` for user recipes, `{"itemId"}` for related items, `{"userId", "itemList"}` for
   * ranking; with `filterValues` on each line when given), uploads it to the workspace's bucket,
   * runs CreateBatchInferenceJob on the solution version and waits for ACTIVE (a job). A batch
   * job needs no campaign: `campaignArn` is only a shortcut to the version a campaign serves.
   * One of the two is required (`guide.notReady` otherwise).
   */
  'batch.start': {
    input: WorkspaceRef.extend({
      /** The ACTIVE solution version of the POC the job runs on. */
      solutionVersionArn: z.string().optional(),
      /** Shortcut: run on the solution version this campaign of the POC serves. */
      campaignArn: z.string().optional(),
      /** User ids (user and ranking recipes) or item ids (related items), one input line each. */
      ids: z.array(z.string().min(1).max(256)).min(1).max(50_000),
      /** Ranking recipes: the items every line ranks. */
      itemList: z.array(z.string().min(1)).max(500).optional(),
      numResults: z.number().int().min(1).max(MAX_NUM_RESULTS).default(25),
      filterArn: z.string().optional(),
      filterValues: FilterValuesSchema.optional(),
    }),
    output: JobStarted,
  },
  /** The POC's batch inference jobs (those the studio started), described anew. */
  'batch.list': {
    input: WorkspaceRef,
    output: z.object({ jobs: z.array(BatchJobSummarySchema) }),
  },
  /**
   * The output of an ACTIVE batch inference job (`<input file name>.out` under its output
   * path), parsed, with the metadata of every item it names (the imported Items file's columns
   * and the optional titles file's, joined as `recommendations.recommend` joins them).
   */
  'batch.output': {
    input: WorkspaceRef.extend({
      batchInferenceJobArn: z.string(),
      titlesFile: TitlesFileSchema.optional(),
    }),
    output: z.object({
      outputKey: z.string(),
      rows: z.array(BatchOutputRowSchema),
      /** itemId → column → value, for every item id of `rows` (and every key of a related-items job). */
      metadata: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    }),
  },
} as const;
