import { z } from 'zod';
import { MIN_PROVISIONED_TPS } from '../rules/limits.js';
import { JobStarted, WorkspaceRef } from './common.js';

/**
 * A campaign's `campaignConfig` as the studio edits it (SPEC §2.15): `itemExplorationConfig`
 * (`explorationWeight`, `explorationItemAgeCutOff`, strings) for user-personalization, and
 * `enableMetadataWithRecommendations` (items' metadata returned with recommendations).
 */
export const CampaignConfigSchema = z.object({
  itemExplorationConfig: z.record(z.string(), z.string()).optional(),
  enableMetadataWithRecommendations: z.boolean().optional(),
});
/** See {@link CampaignConfigSchema}. */
export type CampaignConfig = z.infer<typeof CampaignConfigSchema>;

/** The latest UpdateCampaign of a campaign and its own status cycle (`latestCampaignUpdate`, SPEC §2.15). */
export const CampaignUpdateSchema = z.object({
  status: z.string().optional(),
  solutionVersionArn: z.string().optional(),
  minProvisionedTPS: z.number().optional(),
  campaignConfig: CampaignConfigSchema.optional(),
  failureReason: z.string().optional(),
  /** When the update was asked for, epoch ms. */
  createdAtMs: z.number().optional(),
});

/** One campaign of the guide's dataset group, as DescribeCampaign tells it. */
export const CampaignSummarySchema = z.object({
  campaignArn: z.string(),
  name: z.string(),
  /** Short recipe name (`aws-sims`) of the version it serves; `unknown` when not found. */
  recipe: z.string(),
  /** USER_PERSONALIZATION, RELATED_ITEMS, PERSONALIZED_RANKING… (from the recipe; SPEC §6). */
  recipeType: z.string().optional(),
  solutionArn: z.string(),
  solutionVersionArn: z.string(),
  status: z.string().optional(),
  failureReason: z.string().optional(),
  minProvisionedTPS: z.number(),
  campaignConfig: CampaignConfigSchema,
  latestUpdate: CampaignUpdateSchema.optional(),
  /** Epoch ms. */
  createdAtMs: z.number().optional(),
  /** Estimated USD per hour while ACTIVE (`minProvisionedTPS × price per TPS-hour`); absent without a price or on the Local sandbox. */
  costPerHourUsd: z.number().optional(),
});
/** See {@link CampaignSummarySchema}. */
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

/** An ACTIVE solution version of the guide's dataset group: something a campaign can serve. */
export const DeployableVersionSchema = z.object({
  recipe: z.string(),
  recipeType: z.string().optional(),
  solutionArn: z.string(),
  solutionName: z.string(),
  solutionVersionArn: z.string(),
  /** Epoch ms. */
  createdAtMs: z.number().optional(),
});
/** See {@link DeployableVersionSchema}. */
export type DeployableVersion = z.infer<typeof DeployableVersionSchema>;

/** The price the cost estimates use, with where it comes from and when it was recorded. */
export const CampaignPricingSchema = z.object({
  region: z.string(),
  currency: z.string(),
  /** Price of one TPS-hour of a custom campaign (first tier). */
  tpsHourUsd: z.number(),
  source: z.string(),
  /** ISO date the price was recorded. */
  recordedOn: z.string(),
  /** Whether the table's prices for the region are verified (`RegionPrices.isVerified`); false: the UI calls each figure an unverified estimate. */
  isVerified: z.boolean().default(false),
});
/** See {@link CampaignPricingSchema}. */
export type CampaignPricing = z.infer<typeof CampaignPricingSchema>;

/** Channels of the `campaigns` domain. */
export const campaignsChannels = {
  /**
   * Deploys an ACTIVE solution version as a campaign and waits for ACTIVE (a job). Either
   * `recipe` (its latest ACTIVE version in the guide's dataset group, campaign
   * `<prefix>-<recipe>`) or `solutionVersionArn` (any ACTIVE version of the group); `name`
   * overrides the default name. Several campaigns live side by side, one per name.
   */
  'campaigns.deploy': {
    input: WorkspaceRef.extend({
      recipe: z.string().optional(),
      solutionVersionArn: z.string().optional(),
      name: z
        .string()
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/u)
        .max(63)
        .optional(),
      minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).default(MIN_PROVISIONED_TPS),
      campaignConfig: CampaignConfigSchema.optional(),
    }),
    output: JobStarted,
  },
  /**
   * UpdateCampaign (SPEC §2.15): another solution version, minProvisionedTPS or campaignConfig;
   * a job that waits until the update is ACTIVE (the campaign keeps serving meanwhile).
   */
  'campaigns.update': {
    input: WorkspaceRef.extend({
      campaignArn: z.string(),
      solutionVersionArn: z.string().optional(),
      minProvisionedTPS: z.number().int().min(MIN_PROVISIONED_TPS).optional(),
      campaignConfig: CampaignConfigSchema.optional(),
    }),
    output: JobStarted,
  },
  /**
   * The campaigns of the guide's dataset group and the ACTIVE versions they can serve, read
   * from the service (List/Describe; recorded in the resource cache), with the price table's
   * TPS-hour price for the workspace's region (`pricing` absent when the table has none) and
   * whether the target bills (false on the Local sandbox).
   */
  'campaigns.list': {
    input: WorkspaceRef,
    output: z.object({
      campaigns: z.array(CampaignSummarySchema),
      versions: z.array(DeployableVersionSchema),
      pricing: CampaignPricingSchema.optional(),
      isBilled: z.boolean(),
    }),
  },
} as const;
