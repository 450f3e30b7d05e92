import { z } from 'zod';
import { JobSchema } from '../jobs.js';
import { PocStateSchema, RecommendedItemSchema } from '../poc.js';
import { SKELETON_RECIPES } from '../personalize.js';

/** A workspace as the renderer sees it: never credentials, only what to display. */
export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.object({ kind: z.literal('sandbox'), endpoint: z.string(), region: z.string(), accountId: z.string() }),
  createdAtMs: z.number(),
});
/** See {@link WorkspaceSchema}. */
export type Workspace = z.infer<typeof WorkspaceSchema>;

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

/** Longest user or item id the service accepts (SPEC: ids ≤ 256 characters). */
export const MAX_ID_LENGTH = 256;

/** A USER_ID as the service accepts it: 1..256 characters. */
export const UserIdSchema = z
  .string()
  .min(1, 'Enter a user id.')
  .max(MAX_ID_LENGTH, `A user id has at most ${MAX_ID_LENGTH} characters.`);

const JobStarted = z.object({ jobId: z.string() });
const WorkspaceRef = z.object({ workspaceId: z.string() });
/** A user of the interactions file and its number of interactions. */
const UserHistorySchema = z.object({ userId: z.string(), historyCount: z.number().int().min(0) });

/**
 * The IPC contract: one object keyed by `domain.verb`; each entry holds zod `input` and
 * `output` schemas (STYLE.md §2, IPC contract). Electron main, the preload, the browser host
 * and the renderer client are all derived from it. Long work returns `{jobId}`: a job.
 */
export const contract = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      canPickFilesNatively: z.boolean(),
    }),
  },
  'workspaces.list': { input: z.object({}), output: z.array(WorkspaceSchema) },
  'workspaces.current': { input: z.object({}), output: WorkspaceSchema },
  'files.pick': {
    input: z.object({ title: z.string() }),
    output: z.object({ path: z.string().optional() }),
  },
  'files.list': {
    input: z.object({ directory: z.string().optional() }),
    output: z.object({ directory: z.string(), parent: z.string().optional(), entries: z.array(FileEntrySchema) }),
  },
  'sample.files': {
    input: z.object({}),
    output: z.object({ interactions: z.string(), items: z.string(), description: z.string() }),
  },
  'data.preview': {
    input: z.object({ path: z.string(), datasetType: z.enum(['interactions', 'items']), limit: z.number().int().min(1).max(1000).default(100) }),
    output: DataPreviewSchema,
  },
  'poc.get': { input: WorkspaceRef, output: PocStateSchema },
  'poc.setFiles': {
    input: WorkspaceRef.extend({ interactions: z.string().optional(), items: z.string().optional() }),
    output: PocStateSchema,
  },
  'poc.import': { input: WorkspaceRef, output: JobStarted },
  'poc.train': {
    input: WorkspaceRef.extend({ recipes: z.array(z.enum(SKELETON_RECIPES)).min(1) }),
    output: JobStarted,
  },
  'poc.deploy': {
    input: WorkspaceRef.extend({ recipe: z.string(), minProvisionedTPS: z.number().int().min(1).default(1) }),
    output: JobStarted,
  },
  'poc.recommend': {
    input: WorkspaceRef.extend({ userId: UserIdSchema, numResults: z.number().int().min(1).max(500).default(25) }),
    output: z.object({
      userId: z.string(),
      recommendationId: z.string().optional(),
      /** Interactions of the user in the imported interactions file: 0 for a cold user. */
      historyCount: z.number().int().min(0).optional(),
      items: z.array(RecommendedItemSchema),
    }),
  },
  /** Users to try in Explore, from the imported interactions file (`poc.notReady` before an import). */
  'poc.userShortcuts': {
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
  'poc.cleanup': { input: WorkspaceRef, output: JobStarted },
  'poc.inventory': {
    input: WorkspaceRef,
    output: z.array(z.object({ kind: z.string(), arn: z.string(), status: z.string().optional() })),
  },
  'jobs.list': { input: WorkspaceRef.partial(), output: z.array(JobSchema) },
  'jobs.cancel': { input: z.object({ jobId: z.string() }), output: z.object({}) },
} as const;

/** The contract's type. */
export type Contract = typeof contract;
/** A channel name, e.g. `'poc.import'`. */
export type Channel = keyof Contract;
/** Input type of a channel (before zod defaults apply). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** Output type of a channel. */
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** All channel names. */
export const CHANNELS = Object.keys(contract) as Channel[];

/** True when `name` is a contract channel. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
