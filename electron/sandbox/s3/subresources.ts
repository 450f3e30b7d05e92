import { XMLParser } from 'fast-xml-parser';
import { S3Error } from '../errors.js';
import type { SandboxResponse } from '../http-types.js';
import {
  DEFAULT_ENCRYPTION,
  type BucketEncryption,
  type ObjectStore,
  type PublicAccessBlock,
  type S3Tag,
} from './object-store.js';
import { escapeXml, xmlResponse } from './xml.js';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * Query parameters that are not sub-resources: listing and multipart arguments, the SDK's
 * `x-id` operation marker, presigned-URL (`X-Amz-*`) and `response-*` overrides, `versionId`.
 */
const ORDINARY_PARAMS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
  'x-id',
  'versionId',
  'partNumber',
  'uploadId',
]);

/** Sub-resources the sandbox implements, per level (S3 API reference). */
const BUCKET_SUBRESOURCES = new Set([
  'location',
  'policy',
  'tagging',
  'publicAccessBlock',
  'encryption',
  'delete',
]);
const OBJECT_SUBRESOURCES = new Set(['tagging', 'uploads']);

/**
 * Refuses a request naming a sub-resource the sandbox does not implement (`?acl`, `?versioning`,
 * `?cors`, `?lifecycle`, ...), so that it never falls through to a bucket or object operation.
 *
 * @throws S3Error `NotImplemented` (501), S3's answer to functionality it does not offer.
 */
export function assertKnownSubresources(query: URLSearchParams, level: 'bucket' | 'object'): void {
  const known = level === 'bucket' ? BUCKET_SUBRESOURCES : OBJECT_SUBRESOURCES;
  for (const name of query.keys()) {
    if (
      ORDINARY_PARAMS.has(name) ||
      known.has(name) ||
      /^x-amz-/iu.test(name) ||
      name.startsWith('response-')
    )
      continue;
    throw new S3Error(
      'NotImplemented',
      `A header you provided implies functionality that is not implemented (the sandbox does not implement ?${name}).`,
      501,
    );
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Tag' || name === 'Rule',
});

function malformedXml(): S3Error {
  return new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}

function parseBody(body: Buffer): Record<string, unknown> {
  try {
    return parser.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw malformedXml();
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === '' || value === undefined || value === null) return undefined;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function invalidTag(message: string): S3Error {
  return new S3Error('InvalidTag', message, 400);
}

/**
 * Checks a tag set as S3 does: keys 1..128 and values 0..256 characters, no duplicate keys,
 * no `aws:` prefix, at most `maxTags` (50 for buckets, 10 for objects).
 *
 * @throws S3Error `InvalidTag` (400); `BadRequest` (400) above `maxTags`.
 */
export function validateTags(tags: readonly S3Tag[], maxTags: number): void {
  if (tags.length > maxTags)
    throw new S3Error(
      'BadRequest',
      maxTags === 10
        ? 'Object tags cannot be greater than 10'
        : `Bucket tag count cannot be greater than ${maxTags}`,
      400,
    );
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.key.length < 1 || tag.key.length > 128)
      throw invalidTag('The TagKey you have provided is invalid');
    if (tag.value.length > 256) throw invalidTag('The TagValue you have provided is invalid');
    if (tag.key.toLowerCase().startsWith('aws:'))
      throw invalidTag('System tags cannot be added/updated by requester');
    if (seen.has(tag.key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(tag.key);
  }
}

/** Parses a `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>` body. @throws S3Error `MalformedXML`. */
export function parseTagging(body: Buffer): S3Tag[] {
  const tagging = record(parseBody(body).Tagging);
  if (!tagging) throw malformedXml();
  const tagSet = record(tagging.TagSet) ?? {};
  const entries = Array.isArray(tagSet.Tag) ? (tagSet.Tag as unknown[]) : [];
  return entries.map((entry) => {
    const tag = record(entry);
    const key = text(tag?.Key);
    if (tag === undefined || key === undefined) throw malformedXml();
    return { key, value: text(tag.Value) ?? '' };
  });
}

/** Parses the `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded) of PutObject / CopyObject. */
export function parseTaggingHeader(header: string): S3Tag[] {
  return [...new URLSearchParams(header)].map(([key, value]) => ({ key, value }));
}

/** The `<Tagging>` answer of GetBucketTagging / GetObjectTagging. */
export function taggingResponse(tags: readonly S3Tag[]): SandboxResponse {
  const body = tags
    .map(
      (tag) => `<Tag><Key>${escapeXml(tag.key)}</Key><Value>${escapeXml(tag.value)}</Value></Tag>`,
    )
    .join('');
  return xmlResponse(`<Tagging xmlns="${S3_NS}"><TagSet>${body}</TagSet></Tagging>`);
}

function malformedPolicy(message: string): S3Error {
  return new S3Error('MalformedPolicy', message, 400);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** True when a statement's principal is everyone (`"*"` or `{"AWS": "*"}`) and it has no condition. */
function isPublicStatement(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow' || statement.Condition !== undefined) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  return asList(record(principal)?.AWS).includes('*');
}

/**
 * Checks a bucket policy as S3 does before storing it: valid JSON whose first byte is `{`, a
 * `Statement`, each statement with `Effect`, `Principal` and a `Resource` in this bucket
 * (`arn:aws:s3:::<bucket>` or below it). With BlockPublicPolicy on, a public policy (principal
 * `*` without condition) is refused as S3 does.
 *
 * @throws S3Error `MalformedPolicy` (400), `AccessDenied` (403).
 */
export function validateBucketPolicy(
  bucket: string,
  policyText: string,
  publicAccessBlock: PublicAccessBlock | undefined,
): void {
  let parsed: unknown;
  try {
    parsed = policyText.trimStart().startsWith('{') ? JSON.parse(policyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const policy = record(parsed);
  if (!policy) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  const statements = asList(policy.Statement);
  if (statements.length === 0) throw malformedPolicy('Missing required field Statement');
  for (const entry of statements) {
    const statement = record(entry);
    if (!statement) throw malformedPolicy('Statement is not an object');
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      throw malformedPolicy('Invalid effect');
    if (statement.Principal === undefined && statement.NotPrincipal === undefined)
      throw malformedPolicy('Missing required field Principal');
    const resources = asList(statement.Resource ?? statement.NotResource);
    if (resources.length === 0) throw malformedPolicy('Missing required field Resource');
    for (const resource of resources) {
      if (
        typeof resource !== 'string' ||
        (resource !== `arn:aws:s3:::${bucket}` && !resource.startsWith(`arn:aws:s3:::${bucket}/`))
      ) {
        throw malformedPolicy('Policy has invalid resource');
      }
    }
    if (publicAccessBlock?.blockPublicPolicy === true && isPublicStatement(statement)) {
      throw new S3Error(
        'AccessDenied',
        'User is not authorized to perform: s3:PutBucketPolicy because public policies are blocked by the BlockPublicPolicy block public access setting.',
        403,
      );
    }
  }
}

function flag(value: unknown): boolean {
  return text(value)?.trim().toLowerCase() === 'true';
}

/** Parses a `<PublicAccessBlockConfiguration>` body; absent flags are `false` (S3). @throws S3Error `MalformedXML`. */
export function parsePublicAccessBlock(body: Buffer): PublicAccessBlock {
  const config = record(parseBody(body).PublicAccessBlockConfiguration);
  if (!config) throw malformedXml();
  return {
    blockPublicAcls: flag(config.BlockPublicAcls),
    ignorePublicAcls: flag(config.IgnorePublicAcls),
    blockPublicPolicy: flag(config.BlockPublicPolicy),
    restrictPublicBuckets: flag(config.RestrictPublicBuckets),
  };
}

/** The answer of GetPublicAccessBlock. */
export function publicAccessBlockResponse(config: PublicAccessBlock): SandboxResponse {
  return xmlResponse(
    `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>${config.blockPublicAcls}</BlockPublicAcls><IgnorePublicAcls>${config.ignorePublicAcls}</IgnorePublicAcls><BlockPublicPolicy>${config.blockPublicPolicy}</BlockPublicPolicy><RestrictPublicBuckets>${config.restrictPublicBuckets}</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
  );
}

const SSE_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/**
 * Parses a `<ServerSideEncryptionConfiguration>` body (one `Rule` with
 * `ApplyServerSideEncryptionByDefault`).
 *
 * @throws S3Error `MalformedXML` (400; also for an unknown SSEAlgorithm), `InvalidArgument`
 *   (400; a KMSMasterKeyID with `AES256`).
 */
export function parseEncryption(body: Buffer): BucketEncryption {
  const config = record(parseBody(body).ServerSideEncryptionConfiguration);
  const rules = config && Array.isArray(config.Rule) ? (config.Rule as unknown[]) : [];
  const rule = record(rules[0]);
  const byDefault = record(rule?.ApplyServerSideEncryptionByDefault);
  const algorithm = text(byDefault?.SSEAlgorithm);
  if (
    rule === undefined ||
    rules.length !== 1 ||
    algorithm === undefined ||
    !SSE_ALGORITHMS.has(algorithm)
  )
    throw malformedXml();
  const kmsKeyId = text(byDefault?.KMSMasterKeyID);
  if (kmsKeyId !== undefined && algorithm === 'AES256') {
    throw new S3Error(
      'InvalidArgument',
      'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      400,
    );
  }
  return {
    algorithm,
    bucketKeyEnabled: flag(rule.BucketKeyEnabled),
    ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
  };
}

/** The answer of GetBucketEncryption. */
export function encryptionResponse(config: BucketEncryption): SandboxResponse {
  const key =
    config.kmsKeyId === undefined
      ? ''
      : `<KMSMasterKeyID>${escapeXml(config.kmsKeyId)}</KMSMasterKeyID>`;
  return xmlResponse(
    `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${escapeXml(config.algorithm)}</SSEAlgorithm>${key}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${config.bucketKeyEnabled}</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
  );
}

/** Region names S3 accepts as a LocationConstraint (`EU` is S3's legacy alias of eu-west-1). */
const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/u;

function invalidLocation(): S3Error {
  return new S3Error(
    'InvalidLocationConstraint',
    'The specified location-constraint is not valid',
    400,
  );
}

/**
 * The region of a new bucket from CreateBucket's body and the request's signing region, by
 * S3's rules: the us-east-1 (global) endpoint accepts any LocationConstraint and none means
 * us-east-1; `us-east-1` itself is never a valid LocationConstraint; a regional endpoint needs
 * the LocationConstraint of its own region.
 *
 * @throws S3Error `InvalidLocationConstraint` (400; `us-east-1` or not a region name),
 *   `IllegalLocationConstraintException` (400; none, or another region, at a regional endpoint),
 *   `MalformedXML` (400).
 */
export function bucketRegion(body: Buffer, signingRegion: string): string {
  let constraint: string | undefined;
  if (body.byteLength > 0) {
    const parsed = parseBody(body);
    const config = record(parsed.CreateBucketConfiguration);
    if (config === undefined && parsed.CreateBucketConfiguration !== '') throw malformedXml();
    constraint = text(config?.LocationConstraint);
  }
  if (constraint !== undefined) {
    if (constraint === 'us-east-1' || !(constraint === 'EU' || REGION_NAME.test(constraint)))
      throw invalidLocation();
  }
  if (signingRegion === 'us-east-1') return constraint ?? 'us-east-1';
  if (constraint === undefined) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      400,
    );
  }
  const resolved = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (resolved !== signingRegion) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  return constraint;
}

/**
 * Serves `?policy`, `?tagging`, `?publicAccessBlock` and `?encryption` of a bucket (S3 API
 * reference): Put answers 204 (policy, tags) or 200 (public access block, encryption), Delete 204.
 * Resolves `undefined` for a method the sub-resource does not have (the caller answers 405).
 *
 * @throws S3Error `NoSuchBucket`, `NoSuchBucketPolicy`, `NoSuchTagSet`,
 *   `NoSuchPublicAccessBlockConfiguration` (404), `MalformedPolicy`, `MalformedXML`, `InvalidTag`,
 *   `BadRequest`, `InvalidArgument` (400), `AccessDenied` (403, public policy while blocked).
 */
export async function handleBucketSubresource(
  store: ObjectStore,
  bucket: string,
  method: string,
  query: URLSearchParams,
  body: Buffer,
): Promise<SandboxResponse | undefined> {
  const attributes = store.bucketAttributes(bucket);
  if (query.has('policy')) {
    switch (method) {
      case 'PUT': {
        const policy = body.toString('utf8');
        validateBucketPolicy(bucket, policy, attributes.publicAccessBlock);
        await store.updateBucketAttributes(bucket, { policy });
        return { status: 204 };
      }
      case 'GET':
        if (attributes.policy === undefined)
          throw new S3Error(
            'NoSuchBucketPolicy',
            'The bucket policy does not exist',
            404,
            `/${bucket}`,
          );
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: attributes.policy,
        };
      case 'DELETE':
        await store.updateBucketAttributes(bucket, { policy: undefined });
        return { status: 204 };
      default:
        return undefined;
    }
  }
  if (query.has('tagging')) {
    switch (method) {
      case 'PUT': {
        const tags = parseTagging(body);
        validateTags(tags, 50);
        await store.updateBucketAttributes(bucket, { tags: tags.length === 0 ? undefined : tags });
        return { status: 204 };
      }
      case 'GET':
        if (attributes.tags === undefined)
          throw new S3Error('NoSuchTagSet', 'The TagSet does not exist', 404, `/${bucket}`);
        return taggingResponse(attributes.tags);
      case 'DELETE':
        await store.updateBucketAttributes(bucket, { tags: undefined });
        return { status: 204 };
      default:
        return undefined;
    }
  }
  if (query.has('publicAccessBlock')) {
    switch (method) {
      case 'PUT':
        await store.updateBucketAttributes(bucket, {
          publicAccessBlock: parsePublicAccessBlock(body),
        });
        return { status: 200 };
      case 'GET':
        if (attributes.publicAccessBlock === undefined) {
          throw new S3Error(
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
            404,
            `/${bucket}`,
          );
        }
        return publicAccessBlockResponse(attributes.publicAccessBlock);
      case 'DELETE':
        await store.updateBucketAttributes(bucket, { publicAccessBlock: undefined });
        return { status: 204 };
      default:
        return undefined;
    }
  }
  if (query.has('encryption')) {
    switch (method) {
      case 'PUT':
        await store.updateBucketAttributes(bucket, { encryption: parseEncryption(body) });
        return { status: 200 };
      case 'GET':
        return encryptionResponse(attributes.encryption);
      case 'DELETE':
        // S3 resets to SSE-S3 rather than removing default encryption (DEFAULT_ENCRYPTION).
        await store.updateBucketAttributes(bucket, { encryption: DEFAULT_ENCRYPTION });
        return { status: 204 };
      default:
        return undefined;
    }
  }
  return undefined;
}
