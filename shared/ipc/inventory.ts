import { z } from 'zod';
import { RESOURCE_KINDS } from '../resources.js';
import { JobStarted, WorkspaceRef } from './common.js';

/** One resource in a workspace's scope, as the inventory lists it. */
export const InventoryEntrySchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  arn: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
});
/** See {@link InventoryEntrySchema}. */
export type InventoryEntryView = z.infer<typeof InventoryEntrySchema>;

/**
 * Kinds the inventory and the teardown plan name: the resource cache's kinds plus the
 * Personalize resources the studio does not create itself but finds in an account (SPEC §2.9,
 * §2.19, §2.20, §2.21).
 */
export const INVENTORY_KINDS = [
  ...RESOURCE_KINDS,
  'recommender',
  'metricAttribution',
  'datasetExportJob',
  'batchSegmentJob',
] as const;
/** One of {@link INVENTORY_KINDS}. */
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/**
 * What a teardown may touch.
 *
 * - `workspace`: the workspace's dataset groups by the one ownership rule (its
 *   `poc-studio:workspace` tag, else the `<workspace prefix>-` of its name:
 *   `shared/inventory/ownership.ts`) and all they hold, schemas of that prefix, and, when `includeEnvironment`, the
 *   workspace's bucket with its objects and its IAM role when it carries the workspace's tag;
 * - `prefix`: every dataset group (and what it holds) and schema whose name starts with `prefix`
 *   — for POCs made outside the studio; never a bucket or a role;
 * - `datasetGroup`: one dataset group, what it holds, and the schemas only its datasets use.
 */
export const TeardownScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace') }),
  z.object({ kind: z.literal('prefix'), prefix: z.string().min(1) }),
  z.object({ kind: z.literal('datasetGroup'), datasetGroupArn: z.string().min(1) }),
]);
/** See {@link TeardownScopeSchema}. */
export type TeardownScope = z.infer<typeof TeardownScopeSchema>;

/**
 * What the teardown does with one item of its plan:
 * `stop` (an in-flight solution version: StopSolutionVersionCreation, then wait for it to settle),
 * `delete` (Delete*, retried while the service answers ResourceInUseException, then wait until
 * gone), `removedWithParent` (not deletable: import / export / batch jobs, solution versions —
 * the service removes them with their dataset group or solution), `keep` (found but outside the
 * scope's rules, e.g. a schema another dataset still uses).
 */
export const TeardownActionSchema = z.enum(['stop', 'delete', 'removedWithParent', 'keep']);
/** See {@link TeardownActionSchema}. */
export type TeardownAction = z.infer<typeof TeardownActionSchema>;

/** One item of a teardown plan: a node of its dependency graph. */
export const TeardownStepSchema = z.object({
  kind: z.enum(INVENTORY_KINDS),
  /** ARN; `arn:aws:s3:::<bucket>/*` stands for every object of the workspace's bucket. */
  arn: z.string(),
  name: z.string(),
  /** Status at plan time (SPEC §2.2), when the service reports one. */
  status: z.string().optional(),
  /** The dataset group it belongs to (absent for schemas, bucket, objects and role). */
  datasetGroupArn: z.string().optional(),
  action: TeardownActionSchema,
  /** ARNs of the steps that must be finished before this one starts (edges of the graph). */
  dependsOn: z.array(z.string()),
  /**
   * Level in the graph, from 0: the longest chain of dependencies before it. Every step of one
   * wave may run at the same time; the plan is ordered by wave.
   */
  wave: z.number().int().nonnegative(),
  /** True when it was `CREATE PENDING` / `CREATE IN_PROGRESS` at plan time: the teardown waits for it to settle, then deletes it. */
  waitsForCreate: z.boolean(),
  /** Why the step is what it is, for the reader ("not deletable: removed with the dataset group"). */
  note: z.string().optional(),
  /** How many resources the step stands for (the objects of a bucket), when more than one. */
  count: z.number().int().optional(),
  /** Campaigns only: what it costs now, per hour in USD (see `CostEstimateSchema`), when the region has a price. */
  costPerHourUsd: z.number().optional(),
});
/** See {@link TeardownStepSchema}. */
export type TeardownStep = z.infer<typeof TeardownStepSchema>;

/**
 * A teardown plan (a dry run): what the teardown of `scope` would stop and delete, in
 * dependency order. `criticalPath` is the number of waves: the longest chain of dependent
 * deletions. A plan with no `stop`/`delete` step means nothing of the scope remains.
 */
export const TeardownPlanSchema = z.object({
  workspaceId: z.string(),
  scope: TeardownScopeSchema,
  includeEnvironment: z.boolean(),
  /** When the service was asked, epoch ms. */
  createdAtMs: z.number(),
  steps: z.array(TeardownStepSchema),
  criticalPath: z.number().int().nonnegative(),
  /**
   * How many steps stop, delete or wait for something (the job's progress total, unit
   * `resources`): `deletable + deleting` of the shared count (`countPlan`,
   * `shared/inventory/inventory-counts.ts`).
   */
  actionable: z.number().int().nonnegative(),
});
/** See {@link TeardownPlanSchema}. */
export type TeardownPlan = z.infer<typeof TeardownPlanSchema>;

/** Input of `inventory.plan` and `inventory.teardown`: the workspace, the scope (default `workspace`) and whether the bucket, objects and role go too (default: only for the `workspace` scope). */
export const TeardownInputSchema = WorkspaceRef.extend({
  scope: TeardownScopeSchema.optional(),
  includeEnvironment: z.boolean().optional(),
});

/** One resource of an inventory, with its age and the workspace that created it. */
export const InventoryItemSchema = z.object({
  kind: z.enum(INVENTORY_KINDS),
  arn: z.string(),
  name: z.string(),
  status: z.string().optional(),
  /** When the service created it, epoch ms (when it says). */
  createdAtMs: z.number().optional(),
  /** Age at listing time, in ms (when the creation time is known). */
  ageMs: z.number().optional(),
  /** The workspace whose prefix (or, for the role, tag) it carries; absent: no workspace of the studio created it. */
  workspaceId: z.string().optional(),
  /** The solution (versions, campaigns), dataset (import jobs) or solution version (batch jobs) it belongs to. */
  parentArn: z.string().optional(),
  /** Schemas only: true when no dataset of the account uses it. */
  isOrphan: z.boolean().optional(),
  /** Schemas only: the ARNs of the datasets of the account that use it (a schema used outside a teardown's scope is kept). */
  usedByDatasetArns: z.array(z.string()).optional(),
  /** Objects only: how many objects the entry stands for. */
  count: z.number().int().optional(),
  /** Campaigns only: the provisioned minimum of transactions per second. */
  minProvisionedTPS: z.number().optional(),
  /** Campaigns and recommenders: estimated running cost per hour in USD (0 unless ACTIVE), when the region has a price. */
  costPerHourUsd: z.number().optional(),
  /** Campaigns and recommenders: true while it bills by the hour (ACTIVE), priced or not. */
  isBilling: z.boolean().optional(),
  /** Active solution versions: training hours billed (DescribeSolutionVersion). */
  trainingHours: z.number().optional(),
  /**
   * Campaigns: when the studio last sent it a recommendation request (GetRecommendations or
   * GetPersonalizedRanking from Explore), epoch ms, when it knows. Absent for an ACTIVE campaign
   * or recommender: unknown — requests made outside the studio are not seen (the service
   * reports no last-request time).
   */
  idleSinceMs: z.number().optional(),
});
/** See {@link InventoryItemSchema}. */
export type InventoryItem = z.infer<typeof InventoryItemSchema>;

/** A dataset group and everything it holds. */
export const InventoryGroupSchema = z.object({
  datasetGroup: InventoryItemSchema,
  resources: z.array(InventoryItemSchema),
});
/** See {@link InventoryGroupSchema}. */
export type InventoryGroup = z.infer<typeof InventoryGroupSchema>;

/**
 * Estimated running cost of the active campaigns of a view, from the studio's one price table
 * (per region, with its source and the date its prices were recorded). `perHourUsd` is what the
 * same campaigns cost on AWS in that region (absent when the table has no price for it);
 * `isBilled` is false on the Local sandbox, which bills nothing.
 */
export const CostEstimateSchema = z.object({
  isBilled: z.boolean(),
  perHourUsd: z.number().optional(),
  activeCampaigns: z.number().int().nonnegative(),
  /** Sum of minProvisionedTPS of the active campaigns. */
  provisionedTps: z.number().nonnegative(),
  /** Started (ACTIVE) recommenders: they bill by the hour too. */
  activeRecommenders: z.number().int().nonnegative().default(0),
  /** Training hours billed so far by the view's active solution versions. */
  trainingHours: z.number().nonnegative().default(0),
  /** What those training hours cost in USD, when the region has a price. */
  trainingCostUsd: z.number().optional(),
  currency: z.literal('USD'),
  priceSource: z.string(),
  pricesRecordedOn: z.string(),
  /** How far the table's figures are checked (shown beside every estimate). */
  priceNote: z.string().default(''),
  /** True only when the region's figures were verified on the pricing page: otherwise every amount is an unverified estimate. */
  isVerified: z.boolean().default(false),
});
/** See {@link CostEstimateSchema}. */
export type CostEstimate = z.infer<typeof CostEstimateSchema>;

/**
 * The inventory of one workspace's account and region, grouped by dataset group: every dataset
 * group of the account (`workspaceId` says whose), the account-level schemas (orphans marked),
 * and the workspace's own bucket (objects counted) and role.
 */
export const InventoryViewSchema = z.object({
  workspaceId: z.string(),
  region: z.string(),
  accountId: z.string().optional(),
  scannedAtMs: z.number(),
  groups: z.array(InventoryGroupSchema),
  schemas: z.array(InventoryItemSchema),
  environment: z.array(InventoryItemSchema),
  /** Running cost of the view's active campaigns (see {@link CostEstimateSchema}). */
  cost: CostEstimateSchema,
});
/** See {@link InventoryViewSchema}. */
export type InventoryView = z.infer<typeof InventoryViewSchema>;

/** What one workspace still holds, in the "alive anywhere" view. */
export const InventoryAliveSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  /** The workspace's own resources (its prefix / tag) that are still alive, grouped as in {@link InventoryViewSchema}. */
  view: InventoryViewSchema.optional(),
  /**
   * How many of its resources are alive: the `total` of the inventory's one count of its own
   * part (`countInventory`, `shared/inventory/inventory-counts.ts`, which says what counts as a
   * resource: import and batch job records are history and not counted, resources being deleted
   * are); the same figure as its Clean up plan's count.
   */
  alive: z.number().int().nonnegative(),
  /** How many of them bill by the hour: ACTIVE campaigns and started (ACTIVE) recommenders (the shared count's `running`). */
  billable: z.number().int().nonnegative().default(0),
  /** Why the account could not be read (signed out, offline), when it could not. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
/** See {@link InventoryAliveSchema}. */
export type InventoryAlive = z.infer<typeof InventoryAliveSchema>;

/**
 * The last inventory refresh (an `inventory.refresh` job): the view of the asking workspace and
 * what is alive in every workspace, at `refreshedAtMs`; `jobId` while a refresh runs. It is
 * persisted per workspace (`<workspace folder>/inventory.json`, written atomically before the
 * in-memory copy changes), so a restarted studio shows the last one, `isStale`, until the next
 * refresh. Both views are absent before the first refresh of the workspace.
 */
export const InventorySnapshotSchema = z.object({
  view: InventoryViewSchema.optional(),
  alive: z.array(InventoryAliveSchema).optional(),
  refreshedAtMs: z.number().optional(),
  /**
   * True for a snapshot read back from disk after a restart: what the account held at
   * `refreshedAtMs`, not re-listed since (shown marked stale until the next refresh).
   */
  isStale: z.boolean().optional(),
  jobId: z.string().optional(),
});
/** See {@link InventorySnapshotSchema}. */
export type InventorySnapshot = z.infer<typeof InventorySnapshotSchema>;

/** One billable resource of the running-cost badge. */
export const BillableResourceSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  kind: z.enum(['campaign', 'recommender']),
  arn: z.string(),
  name: z.string(),
  /** `aws` resources bill; the Local sandbox's do not (their cost is what they would cost on AWS). */
  isBilled: z.boolean(),
  minProvisionedTPS: z.number().optional(),
  /** Estimated cost per hour in USD, when the region has a price. */
  costPerHourUsd: z.number().optional(),
});
/** See {@link BillableResourceSchema}. */
export type BillableResource = z.infer<typeof BillableResourceSchema>;

/**
 * What bills by the hour in every workspace, as the studio last heard from the service (each
 * workspace's resource cache, refreshed by every job and inventory refresh, for campaigns; its
 * last inventory listing for recommenders; no network call):
 * the top bar's running-cost badge and the reminder on quit. `billedPerHourUsd` sums the priced
 * resources of AWS workspaces; `unpriced` counts billed ones without a price.
 */
export const RunningCostSchema = z.object({
  resources: z.array(BillableResourceSchema),
  /** How many of `resources` are campaigns and recommenders (the inventory's shared count, `countRunning`). */
  running: z
    .object({
      campaigns: z.number().int().nonnegative(),
      recommenders: z.number().int().nonnegative(),
    })
    .default({ campaigns: 0, recommenders: 0 }),
  billedCount: z.number().int().nonnegative(),
  billedPerHourUsd: z.number().nonnegative(),
  unpriced: z.number().int().nonnegative(),
  currency: z.literal('USD'),
  priceSource: z.string(),
  pricesRecordedOn: z.string(),
  priceNote: z.string(),
  /** True only when every billed region's figures were verified on the pricing page (see `CostEstimateSchema`). */
  isVerified: z.boolean().default(false),
});
/** See {@link RunningCostSchema}. */
export type RunningCost = z.infer<typeof RunningCostSchema>;

/** Channels of the `inventory` domain: what the workspace's scope holds, and its teardown. */
export const inventoryChannels = {
  /** Resources of the workspace's scope, asked of the service, in deletion order. */
  'inventory.list': { input: WorkspaceRef, output: z.array(InventoryEntrySchema) },
  /** The account and region of the workspace, grouped by dataset group (see {@link InventoryViewSchema}). */
  'inventory.get': { input: WorkspaceRef, output: InventoryViewSchema },
  /** Every workspace's own resources still alive ("what is still alive anywhere"). */
  'inventory.alive': { input: z.object({}), output: z.array(InventoryAliveSchema) },
  /**
   * Refreshes the inventory as a job (`inventory.refresh`, unit `workspaces`): the asking
   * workspace's account and region in full and every workspace's own resources; the result is
   * read with `inventory.snapshot`. An unfinished refresh is returned instead of a second one.
   */
  'inventory.refresh': { input: WorkspaceRef, output: JobStarted },
  /** The last refresh's views (see {@link InventorySnapshotSchema}); no service call. */
  'inventory.snapshot': { input: WorkspaceRef, output: InventorySnapshotSchema },
  /** What bills by the hour in every workspace (see {@link RunningCostSchema}); no service call. */
  'inventory.runningCost': { input: z.object({}), output: RunningCostSchema },
  /** The teardown plan of a scope, a dry run: nothing is changed. */
  'inventory.plan': { input: TeardownInputSchema, output: TeardownPlanSchema },
  /**
   * Deletes everything of the scope (default: the workspace's) by its plan, as a job: the plan
   * (as `inventory.plan` returns it) is computed and persisted in the job's `params.plan` before
   * the job starts, and a restarted app resumes that plan. Progress unit `resources` (stopped or
   * deleted, of `plan.actionable`); `step` names the last one. The job fails (`job.failed`) when
   * anything of the scope remains. While a teardown of the workspace is unfinished, that job is
   * returned, whatever the scope asked.
   */
  'inventory.teardown': { input: TeardownInputSchema, output: JobStarted },
} as const;
