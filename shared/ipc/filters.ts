import { z } from 'zod';
import { UserIdSchema } from '../rules/ids.js';
import { WorkspaceRef } from './common.js';
import { FilterValuesSchema } from './recommendations.js';

/** A filter of the guide's dataset group, as DescribeFilter tells it (SPEC §2.18). */
export const FilterSummarySchema = z.object({
  filterArn: z.string(),
  name: z.string(),
  filterExpression: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  /** Epoch ms. */
  createdAtMs: z.number().optional(),
});
/** See {@link FilterSummarySchema}. */
export type FilterSummary = z.infer<typeof FilterSummarySchema>;

/** Why the dry run removes (or keeps) one item. */
export const DryRunItemSchema = z.object({
  itemId: z.string(),
  /** Rank in the unfiltered recommendations (1-based). */
  rank: z.number().int(),
  removed: z.boolean(),
  /** The expression and condition that decided, in words ("EXCLUDE … matched: GENRE has Comedy"). */
  reason: z.string(),
  metadata: z.record(z.string(), z.string()),
});

/** One schema column as the filter lint checks it (`FilterColumn`, SPEC §8.2 rules 2 and 7). */
export const FilterColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'int', 'long', 'float', 'double', 'boolean']),
  isCategorical: z.boolean().optional(),
  isTextual: z.boolean().optional(),
});

/**
 * The schemas of the guide's dataset group as the filter lint uses them: the columns of each
 * dataset the group has; `unavailable` says why there are none to check fields against (no
 * group or datasets yet, or the schemas could not be read), and the lint then checks grammar only.
 */
export const FilterSchemasSchema = z.object({
  datasets: z.object({
    Items: z.array(FilterColumnSchema).optional(),
    Interactions: z.array(FilterColumnSchema).optional(),
    Users: z.array(FilterColumnSchema).optional(),
  }),
  unavailable: z.string().optional(),
  /**
   * The event types of the imported interactions (and of the events sent with PutEvents) with
   * their row counts, most frequent first; empty when the file has no EVENT_TYPE column; absent
   * when nothing is imported or the file cannot be read. The lint warns about other event types.
   */
  eventTypes: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
});
/** See {@link FilterSchemasSchema}. */
export type FilterSchemas = z.infer<typeof FilterSchemasSchema>;

/** Channels of the `filters` domain (SPEC §2.18, §8). */
export const filtersChannels = {
  /** The filters of the guide's dataset group (ListFilters, DescribeFilter; recorded in the resource cache). */
  'filters.list': {
    input: WorkspaceRef,
    output: z.object({ filters: z.array(FilterSummarySchema) }),
  },
  /**
   * CreateFilter in the guide's dataset group; answers at once with its ARN (CREATE PENDING):
   * `filters.list` shows it turn ACTIVE. The service validates the expression (SPEC §8.2).
   */
  'filters.create': {
    input: WorkspaceRef.extend({
      name: z
        .string()
        .regex(
          /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u,
          'Letters, digits, - and _ (starting with a letter or digit).',
        )
        .max(63),
      filterExpression: z.string().min(1).max(2500),
    }),
    output: z.object({ filterArn: z.string() }),
  },
  /** The group's dataset schemas for the lint (ListDatasets, DescribeDataset, DescribeSchema). */
  'filters.schemas': {
    input: WorkspaceRef,
    output: FilterSchemasSchema,
  },
  /** DeleteFilter. */
  'filters.delete': {
    input: WorkspaceRef.extend({ filterArn: z.string() }),
    output: z.object({}),
  },
  /**
   * Dry run of an expression on the imported data for one user: the campaign's unfiltered
   * recommendations (`numResults`), each marked removed or kept with the reason, evaluated by
   * the studio on the imported Items file and the user's interactions (and the events sent).
   */
  'filters.dryRun': {
    input: WorkspaceRef.extend({
      filterExpression: z.string().min(1).max(2500),
      userId: UserIdSchema,
      filterValues: FilterValuesSchema.default({}),
      campaignArn: z.string().optional(),
      numResults: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({
      userId: z.string(),
      campaignArn: z.string(),
      /**
       * Interactions of the user in the imported interactions file: 0 for a cold user (the
       * campaign then answers with popular items). Absent when the file cannot be read.
       */
      historyCount: z.number().int().optional(),
      items: z.array(DryRunItemSchema),
    }),
  },
} as const;
