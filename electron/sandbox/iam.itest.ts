import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox({ accountId: '210987654321' });
const caught = caughtAs(IAMServiceException);
const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };

/** IAM is global: the SDK signs for us-east-1 and service `iam`. */
function iamClient(endpoint: string): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint, credentials: CREDENTIALS });
}

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});
const S3_ACCESS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::poc', 'arn:aws:s3:::poc/*'],
    },
  ],
});
const FULL_ACCESS = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';

let iam: IAMClient;
beforeAll(() => {
  iam = iamClient(shared.sandbox.endpoint);
});

describe('IAM roles over the real SDK (Query protocol)', () => {
  it('creates a role with path, description and tags; GetRole returns it with the trust policy URL-encoded', async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'PocRole',
        Path: '/service-role/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'Personalize access',
        Tags: [{ Key: 'app', Value: 'poc studio' }],
      }),
    );
    const role = created.Role;
    expect(role?.Arn).toBe('arn:aws:iam::210987654321:role/service-role/PocRole');
    expect(role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/u);
    expect(role?.Path).toBe('/service-role/');
    expect(role?.CreateDate).toBeInstanceOf(Date);
    expect(role?.MaxSessionDuration).toBe(3600);
    expect(role?.Tags).toEqual([{ Key: 'app', Value: 'poc studio' }]);

    const got = (await iam.send(new GetRoleCommand({ RoleName: 'PocRole' }))).Role;
    expect(got?.RoleId).toBe(role?.RoleId);
    expect(got?.Description).toBe('Personalize access');
    // IAM sends policy documents URL-encoded and the JavaScript SDK does not decode them.
    expect(got?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/u);
    expect(JSON.parse(decodeURIComponent(got?.AssumeRolePolicyDocument ?? ''))).toEqual(
      JSON.parse(TRUST),
    );
  });

  it('answers EntityAlreadyExists (409, names case-insensitive), NoSuchEntity (404) and validation errors', async () => {
    const again = await caught(
      iam.send(new CreateRoleCommand({ RoleName: 'pocrole', AssumeRolePolicyDocument: TRUST })),
    );
    expect(again.name).toBe('EntityAlreadyExistsException');
    expect(again.$metadata.httpStatusCode).toBe(409);
    const missing = await caught(iam.send(new GetRoleCommand({ RoleName: 'NoSuchRole' })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.message).toBe('The role with name NoSuchRole cannot be found.');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const malformed = await caught(
      iam.send(
        new CreateRoleCommand({ RoleName: 'BadTrust', AssumeRolePolicyDocument: '{not json' }),
      ),
    );
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    expect(malformed.$metadata.httpStatusCode).toBe(400);
    const badName = await caught(
      iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: TRUST })),
    );
    expect(badName.name).toBe('ValidationError');
    expect(badName.message).toContain('Member must satisfy regular expression pattern');
    const tooLong = await caught(
      iam.send(
        new CreateRoleCommand({ RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: TRUST }),
      ),
    );
    expect(tooLong.message).toContain('Member must have length less than or equal to 64');
    const badPath = await caught(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'BadPath',
          Path: 'no-slashes',
          AssumeRolePolicyDocument: TRUST,
        }),
      ),
    );
    expect(badPath.name).toBe('ValidationError');
  });

  it('tags and untags a role', async () => {
    await iam.send(
      new TagRoleCommand({
        RoleName: 'PocRole',
        Tags: [
          { Key: 'app', Value: 'changed' },
          { Key: 'team', Value: 'data' },
        ],
      }),
    );
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'PocRole' }))).Tags).toEqual([
      { Key: 'app', Value: 'changed' },
      { Key: 'team', Value: 'data' },
    ]);
    await iam.send(new UntagRoleCommand({ RoleName: 'PocRole', TagKeys: ['app', 'absent'] }));
    const listed = await iam.send(new ListRoleTagsCommand({ RoleName: 'PocRole' }));
    expect(listed.Tags).toEqual([{ Key: 'team', Value: 'data' }]);
    expect(listed.IsTruncated).toBe(false);
    const reserved = await caught(
      iam.send(
        new TagRoleCommand({ RoleName: 'PocRole', Tags: [{ Key: 'aws:owner', Value: 'x' }] }),
      ),
    );
    expect(reserved.name).toBe('InvalidInputException');
  });

  it('puts, gets (URL-encoded), lists and deletes inline policies', async () => {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'PocRole',
        PolicyName: 'S3Access',
        PolicyDocument: S3_ACCESS,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'PocRole',
        PolicyName: 'Another',
        PolicyDocument: S3_ACCESS,
      }),
    );
    const got = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'PocRole', PolicyName: 'S3Access' }),
    );
    expect(got.RoleName).toBe('PocRole');
    expect(got.PolicyName).toBe('S3Access');
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(JSON.parse(S3_ACCESS));
    expect(
      (await iam.send(new ListRolePoliciesCommand({ RoleName: 'PocRole' }))).PolicyNames,
    ).toEqual(['Another', 'S3Access']);
    const paged = await iam.send(new ListRolePoliciesCommand({ RoleName: 'PocRole', MaxItems: 1 }));
    expect(paged.PolicyNames).toEqual(['Another']);
    expect(paged.IsTruncated).toBe(true);
    const rest = await iam.send(
      new ListRolePoliciesCommand({ RoleName: 'PocRole', MaxItems: 1, Marker: paged.Marker }),
    );
    expect(rest.PolicyNames).toEqual(['S3Access']);
    expect(rest.IsTruncated).toBe(false);

    const notJson = await caught(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'PocRole',
          PolicyName: 'Bad',
          PolicyDocument: 'nope',
        }),
      ),
    );
    expect(notJson.name).toBe('MalformedPolicyDocumentException');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'PocRole', PolicyName: 'Another' }));
    expect(
      (await iam.send(new ListRolePoliciesCommand({ RoleName: 'PocRole' }))).PolicyNames,
    ).toEqual(['S3Access']);
    const gone = await caught(
      iam.send(new GetRolePolicyCommand({ RoleName: 'PocRole', PolicyName: 'Another' })),
    );
    expect(gone.name).toBe('NoSuchEntityException');
    expect(gone.message).toBe('The role policy with name Another cannot be found.');
  });

  it('attaches, lists and detaches managed policies by ARN', async () => {
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'PocRole', PolicyArn: FULL_ACCESS }));
    expect(
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'PocRole' })))
        .AttachedPolicies,
    ).toEqual([{ PolicyName: 'AmazonPersonalizeFullAccess', PolicyArn: FULL_ACCESS }]);
    const invalid = await caught(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'PocRole', PolicyArn: 'not-an-arn' })),
    );
    expect(invalid.name).toBe('InvalidInputException');
    const customer = await caught(
      iam.send(
        new AttachRolePolicyCommand({
          RoleName: 'PocRole',
          PolicyArn: 'arn:aws:iam::210987654321:policy/Mine',
        }),
      ),
    );
    expect(customer.name).toBe('NoSuchEntityException');
  });

  it('refuses DeleteRole with DeleteConflict while inline or attached policies remain, then deletes', async () => {
    const inline = await caught(iam.send(new DeleteRoleCommand({ RoleName: 'PocRole' })));
    expect(inline.name).toBe('DeleteConflictException');
    expect(inline.message).toBe('Cannot delete entity, must delete policies first.');
    expect(inline.$metadata.httpStatusCode).toBe(409);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'PocRole', PolicyName: 'S3Access' }));
    const attached = await caught(iam.send(new DeleteRoleCommand({ RoleName: 'PocRole' })));
    expect(attached.name).toBe('DeleteConflictException');
    expect(attached.message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'PocRole', PolicyArn: FULL_ACCESS }));
    expect(
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'PocRole' })))
        .AttachedPolicies,
    ).toEqual([]);
    await iam.send(new DeleteRoleCommand({ RoleName: 'PocRole' }));
    expect((await caught(iam.send(new GetRoleCommand({ RoleName: 'PocRole' })))).name).toBe(
      'NoSuchEntityException',
    );
    expect(
      (await caught(iam.send(new DeleteRoleCommand({ RoleName: 'PocRole' })))).$metadata
        .httpStatusCode,
    ).toBe(404);
  });

  it('updates the trust policy (UpdateAssumeRolePolicy)', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'TrustChange', AssumeRolePolicyDocument: TRUST }),
    );
    const changed = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    await iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: 'TrustChange', PolicyDocument: changed }),
    );
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'TrustChange' }))).Role;
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''))).toEqual(
      JSON.parse(changed),
    );
    const noPrincipal = await caught(
      iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: 'TrustChange', PolicyDocument: S3_ACCESS }),
      ),
    );
    expect(noPrincipal.name).toBe('MalformedPolicyDocumentException');
  });

  it('lists roles by path prefix', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'UnderPath',
        Path: '/poc/',
        AssumeRolePolicyDocument: TRUST,
      }),
    );
    const all = await iam.send(new ListRolesCommand({}));
    expect((all.Roles ?? []).map((role) => role.RoleName)).toEqual(['TrustChange', 'UnderPath']);
    const underPoc = await iam.send(new ListRolesCommand({ PathPrefix: '/poc/' }));
    expect((underPoc.Roles ?? []).map((role) => role.Arn)).toEqual([
      'arn:aws:iam::210987654321:role/poc/UnderPath',
    ]);
  });
});

describe('IAM persistence', () => {
  let dataDir = '';
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'iam-state-'));
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps roles, their policies and tags across a restart', async () => {
    const first = await startSandbox({ dataDir });
    const before = iamClient(first.endpoint);
    const created = await before.send(
      new CreateRoleCommand({
        RoleName: 'Kept',
        AssumeRolePolicyDocument: TRUST,
        Tags: [{ Key: 'k', Value: 'v' }],
      }),
    );
    await before.send(
      new PutRolePolicyCommand({
        RoleName: 'Kept',
        PolicyName: 'S3Access',
        PolicyDocument: S3_ACCESS,
      }),
    );
    await before.send(new AttachRolePolicyCommand({ RoleName: 'Kept', PolicyArn: FULL_ACCESS }));
    await first.close();

    sandbox = await startSandbox({ dataDir });
    const after = iamClient(sandbox.endpoint);
    const role = (await after.send(new GetRoleCommand({ RoleName: 'Kept' }))).Role;
    expect(role?.RoleId).toBe(created.Role?.RoleId);
    expect(role?.Arn).toBe('arn:aws:iam::123456789012:role/Kept');
    expect(role?.Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(
      (await after.send(new ListRolePoliciesCommand({ RoleName: 'Kept' }))).PolicyNames,
    ).toEqual(['S3Access']);
    expect(
      (
        await after.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Kept' }))
      ).AttachedPolicies?.map((policy) => policy.PolicyArn),
    ).toEqual([FULL_ACCESS]);
  });
});
