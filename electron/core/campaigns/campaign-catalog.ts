import {
  DescribeCampaignCommand,
  DescribeRecipeCommand,
  paginateListCampaigns,
  paginateListSolutionVersions,
  paginateListSolutions,
  type Campaign,
  type CampaignConfig as SdkCampaignConfig,
} from '@aws-sdk/client-personalize';
import type {
  CampaignConfig,
  CampaignPricing,
  CampaignSummary,
  DeployableVersion,
} from '../../../shared/ipc/campaigns.js';
import { callAws } from '../aws/aws-errors.js';
import { solutionArnOfVersion } from '../aws/describe-resources.js';
import { PRICE_TABLE, campaignCostPerHourUsd, pricesFor } from '../../../shared/rules/prices.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** What {@link listCampaignCatalog} reads: the workspace's clients, cache, choices and target. */
export type CatalogContext = Pick<
  ServiceContext,
  'clients' | 'resources' | 'getChoices' | 'workspace'
>;

/** The campaigns of a dataset group and what they can serve; see `campaigns.list`. */
export interface CampaignCatalog {
  readonly campaigns: CampaignSummary[];
  readonly versions: DeployableVersion[];
  readonly pricing?: CampaignPricing;
  readonly isBilled: boolean;
}

/** Recipe ARN → recipe type (DescribeRecipe), shared by every workspace: recipes never change. */
const recipeTypes = new Map<string, string | undefined>();

/** `arn:aws:personalize:::recipe/aws-sims` → `aws-sims`. */
export function recipeNameOf(recipeArn: string | undefined): string {
  return recipeArn === undefined ? 'unknown' : recipeArn.replace(/^.*recipe\//u, '');
}

/** The recipe type of a recipe ARN (`USER_PERSONALIZATION`…), from DescribeRecipe, cached. */
export async function recipeTypeOf(
  context: Pick<ServiceContext, 'clients'>,
  recipeArn: string | undefined,
): Promise<string | undefined> {
  if (recipeArn === undefined) return undefined;
  if (recipeTypes.has(recipeArn)) return recipeTypes.get(recipeArn);
  const out = await callAws('DescribeRecipe', () =>
    context.clients.personalize.send(new DescribeRecipeCommand({ recipeArn })),
  ).catch(() => undefined);
  const type = out?.recipe?.recipeType;
  if (out !== undefined) recipeTypes.set(recipeArn, type);
  return type;
}

/** The studio's form of an SDK campaignConfig (only the members it edits). */
export function campaignConfigOf(config: SdkCampaignConfig | undefined): CampaignConfig {
  return {
    ...(config?.itemExplorationConfig === undefined
      ? {}
      : { itemExplorationConfig: { ...config.itemExplorationConfig } }),
    ...(config?.enableMetadataWithRecommendations === undefined
      ? {}
      : { enableMetadataWithRecommendations: config.enableMetadataWithRecommendations }),
  };
}

/** Epoch ms of an SDK date, when given. */
function epochMs(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime();
}

/**
 * The price the estimates use for `region`, from the one price table (its source and date
 * travel with it); undefined when the table has no price for the region.
 */
export function campaignPricing(region: string): CampaignPricing | undefined {
  const prices = pricesFor(region);
  return prices === undefined
    ? undefined
    : {
        region,
        currency: PRICE_TABLE.currency,
        tpsHourUsd: prices.campaignTpsHourUsd,
        source: PRICE_TABLE.source,
        recordedOn: PRICE_TABLE.recordedOn,
        isVerified: prices.isVerified,
      };
}

/** The summary of a described campaign. */
function summaryOf(
  campaign: Campaign,
  arn: string,
  recipe: string,
  recipeType: string | undefined,
  region: string,
  isBilled: boolean,
): CampaignSummary {
  const versionArn = campaign.solutionVersionArn ?? '';
  const update = campaign.latestCampaignUpdate;
  const tps = campaign.minProvisionedTPS ?? 1;
  const cost = isBilled ? campaignCostPerHourUsd(region, 'ACTIVE', tps) : undefined;
  return {
    campaignArn: arn,
    name: campaign.name ?? arn,
    recipe,
    ...(recipeType === undefined ? {} : { recipeType }),
    solutionArn: solutionArnOfVersion(versionArn),
    solutionVersionArn: versionArn,
    ...(campaign.status === undefined ? {} : { status: campaign.status }),
    ...(campaign.failureReason === undefined ? {} : { failureReason: campaign.failureReason }),
    minProvisionedTPS: tps,
    campaignConfig: campaignConfigOf(campaign.campaignConfig),
    ...(update === undefined
      ? {}
      : {
          latestUpdate: {
            ...(update.status === undefined ? {} : { status: update.status }),
            ...(update.solutionVersionArn === undefined
              ? {}
              : { solutionVersionArn: update.solutionVersionArn }),
            ...(update.minProvisionedTPS === undefined
              ? {}
              : { minProvisionedTPS: update.minProvisionedTPS }),
            ...(update.campaignConfig === undefined
              ? {}
              : { campaignConfig: campaignConfigOf(update.campaignConfig) }),
            ...(update.failureReason === undefined ? {} : { failureReason: update.failureReason }),
            ...(epochMs(update.creationDateTime) === undefined
              ? {}
              : { createdAtMs: epochMs(update.creationDateTime) }),
          },
        }),
    ...(epochMs(campaign.creationDateTime) === undefined
      ? {}
      : { createdAtMs: epochMs(campaign.creationDateTime) }),
    ...(cost === undefined ? {} : { costPerHourUsd: cost }),
  };
}

/**
 * Reads the campaigns of the guide's dataset group and its ACTIVE solution versions from the
 * service: ListSolutions (of the group), ListSolutionVersions and ListCampaigns of each
 * solution, DescribeCampaign of each campaign (minProvisionedTPS, campaignConfig,
 * latestCampaignUpdate; SPEC §2.15), DescribeRecipe once per recipe. Versions trained outside
 * the studio (a notebook, the console) are deployable too. Each described campaign is recorded
 * in the resource cache (the guide and the inventory then see it). Empty before an import.
 *
 * Costs: `minProvisionedTPS × price per TPS-hour` of the price table, only when the target bills
 * (an AWS workspace).
 * @throws AppError `aws.*`.
 */
export async function listCampaignCatalog(context: CatalogContext): Promise<CampaignCatalog> {
  const region = context.workspace.target.region;
  const isBilled = context.workspace.target.kind === 'aws';
  const pricing = campaignPricing(region);
  const base = { isBilled, ...(pricing === undefined ? {} : { pricing }) };
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  if (datasetGroupArn === undefined) return { campaigns: [], versions: [], ...base };
  const { personalize } = context.clients;
  const solutions: { arn: string; name: string; recipeArn?: string }[] = [];
  await callAws('ListSolutions', async () => {
    for await (const page of paginateListSolutions({ client: personalize }, { datasetGroupArn }))
      for (const summary of page.solutions ?? [])
        if (summary.solutionArn !== undefined && !(summary.status ?? '').startsWith('DELETE'))
          solutions.push({
            arn: summary.solutionArn,
            name: summary.name ?? summary.solutionArn,
            ...(summary.recipeArn === undefined ? {} : { recipeArn: summary.recipeArn }),
          });
  });
  const versions: DeployableVersion[] = [];
  const campaigns: CampaignSummary[] = [];
  const pendingVersions: { arn: string; solutionArn: string; createdAt?: Date | undefined }[] = [];
  const known = new Set(context.resources.list().map((entry) => entry.arn));
  for (const solution of solutions) {
    const recipe = recipeNameOf(solution.recipeArn);
    // Solutions trained outside the studio (a notebook, the console) join the cache, so the
    // guide and Explore know the campaigns that serve them.
    if (!known.has(solution.arn))
      await context.resources.record({
        arn: solution.arn,
        kind: 'solution',
        name: solution.name,
        status: 'ACTIVE',
        parentArn: datasetGroupArn,
        attributes: {
          ...(solution.recipeArn === undefined ? {} : { recipeArn: solution.recipeArn }),
        },
      });
    const recipeType = await recipeTypeOf(context, solution.recipeArn);
    const typeField = recipeType === undefined ? {} : { recipeType };
    await callAws('ListSolutionVersions', async () => {
      for await (const page of paginateListSolutionVersions(
        { client: personalize },
        { solutionArn: solution.arn },
      ))
        for (const version of page.solutionVersions ?? [])
          if (version.solutionVersionArn !== undefined && version.status === 'ACTIVE') {
            if (!known.has(version.solutionVersionArn))
              pendingVersions.push({
                arn: version.solutionVersionArn,
                solutionArn: solution.arn,
                createdAt: version.creationDateTime,
              });
            versions.push({
              recipe,
              ...typeField,
              solutionArn: solution.arn,
              solutionName: solution.name,
              solutionVersionArn: version.solutionVersionArn,
              ...(epochMs(version.creationDateTime) === undefined
                ? {}
                : { createdAtMs: epochMs(version.creationDateTime) }),
            });
          }
    });
    for (const pending of pendingVersions.splice(0))
      await context.resources.record({
        arn: pending.arn,
        kind: 'solutionVersion',
        name: pending.arn.slice(pending.arn.lastIndexOf('/') + 1),
        status: 'ACTIVE',
        parentArn: pending.solutionArn,
        attributes: {
          solutionArn: pending.solutionArn,
          ...(pending.createdAt === undefined ? {} : { creationDateTime: pending.createdAt }),
        },
      });
    const arns: string[] = [];
    await callAws('ListCampaigns', async () => {
      for await (const page of paginateListCampaigns(
        { client: personalize },
        { solutionArn: solution.arn },
      ))
        for (const summary of page.campaigns ?? [])
          if (summary.campaignArn !== undefined) arns.push(summary.campaignArn);
    });
    for (const arn of arns) {
      const out = await callAws('DescribeCampaign', () =>
        personalize.send(new DescribeCampaignCommand({ campaignArn: arn })),
      );
      const campaign = out.campaign ?? {};
      await context.resources.record({
        arn,
        kind: 'campaign',
        name: campaign.name ?? arn,
        status: campaign.status,
        failureReason: campaign.failureReason,
        parentArn: solution.arn,
        attributes: campaign,
      });
      campaigns.push(summaryOf(campaign, arn, recipe, recipeType, region, isBilled));
    }
  }
  campaigns.sort((a, b) => (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0));
  versions.sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0));
  return { campaigns, versions, ...base };
}
