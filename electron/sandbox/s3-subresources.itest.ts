import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();
const caught = caughtAs(S3ServiceException);
const CREDENTIALS = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' };

/** An S3 client signing for `region` (the sandbox checks LocationConstraint against it). */
function regionalS3(region: string, endpoint = shared.sandbox.endpoint): S3Client {
  return new S3Client({ region, endpoint, credentials: CREDENTIALS, forcePathStyle: true });
}

function policyFor(
  bucket: string,
  principal: unknown = { Service: 'personalize.amazonaws.com' },
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PersonalizeRead',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

describe('S3 bucket policy', () => {
  it('puts (204), gets the same JSON, deletes (204) and then answers NoSuchBucketPolicy; the bucket stays', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'policy-bucket' }));
    const missing = await caught(s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' })));
    expect(missing.name).toBe('NoSuchBucketPolicy');
    expect(missing.$metadata.httpStatusCode).toBe(404);

    const policy = policyFor('policy-bucket');
    const put = await s3.send(
      new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: policy }),
    );
    expect(put.$metadata.httpStatusCode).toBe(204);
    const got = await s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' }));
    expect(JSON.parse(got.Policy ?? '')).toEqual(JSON.parse(policy));

    // The bug: PUT ?policy used to be taken for CreateBucket and answer 409.
    const again = await s3.send(
      new PutBucketPolicyCommand({ Bucket: 'policy-bucket', Policy: policy }),
    );
    expect(again.$metadata.httpStatusCode).toBe(204);

    await s3.send(new PutObjectCommand({ Bucket: 'policy-bucket', Key: 'kept.txt', Body: 'kept' }));
    const deleted = await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'policy-bucket' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    // The bug: DELETE ?policy used to delete the bucket.
    expect(
      (await s3.send(new HeadBucketCommand({ Bucket: 'policy-bucket' }))).$metadata.httpStatusCode,
    ).toBe(200);
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'policy-bucket', Key: 'kept.txt' }),
    );
    expect(await object.Body?.transformToString()).toBe('kept');
    const gone = await caught(s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-bucket' })));
    expect(gone.name).toBe('NoSuchBucketPolicy');
  });

  it('refuses non-JSON, a foreign resource and (while BlockPublicPolicy is on) a public policy', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'policy-checks' }));
    const notJson = await caught(
      s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-checks', Policy: 'not json' })),
    );
    expect(notJson.name).toBe('MalformedPolicy');
    expect(notJson.$metadata.httpStatusCode).toBe(400);
    const foreign = await caught(
      s3.send(
        new PutBucketPolicyCommand({ Bucket: 'policy-checks', Policy: policyFor('someone-else') }),
      ),
    );
    expect(foreign.name).toBe('MalformedPolicy');
    expect(foreign.message).toBe('Policy has invalid resource');
    const isPublic = await caught(
      s3.send(
        new PutBucketPolicyCommand({
          Bucket: 'policy-checks',
          Policy: policyFor('policy-checks', '*'),
        }),
      ),
    );
    expect(isPublic.name).toBe('AccessDenied');
    expect(isPublic.$metadata.httpStatusCode).toBe(403);
    const noBucket = await caught(
      s3.send(
        new PutBucketPolicyCommand({
          Bucket: 'no-such-bucket-x',
          Policy: policyFor('no-such-bucket-x'),
        }),
      ),
    );
    expect(noBucket.name).toBe('NoSuchBucket');
  });
});

describe('S3 tagging', () => {
  it('bucket tags: NoSuchTagSet, put (204), get in order, delete (204), bucket kept', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'tag-bucket' }));
    const none = await caught(s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })));
    expect(none.name).toBe('NoSuchTagSet');
    expect(none.$metadata.httpStatusCode).toBe(404);
    const tags = [
      { Key: 'project', Value: 'poc studio' },
      { Key: 'owner', Value: 'a&b <c>' },
    ];
    const put = await s3.send(
      new PutBucketTaggingCommand({ Bucket: 'tag-bucket', Tagging: { TagSet: tags } }),
    );
    expect(put.$metadata.httpStatusCode).toBe(204);
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' }))).TagSet).toEqual(
      tags,
    );
    const duplicate = await caught(
      s3.send(
        new PutBucketTaggingCommand({
          Bucket: 'tag-bucket',
          Tagging: { TagSet: [tags[0] ?? { Key: '', Value: '' }, { Key: 'project', Value: 'x' }] },
        }),
      ),
    );
    expect(duplicate.name).toBe('InvalidTag');
    const deleted = await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tag-bucket' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(
      (await caught(s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })))).name,
    ).toBe('NoSuchTagSet');
    expect(
      (await s3.send(new HeadBucketCommand({ Bucket: 'tag-bucket' }))).$metadata.httpStatusCode,
    ).toBe(200);
  });

  it('object tags: empty set, put, get, x-amz-tagging on PutObject, delete keeps the object', async () => {
    const { s3 } = shared.clients;
    await s3.send(
      new PutObjectCommand({
        Bucket: 'tag-bucket',
        Key: 'data/a.csv',
        Body: 'USER_ID,ITEM_ID\n1,2\n',
        ContentType: 'text/csv',
      }),
    );
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' })))
        .TagSet,
    ).toEqual([]);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: 'tag-bucket',
        Key: 'data/a.csv',
        Tagging: { TagSet: [{ Key: 'stage', Value: 'raw' }] },
      }),
    );
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' })))
        .TagSet,
    ).toEqual([{ Key: 'stage', Value: 'raw' }]);
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' }))).$metadata
        .httpStatusCode,
    ).toBe(200);

    const deleted = await s3.send(
      new DeleteObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' }),
    );
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    // The bug: DELETE ?tagging used to delete the object.
    const object = await s3.send(new GetObjectCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' }));
    expect(await object.Body?.transformToString()).toBe('USER_ID,ITEM_ID\n1,2\n');
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'data/a.csv' })))
        .TagSet,
    ).toEqual([]);

    await s3.send(
      new PutObjectCommand({
        Bucket: 'tag-bucket',
        Key: 'b.txt',
        Body: 'b',
        Tagging: 'a=1&b=two%20words',
      }),
    );
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'b.txt' }))).TagSet,
    ).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: 'two words' },
    ]);
    const missing = await caught(
      s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'missing' })),
    );
    expect(missing.name).toBe('NoSuchKey');
  });
});

describe('S3 public access block and default encryption', () => {
  it('a new bucket blocks public access (S3 default since 2023); put, get, delete, then NoSuchPublicAccessBlockConfiguration', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'pab-bucket' }));
    const initial = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' }));
    expect(initial.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'pab-bucket',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false },
      }),
    );
    const changed = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' }));
    expect(changed.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    const deleted = await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-bucket' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const none = await caught(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' })));
    expect(none.name).toBe('NoSuchPublicAccessBlockConfiguration');
    expect(none.$metadata.httpStatusCode).toBe(404);
    expect(
      (await s3.send(new HeadBucketCommand({ Bucket: 'pab-bucket' }))).$metadata.httpStatusCode,
    ).toBe(200);
  });

  it('default encryption is SSE-S3; aws:kms can be put; delete resets to SSE-S3 as S3 does', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'sse-bucket' }));
    const initial = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'sse-bucket' }));
    expect(initial.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
    ]);
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'sse-bucket',
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: 'alias/poc',
              },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    );
    const kms = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'sse-bucket' }));
    expect(kms.ServerSideEncryptionConfiguration?.Rules).toEqual([
      {
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: 'alias/poc',
        },
        BucketKeyEnabled: true,
      },
    ]);
    const invalid = await caught(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'sse-bucket',
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'AES256',
                  KMSMasterKeyID: 'alias/poc',
                },
              },
            ],
          },
        }),
      ),
    );
    expect(invalid.name).toBe('InvalidArgument');
    expect(
      (await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'sse-bucket' }))).$metadata
        .httpStatusCode,
    ).toBe(204);
    const reset = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'sse-bucket' }));
    expect(
      reset.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256');
  });
});

describe('S3 bucket location', () => {
  it('us-east-1 answers an empty LocationConstraint; eu-west-1 buckets record theirs (HeadBucket region too)', async () => {
    await shared.clients.s3.send(new CreateBucketCommand({ Bucket: 'loc-us' }));
    expect(
      (await shared.clients.s3.send(new GetBucketLocationCommand({ Bucket: 'loc-us' })))
        .LocationConstraint,
    ).toBeUndefined();
    const eu = regionalS3('eu-west-1');
    await eu.send(
      new CreateBucketCommand({
        Bucket: 'loc-eu',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    expect(
      (await eu.send(new GetBucketLocationCommand({ Bucket: 'loc-eu' }))).LocationConstraint,
    ).toBe('eu-west-1');
    // The location is the bucket's, not the asking client's.
    expect(
      (await shared.clients.s3.send(new GetBucketLocationCommand({ Bucket: 'loc-eu' })))
        .LocationConstraint,
    ).toBe('eu-west-1');
    expect(
      (await shared.clients.s3.send(new HeadBucketCommand({ Bucket: 'loc-eu' }))).BucketRegion,
    ).toBe('eu-west-1');
    // The us-east-1 (global) endpoint accepts any other region's constraint.
    await shared.clients.s3.send(
      new CreateBucketCommand({
        Bucket: 'loc-west',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    expect(
      (await shared.clients.s3.send(new GetBucketLocationCommand({ Bucket: 'loc-west' })))
        .LocationConstraint,
    ).toBe('us-west-2');
    const missing = await caught(
      shared.clients.s3.send(new GetBucketLocationCommand({ Bucket: 'loc-missing' })),
    );
    expect(missing.name).toBe('NoSuchBucket');
  });

  it('answers IllegalLocationConstraintException / InvalidLocationConstraint as S3 does', async () => {
    const eu = regionalS3('eu-west-1');
    // The SDK fills in the client's region when CreateBucketConfiguration is omitted, so the
    // unspecified case is sent raw, with a credential scope for eu-west-1 (signatures are not checked).
    const unspecified = await fetch(`${shared.sandbox.endpoint}/loc-bad-1`, {
      method: 'PUT',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDSANDBOX/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=00',
      },
    });
    expect(unspecified.status).toBe(400);
    const unspecifiedBody = await unspecified.text();
    expect(unspecifiedBody).toContain('<Code>IllegalLocationConstraintException</Code>');
    expect(unspecifiedBody).toContain(
      'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
    );
    const filledIn = await eu.send(new CreateBucketCommand({ Bucket: 'loc-eu-sdk' }));
    expect(filledIn.$metadata.httpStatusCode).toBe(200);
    expect(
      (await eu.send(new GetBucketLocationCommand({ Bucket: 'loc-eu-sdk' }))).LocationConstraint,
    ).toBe('eu-west-1');
    const other = await caught(
      eu.send(
        new CreateBucketCommand({
          Bucket: 'loc-bad-2',
          CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
        }),
      ),
    );
    expect(other.name).toBe('IllegalLocationConstraintException');
    expect(other.message).toBe(
      'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.',
    );
    const explicitUsEast = await caught(
      shared.clients.s3.send(
        new CreateBucketCommand({
          Bucket: 'loc-bad-3',
          CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never },
        }),
      ),
    );
    expect(explicitUsEast.name).toBe('InvalidLocationConstraint');
    expect(explicitUsEast.$metadata.httpStatusCode).toBe(400);
    const names = ((await shared.clients.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map(
      (bucket) => bucket.Name,
    );
    expect(names.filter((name) => name?.startsWith('loc-bad'))).toEqual([]);
  });
});

describe('S3 CopyObject', () => {
  it('copies bytes, content type and user metadata, answering CopyObjectResult', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'copy-src' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'copy-dst' }));
    const text = 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n';
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'copy-src',
        Key: 'in/a b.csv',
        Body: text,
        ContentType: 'text/csv',
        Metadata: { origin: 'upload' },
        Tagging: 'kind=raw',
      }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: 'copy-dst',
        Key: 'out/copy.csv',
        CopySource: `copy-src/${encodeURIComponent('in/a b.csv')}`,
      }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(put.ETag);
    expect(copied.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    // The bug: CopyObject used to write an empty object.
    const got = await s3.send(new GetObjectCommand({ Bucket: 'copy-dst', Key: 'out/copy.csv' }));
    expect(await got.Body?.transformToString()).toBe(text);
    expect(got.ContentType).toBe('text/csv');
    expect(got.Metadata).toEqual({ origin: 'upload' });
    expect(
      (await s3.send(new GetObjectTaggingCommand({ Bucket: 'copy-dst', Key: 'out/copy.csv' })))
        .TagSet,
    ).toEqual([{ Key: 'kind', Value: 'raw' }]);

    await s3.send(
      new CopyObjectCommand({
        Bucket: 'copy-dst',
        Key: 'out/replaced.csv',
        CopySource: '/copy-src/in%2Fa%20b.csv',
        MetadataDirective: 'REPLACE',
        ContentType: 'application/csv',
        Metadata: { stage: 'two' },
      }),
    );
    const replaced = await s3.send(
      new HeadObjectCommand({ Bucket: 'copy-dst', Key: 'out/replaced.csv' }),
    );
    expect(replaced.ContentType).toBe('application/csv');
    expect(replaced.Metadata).toEqual({ stage: 'two' });
    expect(replaced.ContentLength).toBe(Buffer.byteLength(text));

    // The source is untouched.
    const source = await s3.send(new GetObjectCommand({ Bucket: 'copy-src', Key: 'in/a b.csv' }));
    expect(await source.Body?.transformToString()).toBe(text);
  });

  it('answers NoSuchKey for a missing source and InvalidRequest for a copy onto itself', async () => {
    const { s3 } = shared.clients;
    const missing = await caught(
      s3.send(
        new CopyObjectCommand({ Bucket: 'copy-dst', Key: 'x', CopySource: 'copy-src/missing' }),
      ),
    );
    expect(missing.name).toBe('NoSuchKey');
    const self = await caught(
      s3.send(
        new CopyObjectCommand({
          Bucket: 'copy-src',
          Key: 'in/a b.csv',
          CopySource: 'copy-src/in%2Fa%20b.csv',
        }),
      ),
    );
    expect(self.name).toBe('InvalidRequest');
    const noTarget = await caught(s3.send(new HeadObjectCommand({ Bucket: 'copy-dst', Key: 'x' })));
    expect(noTarget.$metadata.httpStatusCode).toBe(404);
  });
});

describe('S3 unknown sub-resources', () => {
  it('answer 501 NotImplemented instead of falling through to a bucket or object operation', async () => {
    const { s3 } = shared.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'unknown-sub' }));
    await s3.send(new PutObjectCommand({ Bucket: 'unknown-sub', Key: 'k', Body: 'v' }));
    const versioning = await caught(
      s3.send(
        new PutBucketVersioningCommand({
          Bucket: 'unknown-sub',
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      ),
    );
    expect(versioning.name).toBe('NotImplemented');
    expect(versioning.$metadata.httpStatusCode).toBe(501);
    const acl = await caught(s3.send(new GetBucketAclCommand({ Bucket: 'unknown-sub' })));
    expect(acl.name).toBe('NotImplemented');
    const raw = await fetch(`${shared.sandbox.endpoint}/unknown-sub/k?acl`, { method: 'DELETE' });
    expect(raw.status).toBe(501);
    const bucketDelete = await fetch(`${shared.sandbox.endpoint}/unknown-sub?cors`, {
      method: 'DELETE',
    });
    expect(bucketDelete.status).toBe(501);
    const object = await s3.send(new GetObjectCommand({ Bucket: 'unknown-sub', Key: 'k' }));
    expect(await object.Body?.transformToString()).toBe('v');
  });
});

describe('S3 bucket attributes persistence', () => {
  const directories: string[] = [];
  afterAll(async () => {
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  it('keeps region, policy, tags, public access block, encryption and object metadata across a restart', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 's3-attrs-'));
    directories.push(dataDir);
    const first = await startSandbox({ dataDir });
    const before = regionalS3('eu-west-1', first.endpoint);
    await before.send(
      new CreateBucketCommand({
        Bucket: 'kept-attrs',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await before.send(
      new PutBucketPolicyCommand({ Bucket: 'kept-attrs', Policy: policyFor('kept-attrs') }),
    );
    await before.send(
      new PutBucketTaggingCommand({
        Bucket: 'kept-attrs',
        Tagging: { TagSet: [{ Key: 'app', Value: 'poc' }] },
      }),
    );
    await before.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'kept-attrs',
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      }),
    );
    await before.send(
      new PutObjectCommand({ Bucket: 'kept-attrs', Key: 'o', Body: 'o', Metadata: { m: '1' } }),
    );
    await first.close();

    const second = await startSandbox({ dataDir });
    try {
      const after = regionalS3('eu-west-1', second.endpoint);
      expect(
        (await after.send(new GetBucketLocationCommand({ Bucket: 'kept-attrs' })))
          .LocationConstraint,
      ).toBe('eu-west-1');
      expect(
        JSON.parse(
          (await after.send(new GetBucketPolicyCommand({ Bucket: 'kept-attrs' }))).Policy ?? '',
        ),
      ).toEqual(JSON.parse(policyFor('kept-attrs')));
      expect(
        (await after.send(new GetBucketTaggingCommand({ Bucket: 'kept-attrs' }))).TagSet,
      ).toEqual([{ Key: 'app', Value: 'poc' }]);
      expect(
        (await after.send(new GetPublicAccessBlockCommand({ Bucket: 'kept-attrs' })))
          .PublicAccessBlockConfiguration?.RestrictPublicBuckets,
      ).toBe(false);
      expect(
        (await after.send(new GetBucketEncryptionCommand({ Bucket: 'kept-attrs' })))
          .ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
          ?.SSEAlgorithm,
      ).toBe('AES256');
      expect(
        (await after.send(new HeadObjectCommand({ Bucket: 'kept-attrs', Key: 'o' }))).Metadata,
      ).toEqual({ m: '1' });
    } finally {
      await second.close();
    }
  });
});
