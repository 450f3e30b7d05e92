import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { importAndWait } from '../../testing/import-jobs.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
  type SandboxClients,
} from './clients.js';

/** The POC files' Items schema with YEAR as a nullable string (12 rows are empty, one is `2006–2007`). */
export const POC_ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRE', type: 'string', categorical: true },
    { name: 'YEAR', type: ['null', 'string'] },
  ],
  version: '1.0',
});

/** A small Users schema (AGE, MEMBERSHIP) for PutUsers and `IF CurrentUser` filters. */
export const USERS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Users',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'AGE', type: ['null', 'int'] },
    { name: 'MEMBERSHIP', type: ['null', 'string'], categorical: true },
  ],
  version: '1.0',
});

/** ARNs of a dataset group built by {@link createPocGroup}. */
export interface PocGroup {
  readonly datasetGroupArn: string;
  readonly interactionsDatasetArn: string;
  readonly itemsDatasetArn: string;
  readonly usersDatasetArn: string;
}

async function active(
  describe: () => Promise<string | undefined>,
  timeoutMs = 120_000,
): Promise<void> {
  const history = await pollStatus(describe, CREATE_TRANSIENT, timeoutMs);
  const status = history[history.length - 1];
  if (status !== 'ACTIVE') throw new Error(`Expected ACTIVE, got ${status ?? '(none)'}`);
}

/**
 * Creates a dataset group named `name` with the POC MovieLens interactions and items imported
 * from S3 bucket `bucket` (created, the files as `interactions.csv` / `items.csv`), and an empty
 * Users dataset ({@link USERS_SCHEMA}); `interactionsSchema` replaces {@link INTERACTIONS_SCHEMA}.
 */
export async function createPocGroup(
  clients: SandboxClients,
  name: string,
  files: { readonly interactions: string; readonly items: string },
  bucket = `${name}-data`,
  interactionsSchema = INTERACTIONS_SCHEMA,
): Promise<PocGroup> {
  const { personalize, s3 } = clients;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const { datasetGroupArn = '' } = await personalize.send(new CreateDatasetGroupCommand({ name }));
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
  );
  const dataset = async (
    datasetType: 'Interactions' | 'Items' | 'Users',
    schema: string,
    file?: string,
  ): Promise<string> => {
    const lower = datasetType.toLowerCase();
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({ name: `${name}-${lower}`, schema }),
    );
    const { datasetArn = '' } = await personalize.send(
      new CreateDatasetCommand({
        name: `${name}-${lower}`,
        datasetGroupArn,
        schemaArn,
        datasetType,
      }),
    );
    await active(
      async () =>
        (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    );
    if (file === undefined) return datasetArn;
    const key = `${lower}.csv`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file) }));
    const { status } = await importAndWait(
      personalize,
      {
        jobName: `${name}-${lower}`,
        datasetArn,
        dataSource: { dataLocation: `s3://${bucket}/${key}` },
      },
      120_000,
    );
    if (status !== 'ACTIVE') throw new Error(`Expected ACTIVE, got ${status || '(none)'}`);
    return datasetArn;
  };
  const interactionsDatasetArn = await dataset(
    'Interactions',
    interactionsSchema,
    files.interactions,
  );
  const itemsDatasetArn = await dataset('Items', POC_ITEMS_SCHEMA, files.items);
  const usersDatasetArn = await dataset('Users', USERS_SCHEMA);
  return { datasetGroupArn, interactionsDatasetArn, itemsDatasetArn, usersDatasetArn };
}

/** Trains `recipe` in the group to an ACTIVE solution version; returns its ARN. */
export async function trainVersion(
  clients: SandboxClients,
  datasetGroupArn: string,
  recipe: string,
): Promise<string> {
  const { personalize } = clients;
  const { solutionArn = '' } = await personalize.send(
    new CreateSolutionCommand({
      name: `${recipe}-solution`,
      datasetGroupArn,
      recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
  );
  const { solutionVersionArn = '' } = await personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
        .solutionVersion?.status,
    300_000,
  );
  return solutionVersionArn;
}

/** Deploys a version as campaign `name` (metadata enabled) and waits for ACTIVE; returns its ARN. */
export async function deploy(
  clients: SandboxClients,
  name: string,
  solutionVersionArn: string,
): Promise<string> {
  const { personalize } = clients;
  const { campaignArn = '' } = await personalize.send(
    new CreateCampaignCommand({
      name,
      solutionVersionArn,
      minProvisionedTPS: 1,
      campaignConfig: { enableMetadataWithRecommendations: true },
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
  );
  return campaignArn;
}

/** Creates a filter and waits for ACTIVE; returns its ARN. */
export async function createActiveFilter(
  clients: SandboxClients,
  datasetGroupArn: string,
  name: string,
  filterExpression: string,
): Promise<string> {
  const { personalize } = clients;
  const { filterArn = '' } = await personalize.send(
    new CreateFilterCommand({ name, datasetGroupArn, filterExpression }),
  );
  await active(
    async () => (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
  );
  return filterArn;
}

/** Creates the group's event tracker and waits for ACTIVE; returns its tracking id. */
export async function createActiveTracker(
  clients: SandboxClients,
  datasetGroupArn: string,
  name: string,
): Promise<string> {
  const { personalize } = clients;
  const { eventTrackerArn = '', trackingId = '' } = await personalize.send(
    new CreateEventTrackerCommand({ name, datasetGroupArn }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
        ?.status,
  );
  return trackingId;
}
