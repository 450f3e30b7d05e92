import { z } from 'zod';
import { METRIC_KEYS } from './personalize.js';

/** Metrics of one solution version: the 8 keys of SPEC §7.3, each in [0, 1]. */
export const MetricsSchema = z.object(
  Object.fromEntries(METRIC_KEYS.map((key) => [key, z.number()])) as Record<
    (typeof METRIC_KEYS)[number],
    z.ZodNumber
  >,
);
/** See {@link MetricsSchema}. */
export type Metrics = z.infer<typeof MetricsSchema>;

/** The dataset types the guide imports (SPEC §2.6). */
export const GUIDE_DATASET_TYPES = ['interactions', 'items', 'users'] as const;
/** One of {@link GUIDE_DATASET_TYPES}. */
export type GuideDatasetType = (typeof GUIDE_DATASET_TYPES)[number];

/** State of one guided step in the left-hand checklist (UX.md, Frame). */
export const StepStateSchema = z.enum(['notStarted', 'running', 'done', 'attention']);
/** See {@link StepStateSchema}. */
export type StepState = z.infer<typeof StepStateSchema>;

/** The guided steps, in order. */
export const GUIDE_STEPS = [
  'data',
  'import',
  'solutions',
  'campaign',
  'explore',
  'cleanup',
] as const;
/** One of {@link GUIDE_STEPS}. */
export type GuideStep = (typeof GUIDE_STEPS)[number];

/** What the data checks found in a chosen file, with the file's identity when checked. */
export const FileCheckSummarySchema = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  /** Modification time of the file when checked, epoch ms. */
  mtimeMs: z.number(),
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  /** The first blocking finding, for the step's explanation. */
  firstError: z.string().optional(),
});
/** See {@link FileCheckSummarySchema}. */
export type FileCheckSummary = z.infer<typeof FileCheckSummarySchema>;

/** A schema edited on the Import step: the file it is for and the schema JSON. */
export const EditedSchemaSchema = z.object({
  /** The chosen file the schema was edited for (as `files` records it). */
  path: z.string(),
  /** The Personalize schema JSON (Avro record), as edited. */
  text: z.string().max(200_000),
});
/** See {@link EditedSchemaSchema}. */
export type EditedSchema = z.infer<typeof EditedSchemaSchema>;

/**
 * How Explore and Batch name an item: the columns joined into its name (empty: automatic) and
 * an optional titles file (e.g. MovieLens movies.csv) joined on `idColumn` for display only.
 */
export const ItemDisplayChoiceSchema = z.object({
  nameColumns: z.array(z.string()).default([]),
  titlesFile: z.object({ path: z.string(), idColumn: z.string() }).optional(),
});
/** See {@link ItemDisplayChoiceSchema}. */
export type ItemDisplayChoice = z.infer<typeof ItemDisplayChoiceSchema>;

/**
 * What the consultant chose in the guided POC — the only state the guide keeps (ARCHITECTURE.md,
 * "The guided POC is a view, not a data model"). Everything about resources comes from the
 * workspace's resource cache.
 */
export const GuideChoicesSchema = z.object({
  files: z.object({
    interactions: z.string().optional(),
    items: z.string().optional(),
    users: z.string().optional(),
  }),
  /** Check summaries of the chosen files, per dataset type (recomputed when a file changes). */
  fileChecks: z.record(z.string(), FileCheckSummarySchema).default({}),
  /**
   * Schemas edited on the Import step, per dataset type, each with the file it was edited for:
   * the import uses one only while that file is still the chosen one (the customer's file is
   * never written to, so the schema is kept in the workspace, not beside the file).
   */
  schemas: z.record(z.string(), EditedSchemaSchema).default({}),
  /** The dataset group the guide imports into and trains in. */
  datasetGroupArn: z.string().optional(),
  /** The recipes the consultant asked the guide to train. */
  recipes: z.array(z.string()).default([]),
  /** The campaign Explore asks (the last one deployed from the guide). */
  campaignArn: z.string().optional(),
  /** The campaign recommendations were last asked of (the Explore step is done for it). */
  exploredCampaignArn: z.string().optional(),
  /** How Explore and Batch name items; see {@link ItemDisplayChoiceSchema}. */
  itemDisplay: ItemDisplayChoiceSchema.optional(),
});
/** See {@link GuideChoicesSchema}. */
export type GuideChoices = z.infer<typeof GuideChoicesSchema>;

/** Choices of a fresh guide: nothing chosen. */
export function emptyGuideChoices(): GuideChoices {
  return { files: {}, fileChecks: {}, schemas: {}, recipes: [] };
}

/** A solution of the guide as the resource cache knows it: its latest version and metrics. */
export const GuideSolutionSchema = z.object({
  recipe: z.string(),
  solutionArn: z.string(),
  solutionVersionArn: z.string().optional(),
  /** Status of the latest solution version (of the solution while it has none). */
  status: z.string().optional(),
  failureReason: z.string().optional(),
  metrics: MetricsSchema.optional(),
});
/** See {@link GuideSolutionSchema}. */
export type GuideSolution = z.infer<typeof GuideSolutionSchema>;

/** A campaign of the guide's dataset group. */
export const GuideCampaignSchema = z.object({
  campaignArn: z.string(),
  name: z.string(),
  solutionVersionArn: z.string(),
  recipe: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  minProvisionedTPS: z.number(),
});
/** See {@link GuideCampaignSchema}. */
export type GuideCampaign = z.infer<typeof GuideCampaignSchema>;

/**
 * The guided POC as the renderer shows it: the consultant's choices joined with the resources
 * of the workspace's cache and its jobs (electron/core/guide/guide-view.ts derives it on every
 * change). Nothing here is stored.
 */
export const GuideViewSchema = z.object({
  files: z.object({
    interactions: z.string().optional(),
    items: z.string().optional(),
    users: z.string().optional(),
  }),
  fileChecks: z.record(z.string(), FileCheckSummarySchema),
  /** The files whose latest import is ACTIVE, per dataset type: the campaign serves these. */
  importedFiles: z.object({
    interactions: z.string().optional(),
    items: z.string().optional(),
    users: z.string().optional(),
  }),
  datasetGroupArn: z.string().optional(),
  /** Schema, dataset and latest import job ARNs per dataset type, from the resource cache. */
  schemaArns: z.record(z.string(), z.string()),
  datasetArns: z.record(z.string(), z.string()),
  importJobArns: z.record(z.string(), z.string()),
  /** Status of the latest import job per dataset type. */
  importStatus: z.record(z.string(), z.string()),
  /** Failure reason of the latest import job per dataset type, when it failed. */
  importFailures: z.record(z.string(), z.string()),
  /** Rows of the latest ACTIVE import per dataset type, as counted by the studio. */
  importedRows: z.record(z.string(), z.number()),
  solutions: z.array(GuideSolutionSchema),
  /** Every campaign of the guide's dataset group. */
  campaigns: z.array(GuideCampaignSchema),
  /** The campaign Explore asks. */
  campaign: GuideCampaignSchema.optional(),
  steps: z.record(z.string(), StepStateSchema),
  /** True when the chosen files differ from the imported ones: solutions and campaigns hold the older files. */
  filesChanged: z.boolean(),
  /** True while any resource of the guide's dataset group (or its bucket) is known to exist. */
  hasResources: z.boolean(),
});
/** See {@link GuideViewSchema}. */
export type GuideView = z.infer<typeof GuideViewSchema>;

/** A recommended item with the item metadata the Items file gave for it. */
export const RecommendedItemSchema = z.object({
  itemId: z.string(),
  score: z.number().optional(),
  metadata: z.record(z.string(), z.string()),
});
/** See {@link RecommendedItemSchema}. */
export type RecommendedItem = z.infer<typeof RecommendedItemSchema>;
