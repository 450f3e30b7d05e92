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
      datasetType: z.enum(['interactions', 'items']),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: DataPreviewSchema,
  },
} as const;
