import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { CREATE_TRANSIENT, pollStatus } from './clients.js';

/**
 * 1,200 interactions of 60 users on 30 items, all `purchase` (epoch seconds from 1,700,000,000):
 * enough for the sandbox's minimum data checks (SPEC §5.5), small enough to train in a second.
 */
export function smallInteractionsCsv(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let index = 0; index < 1_200; index += 1)
    rows.push(`u${index % 60},i${(index * 7) % 30},${1_700_000_000 + index},purchase`);
  return `${rows.join('\n')}\n`;
}

/**
 * Polls `describe` until its status leaves the create path (SPEC §2.2).
 *
 * @throws Error when the final status is not ACTIVE, or after `timeoutMs` (default 120 s).
 */
export async function untilActive(
  describe: () => Promise<string | undefined>,
  timeoutMs = 120_000,
): Promise<void> {
  const history = await pollStatus(describe, CREATE_TRANSIENT, timeoutMs);
  const status = history.at(-1);
  if (status !== 'ACTIVE') throw new Error(`Expected ACTIVE, got ${status ?? '(none)'}`);
}

/** Creates dataset group `name` with an Interactions dataset `<name>-interactions` of schema `schemaArn`, both ACTIVE. */
export async function groupWithDataset(
  personalize: PersonalizeClient,
  name: string,
  schemaArn: string,
): Promise<{ readonly groupArn: string; readonly datasetArn: string }> {
  const { datasetGroupArn: groupArn = '' } = await personalize.send(
    new CreateDatasetGroupCommand({ name }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: groupArn })))
        .datasetGroup?.status,
  );
  const { datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: `${name}-interactions`,
      datasetGroupArn: groupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
  );
  return { groupArn, datasetArn };
}

/** ARNs made by {@link popularityCampaign}. */
export interface PopularityCampaign {
  readonly datasetImportJobArn: string;
  readonly solutionArn: string;
  readonly solutionVersionArn: string;
  readonly campaignArn: string;
}

/**
 * Imports `dataLocation` (an `s3://` CSV) into `datasetArn` as import job `<prefix>-import`, then
 * trains aws-popularity-count as solution `<prefix>-pop` and deploys it as campaign `<prefix>-pop`
 * at minProvisionedTPS 1, waiting for each to be ACTIVE.
 *
 * @throws Error when a resource does not reach ACTIVE.
 */
export async function popularityCampaign(
  personalize: PersonalizeClient,
  target: {
    readonly prefix: string;
    readonly datasetGroupArn: string;
    readonly datasetArn: string;
    readonly dataLocation: string;
  },
): Promise<PopularityCampaign> {
  const { prefix, datasetGroupArn, datasetArn, dataLocation } = target;
  const { datasetImportJobArn = '' } = await personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: `${prefix}-import`,
      datasetArn,
      dataSource: { dataLocation },
    }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
        .datasetImportJob?.status,
  );
  const { solutionArn = '' } = await personalize.send(
    new CreateSolutionCommand({
      name: `${prefix}-pop`,
      datasetGroupArn,
      recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
    }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
  );
  const { solutionVersionArn = '' } = await personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
        .solutionVersion?.status,
  );
  const { campaignArn = '' } = await personalize.send(
    new CreateCampaignCommand({ name: `${prefix}-pop`, solutionVersionArn, minProvisionedTPS: 1 }),
  );
  await untilActive(
    async () =>
      (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
  );
  return { datasetImportJobArn, solutionArn, solutionVersionArn, campaignArn };
}
