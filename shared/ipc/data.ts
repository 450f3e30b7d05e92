import { z } from 'zod';
import { MappingFixSchema } from '../prepare/mapping-fix.js';
import { WorkspacePrepareDraftsSchema } from '../prepare/prepare-draft.js';
import { SourceEncodingSchema, StepSchema } from '../prepare/recipe.js';

/** One entry of the host file browser (paths on the machine that runs the host). */
export const FileEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  isDirectory: z.boolean(),
  sizeBytes: z.number().optional(),
});

/** A finding of the basic data checks: `level` error blocks import, warning does not. */
export const DataCheckSchema = z.object({
  level: z.enum(['error', 'warning', 'info']),
  /** The finding's stable code (shared/rules/findings.ts `FindingCode`, e.g. `file.empty`). */
  code: z.string().optional(),
  message: z.string(),
  column: z.string().optional(),
  /** First few rows where the problem occurs: 1-based data rows (row 1 is the first line after the header). */
  rows: z.array(z.number()).optional(),
  /** A few offending values, as written in the file. */
  samples: z.array(z.string()).optional(),
  /** The fix as a recipe row step (shared/rules/findings.ts `fixStep`), added in one click. */
  fixStep: StepSchema.optional(),
  /**
   * The fix as a change of the recipe's column mapping or source encoding (shared/rules/findings.ts
   * `fixMapping`), applied to the Prepare form in one click ("Apply fix").
   */
  fixMapping: MappingFixSchema.optional(),
});
/** See {@link DataCheckSchema}. */
export type DataCheck = z.infer<typeof DataCheckSchema>;

/** First rows and basic profile of a CSV file, read with DuckDB (the file is never modified). */
export const DataPreviewSchema = z.object({
  path: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.string().nullable())),
  rowCount: z.number(),
  distinct: z.record(z.string(), z.number()),
  checks: z.array(DataCheckSchema),
  /**
   * The version of the file these checks read (its size and mtime when they started): the Data
   * step compares it with the one it showed to notice a file changed on disk.
   */
  version: z.object({ sizeBytes: z.number(), mtimeMs: z.number() }).optional(),
});
/** See {@link DataPreviewSchema}. */
export type DataPreview = z.infer<typeof DataPreviewSchema>;

/** Text encodings the studio detects (and the user may choose instead). */
export const FileEncodingSchema = z.enum([
  'utf-8',
  'utf-8-bom',
  'utf-16',
  'latin-1',
  'windows-1252',
]);

/**
 * Encodings the user may choose to reread a file with (the Data step's encoding select); the
 * customer's file is never modified: anything DuckDB cannot read natively is transcoded into a
 * UTF-8 copy in the temporary folder.
 */
export const EncodingChoiceSchema = SourceEncodingSchema;
/** See {@link EncodingChoiceSchema}. */
export type EncodingChoice = z.infer<typeof EncodingChoiceSchema>;

/** A file opened for the grid: its layout as detected, its columns and the first rows. */
export const DataOpenSchema = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  /** Encoding as detected from the bytes (Latin-1 / Windows-1252 / UTF-16 are read as such). */
  encoding: FileEncodingSchema,
  /** The encoding the file was read with as a choice of the select: the one asked for, or the detected one. */
  encodingChoice: EncodingChoiceSchema.optional(),
  /** Column separator (`,`, `;`, `\t`, `|`, `::`). */
  delimiter: z.string(),
  hasHeader: z.boolean(),
  quotedHeader: z.boolean(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  /** The first rows as text (null for empty cells), read without a full scan. */
  rows: z.array(z.record(z.string(), z.string().nullable())),
});
/** See {@link DataOpenSchema}. */
export type DataOpen = z.infer<typeof DataOpenSchema>;

/** One filter of the grid (ag-grid's text and number filter types). */
export const GridFilterSchema = z.object({
  column: z.string(),
  type: z.enum([
    'contains',
    'notContains',
    'equals',
    'notEqual',
    'startsWith',
    'endsWith',
    'blank',
    'notBlank',
    'greaterThan',
    'greaterThanOrEqual',
    'lessThan',
    'lessThanOrEqual',
    'inRange',
  ]),
  value: z.union([z.string().max(1000), z.number()]).optional(),
  valueTo: z.number().optional(),
});

const LongTailSchema = z.object({
  column: z.string(),
  distinct: z.number(),
  single: z.number(),
  median: z.number(),
  max: z.number(),
  points: z.array(z.object({ rank: z.number(), count: z.number(), cumulativeShare: z.number() })),
});

/** Exact profile of a file: per-column table, long tails, event types, time histogram. */
export const DataProfileSchema = z.object({
  path: z.string(),
  datasetType: z.enum(['interactions', 'items', 'users']),
  rowCount: z.number(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      nullCount: z.number(),
      distinct: z.number(),
      /** `distinct` is an estimate (HyperLogLog): shown as "≈". Absent means exact. */
      distinctApproximate: z.boolean().optional(),
      maxLength: z.number(),
      min: z.string().optional(),
      max: z.string().optional(),
    }),
  ),
  users: LongTailSchema.optional(),
  items: LongTailSchema.optional(),
  eventTypes: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
  /** The file-level errors of a file without data rows (`file.empty`, `file.headerOnly`). */
  checks: z.array(DataCheckSchema).optional(),
  time: z
    .object({
      column: z.string(),
      min: z.number(),
      max: z.number(),
      bucketSeconds: z.number(),
      buckets: z.array(z.object({ start: z.number(), count: z.number() })),
    })
    .optional(),
});
/** See {@link DataProfileSchema}. */
export type DataProfile = z.infer<typeof DataProfileSchema>;

/** Channels of the `data` domain: customer files (choose, browse, preview, the bundled sample). */
export const dataChannels = {
  /** The host's native file dialog (Electron); the browser host answers with no path. */
  'data.pickFile': {
    input: z.object({ title: z.string() }),
    output: z.object({ path: z.string().optional() }),
  },
  /** The host file browser: a folder's entries (default: the user's home). */
  'data.listDirectory': {
    input: z.object({ directory: z.string().optional() }),
    output: z.object({
      directory: z.string(),
      parent: z.string().optional(),
      entries: z.array(FileEntrySchema),
    }),
  },
  'data.sample': {
    input: z.object({}),
    output: z.object({
      interactions: z.string(),
      items: z.string(),
      /** The sample's users file (USER_ID, COUNTRY). */
      users: z.string().optional(),
      description: z.string(),
    }),
  },
  'data.preview': {
    input: z.object({
      path: z.string(),
      datasetType: z.enum(['interactions', 'items', 'users']),
      limit: z.number().int().min(1).max(1000).default(100),
      /** Reread the file with this encoding instead of the detected one. */
      encoding: EncodingChoiceSchema.optional(),
    }),
    output: DataPreviewSchema,
  },
  /** Opens a file for the grid: layout, encoding, columns and first rows (no full scan; well under 300 ms). */
  'data.open': {
    input: z.object({ path: z.string(), encoding: EncodingChoiceSchema.optional() }),
    output: DataOpenSchema,
  },
  /**
   * A page of the whole file for the grid's infinite row model, sorted and filtered in SQL;
   * `rowCount` is the number of matching rows once known.
   */
  'data.rows': {
    input: z.object({
      path: z.string(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      sort: z
        .array(z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) }))
        .max(10)
        .default([]),
      filters: z.array(GridFilterSchema).max(50).default([]),
      /** Reread the file with this encoding instead of the detected one. */
      encoding: EncodingChoiceSchema.optional(),
    }),
    output: z.object({
      rows: z.array(z.record(z.string(), z.string().nullable())),
      rowCount: z.number().optional(),
    }),
  },
  /**
   * What the grid's pages under this sort and these filters wait for: `table` while the file's
   * rows are copied for sorting and filtering (unsorted pages are read from the file meanwhile),
   * `view` while the view of the sort and filters is built, `none` when pages come at once;
   * `percent` (0–100) is the build's progress when DuckDB reports it.
   */
  'data.rowsStatus': {
    input: z.object({
      path: z.string(),
      sort: z
        .array(z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) }))
        .max(10)
        .default([]),
      filters: z.array(GridFilterSchema).max(50).default([]),
      /** Reread the file with this encoding instead of the detected one. */
      encoding: EncodingChoiceSchema.optional(),
    }),
    output: z.object({
      building: z.enum(['table', 'view', 'none']),
      percent: z.number().min(0).max(100).optional(),
    }),
  },
  /** The exact profile of a file for the Data step's charts and table (cached per file version). */
  'data.profile': {
    input: z.object({
      path: z.string(),
      datasetType: z.enum(['interactions', 'items', 'users']),
      /** Reread the file with this encoding instead of the detected one. */
      encoding: EncodingChoiceSchema.optional(),
    }),
    output: DataProfileSchema,
  },
} as const;

/** Rows left after one stage of a recipe output (`Rows read`, `Drop rows with a blank USER_ID`...). */
export const PrepareStageSchema = z.object({ label: z.string(), rows: z.number() });

/** One importable file an export wrote, with its schema and the data rules' findings. */
export const PreparedFileSchema = z.object({
  datasetType: z.enum(['interactions', 'items', 'users']),
  path: z.string(),
  schemaPath: z.string(),
  schema: z.string(),
  rows: z.number(),
  stages: z.array(PrepareStageSchema),
  sql: z.string(),
  errors: z.number(),
  warnings: z.number(),
  findings: z.array(DataCheckSchema),
});
/** See {@link PreparedFileSchema}. */
export type PreparedFile = z.infer<typeof PreparedFileSchema>;

/**
 * Channels that fix a customer export into importable files with a recipe
 * (shared/prepare/recipe.ts; the recipe is validated by the handler, its issues named by path).
 */
export const prepareChannels = {
  /** The SQL of one recipe output, its first rows and the rows left after each stage; nothing written. */
  'data.preparePreview': {
    input: z.object({
      path: z.string().min(1),
      recipe: z.unknown(),
      outputIndex: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.object({
      sql: z.string(),
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.string().nullable())),
      stages: z.array(PrepareStageSchema),
      sourceColumns: z.array(z.string()),
      encoding: z.string(),
      delimiter: z.string(),
    }),
  },
  /** Source columns of a file (to build a recipe), with its detected encoding and separator. */
  'data.prepareColumns': {
    input: z.object({ path: z.string().min(1) }),
    output: z.object({
      /**
       * Each column with what the mapping guess reads (shared/rules/column-mapping.ts
       * `MappingColumn`): nulls, longest value, `|`-joined values, distinct text values and the
       * first values, from one read of the whole file.
       */
      columns: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          nullCount: z.number().optional(),
          maxLength: z.number().optional(),
          pipeCount: z.number().optional(),
          distinct: z.number().optional(),
          samples: z.array(z.string()).optional(),
        }),
      ),
      encoding: z.string(),
      delimiter: z.string(),
      /** False when line 1 reads as data: the columns are DuckDB's column0, column1... */
      hasHeader: z.boolean().optional(),
      /**
       * The file-level errors found at once (`file.empty`: no columns; `file.headerOnly`), so the
       * form says them before the user maps columns.
       */
      checks: z.array(DataCheckSchema).optional(),
    }),
  },
  /**
   * Saves the recipe in the workspace and writes its files and schemas into `outDir` (default
   * `~/POC Studio exports/<workspace prefix>/<recipe name>`; never the studio's data folder, never
   * over the source): the customer's file is only read. Files of an earlier export in `outDir`
   * are replaced only with `replace`: else `file.exists`, with `details.files` (the names, one a
   * line), `details.outDir` and `details.suggestedOutDir` (a sibling folder holding none of them).
   */
  'data.prepareExport': {
    input: z.object({
      workspaceId: z.string().min(1),
      path: z.string().min(1),
      recipe: z.unknown(),
      outDir: z.string().min(1).optional(),
      /**
       * True when the user agreed to replace the files of an earlier export in `outDir`; without
       * it the export fails with `file.exists` naming them (customer files are never silently
       * overwritten).
       */
      replace: z.boolean().optional(),
    }),
    output: z.object({
      outDir: z.string(),
      recipePath: z.string(),
      files: z.array(PreparedFileSchema),
    }),
  },
  /**
   * The workspace's unsaved Prepare form (shared/prepare/prepare-draft.ts), as the last
   * `data.setPrepareDrafts` stored it; no drafts when none was stored or the file is unreadable.
   */
  'data.getPrepareDrafts': {
    input: z.object({ workspaceId: z.string().min(1) }),
    output: z.object({ drafts: WorkspacePrepareDraftsSchema }),
  },
  /**
   * Stores the workspace's Prepare form in its folder (atomic write; a restart or another window
   * reads it back). Refused with `input.invalid` over `MAX_PREPARE_DRAFTS_BYTES` (512 KiB of
   * JSON), and with `workspace.notFound` once the workspace is deleted.
   */
  'data.setPrepareDrafts': {
    input: z.object({ workspaceId: z.string().min(1), drafts: WorkspacePrepareDraftsSchema }),
    output: z.object({ sizeBytes: z.number().int().min(0) }),
  },
  /** Recipes saved in the workspace, newest first. */
  'data.prepareRecipes': {
    input: z.object({ workspaceId: z.string().min(1) }),
    output: z.object({
      recipes: z.array(z.object({ name: z.string(), path: z.string(), recipe: z.unknown() })),
    }),
  },
} as const;
