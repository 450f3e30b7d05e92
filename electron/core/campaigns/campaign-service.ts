import {
  CreateCampaignCommand,
  DescribeCampaignCommand,
  UpdateCampaignCommand,
  paginateListCampaigns,
  type CampaignConfig as SdkCampaignConfig,
} from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import type { CampaignConfig } from '../../../shared/ipc/campaigns.js';
import { isDeleting } from '../../../shared/resources.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { describeAndRecord, solutionArnOfVersion } from '../aws/describe-resources.js';
import { waitForActive } from '../aws/waiters.js';
import { guideSolutionOf } from '../solutions/solution-lookup.js';
import { recipeShortName } from '../workspaces/names.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { campaignOf } from './campaign-lookup.js';

/** What to deploy: one ACTIVE solution version of the guide's dataset group. */
export interface Deployment {
  readonly solutionVersionArn: string;
  /** The solution the version belongs to (its ARN without the last segment). */
  readonly solutionArn: string;
  /** Short recipe name, for the default campaign name (`aws-sims` → `<prefix>-sims`). */
  readonly recipe: string;
  /** Campaign name; `<prefix>-<recipe without aws->` by default (SPEC §2.1 name pattern). */
  readonly name?: string | undefined;
  /** Transactions per second provisioned (≥ 1; billed on AWS even when idle). */
  readonly minProvisionedTPS: number;
  readonly campaignConfig?: CampaignConfig | undefined;
}

/** The default campaign name of a recipe in a workspace: `<prefix>-<recipe without aws->`. */
export function defaultCampaignName(prefix: string, recipe: string): string {
  return `${prefix}-${recipeShortName(recipe)}`.slice(0, 63);
}

/** The SDK form of the studio's campaignConfig, undefined when empty. */
function sdkCampaignConfig(config: CampaignConfig | undefined): SdkCampaignConfig | undefined {
  if (config === undefined) return undefined;
  const out: SdkCampaignConfig = {
    ...(config.itemExplorationConfig === undefined
      ? {}
      : { itemExplorationConfig: config.itemExplorationConfig }),
    ...(config.enableMetadataWithRecommendations === undefined
      ? {}
      : { enableMetadataWithRecommendations: config.enableMetadataWithRecommendations }),
  };
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Deploys one solution version as a campaign (CreateCampaign, SPEC §2.15) and waits until it
 * is ACTIVE. Several campaigns live side by side in a dataset group, one per name: the
 * baseline's beside user-personalization's, SIMS and personalized-ranking.
 *
 * Records the campaign in the resource cache before waiting; it becomes the one Explore asks first
 * when there is none yet or it serves user-personalization.
 * Idempotent: a campaign of that name already serving the version is reused.
 * @returns the campaign ARN.
 * @throws AppError `guide.notReady` when a campaign of that name serves another version (update
 *   it instead), `job.failed` (the campaign ended FAILED: the service's reason), `aws.*`,
 *   `job.cancelled`.
 */
export async function deployVersion(
  context: ServiceContext,
  deployment: Deployment,
): Promise<string> {
  const { personalize } = context.clients;
  const name = deployment.name ?? defaultCampaignName(context.workspace.prefix, deployment.recipe);
  const { solutionVersionArn, solutionArn, minProvisionedTPS } = deployment;
  const existing = context.resources
    .list({ kind: 'campaign' })
    .find((entry) => entry.name === name && !isDeleting(entry.status));
  if (existing !== undefined && existing.attributes.solutionVersionArn !== solutionVersionArn) {
    throw new AppError(
      'guide.notReady',
      `The campaign ${name} serves solution version ${String(existing.attributes.solutionVersionArn)}, not ${solutionVersionArn}: update that campaign to the new version (Update campaign), or deploy under another name.`,
      { details: { campaignArn: existing.arn, solutionVersionArn } },
    );
  }
  let campaignArn = existing?.arn;
  if (campaignArn === undefined) {
    await context.report(`Creating campaign ${name}`);
    const campaignConfig = sdkCampaignConfig(deployment.campaignConfig);
    try {
      campaignArn = (
        await callAws(`CreateCampaign ${name}`, () =>
          personalize.send(
            new CreateCampaignCommand({
              name,
              solutionVersionArn,
              minProvisionedTPS,
              ...(campaignConfig === undefined ? {} : { campaignConfig }),
              tags: [...context.tags],
            }),
          ),
        )
      ).campaignArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListCampaigns({ client: personalize }, { solutionArn })) {
        campaignArn ??= page.campaigns?.find((summary) => summary.name === name)?.campaignArn;
      }
    }
    if (campaignArn === undefined)
      throw new AppError('aws.failed', `CreateCampaign ${name} returned no ARN.`);
    await context.resources.record({
      arn: campaignArn,
      kind: 'campaign',
      name,
      status: 'CREATE PENDING',
      parentArn: solutionArn,
      attributes: { solutionVersionArn, minProvisionedTPS },
    });
  }
  const arn = campaignArn;
  // Explore asks user-personalization first: a SIMS or ranking campaign deployed beside it does
  // not take its place (it answers other questions: an item's neighbours, a list's order).
  const current = context.getChoices().campaignArn;
  const currentEntry =
    current === undefined
      ? undefined
      : context.resources.list({ kind: 'campaign' }).find((entry) => entry.arn === current);
  if (
    currentEntry === undefined ||
    isDeleting(currentEntry.status) ||
    deployment.recipe.startsWith('aws-user-personalization')
  ) {
    await context.updateChoices((choices) => {
      choices.campaignArn = arn;
    });
  }
  await context.report(`Deploying campaign ${name}`);
  await waitForActive(context, `Campaign ${name}`, () =>
    describeAndRecord(context, 'campaign', arn),
  );
  return arn;
}

/**
 * Deploys the trained version of `recipe` as a campaign `<prefix>-<recipe>` (SPEC §2.15), one
 * per recipe, and waits until ACTIVE; the guide then explores it. See {@link deployVersion}.
 * @param minProvisionedTPS transactions per second provisioned (≥ 1; billed on AWS).
 * @param expectedVersionArn the solution version the caller checked: deploying fails rather than
 *   serve another one (e.g. a version retrained since).
 * @returns the campaign ARN.
 * @throws AppError `guide.notReady` (recipe not trained, version not ACTIVE or not the expected
 *   one, the recipe's campaign serving another version), `job.failed`, `aws.*`, `job.cancelled`.
 */
export async function deployCampaign(
  context: ServiceContext,
  recipe: string,
  minProvisionedTPS = 1,
  expectedVersionArn?: string,
  campaignConfig?: CampaignConfig,
): Promise<string> {
  const datasetGroupArn = context.getChoices().datasetGroupArn;
  const solution =
    datasetGroupArn === undefined
      ? undefined
      : guideSolutionOf(context.resources.list(), datasetGroupArn, recipe);
  if (
    datasetGroupArn === undefined ||
    solution?.solutionVersionArn === undefined ||
    solution.status !== 'ACTIVE'
  ) {
    throw new AppError('guide.notReady', `Train ${recipe} before deploying it.`, {
      details: { recipe },
    });
  }
  const solutionVersionArn = solution.solutionVersionArn;
  if (expectedVersionArn !== undefined && expectedVersionArn !== solutionVersionArn) {
    throw new AppError(
      'guide.notReady',
      `${recipe} now has solution version ${solutionVersionArn}, not ${expectedVersionArn}; deploy again.`,
      { details: { recipe, solutionVersionArn, expectedVersionArn } },
    );
  }
  const existing = campaignOf(context.resources.list(), datasetGroupArn, recipe);
  if (existing !== undefined && existing.attributes.solutionVersionArn !== solutionVersionArn) {
    throw new AppError(
      'guide.notReady',
      `The campaign ${existing.name} serves solution version ${String(existing.attributes.solutionVersionArn)}, not ${solutionVersionArn}: update that campaign to the new version (Update campaign).`,
      { details: { campaignArn: existing.arn, solutionVersionArn } },
    );
  }
  return deployVersion(context, {
    solutionVersionArn,
    solutionArn: solution.solutionArn,
    recipe,
    ...(existing === undefined ? {} : { name: existing.name }),
    minProvisionedTPS,
    campaignConfig,
  });
}

/** What {@link updateCampaign} changes; absent members keep their value. */
export interface CampaignChange {
  readonly solutionVersionArn?: string | undefined;
  readonly minProvisionedTPS?: number | undefined;
  readonly campaignConfig?: CampaignConfig | undefined;
}

/**
 * UpdateCampaign (SPEC §2.15) and waits for the update to finish: until
 * `latestCampaignUpdate.status` is terminal (ACTIVE, or `CREATE FAILED` with its reason), or —
 * where the service reports no update — until the campaign is ACTIVE with the new version. The
 * campaign keeps serving the old version meanwhile.
 * @throws AppError `guide.notReady` (nothing to change), `job.failed` (the update failed),
 *   `aws.*` (e.g. `ResourceInUseException` while another update runs), `job.cancelled`.
 */
export async function updateCampaign(
  context: ServiceContext,
  campaignArn: string,
  change: CampaignChange,
): Promise<void> {
  const campaignConfig = sdkCampaignConfig(change.campaignConfig);
  if (
    change.solutionVersionArn === undefined &&
    change.minProvisionedTPS === undefined &&
    campaignConfig === undefined
  ) {
    throw new AppError(
      'guide.notReady',
      'Nothing to update: choose another solution version, minProvisionedTPS or configuration.',
    );
  }
  const name = campaignArn.slice(campaignArn.lastIndexOf('/') + 1);
  await context.report(`Updating campaign ${name}`);
  await callAws(`UpdateCampaign ${name}`, () =>
    context.clients.personalize.send(
      new UpdateCampaignCommand({
        campaignArn,
        ...(change.solutionVersionArn === undefined
          ? {}
          : { solutionVersionArn: change.solutionVersionArn }),
        ...(change.minProvisionedTPS === undefined
          ? {}
          : { minProvisionedTPS: change.minProvisionedTPS }),
        ...(campaignConfig === undefined ? {} : { campaignConfig }),
      }),
    ),
  );
  await waitForActive(context, `Update of campaign ${name}`, async () => {
    const out = await callAws('DescribeCampaign', () =>
      context.clients.personalize.send(new DescribeCampaignCommand({ campaignArn })),
    );
    const campaign = out.campaign ?? {};
    await context.resources.record({
      arn: campaignArn,
      kind: 'campaign',
      name: campaign.name ?? name,
      status: campaign.status,
      failureReason: campaign.failureReason,
      ...(campaign.solutionVersionArn === undefined
        ? {}
        : { parentArn: solutionArnOfVersion(campaign.solutionVersionArn) }),
      attributes: campaign,
    });
    const update = campaign.latestCampaignUpdate;
    if (update?.status !== undefined)
      return { status: update.status, failureReason: update.failureReason };
    const isServing =
      change.solutionVersionArn === undefined ||
      campaign.solutionVersionArn === change.solutionVersionArn;
    return { status: isServing ? campaign.status : 'UPDATE IN_PROGRESS' };
  });
}
