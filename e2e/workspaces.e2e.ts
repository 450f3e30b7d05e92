import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListDatasetGroupsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../electron/sandbox/index.js';
import { writeAwsProfile } from '../electron/testing/aws-profile.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';
import type { StudioPage } from './pages/studio-page.js';

/** The account the standalone sandbox plays: "the customer's AWS account". */
const CUSTOMER_ACCOUNT = '111122223333';
const CUSTOMER_REGION = 'eu-west-1';
const PROFILE = 'customer-a';
/** Static keys of the test profile: the standalone sandbox accepts any. */
const CUSTOMER_KEYS = { accessKeyId: 'AKIDCUSTOMERA0000000', secretAccessKey: 'customer-a-secret' };
/** A known customer of the bundled sample (UCI Online Retail). */
const SAMPLE_USER = '17850';

/** Dataset groups in the customer's account (the standalone sandbox), read with the SDK. */
async function customerDatasetGroups(sandbox: RunningSandbox): Promise<string[]> {
  const client = new PersonalizeClient({
    region: CUSTOMER_REGION,
    endpoint: sandbox.endpoint,
    credentials: CUSTOMER_KEYS,
  });
  try {
    const groups = await client.send(new ListDatasetGroupsCommand({}));
    return (groups.datasetGroups ?? []).map((group) => group.datasetGroupArn ?? '');
  } finally {
    client.destroy();
  }
}

/**
 * The guided POC on the bundled sample in the shown workspace, from the one-click sample to
 * the clean up, with a screenshot of each step as `artifacts/<shotPrefix>-<step>.png`.
 */
async function runGuidedPoc(
  studio: StudioPage,
  shotPrefix: string,
  afterImport?: () => Promise<void>,
): Promise<void> {
  const { page } = studio;
  await studio.goToStep('1. Data');
  await studio.click('Use the sample POC');
  expect(await studio.text('row-count-interactions')).toBe('396,337 rows');
  expect(await studio.text('row-count-items')).toBe('4,053 rows');
  await studio.screenshot(`${shotPrefix}-1-data`);

  await studio.click('Continue to import');
  await studio.click('Start import');
  await studio.waitForAttribute('import-status-interactions', 'status', 'ACTIVE');
  await studio.waitForAttribute('import-status-items', 'status', 'ACTIVE');
  expect(await studio.text('imported-rows-interactions')).toBe('396,337');
  await studio.screenshot(`${shotPrefix}-2-import`);
  await afterImport?.();

  await studio.click('Continue to solutions');
  await studio.click('Train');
  await studio.waitForAttribute('metrics-table', 'row-count', '2');
  const metrics = await studio.metrics(['aws-user-personalization', 'aws-popularity-count']);
  expect(
    metrics['aws-user-personalization']?.normalized_discounted_cumulative_gain_at_10,
  ).toBeGreaterThan(
    metrics['aws-popularity-count']?.normalized_discounted_cumulative_gain_at_10 ?? 1,
  );
  await studio.screenshot(`${shotPrefix}-3-solutions`);

  await studio.click('Continue to campaign');
  await studio.click('Deploy');
  await studio.waitForAttribute('campaign-status', 'status', 'ACTIVE');
  await studio.screenshot(`${shotPrefix}-4-campaign`);

  await studio.click('Continue to explore');
  await page.getByRole('textbox', { name: 'User ID' }).fill(SAMPLE_USER);
  await studio.click('Get recommendations');
  await studio.waitForAttribute('recommendations', 'count', '25');
  await studio.screenshot(`${shotPrefix}-5-explore`);

  await studio.goToStep('6. Clean up');
  await studio.click('Delete all resources');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByTestId('cleanup-empty').waitFor({ timeout: 240_000 });
  await studio.screenshot(`${shotPrefix}-6-cleanup`);
}

describe('two workspaces: the Local sandbox and a customer AWS account on a named profile', () => {
  let customerSandbox: RunningSandbox;
  let tempDir: string;
  let session: StudioSession;

  beforeAll(async () => {
    customerSandbox = await startSandbox({ port: 0, timing: 'fast', accountId: CUSTOMER_ACCOUNT });
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'poc-studio-e2e-aws-'));
    // A consultant's laptop: the AWS config files and home in temp dirs, nothing of the machine's.
    session = await openStudioSession({
      env: await writeAwsProfile({
        directory: tempDir,
        profile: PROFILE,
        region: CUSTOMER_REGION,
        endpoint: customerSandbox.endpoint,
        keys: CUSTOMER_KEYS,
      }),
    });
  });

  afterAll(async () => {
    await session?.close();
    await customerSandbox?.close();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  });

  it('starts on "First POC", on the Local sandbox', async () => {
    const { studio } = session;
    expect(await studio.currentWorkspace()).toBe('First POC');
    expect(await studio.accountBanner('ok')).toBe('Local sandbox · us-east-1');
    await studio.screenshot('ws-0-first-poc');
  });

  it('creates "Customer A" on profile customer-a; the banner shows its account', async () => {
    const { studio } = session;
    await studio.createAwsWorkspace(
      { name: 'Customer A', profile: PROFILE, region: CUSTOMER_REGION },
      () => studio.screenshot('ws-1-new-workspace-form'),
    );
    const label = await studio.accountBanner('ok');
    expect(label).toContain('AWS 1111-2222-3333');
    expect(label).toContain(CUSTOMER_REGION);
    expect(label).toContain(`profile ${PROFILE}`);
    await studio.screenshot('ws-1-customer-a-created');
  });

  it('switches back to "First POC" and forth: each shows its own target', async () => {
    const { studio } = session;
    await studio.switchWorkspace('First POC');
    expect(await studio.accountBanner('ok')).toBe('Local sandbox · us-east-1');
    await studio.switchWorkspace('Customer A');
    expect(await studio.accountBanner('ok')).toContain('AWS 1111-2222-3333');
    await studio.page.getByRole('button', { name: /Switch workspace$/u }).click();
    await studio.page.getByRole('menuitem', { name: /^First POC/u }).waitFor();
    await studio.screenshot('ws-2-switcher');
    await studio.page.keyboard.press('Escape');
  });

  it('Manage workspaces lists both with their targets', async () => {
    const { studio, page } = session;
    await studio.goToStep('Workspaces');
    const table = page.getByRole('table', { name: 'Workspaces' });
    await table.getByText('Customer A').waitFor();
    expect(await table.innerText()).toContain(
      `AWS profile ${PROFILE} · ${CUSTOMER_REGION} · 1111-2222-3333`,
    );
    expect(await table.innerText()).toContain('Local sandbox · us-east-1');
    await studio.screenshot('ws-3-manage');
  });

  it('First POC: setup shows everything present after apply; the guided POC runs to the clean up', async () => {
    const { studio } = session;
    await studio.switchWorkspace('First POC');
    const count = await studio.applySetup(() => studio.screenshot('ws-first-0-setup-before'));
    expect(count).toBeGreaterThanOrEqual(5);
    await studio.screenshot('ws-first-0-setup');
    await runGuidedPoc(studio, 'ws-first', async () => {
      // The import ran in the Local sandbox, not in the customer's account.
      expect(await customerDatasetGroups(customerSandbox)).toHaveLength(0);
    });
  });

  it("Customer A: setup and the guided POC run in the customer's account", async () => {
    const { studio } = session;
    await studio.switchWorkspace('Customer A');
    expect(await studio.accountBanner('ok')).toContain('AWS 1111-2222-3333');
    const count = await studio.applySetup(() => studio.screenshot('ws-customer-0-setup-before'));
    expect(count).toBeGreaterThanOrEqual(5);
    await studio.screenshot('ws-customer-0-setup');
    await runGuidedPoc(studio, 'ws-customer', async () => {
      const groups = await customerDatasetGroups(customerSandbox);
      expect(groups).toHaveLength(1);
      expect(groups[0]).toContain(`:${CUSTOMER_REGION}:${CUSTOMER_ACCOUNT}:`);
    });
    expect(await customerDatasetGroups(customerSandbox)).toHaveLength(0);
  });

  it('First POC still shows its own, cleaned-up state', async () => {
    const { studio } = session;
    await studio.switchWorkspace('First POC');
    await studio.goToStep('6. Clean up');
    await studio.page.getByTestId('cleanup-empty').waitFor();
    expect(await studio.accountBanner('ok')).toBe('Local sandbox · us-east-1');
  });
});
