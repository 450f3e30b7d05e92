import {
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  ListCampaignsCommand,
  ListDatasetGroupsCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../electron/sandbox/index.js';
import { writeAwsProfile } from '../electron/testing/aws-profile.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
} from '../electron/sandbox/test-support/clients.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

/** The customer's account, played by a standalone sandbox, in a region the price table prices. */
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const PROFILE = 'customer';
const KEYS = { accessKeyId: 'AKIDCUSTOMER00000000', secretAccessKey: 'customer-secret' };

async function active(describe: () => Promise<string | undefined>): Promise<void> {
  const history = await pollStatus(describe, CREATE_TRANSIENT, 120_000);
  expect(history.at(-1)).toBe('ACTIVE');
}

/** 1,200 interactions of 60 users on 30 items: enough for the sandbox's training checks. */
function interactionsCsv(): string {
  const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let index = 0; index < 1_200; index += 1)
    rows.push(`u${index % 60},i${(index * 7) % 30},${1_700_000_000 + index},purchase`);
  return `${rows.join('\n')}\n`;
}

/**
 * A POC under `prefix` made with the SDK, as a consultant's notebook would: a dataset group
 * (tagged with `tags`), its schema, an Interactions dataset and its import, a popularity
 * solution with a trained version, a campaign at `tps` TPS and, with `withFilter`, a filter.
 */
async function buildPoc(
  personalize: PersonalizeClient,
  s3: S3Client,
  prefix: string,
  options: { tps: number; withFilter: boolean; tags?: { tagKey: string; tagValue: string }[] },
): Promise<void> {
  const bucket = `${prefix}-notebook-data`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: 'interactions.csv', Body: interactionsCsv() }),
  );
  const { datasetGroupArn = '' } = await personalize.send(
    new CreateDatasetGroupCommand({ name: `${prefix}-retail`, tags: options.tags }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({ name: `${prefix}-interactions`, schema: INTERACTIONS_SCHEMA }),
  );
  const { datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: `${prefix}-interactions`,
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
  );
  const { datasetImportJobArn } = await personalize.send(
    new CreateDatasetImportJobCommand({
      jobName: `${prefix}-import`,
      datasetArn,
      dataSource: { dataLocation: `s3://${bucket}/interactions.csv` },
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn })))
        .datasetImportJob?.status,
  );
  const { solutionArn } = await personalize.send(
    new CreateSolutionCommand({
      name: `${prefix}-popular`,
      datasetGroupArn,
      recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status,
  );
  const { solutionVersionArn } = await personalize.send(
    new CreateSolutionVersionCommand({ solutionArn }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
        .solutionVersion?.status,
  );
  const { campaignArn } = await personalize.send(
    new CreateCampaignCommand({
      name: `${prefix}-popular`,
      solutionVersionArn,
      minProvisionedTPS: options.tps,
    }),
  );
  await active(
    async () =>
      (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status,
  );
  if (options.withFilter) {
    const { filterArn } = await personalize.send(
      new CreateFilterCommand({
        name: `${prefix}-not-bought`,
        datasetGroupArn,
        filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")',
      }),
    );
    await active(
      async () => (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
    );
  }
}

describe('inventory of two workspaces in one account, the cost badge, the teardown plan and the teardown', () => {
  let sandbox: RunningSandbox;
  let tempDir: string;
  let session: StudioSession;
  let personalize: PersonalizeClient;
  let s3: S3Client;
  const ids: Record<'acme' | 'beta', string> = { acme: '', beta: '' };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timing: 'fast', accountId: ACCOUNT });
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'poc-studio-e2e-inventory-'));
    session = await openStudioSession({
      env: await writeAwsProfile({
        directory: tempDir,
        profile: PROFILE,
        region: REGION,
        endpoint: sandbox.endpoint,
        keys: KEYS,
      }),
    });
    const common = { region: REGION, endpoint: sandbox.endpoint, credentials: KEYS };
    personalize = new PersonalizeClient(common);
    s3 = new S3Client({ ...common, forcePathStyle: true });
  });

  afterAll(async () => {
    personalize?.destroy();
    s3?.destroy();
    await session?.close();
    await sandbox?.close();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  });

  it('two AWS workspaces on one account, each with a POC made outside the studio', async () => {
    const { studio, host } = session;
    await studio.createAwsWorkspace({
      name: 'Acme',
      profile: PROFILE,
      region: REGION,
      prefix: 'acme',
    });
    await studio.createAwsWorkspace({
      name: 'Beta',
      profile: PROFILE,
      region: REGION,
      prefix: 'beta',
    });
    const list = await host.app.handlers['workspaces.list']({});
    ids.acme = list.workspaces.find((workspace) => workspace.name === 'Acme')?.id ?? '';
    ids.beta = list.workspaces.find((workspace) => workspace.name === 'Beta')?.id ?? '';
    // Acme's group carries its workspace tag, Beta's is known by its name prefix only.
    await buildPoc(personalize, s3, 'acme', {
      tps: 1,
      withFilter: true,
      tags: [{ tagKey: 'poc-studio:workspace', tagValue: ids.acme }],
    });
    await buildPoc(personalize, s3, 'beta', { tps: 2, withFilter: false });
  });

  it('Beta: the inventory (refreshed as a job) lists both POCs of the account and what is alive in every workspace', async () => {
    const { studio, page } = session;
    await studio.openInventory();
    // Each POC: its group, schema, dataset, solution, version and campaign (Acme's filter too);
    // the import job is history, not counted.
    await studio.waitForAttribute(`alive-${ids.acme}`, 'count', '7');
    await studio.waitForAttribute(`alive-${ids.beta}`, 'count', '6');
    const groups = page.getByRole('button', { name: /^acme-retail|^beta-retail/u });
    expect(await groups.count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Resources of beta-retail' }).innerText()).toMatch(
      /Campaign\s+beta-popular\s+ACTIVE[\s\S]*\$0\.1112\/h · 2 TPS/u,
    );
    // us-east-1's prices are recorded but unverified: the estimate reads as approximate.
    expect(await page.getByTestId('inventory-cost').innerText()).toBe('≈$0.1668/h');
    await page.getByTestId('inventory-unverified').waitFor();
    // Each workspace bills one campaign by the hour; neither was asked through the studio.
    await studio.waitForAttribute(`billable-${ids.acme}`, 'count', '1');
    await studio.waitForAttribute(`billable-${ids.beta}`, 'count', '1');
    // The alive table says the counts in the same words as the Clean up plan.
    expect(await page.getByTestId(`alive-${ids.beta}`).innerText()).toBe(
      '6 resources, 5 to delete, 1 removed with their parent, plus 1 job record (history, not counted)',
    );
    expect(await page.getByTestId(`billable-${ids.beta}`).innerText()).toBe(
      '1 campaign, 0 recommenders',
    );
    await studio.waitForAttribute('idle-beta-popular', 'idle-since', 'unknown');
    expect(await page.getByTestId('idle-beta-popular').innerText()).toBe(
      'last request unknown (requests made outside the studio are not seen)',
    );
    // 24-hour time; the account's count, then the shown workspace's, as its alive row says it.
    expect(await page.getByTestId('inventory-refreshed').innerText()).toMatch(
      /^Listed at \d{2}:\d{2}:\d{2} · region us-east-1 · account 111122223333 · 13 resources in this account; 6 resources created by this workspace, 5 to delete, 1 removed with their parent, plus 1 job record \(history, not counted\); running cost: 1 campaign, 0 recommenders$/u,
    );
    await studio.screenshot('inventory-1-beta');
    await page
      .getByRole('heading', { name: /^Dataset groups/u })
      .evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await studio.screenshot('inventory-1-beta-groups');
  });

  it("the running-cost badge sums both workspaces' campaigns, billed on AWS", async () => {
    const { studio } = session;
    const badge = await studio.runningCostBadge(
      /^Running cost: 2 campaigns, 0 recommenders in every workspace, billed on AWS/u,
    );
    expect(badge).toContain('2 campaigns, 0 recommenders in every workspace · ≈$0.1668/h');
    await studio.screenshot('inventory-2-badge');
  });

  it('Acme: its own inventory, its group known by its tag', async () => {
    const { studio, page } = session;
    await studio.switchWorkspace('Acme');
    await studio.openInventory();
    await studio.waitForAttribute(`alive-${ids.acme}`, 'count', '7');
    const acme = page.getByRole('table', { name: 'Resources of acme-retail' });
    expect(await acme.innerText()).toContain('acme-not-bought');
    expect(await page.getByRole('table', { name: 'Schemas' }).innerText()).toContain(
      'acme-interactions',
    );
    await page
      .getByRole('heading', { name: /^Dataset groups/u })
      .evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await studio.screenshot('inventory-3-acme');
  });

  it("Acme: Clean up shows the plan first, then deletes only Acme's POC", async () => {
    const { studio, page } = session;
    await studio.goToStep('6. Clean up');
    // Campaign, filter, solution, dataset, dataset group, schema: the import job and the version go with their parents.
    await studio.waitForAttribute('plan-summary', 'actionable', '6');
    const plan = page.getByRole('table', { name: 'Teardown plan' });
    const text = await plan.innerText();
    expect(text).toContain('not deletable: removed with the dataset group');
    expect(text).toContain('not deletable: removed with its solution');
    expect(text).toContain('$0.0556/h');
    expect(text).not.toContain('beta-');
    // The same count as Acme's row of the inventory's alive table.
    expect(await page.getByTestId('plan-summary').innerText()).toMatch(
      /^7 resources created by this workspace, 6 to delete, 1 removed with their parent, plus 1 job record \(history, not counted\); running cost: 1 campaign, 0 recommenders\. The teardown runs in 3 waves/u,
    );
    await page
      .getByRole('heading', { name: /^Teardown plan/u })
      .evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await studio.screenshot('cleanup-1-plan');

    await studio.click('Delete all resources');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('cleanup-done').waitFor({ timeout: 120_000 });
    await studio.screenshot('cleanup-2-done');

    const groups = (await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((group) => [group.name, group.status])).toEqual([['beta-retail', 'ACTIVE']]);
    const campaigns = (await personalize.send(new ListCampaignsCommand({}))).campaigns ?? [];
    expect(campaigns.map((campaign) => campaign.name)).toEqual(['beta-popular']);
  });

  it("afterwards the badge and the inventory show only Beta's POC alive", async () => {
    const { studio } = session;
    const badge = await studio.runningCostBadge(
      /^Running cost: 1 campaign, 0 recommenders in every workspace, billed on AWS/u,
    );
    expect(badge).toContain('1 campaign, 0 recommenders in every workspace · ≈$0.1112/h');
    await studio.openInventory();
    await studio.click('Refresh the inventory');
    await studio.waitForAttribute(`alive-${ids.acme}`, 'count', '0');
    await studio.waitForAttribute(`alive-${ids.beta}`, 'count', '6');
    await studio.screenshot('inventory-4-after-teardown');
  });
});
