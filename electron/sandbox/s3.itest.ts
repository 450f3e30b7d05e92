import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();
const caught = caughtAs(S3ServiceException);

describe('S3 subset over the real SDK', () => {
  it('creates, lists, heads and deletes buckets with S3 error codes', async () => {
    await shared.clients.s3.send(new CreateBucketCommand({ Bucket: 'poc-bucket' }));
    const listed = await shared.clients.s3.send(new ListBucketsCommand({}));
    expect((listed.Buckets ?? []).map((bucket) => bucket.Name)).toContain('poc-bucket');
    const head = await shared.clients.s3.send(new HeadBucketCommand({ Bucket: 'poc-bucket' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    const again = await caught(
      shared.clients.s3.send(new CreateBucketCommand({ Bucket: 'poc-bucket' })),
    );
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    expect(again.$metadata.httpStatusCode).toBe(409);
    const missing = await caught(
      shared.clients.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })),
    );
    expect(missing.name).toBe('NoSuchBucket');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const headMissing = await caught(
      shared.clients.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })),
    );
    expect(headMissing.$metadata.httpStatusCode).toBe(404);

    await shared.clients.s3.send(
      new PutObjectCommand({ Bucket: 'poc-bucket', Key: 'keep.txt', Body: 'x' }),
    );
    const notEmpty = await caught(
      shared.clients.s3.send(new DeleteBucketCommand({ Bucket: 'poc-bucket' })),
    );
    expect(notEmpty.name).toBe('BucketNotEmpty');
    expect(notEmpty.$metadata.httpStatusCode).toBe(409);
  });

  it('puts, gets, heads and deletes objects (aws-chunked bodies decoded)', async () => {
    const text = 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n';
    const put = await shared.clients.s3.send(
      new PutObjectCommand({
        Bucket: 'poc-bucket',
        Key: 'data/a b+c.csv',
        Body: text,
        ContentType: 'text/csv',
      }),
    );
    expect(put.ETag).toBe(`"${createHash('md5').update(text).digest('hex')}"`);
    const got = await shared.clients.s3.send(
      new GetObjectCommand({ Bucket: 'poc-bucket', Key: 'data/a b+c.csv' }),
    );
    expect(await got.Body?.transformToString()).toBe(text);
    expect(got.ContentType).toBe('text/csv');
    const head = await shared.clients.s3.send(
      new HeadObjectCommand({ Bucket: 'poc-bucket', Key: 'data/a b+c.csv' }),
    );
    expect(head.ContentLength).toBe(Buffer.byteLength(text));
    const range = await shared.clients.s3.send(
      new GetObjectCommand({ Bucket: 'poc-bucket', Key: 'data/a b+c.csv', Range: 'bytes=0-6' }),
    );
    expect(await range.Body?.transformToString()).toBe('USER_ID');
    await shared.clients.s3.send(
      new DeleteObjectCommand({ Bucket: 'poc-bucket', Key: 'data/a b+c.csv' }),
    );
    const gone = await caught(
      shared.clients.s3.send(new GetObjectCommand({ Bucket: 'poc-bucket', Key: 'data/a b+c.csv' })),
    );
    expect(gone.name).toBe('NoSuchKey');
  });

  it('lists with prefix, delimiter and continuation, and deletes in bulk', async () => {
    await shared.clients.s3.send(new CreateBucketCommand({ Bucket: 'list-bucket' }));
    for (let index = 0; index < 5; index++)
      await shared.clients.s3.send(
        new PutObjectCommand({
          Bucket: 'list-bucket',
          Key: `folder/file-${index}.csv`,
          Body: `${index}`,
        }),
      );
    await shared.clients.s3.send(
      new PutObjectCommand({ Bucket: 'list-bucket', Key: 'other.txt', Body: 'o' }),
    );
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: shared.clients.s3, pageSize: 2 },
      { Bucket: 'list-bucket', Prefix: 'folder/' },
    )) {
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(keys).toEqual([
      'folder/file-0.csv',
      'folder/file-1.csv',
      'folder/file-2.csv',
      'folder/file-3.csv',
      'folder/file-4.csv',
    ]);
    const top = await shared.clients.s3.send(
      new ListObjectsV2Command({ Bucket: 'list-bucket', Delimiter: '/' }),
    );
    expect((top.CommonPrefixes ?? []).map((prefix) => prefix.Prefix)).toEqual(['folder/']);
    expect((top.Contents ?? []).map((object) => object.Key)).toEqual(['other.txt']);
    const deleted = await shared.clients.s3.send(
      new DeleteObjectsCommand({
        Bucket: 'list-bucket',
        Delete: { Objects: keys.map((Key) => ({ Key })).concat([{ Key: 'other.txt' }]) },
      }),
    );
    expect(deleted.Deleted).toHaveLength(6);
    const empty = await shared.clients.s3.send(new ListObjectsV2Command({ Bucket: 'list-bucket' }));
    expect(empty.KeyCount).toBe(0);
    await shared.clients.s3.send(new DeleteBucketCommand({ Bucket: 'list-bucket' }));
  });

  it('uploads a 12 MB object with lib-storage multipart upload', async () => {
    const body = Buffer.alloc(12 * 1024 * 1024);
    for (let index = 0; index < body.length; index++) body[index] = (index * 31 + 7) % 251;
    const upload = new Upload({
      client: shared.clients.s3,
      params: { Bucket: 'poc-bucket', Key: 'big/blob.bin', Body: body },
      partSize: 5 * 1024 * 1024,
    });
    const result = await upload.done();
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}-3"$/u);
    const head = await shared.clients.s3.send(
      new HeadObjectCommand({ Bucket: 'poc-bucket', Key: 'big/blob.bin' }),
    );
    expect(head.ContentLength).toBe(body.length);
    const got = await shared.clients.s3.send(
      new GetObjectCommand({ Bucket: 'poc-bucket', Key: 'big/blob.bin' }),
    );
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
  });

  it('answers STS GetCallerIdentity with the sandbox account', async () => {
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: shared.sandbox.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sandbox');
  });
});
