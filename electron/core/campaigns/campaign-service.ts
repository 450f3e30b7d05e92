import { CreateCampaignCommand, paginateListCampaigns } from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { describeAndRecord } from '../aws/describe-resources.js';
import { waitForActive } from '../aws/waiters.js';
import { guideSolutionOf } from '../solutions/solution-lookup.js';
import { recipeShortName } from '../workspaces/names.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { campaignOf } from './campaign-lookup.js';

/**
 * Deploys the trained version of `recipe` as a campaign `<prefix>-<recipe>` (SPEC §2.15), one
 * per recipe, and waits until ACTIVE; the guide then explores it.
 *
 * Records the campaign in the resource cache before waiting; an existing campaign of the same
 * recipe serving that version is reused (idempotent).
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
): Promise<string> {
  const { personalize } = context.clients;
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
      {
        details: { recipe, solutionVersionArn, expectedVersionArn },
      },
    );
  }
  const existing = campaignOf(context.resources.list(), datasetGroupArn, recipe);
  if (existing !== undefined && existing.attributes.solutionVersionArn !== solutionVersionArn) {
    throw new AppError(
      'guide.notReady',
      `The campaign ${existing.name} serves solution version ${String(existing.attributes.solutionVersionArn)}, not ${solutionVersionArn}; clean up first.`,
    );
  }
  let campaignArn = existing?.arn;
  if (campaignArn === undefined) {
    const name = `${context.workspace.prefix}-${recipeShortName(recipe)}`;
    await context.report(`Creating campaign ${name}`);
    try {
      campaignArn = (
        await callAws(`CreateCampaign ${name}`, () =>
          personalize.send(
            new CreateCampaignCommand({
              name,
              solutionVersionArn,
              minProvisionedTPS,
              tags: [...context.tags],
            }),
          ),
        )
      ).campaignArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListCampaigns(
        { client: personalize },
        { solutionArn: solution.solutionArn },
      )) {
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
      parentArn: solution.solutionArn,
      attributes: { solutionVersionArn, minProvisionedTPS },
    });
  }
  const arn = campaignArn;
  await context.updateChoices((choices) => {
    choices.campaignArn = arn;
  });
  await context.report('Deploying the campaign');
  await waitForActive(context, 'Campaign', () => describeAndRecord(context, 'campaign', arn));
  return arn;
}
