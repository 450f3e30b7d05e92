import { CreateCampaignCommand, DescribeCampaignCommand, paginateListCampaigns } from '@aws-sdk/client-personalize';
import { AppError } from '../../../shared/errors.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { namePrefix, recipeShortName, type PocContext } from './poc-context.js';
import { waitForActive } from './waiters.js';

/**
 * Deploys the trained version of `recipe` as a campaign (SPEC §2.15) and waits until ACTIVE.
 *
 * Records the campaign in PocState before waiting; an existing campaign of the same recipe
 * is reused (idempotent).
 * @param minProvisionedTPS transactions per second provisioned (≥ 1; billed on AWS).
 * @param expectedVersionArn the solution version the caller checked: deploying fails rather than
 *   serve another one (e.g. a version retrained since).
 * @returns the campaign ARN.
 * @throws AppError `poc.notReady` (recipe not trained, version not ACTIVE or not the expected
 *   one, campaign of another recipe or version), `job.failed`, `aws.*`, `job.cancelled`.
 */
export async function deployCampaign(context: PocContext, recipe: string, minProvisionedTPS = 1, expectedVersionArn?: string): Promise<string> {
  const { personalize } = context.clients;
  const solution = context.getState().solutions.find((candidate) => candidate.recipe === recipe);
  if (solution?.solutionVersionArn === undefined || solution.status !== 'ACTIVE') {
    throw new AppError('poc.notReady', `Train ${recipe} before deploying it.`, { details: { recipe } });
  }
  const solutionVersionArn = solution.solutionVersionArn;
  if (expectedVersionArn !== undefined && expectedVersionArn !== solutionVersionArn) {
    throw new AppError('poc.notReady', `${recipe} now has solution version ${solutionVersionArn}, not ${expectedVersionArn}; deploy again.`, {
      details: { recipe, solutionVersionArn, expectedVersionArn },
    });
  }
  let campaign = context.getState().campaign;
  if (campaign !== undefined && campaign.recipe !== recipe) {
    throw new AppError('poc.notReady', `A campaign for ${campaign.recipe} is already deployed; clean up first.`);
  }
  if (campaign !== undefined && campaign.solutionVersionArn !== solutionVersionArn) {
    throw new AppError('poc.notReady', `The campaign for ${recipe} serves solution version ${campaign.solutionVersionArn}, not ${solutionVersionArn}; clean up first.`);
  }
  if (campaign === undefined) {
    const name = `${namePrefix(context.getState())}-${recipeShortName(recipe)}`;
    await context.report(`Creating campaign ${name}`);
    let arn: string | undefined;
    try {
      arn = (await callAws(`CreateCampaign ${name}`, () => personalize.send(new CreateCampaignCommand({ name, solutionVersionArn, minProvisionedTPS })))).campaignArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListCampaigns({ client: personalize }, { solutionArn: solution.solutionArn })) {
        arn ??= page.campaigns?.find((summary) => summary.name === name)?.campaignArn;
      }
    }
    if (arn === undefined) throw new AppError('aws.failed', `CreateCampaign ${name} returned no ARN.`);
    campaign = { campaignArn: arn, solutionVersionArn, recipe, status: 'CREATE PENDING', minProvisionedTPS };
    const recorded = campaign;
    await context.updateState((state) => {
      state.campaign = recorded;
    });
  }
  const campaignArn = campaign.campaignArn;
  await context.report('Deploying the campaign');
  await waitForActive(
    context,
    'Campaign',
    async () => {
      const out = await callAws('DescribeCampaign', () => personalize.send(new DescribeCampaignCommand({ campaignArn })));
      return { status: out.campaign?.status, failureReason: out.campaign?.failureReason };
    },
    async (status) => {
      await context.updateState((state) => {
        if (state.campaign !== undefined) state.campaign.status = status;
      });
    },
  );
  return campaignArn;
}
