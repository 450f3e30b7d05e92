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

/** A solution of the POC, its version and what training produced. */
export const PocSolutionSchema = z.object({
  recipe: z.string(),
  solutionArn: z.string(),
  solutionVersionArn: z.string().optional(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  metrics: MetricsSchema.optional(),
});
/** See {@link PocSolutionSchema}. */
export type PocSolution = z.infer<typeof PocSolutionSchema>;

/** State of one guided step in the left-hand checklist (UX.md, Frame). */
export const StepStateSchema = z.enum(['notStarted', 'running', 'done', 'attention']);
/** See {@link StepStateSchema}. */
export type StepState = z.infer<typeof StepStateSchema>;

/** The guided steps, in order. */
export const POC_STEPS = ['data', 'import', 'solutions', 'campaign', 'explore', 'cleanup'] as const;
/** One of {@link POC_STEPS}. */
export type PocStep = (typeof POC_STEPS)[number];

/**
 * Everything the studio created or chose for one POC: persisted before every change so that
 * teardown always knows what exists, and a restart loses nothing.
 */
export const PocStateSchema = z.object({
  files: z.object({
    interactions: z.string().optional(),
    items: z.string().optional(),
  }),
  /**
   * The files whose import last succeeded, per dataset type: the campaign serves these, so
   * Explore reads history and metadata from them. Absent in workspaces saved before it existed.
   */
  importedFiles: z
    .object({
      interactions: z.string().optional(),
      items: z.string().optional(),
    })
    .optional(),
  bucket: z.string().optional(),
  datasetGroupArn: z.string().optional(),
  schemaArns: z.record(z.string(), z.string()),
  datasetArns: z.record(z.string(), z.string()),
  importJobArns: z.record(z.string(), z.string()),
  importStatus: z.record(z.string(), z.string()),
  /** Rows imported per dataset type (`interactions`, `items`), as counted by the studio. */
  importedRows: z.record(z.string(), z.number()),
  solutions: z.array(PocSolutionSchema),
  campaign: z
    .object({
      campaignArn: z.string(),
      solutionVersionArn: z.string(),
      recipe: z.string(),
      status: z.string().optional(),
      minProvisionedTPS: z.number(),
    })
    .optional(),
  steps: z.record(z.string(), StepStateSchema),
});
/** See {@link PocStateSchema}. */
export type PocState = z.infer<typeof PocStateSchema>;

/** A fresh POC with nothing chosen or created. */
export function emptyPocState(): PocState {
  return {
    files: {},
    schemaArns: {},
    datasetArns: {},
    importJobArns: {},
    importStatus: {},
    importedRows: {},
    solutions: [],
    steps: Object.fromEntries(POC_STEPS.map((step) => [step, 'notStarted'])),
  };
}

/** A recommended item with the item metadata the Items file gave for it. */
export const RecommendedItemSchema = z.object({
  itemId: z.string(),
  score: z.number().optional(),
  metadata: z.record(z.string(), z.string()),
});
/** See {@link RecommendedItemSchema}. */
export type RecommendedItem = z.infer<typeof RecommendedItemSchema>;
