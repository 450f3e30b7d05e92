import { z } from 'zod';

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
  message: z.string(),
  column: z.string().optional(),
  /** First few rows where the problem occurs: 1-based data rows (row 1 is the first line after the header). */
  rows: z.array(z.number()).optional(),
  /** A few offending values, as written in the file. */
  samples: z.array(z.string()).optional(),
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

/** A file opened for the grid: its layout as detected, its columns and the first rows. */
export const DataOpenSchema = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  /** Encoding as detected from the bytes (Latin-1 / Windows-1252 / UTF-16 are read as such). */
  encoding: FileEncodingSchema,
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
      maxLength: z.number(),
      min: z.string().optional(),
      max: z.string().optional(),
    }),
  ),
  users: LongTailSchema.optional(),
  items: LongTailSchema.optional(),
  eventTypes: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
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
    output: z.object({ interactions: z.string(), items: z.string(), description: z.string() }),
  },
  'data.preview': {
    input: z.object({
      path: z.string(),
      datasetType: z.enum(['interactions', 'items', 'users']),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: DataPreviewSchema,
  },
  /** Opens a file for the grid: layout, encoding, columns and first rows (no full scan; well under 300 ms). */
  'data.open': {
    input: z.object({ path: z.string() }),
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
    }),
    output: z.object({
      rows: z.array(z.record(z.string(), z.string().nullable())),
      rowCount: z.number().optional(),
    }),
  },
  /** The exact profile of a file for the Data step's charts and table (cached per file version). */
  'data.profile': {
    input: z.object({ path: z.string(), datasetType: z.enum(['interactions', 'items', 'users']) }),
    output: DataProfileSchema,
  },
} as const;
