import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  ListDatasetGroupsCommand,
  ListSchemasCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryView } from '../../shared/ipc/inventory.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import {
  CREATE_TRANSIENT,
  INTERACTIONS_SCHEMA,
  pollStatus,
} from '../sandbox/test-support/clients.js';
import { runCli, type CliRun } from './test-support.js';
import { writeAwsProfile } from '../testing/aws-profile.js';

const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };
const PROFILE = ['--profile', 'poc', '--region', 'eu-west-1'];

let directory = '';
let sandbox: RunningSandbox;
let personalize: PersonalizeClient;
let env: NodeJS.ProcessEnv = {};
let otherGroupArn = '';

/** Runs the CLI with the temp AWS config only (no AWS_* variables of the parent). */
function run(args: readonly string[]): Promise<CliRun> {
  return runCli(args, env);
}

/** A dataset group `name` with an Interactions dataset of a new schema `<name>-schema`, made with the SDK. */
async function groupWithDataset(name: string): Promise<string> {
  const { datasetGroupArn = '' } = await personalize.send(new CreateDatasetGroupCommand({ name }));
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
    CREATE_TRANSIENT,
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({ name: `${name}-schema`, schema: INTERACTIONS_SCHEMA }),
  );
  const { datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: `${name}-interactions`,
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  );
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    CREATE_TRANSIENT,
  );
  return datasetGroupArn;
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'cli-teardown-itest-'));
  sandbox = await startSandbox({ dataDir: path.join(directory, 'sandbox') });
  env = await writeAwsProfile({
    directory,
    profile: 'poc',
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    keys: CREDENTIALS,
  });
  // Two POCs made outside the studio, in the profile's region.
  personalize = new PersonalizeClient({
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    credentials: CREDENTIALS,
  });
  await groupWithDataset('acme-retail');
  otherGroupArn = await groupWithDataset('other-shop');
});
afterAll(async () => {
  personalize.destroy();
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});

describe('poc-studio inventory and teardown', () => {
  it('inventory lists the account grouped by dataset group, as text and as JSON', async () => {
    const text = await run(['inventory', ...PROFILE]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'Region eu-west-1, account 123456789012: 2 dataset groups, 2 schemas',
    );
    expect(text.stdout).toMatch(
      /^datasetGroup\s+acme-retail\s+ACTIVE\s+\S+\s+\(not the studio's\)$/mu,
    );
    expect(text.stdout).toMatch(/^ {2}dataset\s+acme-retail-interactions\s+ACTIVE /mu);
    expect(text.stdout).toContain('0 recommenders running');
    expect(text.stdout).toContain('Training hours spent: 0.000\n');
    const json = await run(['inventory', ...PROFILE, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const view = JSON.parse(json.stdout) as InventoryView;
    expect(
      view.groups.map((group) => [
        group.datasetGroup.name,
        group.resources.map((entry) => entry.kind),
      ]),
    ).toEqual([
      ['acme-retail', ['dataset']],
      ['other-shop', ['dataset']],
    ]);
    expect(view.schemas.map((schema) => [schema.name, schema.isOrphan])).toEqual([
      ['acme-retail-schema', false],
      ['other-shop-schema', false],
    ]);
  });

  it('teardown --scope prints the ordered plan, --yes deletes only that scope (exit 0), a second --yes does nothing', async () => {
    const plan = await run(['teardown', ...PROFILE, '--scope', 'acme-', '--plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Scope: names starting with acme-, region eu-west-1');
    const steps = plan.stdout
      .split('\n')
      .filter((line) => /^\s*\d+\. /u.test(line))
      .map((line) => line.trim().split(/\s+/u).slice(0, 4));
    expect(steps).toEqual([
      ['1.', 'delete', 'dataset', 'acme-retail-interactions'],
      ['2.', 'delete', 'datasetGroup', 'acme-retail'],
      ['2.', 'delete', 'schema', 'acme-retail-schema'],
    ]);
    expect(plan.stdout).toContain(
      '3 resources, 3 to delete; running cost: 0 campaigns, 0 recommenders. The teardown runs in 2 waves',
    );

    const first = await run(['teardown', ...PROFILE, '--scope', 'acme-', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Nothing of the scope remains\.\n$/u);
    const groups = (await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((group) => group.name)).toEqual(['other-shop']);
    const schemas = (await personalize.send(new ListSchemasCommand({}))).schemas ?? [];
    expect(schemas.map((schema) => schema.name)).toEqual(['other-shop-schema']);

    const second = await run(['teardown', ...PROFILE, '--scope', 'acme-', '--yes']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Nothing of the scope remains.');
    expect(second.stdout).not.toMatch(/\[\d+\/\d+\]/u);
  });

  it('teardown --dataset-group deletes that group and the schema only it uses', async () => {
    const run1 = await run(['teardown', ...PROFILE, '--dataset-group', otherGroupArn, '--yes']);
    expect(run1.code, run1.stderr).toBe(0);
    expect(run1.stdout).toContain(`Scope: dataset group ${otherGroupArn}`);
    expect((await personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).toEqual(
      [],
    );
    expect((await personalize.send(new ListSchemasCommand({}))).schemas ?? []).toEqual([]);
  });
});
