/**
 * Conformance through the AWS CLI (a third client nobody here wrote; v1 or v2, whichever is on
 * PATH — `.ci/run` installs Debian's `awscli` where it is missing) against the standalone
 * sandbox started as `poc-studio sandbox`: SPEC §11 items 1, 2/3 (typed errors as the CLI
 * reports them), 4, 5, 6, 7, 8, 10 for the control plane, plus the S3 and STS calls the studio
 * needs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliSandbox } from '../../cli/test-support.js';

/** What one `aws` run printed and its exit code. */
interface AwsRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let directory = '';
let endpoint = '';
let stopSandbox: () => Promise<void> = async () => {};

/** Runs `aws ARGS --endpoint-url <sandbox> --output json` with a private config and dummy keys. */
function aws(...args: string[]): Promise<AwsRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'aws',
      [...args, '--endpoint-url', endpoint, '--output', 'json'],
      {
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: directory,
          AWS_CONFIG_FILE: path.join(directory, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(directory, 'credentials'),
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_DEFAULT_REGION: 'eu-west-1',
          AWS_PAGER: '',
          ...(process.env.PYENV_ROOT === undefined ? {} : { PYENV_ROOT: process.env.PYENV_ROOT }),
        },
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(
            new Error(
              `could not run the AWS CLI (install it: apt-get install -y awscli): ${error.message}`,
              { cause: error },
            ),
          );
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** Runs `aws` and parses its JSON output; fails the test with the CLI's stderr otherwise. */
async function awsJson<T>(...args: string[]): Promise<T> {
  const run = await aws(...args);
  expect(run.code, `aws ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return (run.stdout.trim() === '' ? {} : JSON.parse(run.stdout)) as T;
}

/** Expects a service error: the CLI exits 254 (v2) or 255 (v1) and names the error code. */
async function expectServiceError(code: string, ...args: string[]): Promise<string> {
  const run = await aws(...args);
  expect([254, 255], `aws ${args.join(' ')} exited ${run.code}: ${run.stderr}`).toContain(run.code);
  expect(run.stderr).toContain(`(${code})`);
  return run.stderr;
}

async function waitForStatus(describe: () => Promise<string>, status: string): Promise<string[]> {
  const seen: string[] = [];
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const current = await describe();
    if (seen.at(-1) !== current) seen.push(current);
    if (current === status) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never reached ${status}; saw ${seen.join(' → ')}`);
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aws-cli-conformance-'));
  await writeFile(
    path.join(directory, 'config'),
    '[default]\nregion = eu-west-1\ns3 =\n    addressing_style = path\n',
  );
  await writeFile(path.join(directory, 'credentials'), '');
  const started = await startCliSandbox(path.join(directory, 'state'));
  endpoint = started.endpoint;
  stopSandbox = async () => {
    const closed = new Promise((resolve) => started.child.on('close', resolve));
    started.child.kill('SIGTERM');
    await closed;
  };
}, 120_000);

afterAll(async () => {
  await stopSandbox();
  await rm(directory, { recursive: true, force: true });
});

describe('the AWS CLI against the standalone sandbox', () => {
  it('dataset groups: ARN format, create statuses to ACTIVE, duplicates, not found, bad input', async () => {
    const { datasetGroupArn } = await awsJson<{ datasetGroupArn: string }>(
      'personalize',
      'create-dataset-group',
      '--name',
      'cli-dsg',
    );
    expect(datasetGroupArn).toBe(
      'arn:aws:personalize:eu-west-1:123456789012:dataset-group/cli-dsg',
    );
    const statuses = await waitForStatus(async () => {
      const { datasetGroup } = await awsJson<{ datasetGroup: { status: string } }>(
        'personalize',
        'describe-dataset-group',
        '--dataset-group-arn',
        datasetGroupArn,
      );
      return datasetGroup.status;
    }, 'ACTIVE');
    // Each CLI run starts a Python process (seconds on a busy machine), longer than the fast
    // profile's pending delay: the first-Describe rule is checked through the SDK and boto3.
    for (const status of statuses)
      expect(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']).toContain(status);
    await expectServiceError(
      'ResourceAlreadyExistsException',
      'personalize',
      'create-dataset-group',
      '--name',
      'cli-dsg',
    );
    await expectServiceError(
      'ResourceNotFoundException',
      'personalize',
      'describe-dataset-group',
      '--dataset-group-arn',
      `${datasetGroupArn}-missing`,
    );
    const invalid = await expectServiceError(
      'InvalidInputException',
      'personalize',
      'create-dataset-group',
      '--name',
      'not a valid name!',
    );
    expect(invalid).toContain('name');
  });

  it('pagination: --page-size 1 walks every page to the end; a tampered token is InvalidNextTokenException', async () => {
    for (const name of ['cli-page-a', 'cli-page-b', 'cli-page-c'])
      await awsJson('personalize', 'create-dataset-group', '--name', name);
    const { datasetGroups } = await awsJson<{ datasetGroups: { name: string }[] }>(
      'personalize',
      'list-dataset-groups',
      '--page-size',
      '1',
    );
    expect(datasetGroups.map((group) => group.name)).toEqual(
      expect.arrayContaining(['cli-page-a', 'cli-page-b', 'cli-page-c']),
    );
    const firstPage = await awsJson<{ NextToken?: string; nextToken?: string }>(
      'personalize',
      'list-dataset-groups',
      '--max-items',
      '1',
    );
    const token = firstPage.NextToken ?? firstPage.nextToken;
    expect(token).toBeTypeOf('string');
    await expectServiceError(
      'InvalidNextTokenException',
      'personalize',
      'list-dataset-groups',
      '--no-paginate',
      '--next-token',
      'not-a-token-the-sandbox-issued',
    );
  });

  it('schemas and datasets: a schema in use and a group with a dataset are ResourceInUseException', async () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Interactions',
      namespace: 'com.amazonaws.personalize.schema',
      fields: [
        { name: 'USER_ID', type: 'string' },
        { name: 'ITEM_ID', type: 'string' },
        { name: 'TIMESTAMP', type: 'long' },
      ],
      version: '1.0',
    });
    const { schemaArn } = await awsJson<{ schemaArn: string }>(
      'personalize',
      'create-schema',
      '--name',
      'cli-interactions',
      '--schema',
      schema,
    );
    expect(schemaArn).toBe('arn:aws:personalize:eu-west-1:123456789012:schema/cli-interactions');
    const { datasetGroupArn } = await awsJson<{ datasetGroupArn: string }>(
      'personalize',
      'create-dataset-group',
      '--name',
      'cli-dsg-in-use',
    );
    await waitForStatus(async () => {
      const { datasetGroup } = await awsJson<{ datasetGroup: { status: string } }>(
        'personalize',
        'describe-dataset-group',
        '--dataset-group-arn',
        datasetGroupArn,
      );
      return datasetGroup.status;
    }, 'ACTIVE');
    const { datasetArn } = await awsJson<{ datasetArn: string }>(
      'personalize',
      'create-dataset',
      '--name',
      'cli-interactions',
      '--schema-arn',
      schemaArn,
      '--dataset-group-arn',
      datasetGroupArn,
      '--dataset-type',
      'interactions',
    );
    expect(datasetArn).toBe(
      'arn:aws:personalize:eu-west-1:123456789012:dataset/cli-dsg-in-use/INTERACTIONS',
    );
    await expectServiceError(
      'ResourceAlreadyExistsException',
      'personalize',
      'create-dataset',
      '--name',
      'cli-interactions-2',
      '--schema-arn',
      schemaArn,
      '--dataset-group-arn',
      datasetGroupArn,
      '--dataset-type',
      'INTERACTIONS',
    );
    await expectServiceError(
      'ResourceInUseException',
      'personalize',
      'delete-schema',
      '--schema-arn',
      schemaArn,
    );
    await expectServiceError(
      'ResourceInUseException',
      'personalize',
      'delete-dataset-group',
      '--dataset-group-arn',
      datasetGroupArn,
    );
  });

  it('recipes list with the CLI paginator and describe as the service does', async () => {
    const { recipes } = await awsJson<{ recipes: { recipeArn: string; name: string }[] }>(
      'personalize',
      'list-recipes',
    );
    const names = recipes.map((recipe) => recipe.name);
    expect(names).toEqual(
      expect.arrayContaining(['aws-user-personalization', 'aws-sims', 'aws-popularity-count']),
    );
    const { recipe } = await awsJson<{ recipe: { recipeType: string } }>(
      'personalize',
      'describe-recipe',
      '--recipe-arn',
      'arn:aws:personalize:::recipe/aws-sims',
    );
    expect(recipe.recipeType).toBe('RELATED_ITEMS');
  });

  it('S3 (path style) and STS: the calls the studio makes for its bucket and identity', async () => {
    const file = path.join(directory, 'interactions.csv');
    const body = 'USER_ID,ITEM_ID,TIMESTAMP\n1,2,1700000000\n';
    await writeFile(file, body);
    expect((await aws('s3', 'mb', 's3://cli-bucket')).code).toBe(0);
    expect((await aws('s3', 'cp', file, 's3://cli-bucket/data/interactions.csv')).code).toBe(0);
    const listing = await aws('s3', 'ls', 's3://cli-bucket/data/');
    expect(listing.code, listing.stderr).toBe(0);
    expect(listing.stdout).toContain(` ${Buffer.byteLength(body)} interactions.csv`);
    const head = await awsJson<{ ContentLength: number }>(
      's3api',
      'head-object',
      '--bucket',
      'cli-bucket',
      '--key',
      'data/interactions.csv',
    );
    expect(head.ContentLength).toBe(Buffer.byteLength(body));
    expect((await aws('s3', 'rb', 's3://cli-bucket', '--force')).code).toBe(0);
    const identity = await awsJson<{ Account: string }>('sts', 'get-caller-identity');
    expect(identity.Account).toBe('123456789012');
  });
});
