import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, inUse, invalidInput } from '../errors.js';
import type { CampaignResource } from '../resources.js';
import {
  epochSeconds,
  optionalObject,
  requireActive,
  requireResource,
  requiredString,
  type OperationHandler,
} from './context.js';
import { findRecipe } from './recipes.js';
import {
  deleteOperation,
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';

/** Active campaigns allowed per dataset group (SPEC §2.15). */
export const MAX_CAMPAIGNS_PER_GROUP = 5;

function campaignOutput(campaign: CampaignResource, isSummary: boolean): Record<string, unknown> {
  return {
    name: campaign.name,
    campaignArn: campaign.arn,
    status: campaign.status,
    creationDateTime: epochSeconds(campaign.createdAtMs),
    lastUpdatedDateTime: epochSeconds(campaign.updatedAtMs),
    ...(campaign.failureReason !== undefined ? { failureReason: campaign.failureReason } : {}),
    ...(isSummary
      ? {}
      : {
          solutionVersionArn: campaign.solutionVersionArn,
          minProvisionedTPS: campaign.minProvisionedTPS,
          ...(campaign.campaignConfig !== undefined
            ? { campaignConfig: campaign.campaignConfig }
            : {}),
        }),
  };
}

const CAMPAIGN_FORM: ResourceWireForm<'campaign'> = {
  kind: 'campaign',
  arnMember: 'campaignArn',
  describeMember: 'campaign',
  listMember: 'campaigns',
  listOperation: 'ListCampaigns',
  output: campaignOutput,
};

/**
 * CreateCampaign (SPEC §2.15): deploys an ACTIVE solution version (or `<solutionArn>/$LATEST`).
 *
 * @throws `InvalidInputException` (`minProvisionedTPS` < 1, `$LATEST` without sync flag,
 *   USER_SEGMENTATION recipe), `ResourceNotFoundException`, `ResourceInUseException` (version
 *   not ACTIVE), `ResourceAlreadyExistsException`, `LimitExceededException`.
 */
export const createCampaign: OperationHandler = async (context, input) => {
  const name = requiredString(input, 'name');
  const versionArn = requiredString(input, 'solutionVersionArn');
  const tps = input.minProvisionedTPS ?? 1;
  if (typeof tps !== 'number' || !Number.isInteger(tps) || tps < 1) {
    throw invalidInput(
      `1 validation error detected: Value '${JSON.stringify(tps)}' at 'minProvisionedTPS' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  const campaignConfig = optionalObject(input, 'campaignConfig');
  const isLatest = versionArn.endsWith('/$LATEST');
  if (isLatest !== (campaignConfig?.syncWithLatestSolutionVersion === true)) {
    throw invalidInput(
      'solutionVersionArn must end in /$LATEST exactly when campaignConfig.syncWithLatestSolutionVersion is true.',
    );
  }
  let solutionArn: string;
  if (isLatest) {
    const solution = requireResource(context, 'solution', versionArn.slice(0, -'/$LATEST'.length));
    solutionArn = solution.arn;
    const hasActive = context.store
      .list('solutionVersion')
      .some((version) => version.solutionArn === solution.arn && version.status === STATUS.active);
    if (!hasActive) throw inUse(`Solution ${solution.arn} has no ACTIVE solution version.`);
  } else {
    const version = requireResource(context, 'solutionVersion', versionArn);
    requireActive(version);
    solutionArn = version.solutionArn;
  }
  const solution = context.store.get('solution', solutionArn);
  if (
    solution?.recipeArn !== undefined &&
    findRecipe(solution.recipeArn)?.recipeType === 'USER_SEGMENTATION'
  ) {
    throw invalidInput(
      'Solution versions of USER_SEGMENTATION recipes can only be used in batch segment jobs.',
    );
  }
  const arn = unusedArn(context, 'campaign', name);
  const groupCampaigns = context.store.list('campaign').filter((campaign) => {
    const other = context.store.get(
      'solution',
      campaign.solutionVersionArn.split('/').slice(0, 2).join('/'),
    );
    return (
      other?.datasetGroupArn === solution?.datasetGroupArn &&
      campaign.status !== STATUS.createFailed
    );
  });
  if (groupCampaigns.length >= MAX_CAMPAIGNS_PER_GROUP) {
    throw new ServiceError(
      'LimitExceededException',
      'Cannot create a campaign. More than 5 resources in ACTIVE state. Please delete some and try again.',
    );
  }
  const campaign: CampaignResource = {
    kind: 'campaign',
    arn,
    name,
    solutionVersionArn: versionArn,
    minProvisionedTPS: tps,
    ...(campaignConfig !== undefined ? { campaignConfig } : {}),
    ...freshFields(context),
  };
  await startCreating(context, campaign);
  return { campaignArn: arn };
};

/** DescribeCampaign (SPEC §2.15). @throws `ResourceNotFoundException`. */
export const describeCampaign: OperationHandler = describeOperation(CAMPAIGN_FORM);

/** ListCampaigns (SPEC §2.15): optional `solutionArn` filter. */
export const listCampaigns: OperationHandler = listOperation(CAMPAIGN_FORM, {
  member: 'solutionArn',
  matches: (campaign, solutionArn) => campaign.solutionVersionArn.startsWith(`${solutionArn}/`),
});

/** DeleteCampaign (SPEC §2.15). @throws `ResourceInUseException` unless ACTIVE or CREATE FAILED. */
export const deleteCampaign: OperationHandler = deleteOperation(CAMPAIGN_FORM, {
  label: 'Campaign',
});
