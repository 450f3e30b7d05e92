import { z } from 'zod';
import { FilterOperatorSchema, PrepareDatasetTypeSchema, SourceEncodingSchema } from './recipe.js';

/**
 * The unsaved Prepare form of the Data step, as the core stores it per workspace
 * (`<userData>/workspaces/<id>/prepare-drafts.json`) and as `data.getPrepareDrafts` /
 * `data.setPrepareDrafts` carry it. The shapes are the renderer's form drafts
 * (renderer/src/features/data/prepare/recipe-form.ts), which are checked against these at
 * compile time: free text stays a string, only enumerations are checked.
 */

/** Largest stored drafts of one workspace, in UTF-8 bytes of their JSON (512 KiB). */
export const MAX_PREPARE_DRAFTS_BYTES = 512 * 1024;

/**
 * How many raw files keep a draft (the most recently edited ones): what the form keeps well
 * under {@link MAX_PREPARE_DRAFTS_BYTES}.
 */
export const MAX_PREPARE_DRAFT_FILES = 20;

/** The conversions of a draft column (the keys of the form's `CONVERSIONS`). */
export const ColumnConversionSchema = z.enum([
  'copy',
  'trim',
  'id',
  'number',
  'integer',
  'epochSeconds',
  'epochMilliseconds',
  'iso',
  'pattern',
  'eventType',
  'thresholds',
]);

/** One output column as the form edits it. */
export const ColumnDraftSchema = z
  .object({
    name: z.string(),
    /** Source column, or '' for a constant. */
    from: z.string(),
    constant: z.string(),
    conversion: ColumnConversionSchema,
    pattern: z.string(),
    timeZone: z.string(),
    thresholds: z.string(),
    mapping: z.string(),
  })
  .readonly();

/** A row filter as the form edits it. */
export const FilterDraftSchema = z
  .object({ column: z.string(), operator: FilterOperatorSchema, value: z.string() })
  .readonly();

/** One output of the recipe as the form edits it. */
export const OutputDraftSchema = z
  .object({
    datasetType: PrepareDatasetTypeSchema,
    isEnabled: z.boolean(),
    columns: z.array(ColumnDraftSchema).readonly(),
    filters: z.array(FilterDraftSchema).readonly(),
    dropBlankIds: z.boolean(),
    dedupe: z.boolean(),
    onePerId: z.boolean(),
  })
  .readonly();

/** A metadata join as the form edits it (`columns`: `Description, Price=UNIT_PRICE`). */
export const JoinDraftSchema = z
  .object({ path: z.string(), key: z.string(), otherKey: z.string(), columns: z.string() })
  .readonly();

/** The draft of one raw file: what the user mapped, fixed and named. */
export const PrepareDraftSchema = z
  .object({
    name: z.string(),
    outDir: z.string(),
    /** One draft per dataset type; `isEnabled` says which datasets the file feeds. */
    outputs: z.array(OutputDraftSchema).readonly(),
    joins: z.array(JoinDraftSchema).readonly(),
    encoding: SourceEncodingSchema.optional(),
    tab: PrepareDatasetTypeSchema,
  })
  .readonly();
/** See {@link PrepareDraftSchema}. */
export type StoredPrepareDraft = z.infer<typeof PrepareDraftSchema>;

/** A workspace's Prepare form: the raw file last shown, and the draft of each file read. */
export const WorkspacePrepareDraftsSchema = z
  .object({
    /** The raw file path as typed or chosen ('' when none). */
    sourcePath: z.string(),
    /** The file whose columns were read last (restored by reading it again), if any. */
    readPath: z.string().optional(),
    /** Drafts keyed by raw file path, the most recently edited last. */
    files: z.record(z.string(), PrepareDraftSchema).readonly(),
  })
  .readonly();
/** See {@link WorkspacePrepareDraftsSchema}. */
export type StoredWorkspacePrepareDrafts = z.infer<typeof WorkspacePrepareDraftsSchema>;

/** A workspace without drafts (nothing typed yet). */
export function emptyPrepareDrafts(): StoredWorkspacePrepareDrafts {
  return { sourcePath: '', files: {} };
}
