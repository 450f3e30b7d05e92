import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import {
  applySetup,
  bucketPolicyStatements,
  checkSetup,
  defaultBucketName,
  defaultRoleName,
  rolePolicy,
  trustPolicy,
  type SetupItem,
  type SetupTarget,
} from './setup-service.js';

const ACCOUNT = '123456789012';
const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };
const TAGS = { app: 'personalize-poc-studio', workspace: 'demo' };

let sandbox: RunningSandbox;
const clients: { destroy(): void }[] = [];

function target(region: string, overrides: Partial<SetupTarget> = {}): SetupTarget {
  const s3 = new S3Client({
    region,
    endpoint: sandbox.endpoint,
    credentials: CREDENTIALS,
    forcePathStyle: true,
  });
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: CREDENTIALS,
  });
  clients.push(s3, iam);
  return {
    s3,
    iam,
    region,
    accountId: ACCOUNT,
    bucket: defaultBucketName(ACCOUNT, region),
    roleName: defaultRoleName(region),
    tags: TAGS,
    ...overrides,
  };
}

async function applyRecorded(
  setup: SetupTarget,
): Promise<{ actions: [string, string][]; complete: boolean }> {
  const actions: [string, string][] = [];
  const plan = await applySetup(setup, (item: SetupItem, action) =>
    actions.push([item.kind, action]),
  );
  return { actions, complete: plan.isComplete };
}

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

beforeAll(async () => {
  sandbox = await startSandbox({ accountId: ACCOUNT });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.close();
});

describe('environment setup against the sandbox', () => {
  it('check before apply lists every item missing; apply creates each once; a second apply changes nothing', async () => {
    const setup = target('us-east-1');
    const before = await checkSetup(setup);
    expect(before.items.map((item) => item.kind)).toEqual(KINDS);
    expect(before.items.map((item) => item.state)).toEqual(KINDS.map(() => 'missing'));
    expect(before.isComplete).toBe(false);
    expect(before.bucketArn).toBe('arn:aws:s3:::poc-studio-123456789012-us-east-1');
    expect(before.roleArn).toBe(
      'arn:aws:iam::123456789012:role/PersonalizePocStudioRole-us-east-1',
    );

    const first = await applyRecorded(setup);
    expect(first.actions).toEqual(KINDS.map((kind) => [kind, 'created']));
    expect(first.complete).toBe(true);

    const second = await applyRecorded(setup);
    expect(second.actions).toEqual(KINDS.map((kind) => [kind, 'unchanged']));
    expect(second.complete).toBe(true);

    const after = await checkSetup(setup);
    expect(after.items.every((item) => item.state === 'present')).toBe(true);
    expect(
      (await setup.s3.send(new GetBucketLocationCommand({ Bucket: setup.bucket })))
        .LocationConstraint,
    ).toBeUndefined();
  });

  it('puts the documented policies: bucket policy for Personalize, trust policy with confused-deputy conditions, inline S3 policy', async () => {
    const setup = target('us-east-1');
    const bucketPolicy = JSON.parse(
      (await setup.s3.send(new GetBucketPolicyCommand({ Bucket: setup.bucket }))).Policy ?? '',
    ) as { Statement: unknown[] };
    expect(bucketPolicy.Statement).toEqual(bucketPolicyStatements(setup.bucket));
    expect(bucketPolicy.Statement[0]).toMatchObject({
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'],
    });

    const role = (await setup.iam.send(new GetRoleCommand({ RoleName: setup.roleName }))).Role;
    const trust = JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')) as unknown;
    expect(trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': `arn:aws:personalize:us-east-1:${ACCOUNT}:*` },
          },
        },
      ],
    });
    const inline = await setup.iam.send(
      new GetRolePolicyCommand({
        RoleName: setup.roleName,
        PolicyName: 'PersonalizePocStudioS3Access',
      }),
    );
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Resource: [`arn:aws:s3:::${setup.bucket}`, `arn:aws:s3:::${setup.bucket}/*`],
        },
      ],
    });
  });

  it('tags the bucket and the role', async () => {
    const setup = target('us-east-1');
    const bucketTags = (await setup.s3.send(new GetBucketTaggingCommand({ Bucket: setup.bucket })))
      .TagSet;
    expect(bucketTags).toEqual([
      { Key: 'app', Value: 'personalize-poc-studio' },
      { Key: 'workspace', Value: 'demo' },
    ]);
    const roleTags = (await setup.iam.send(new GetRoleCommand({ RoleName: setup.roleName }))).Role
      ?.Tags;
    expect(roleTags).toEqual(bucketTags);
  });

  it('a changed policy is reported different and fixed by apply; other bucket policy statements are kept', async () => {
    const setup = target('us-east-1');
    const foreignStatement = {
      Sid: 'TeamRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${setup.bucket}/*`,
    };
    await setup.s3.send(
      new PutBucketPolicyCommand({
        Bucket: setup.bucket,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [foreignStatement] }),
      }),
    );
    const narrower = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${setup.bucket}/*` },
      ],
    };
    await setup.iam.send(
      new PutRolePolicyCommand({
        RoleName: setup.roleName,
        PolicyName: 'PersonalizePocStudioS3Access',
        PolicyDocument: JSON.stringify(narrower),
      }),
    );
    const openTrust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    };
    await setup.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: setup.roleName,
        PolicyDocument: JSON.stringify(openTrust),
      }),
    );
    await setup.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: setup.bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: true,
        },
      }),
    );

    const check = await checkSetup(setup);
    const states = Object.fromEntries(check.items.map((item) => [item.kind, item.state]));
    expect(states).toEqual({
      bucket: 'present',
      bucketEncryption: 'present',
      publicAccessBlock: 'different',
      bucketPolicy: 'different',
      bucketTags: 'present',
      role: 'present',
      roleTrustPolicy: 'different',
      rolePolicy: 'different',
      roleTags: 'present',
    });
    expect(check.items.find((item) => item.kind === 'publicAccessBlock')?.detail).toBe(
      'BlockPublicPolicy off',
    );
    expect(check.isComplete).toBe(false);

    const fixed = await applyRecorded(setup);
    expect(
      fixed.actions.filter(([, action]) => action === 'updated').map(([kind]) => kind),
    ).toEqual(['publicAccessBlock', 'bucketPolicy', 'roleTrustPolicy', 'rolePolicy']);
    expect(fixed.complete).toBe(true);
    const policy = JSON.parse(
      (await setup.s3.send(new GetBucketPolicyCommand({ Bucket: setup.bucket }))).Policy ?? '',
    ) as { Statement: unknown[] };
    expect(policy.Statement).toEqual([foreignStatement, ...bucketPolicyStatements(setup.bucket)]);
    const role = (await setup.iam.send(new GetRoleCommand({ RoleName: setup.roleName }))).Role;
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''))).toEqual(
      trustPolicy(ACCOUNT, 'us-east-1'),
    );
    const inline = await setup.iam.send(
      new GetRolePolicyCommand({
        RoleName: setup.roleName,
        PolicyName: 'PersonalizePocStudioS3Access',
      }),
    );
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual(
      rolePolicy(setup.bucket),
    );
    expect((await applyRecorded(setup)).actions.every(([, action]) => action === 'unchanged')).toBe(
      true,
    );
  });

  it('creates the bucket of another region with its LocationConstraint (eu-west-1), and the role with that region in its trust', async () => {
    const setup = target('eu-west-1');
    expect(setup.bucket).toBe('poc-studio-123456789012-eu-west-1');
    const first = await applyRecorded(setup);
    expect(first.complete).toBe(true);
    expect(first.actions.every(([, action]) => action === 'created')).toBe(true);
    expect(
      (await setup.s3.send(new GetBucketLocationCommand({ Bucket: setup.bucket })))
        .LocationConstraint,
    ).toBe('eu-west-1');
    const role = (await setup.iam.send(new GetRoleCommand({ RoleName: setup.roleName }))).Role;
    expect(role?.RoleName).toBe('PersonalizePocStudioRole-eu-west-1');
    expect(
      JSON.stringify(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''))),
    ).toContain(`arn:aws:personalize:eu-west-1:${ACCOUNT}:*`);
    expect((await applyRecorded(setup)).actions.every(([, action]) => action === 'unchanged')).toBe(
      true,
    );
  });

  it('reports a bucket of another region as different and refuses to apply', async () => {
    // The us-east-1 bucket, checked for a eu-west-1 setup.
    const setup = target('eu-west-1', {
      bucket: defaultBucketName(ACCOUNT, 'us-east-1'),
      roleName: 'OtherRegionRole',
    });
    const check = await checkSetup(setup);
    expect(check.items[0]).toMatchObject({
      kind: 'bucket',
      state: 'different',
      detail: 'in us-east-1, not eu-west-1; a bucket cannot move, choose another name',
    });
    await expect(applySetup(setup)).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('stops with job.cancelled when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      checkSetup(target('us-east-1', { signal: controller.signal })),
    ).rejects.toMatchObject({ code: 'job.cancelled' });
  });
});
