import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketLocationCommand, GetBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { runCli, type CliRun } from './test-support.js';
import { writeAwsProfile } from '../testing/aws-profile.js';

const KINDS = [
  'bucket',
  'bucketEncryption',
  'publicAccessBlock',
  'bucketPolicy',
  'bucketTags',
  'role',
  'roleTrustPolicy',
  'rolePolicy',
  'roleTags',
];
const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };

let directory = '';
let sandbox: RunningSandbox;
let env: NodeJS.ProcessEnv = {};

/** Runs the CLI with the temp AWS config only (no AWS_* variables of the parent). */
function runSetup(args: readonly string[]): Promise<CliRun> {
  return runCli(['setup', ...args], env);
}

/** The `<label> <kind>` pairs of the item lines. */
function itemLines(stdout: string): [string, string][] {
  return stdout
    .split('\n')
    .map((line) => line.split(/\s+/u))
    .filter((words) => words.length > 2 && KINDS.includes(words[1] ?? ''))
    .map((words) => [words[0] ?? '', words[1] ?? '']);
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'cli-setup-itest-'));
  sandbox = await startSandbox({ dataDir: path.join(directory, 'sandbox') });
  // A profile with static keys whose configured endpoint (`endpoint_url`) is the sandbox.
  env = await writeAwsProfile({
    directory,
    profile: 'poc',
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    keys: CREDENTIALS,
  });
});
afterAll(async () => {
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});

describe('poc-studio setup', () => {
  it('--plan lists everything missing (exit 1); --yes creates it (exit 0); a second --yes changes nothing', async () => {
    const plan = await runSetup(['--profile', 'poc', '--region', 'eu-west-1', '--plan']);
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toContain('Account 123456789012, region eu-west-1, profile poc');
    expect(itemLines(plan.stdout)).toEqual(KINDS.map((kind) => ['missing', kind]));
    expect(plan.stdout).toMatch(
      /^missing\s+bucket\s+poc-studio-123456789012-eu-west-1 {2}\(to create in eu-west-1\)$/mu,
    );
    expect(plan.stdout).toContain('9 items not in place.');

    const first = await runSetup(['--profile', 'poc', '--region', 'eu-west-1', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    expect(itemLines(first.stdout)).toEqual(KINDS.map((kind) => ['created', kind]));
    expect(first.stdout).toMatch(
      /^created\s+bucket\s+poc-studio-123456789012-eu-west-1 {2}\(in eu-west-1\)$/mu,
    );
    expect(first.stdout).toContain('Everything is in place.');
    expect(first.stdout).toContain(
      'Role:   arn:aws:iam::123456789012:role/PersonalizePocStudioRole-eu-west-1',
    );

    const second = await runSetup(['--profile', 'poc', '--region', 'eu-west-1', '--yes']);
    expect(second.code, second.stderr).toBe(0);
    expect(itemLines(second.stdout)).toEqual(KINDS.map((kind) => ['unchanged', kind]));

    const check = await runSetup(['--profile', 'poc', '--region', 'eu-west-1', '--plan']);
    expect(check.code, check.stderr).toBe(0);
    expect(itemLines(check.stdout)).toEqual(KINDS.map((kind) => ['present', kind]));

    // What the CLI made, seen with the SDK.
    const s3 = new S3Client({
      region: 'eu-west-1',
      endpoint: sandbox.endpoint,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: CREDENTIALS,
    });
    try {
      expect(
        (
          await s3.send(
            new GetBucketLocationCommand({ Bucket: 'poc-studio-123456789012-eu-west-1' }),
          )
        ).LocationConstraint,
      ).toBe('eu-west-1');
      const tagSet =
        (
          await s3.send(
            new GetBucketTaggingCommand({ Bucket: 'poc-studio-123456789012-eu-west-1' }),
          )
        ).TagSet ?? [];
      expect(tagSet).toContainEqual({ Key: 'created-by', Value: 'personalize-poc-studio' });
      expect(tagSet.find((tag) => tag.Key === 'poc-studio:workspace')?.Value).toMatch(
        /^ws-cli-poc-eu-west-[0-9a-f]{6}$/u,
      );
      expect(
        (await iam.send(new GetRoleCommand({ RoleName: 'PersonalizePocStudioRole-eu-west-1' })))
          .Role?.Arn,
      ).toBe('arn:aws:iam::123456789012:role/PersonalizePocStudioRole-eu-west-1');
    } finally {
      s3.destroy();
      iam.destroy();
    }
  });

  it('takes --bucket and --role', async () => {
    const run = await runSetup([
      '--profile',
      'poc',
      '--region',
      'eu-west-1',
      '--bucket',
      'my-poc-data',
      '--role',
      'MyPocRole',
      '--yes',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^created\s+bucket\s+my-poc-data /mu);
    expect(run.stdout).toMatch(
      /^created\s+rolePolicy\s+MyPocRole\/PersonalizePocStudioS3Access /mu,
    );
  });

  it('refuses bad options with input.invalid and exit 1', async () => {
    const neither = await runSetup(['--profile', 'poc', '--region', 'eu-west-1']);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain(
      'input.invalid: setup needs exactly one of --plan (check only) or --yes',
    );
    const badBucket = await runSetup([
      '--profile',
      'poc',
      '--region',
      'eu-west-1',
      '--bucket',
      'Bad_Name',
      '--plan',
    ]);
    expect(badBucket.code).toBe(1);
    expect(badBucket.stderr).toContain('--bucket Bad_Name is not a valid S3 bucket name');
    const noProfile = await runSetup(['--region', 'eu-west-1', '--plan']);
    expect(noProfile.stderr).toContain('setup needs --profile');
  });
});
