/**
 * Environment setup of a POC account, as the AWS "POC in a box" guide does it by hand: the S3
 * bucket (region, SSE-S3, Block Public Access, a policy for Personalize, tags) and the IAM
 * service role Personalize assumes (trust policy, least-privilege inline policy, tags).
 */
import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { AppError, isAppError } from '../../../shared/errors.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';

/** Where and what to set up. `tags` go on the bucket and the role; `signal` cancels between calls. */
export interface SetupTarget {
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly region: string;
  readonly accountId: string;
  readonly bucket: string;
  readonly roleName: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** The elements of the setup, in the order they are checked and applied. */
export type SetupItemKind =
  | 'bucket'
  | 'bucketEncryption'
  | 'publicAccessBlock'
  | 'bucketPolicy'
  | 'bucketTags'
  | 'role'
  | 'roleTrustPolicy'
  | 'rolePolicy'
  | 'roleTags';

/**
 * One element and how the account has it: `present` (as wanted), `missing`, or `different`
 * (exists but not as wanted; `detail` says how).
 */
export interface SetupItem {
  readonly kind: SetupItemKind;
  readonly name: string;
  readonly state: 'present' | 'missing' | 'different';
  readonly detail: string;
}

/** The check of a whole setup; `isComplete` when every item is `present`. */
export interface SetupPlan {
  readonly items: readonly SetupItem[];
  readonly isComplete: boolean;
  readonly roleArn: string;
  readonly bucketArn: string;
}

/** Service principal of Amazon Personalize. */
const PERSONALIZE_PRINCIPAL = 'personalize.amazonaws.com';
/** Name of the role's inline S3 policy. */
export const ROLE_POLICY_NAME = 'PersonalizePocStudioS3Access';
/** Prefix under which Personalize writes batch job output (the bucket policy lets it PutObject there only). */
export const BATCH_OUTPUT_PREFIX = 'batch-output/';
/** Sid of the bucket policy statements this setup owns; other statements of the policy are kept. */
const READ_SID = 'PersonalizeS3BucketAccessPolicy';
const WRITE_SID = 'PersonalizeS3BatchOutput';

/**
 * The default bucket name `poc-studio-<account>-<region>` (S3 names: 3..63 lower-case letters,
 * digits and hyphens; 12-digit accounts and region names keep it within 63).
 */
export function defaultBucketName(accountId: string, region: string): string {
  return `poc-studio-${accountId}-${region}`.toLowerCase();
}

/**
 * The default role name `PersonalizePocStudioRole-<slug>`, `slug` reduced to IAM's `[\w+=,.@-]`
 * and the whole cut to IAM's 64 characters.
 */
export function defaultRoleName(slug: string): string {
  return `PersonalizePocStudioRole-${slug.replace(/[^\w+=,.@-]/gu, '-')}`.slice(0, 64);
}

/**
 * The bucket policy for Personalize ("Giving Amazon Personalize access to Amazon S3
 * resources", Personalize developer guide): s3:GetObject and s3:ListBucket on the bucket and
 * its objects, plus s3:PutObject under {@link BATCH_OUTPUT_PREFIX} for batch workflows.
 */
export function bucketPolicyStatements(bucket: string): Record<string, unknown>[] {
  const bucketArn = `arn:aws:s3:::${bucket}`;
  return [
    {
      Sid: READ_SID,
      Effect: 'Allow',
      Principal: { Service: PERSONALIZE_PRINCIPAL },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [bucketArn, `${bucketArn}/*`],
    },
    {
      Sid: WRITE_SID,
      Effect: 'Allow',
      Principal: { Service: PERSONALIZE_PRINCIPAL },
      Action: ['s3:PutObject'],
      Resource: [`${bucketArn}/${BATCH_OUTPUT_PREFIX}*`],
    },
  ];
}

/**
 * The role's trust policy: Personalize may `sts:AssumeRole`, only for this account's
 * Personalize resources in `region` (`aws:SourceAccount` / `aws:SourceArn`, the confused deputy
 * conditions of "Cross-service confused deputy prevention", Personalize developer guide).
 */
export function trustPolicy(accountId: string, region: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: PERSONALIZE_PRINCIPAL },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ArnLike: { 'aws:SourceArn': `arn:aws:personalize:${region}:${accountId}:*` },
        },
      },
    ],
  };
}

/** The role's inline policy: s3:GetObject, s3:ListBucket and s3:PutObject on exactly this bucket and its objects. */
export function rolePolicy(bucket: string): Record<string, unknown> {
  const bucketArn = `arn:aws:s3:::${bucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Resource: [bucketArn, `${bucketArn}/*`],
      },
    ],
  };
}

/**
 * A policy in a form where equal meaning compares equal: object keys sorted, string lists
 * sorted, one-element lists as their element (IAM and S3 accept `"a"` and `["a"]` alike).
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    if (items.length === 1) return items[0];
    return items.every((item) => typeof item === 'string') ? [...items].sort() : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function samePolicy(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statementsOf(policy: unknown): Record<string, unknown>[] {
  const statement =
    typeof policy === 'object' && policy !== null
      ? (policy as Record<string, unknown>).Statement
      : undefined;
  const list: unknown[] = Array.isArray(statement)
    ? statement
    : statement === undefined
      ? []
      : [statement];
  return list.filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
  );
}

/** @throws AppError `job.cancelled` once `signal` aborted. */
function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true)
    throw new AppError('job.cancelled', 'The environment setup was cancelled.');
}

function awsStatus(error: unknown): number | undefined {
  const status = isAppError(error) ? error.details?.httpStatus : undefined;
  return typeof status === 'number' ? status : undefined;
}

function missingTags(
  wanted: Readonly<Record<string, string>>,
  actual: readonly { Key?: string | undefined; Value?: string | undefined }[],
): string[] {
  const have = new Map(actual.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  return Object.entries(wanted)
    .filter(([key, value]) => have.get(key) !== value)
    .map(([key]) => key);
}

function tagItem(
  kind: 'bucketTags' | 'roleTags',
  name: string,
  wanted: Readonly<Record<string, string>>,
  actual: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): SetupItem {
  const count = Object.keys(wanted).length;
  if (count === 0) return { kind, name, state: 'present', detail: 'no tags requested' };
  if (actual === undefined || actual.length === 0)
    return { kind, name, state: 'missing', detail: `no tags; wants ${count}` };
  const lacking = missingTags(wanted, actual);
  return lacking.length === 0
    ? { kind, name, state: 'present', detail: `${count} tag${count === 1 ? '' : 's'} as wanted` }
    : {
        kind,
        name,
        state: 'different',
        detail: `tags ${lacking.join(', ')} missing or with another value`,
      };
}

function refuseForeignBucket(bucket: string, cause?: unknown): AppError {
  return new AppError(
    'aws.alreadyExists',
    `The S3 bucket ${bucket} exists and belongs to another account. Choose another bucket name.`,
    {
      ...(cause === undefined ? {} : { cause }),
      details: { bucket },
    },
  );
}

interface Observed {
  readonly items: SetupItem[];
  readonly roleArn: string;
  /** The bucket policy as found (to keep statements this setup does not own). */
  readonly bucketPolicy: unknown;
  /** The bucket tags as found (PutBucketTagging replaces the whole set). */
  readonly bucketTags: readonly { Key?: string | undefined; Value?: string | undefined }[];
}

async function observeBucket(
  target: SetupTarget,
): Promise<Pick<Observed, 'items' | 'bucketPolicy' | 'bucketTags'>> {
  const { s3, bucket, signal } = target;
  const options = signal === undefined ? {} : { abortSignal: signal };
  const items: SetupItem[] = [];
  try {
    await callAws(`HeadBucket ${bucket}`, () =>
      s3.send(new HeadBucketCommand({ Bucket: bucket }), options),
    );
  } catch (error) {
    if (awsStatus(error) === 403) throw refuseForeignBucket(bucket, error);
    // 301 PermanentRedirect: the bucket is ours but lives in another region's endpoint.
    const isElsewhere = awsStatus(error) === 301;
    if (!isElsewhere && !hasErrorCode(error, 'aws.notFound')) throw error;
    const detail = isElsewhere
      ? 'the bucket is in another region'
      : 'the bucket does not exist yet';
    items.push(
      isElsewhere
        ? {
            kind: 'bucket',
            name: bucket,
            state: 'different',
            detail: `in another region, not ${target.region}; a bucket cannot move, choose another name`,
          }
        : {
            kind: 'bucket',
            name: bucket,
            state: 'missing',
            detail: `to create in ${target.region}`,
          },
    );
    for (const kind of [
      'bucketEncryption',
      'publicAccessBlock',
      'bucketPolicy',
      'bucketTags',
    ] as const)
      items.push({ kind, name: bucket, state: 'missing', detail });
    return { items, bucketPolicy: undefined, bucketTags: [] };
  }
  const location = await callAws(`GetBucketLocation ${bucket}`, () =>
    s3.send(new GetBucketLocationCommand({ Bucket: bucket }), options),
  );
  // GetBucketLocation answers no LocationConstraint for us-east-1 (and the legacy `EU` for eu-west-1).
  const constraint: string = location.LocationConstraint ?? '';
  const bucketRegion =
    constraint === '' ? 'us-east-1' : constraint === 'EU' ? 'eu-west-1' : constraint;
  items.push(
    bucketRegion === target.region
      ? { kind: 'bucket', name: bucket, state: 'present', detail: `in ${bucketRegion}` }
      : {
          kind: 'bucket',
          name: bucket,
          state: 'different',
          detail: `in ${bucketRegion}, not ${target.region}; a bucket cannot move, choose another name`,
        },
  );

  try {
    const encryption = await callAws(`GetBucketEncryption ${bucket}`, () =>
      s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }), options),
    );
    const algorithm =
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm;
    items.push(
      algorithm === 'AES256'
        ? { kind: 'bucketEncryption', name: bucket, state: 'present', detail: 'SSE-S3 (AES256)' }
        : {
            kind: 'bucketEncryption',
            name: bucket,
            state: 'different',
            detail: `${algorithm ?? 'no algorithm'}, wants SSE-S3 (AES256)`,
          },
    );
  } catch (error) {
    // ServerSideEncryptionConfigurationNotFoundError (404): S3 before 2023 and S3-compatible stores.
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
    items.push({
      kind: 'bucketEncryption',
      name: bucket,
      state: 'missing',
      detail: 'no default encryption',
    });
  }

  try {
    const block = await callAws(`GetPublicAccessBlock ${bucket}`, () =>
      s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), options),
    );
    const config = block.PublicAccessBlockConfiguration ?? {};
    const off = (
      ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const
    ).filter((flag) => config[flag] !== true);
    items.push(
      off.length === 0
        ? { kind: 'publicAccessBlock', name: bucket, state: 'present', detail: 'all four flags on' }
        : {
            kind: 'publicAccessBlock',
            name: bucket,
            state: 'different',
            detail: `${off.join(', ')} off`,
          },
    );
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
    items.push({
      kind: 'publicAccessBlock',
      name: bucket,
      state: 'missing',
      detail: 'no public access block configuration',
    });
  }

  let bucketPolicy: unknown;
  try {
    const found = await callAws(`GetBucketPolicy ${bucket}`, () =>
      s3.send(new GetBucketPolicyCommand({ Bucket: bucket }), options),
    );
    bucketPolicy = parseJson(found.Policy);
    const have = statementsOf(bucketPolicy);
    const lacking = bucketPolicyStatements(bucket).filter(
      (wanted) => !have.some((statement) => samePolicy(statement, wanted)),
    );
    items.push(
      lacking.length === 0
        ? {
            kind: 'bucketPolicy',
            name: bucket,
            state: 'present',
            detail: 'grants Personalize read and batch output',
          }
        : {
            kind: 'bucketPolicy',
            name: bucket,
            state: 'different',
            detail: `statements ${lacking.map((statement) => String(statement.Sid)).join(', ')} missing or changed`,
          },
    );
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
    items.push({
      kind: 'bucketPolicy',
      name: bucket,
      state: 'missing',
      detail: 'no bucket policy',
    });
  }

  let bucketTags: Observed['bucketTags'] = [];
  try {
    bucketTags =
      (
        await callAws(`GetBucketTagging ${bucket}`, () =>
          s3.send(new GetBucketTaggingCommand({ Bucket: bucket }), options),
        )
      ).TagSet ?? [];
  } catch (error) {
    // NoSuchTagSet (404): the bucket has no tags.
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
  }
  items.push(tagItem('bucketTags', bucket, target.tags, bucketTags));
  return { items, bucketPolicy, bucketTags };
}

async function observeRole(target: SetupTarget): Promise<Pick<Observed, 'items' | 'roleArn'>> {
  const { iam, roleName, signal } = target;
  const options = signal === undefined ? {} : { abortSignal: signal };
  const fallbackArn = `arn:aws:iam::${target.accountId}:role/${roleName}`;
  let role: Role | undefined;
  try {
    role = (
      await callAws(`GetRole ${roleName}`, () =>
        iam.send(new GetRoleCommand({ RoleName: roleName }), options),
      )
    ).Role;
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
  }
  if (role === undefined) {
    const detail = 'the role does not exist yet';
    return {
      roleArn: fallbackArn,
      items: [
        { kind: 'role', name: roleName, state: 'missing', detail: 'to create for Personalize' },
        { kind: 'roleTrustPolicy', name: roleName, state: 'missing', detail },
        { kind: 'rolePolicy', name: `${roleName}/${ROLE_POLICY_NAME}`, state: 'missing', detail },
        { kind: 'roleTags', name: roleName, state: 'missing', detail },
      ],
    };
  }
  const items: SetupItem[] = [
    { kind: 'role', name: roleName, state: 'present', detail: role.Arn ?? fallbackArn },
  ];
  // IAM returns policy documents URL-encoded (RFC 3986); the JavaScript SDK leaves them so.
  const trust = parseJson(decodeURIComponent(role.AssumeRolePolicyDocument ?? ''));
  items.push(
    samePolicy(trust, trustPolicy(target.accountId, target.region))
      ? {
          kind: 'roleTrustPolicy',
          name: roleName,
          state: 'present',
          detail: 'Personalize may assume it (this account and region only)',
        }
      : {
          kind: 'roleTrustPolicy',
          name: roleName,
          state: 'different',
          detail: 'the trust policy is not the Personalize one of this account and region',
        },
  );
  const policyName = `${roleName}/${ROLE_POLICY_NAME}`;
  try {
    const found = await callAws(`GetRolePolicy ${policyName}`, () =>
      iam.send(
        new GetRolePolicyCommand({ RoleName: roleName, PolicyName: ROLE_POLICY_NAME }),
        options,
      ),
    );
    const document = parseJson(decodeURIComponent(found.PolicyDocument ?? ''));
    items.push(
      samePolicy(document, rolePolicy(target.bucket))
        ? {
            kind: 'rolePolicy',
            name: policyName,
            state: 'present',
            detail: `S3 access to ${target.bucket} only`,
          }
        : {
            kind: 'rolePolicy',
            name: policyName,
            state: 'different',
            detail: `not the S3 access to ${target.bucket}`,
          },
    );
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
    items.push({
      kind: 'rolePolicy',
      name: policyName,
      state: 'missing',
      detail: 'no inline S3 policy',
    });
  }
  items.push(tagItem('roleTags', roleName, target.tags, role.Tags));
  return { items, roleArn: role.Arn ?? fallbackArn };
}

async function observe(target: SetupTarget): Promise<Observed> {
  throwIfCancelled(target.signal);
  const bucket = await observeBucket(target);
  throwIfCancelled(target.signal);
  const role = await observeRole(target);
  return { ...bucket, ...role, items: [...bucket.items, ...role.items] };
}

function toPlan(target: SetupTarget, observed: Observed): SetupPlan {
  return {
    items: observed.items,
    isComplete: observed.items.every((item) => item.state === 'present'),
    roleArn: observed.roleArn,
    bucketArn: `arn:aws:s3:::${target.bucket}`,
  };
}

/** What an applied item now is, for the `report` of {@link applySetup}. */
function doneDetail(target: SetupTarget, kind: SetupItemKind): string {
  const tagCount = Object.keys(target.tags).length;
  switch (kind) {
    case 'bucket':
      return `in ${target.region}`;
    case 'bucketEncryption':
      return 'SSE-S3 (AES256)';
    case 'publicAccessBlock':
      return 'all four flags on';
    case 'bucketPolicy':
      return 'grants Personalize read and batch output';
    case 'bucketTags':
    case 'roleTags':
      return `${tagCount} tag${tagCount === 1 ? '' : 's'}`;
    case 'role':
      return `arn:aws:iam::${target.accountId}:role/${target.roleName}`;
    case 'roleTrustPolicy':
      return 'Personalize may assume it (this account and region only)';
    case 'rolePolicy':
      return `S3 access to ${target.bucket} only`;
  }
}

/**
 * Pre-flight check (read-only): which items exist as wanted, which are missing or different.
 *
 * Items come in {@link SetupItemKind} order; when the bucket (role) is missing, its
 * sub-items are `missing` too. Calls: HeadBucket, GetBucketLocation, GetBucketEncryption,
 * GetPublicAccessBlock, GetBucketPolicy, GetBucketTagging, GetRole, GetRolePolicy.
 *
 * @throws AppError `aws.alreadyExists` when the bucket exists in another account (HeadBucket
 *   403); `job.cancelled` when `signal` aborts; other `aws.*` codes from {@link callAws}
 *   (e.g. `aws.credentials` for missing permissions).
 */
export async function checkSetup(target: SetupTarget): Promise<SetupPlan> {
  return toPlan(target, await observe(target));
}

/**
 * Creates or fixes what {@link checkSetup} finds missing or different, then checks again.
 *
 * Idempotent: an item already `present` is not touched and reported `unchanged`, so a second
 * run reports every item `unchanged`. The bucket is created with its LocationConstraint (none
 * in us-east-1, as S3 requires); bucket tags and the bucket policy are merged with what is
 * there (statements of other Sids and other tags are kept); the trust and inline policies of
 * the role are replaced. `report` is called once per item, in order, with the item as checked
 * before (its `state`) and a `detail` saying what it is now.
 *
 * @returns the plan after applying (complete unless the bucket is in another region).
 * @throws AppError `aws.alreadyExists` when the bucket name belongs to another account
 *   (HeadBucket 403 or CreateBucket `BucketAlreadyExists`); `input.invalid` when the bucket
 *   exists in another region; `job.cancelled` when `signal` aborts; other `aws.*` codes.
 */
export async function applySetup(
  target: SetupTarget,
  report?: (item: SetupItem, action: 'created' | 'updated' | 'unchanged') => void,
): Promise<SetupPlan> {
  const { s3, iam, bucket, roleName, signal } = target;
  const options = signal === undefined ? {} : { abortSignal: signal };
  const before = await observe(target);
  const tagList = Object.entries(target.tags).map(([Key, Value]) => ({ Key, Value }));
  for (const item of before.items) {
    throwIfCancelled(signal);
    if (item.state === 'present') {
      report?.(item, 'unchanged');
      continue;
    }
    switch (item.kind) {
      case 'bucket':
        if (item.state === 'different') {
          throw new AppError('input.invalid', `The S3 bucket ${bucket} is ${item.detail}.`, {
            details: { bucket },
          });
        }
        try {
          await callAws(`CreateBucket ${bucket}`, () =>
            s3.send(
              new CreateBucketCommand({
                Bucket: bucket,
                ...(target.region === 'us-east-1'
                  ? {}
                  : {
                      CreateBucketConfiguration: {
                        LocationConstraint: target.region as BucketLocationConstraint,
                      },
                    }),
              }),
              options,
            ),
          );
        } catch (error) {
          const awsCode = isAppError(error) ? error.details?.awsCode : undefined;
          if (awsCode === 'BucketAlreadyExists') throw refuseForeignBucket(bucket, error);
          if (awsCode !== 'BucketAlreadyOwnedByYou') throw error;
        }
        break;
      case 'bucketEncryption':
        await callAws(`PutBucketEncryption ${bucket}`, () =>
          s3.send(
            new PutBucketEncryptionCommand({
              Bucket: bucket,
              ServerSideEncryptionConfiguration: {
                Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
              },
            }),
            options,
          ),
        );
        break;
      case 'publicAccessBlock':
        await callAws(`PutPublicAccessBlock ${bucket}`, () =>
          s3.send(
            new PutPublicAccessBlockCommand({
              Bucket: bucket,
              PublicAccessBlockConfiguration: {
                BlockPublicAcls: true,
                IgnorePublicAcls: true,
                BlockPublicPolicy: true,
                RestrictPublicBuckets: true,
              },
            }),
            options,
          ),
        );
        break;
      case 'bucketPolicy': {
        const ours = new Set([READ_SID, WRITE_SID]);
        const kept = statementsOf(before.bucketPolicy).filter(
          (statement) => !ours.has(String(statement.Sid)),
        );
        const policy = {
          Version: '2012-10-17',
          Statement: [...kept, ...bucketPolicyStatements(bucket)],
        };
        await callAws(`PutBucketPolicy ${bucket}`, () =>
          s3.send(
            new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }),
            options,
          ),
        );
        break;
      }
      case 'bucketTags': {
        const merged = new Map(before.bucketTags.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
        for (const [key, value] of Object.entries(target.tags)) merged.set(key, value);
        const TagSet = [...merged].map(([Key, Value]) => ({ Key, Value }));
        await callAws(`PutBucketTagging ${bucket}`, () =>
          s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet } }), options),
        );
        break;
      }
      case 'role':
        await callAws(`CreateRole ${roleName}`, () =>
          iam.send(
            new CreateRoleCommand({
              RoleName: roleName,
              AssumeRolePolicyDocument: JSON.stringify(
                trustPolicy(target.accountId, target.region),
              ),
              Description: `Lets Amazon Personalize read the POC data in s3://${bucket} (Personalize POC Studio).`,
              ...(tagList.length === 0 ? {} : { Tags: tagList }),
            }),
            options,
          ),
        );
        break;
      case 'roleTrustPolicy':
        // A role created just above already has it.
        if (item.state === 'different') {
          const document = JSON.stringify(trustPolicy(target.accountId, target.region));
          await callAws(`UpdateAssumeRolePolicy ${roleName}`, () =>
            iam.send(
              new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: document }),
              options,
            ),
          );
        }
        break;
      case 'rolePolicy': {
        const document = JSON.stringify(rolePolicy(bucket));
        await callAws(`PutRolePolicy ${roleName}`, () =>
          iam.send(
            new PutRolePolicyCommand({
              RoleName: roleName,
              PolicyName: ROLE_POLICY_NAME,
              PolicyDocument: document,
            }),
            options,
          ),
        );
        break;
      }
      case 'roleTags': {
        const roleWasCreated = before.items.some(
          (entry) => entry.kind === 'role' && entry.state === 'missing',
        );
        if (!roleWasCreated && tagList.length > 0)
          await callAws(`TagRole ${roleName}`, () =>
            iam.send(new TagRoleCommand({ RoleName: roleName, Tags: tagList }), options),
          );
        break;
      }
    }
    report?.(
      { ...item, detail: doneDetail(target, item.kind) },
      item.state === 'missing' ? 'created' : 'updated',
    );
  }
  return checkSetup(target);
}
