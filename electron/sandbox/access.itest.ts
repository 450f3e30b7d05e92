import { ListDatasetGroupsCommand, PersonalizeServiceException } from '@aws-sdk/client-personalize';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeServiceException,
} from '@aws-sdk/client-personalize-runtime';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import {
  sandboxClients,
  type SandboxClients,
  type TestCredentials,
} from './test-support/clients.js';
import { caughtAs } from './test-support/sandbox.js';

const KEY: TestCredentials = {
  accessKeyId: 'PSX0123456789ABCDEF',
  secretAccessKey: 'per-launch-secret',
};
const WRONG: TestCredentials = {
  accessKeyId: 'PSXFFFFFFFFFFFFFFFF',
  secretAccessKey: 'per-launch-secret',
};
const CSV = 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n';

/** A raw HTTP request with any Host header (what a DNS-rebinding page or curl sends). */
function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const signedBy = (accessKeyId: string): string =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

describe('a sandbox started with a per-launch accessKeyId', () => {
  let sandbox: RunningSandbox;
  let good: SandboxClients;
  let wrong: SandboxClients;

  beforeAll(async () => {
    sandbox = await startSandbox({ accessKeyId: KEY.accessKeyId });
    good = sandboxClients(sandbox.endpoint, KEY);
    wrong = sandboxClients(sandbox.endpoint, WRONG);
    await good.s3.send(new CreateBucketCommand({ Bucket: 'customer' }));
    await good.s3.send(
      new PutObjectCommand({ Bucket: 'customer', Key: 'interactions.csv', Body: CSV }),
    );
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('serves the SDK clients signing with that key', async () => {
    const groups = await good.personalize.send(new ListDatasetGroupsCommand({}));
    expect(groups.$metadata.httpStatusCode).toBe(200);
    const object = await good.s3.send(
      new GetObjectCommand({ Bucket: 'customer', Key: 'interactions.csv' }),
    );
    expect(await object.Body?.transformToString()).toBe(CSV);
    const missing = await caughtAs(PersonalizeRuntimeServiceException)(
      good.runtime.send(
        new GetRecommendationsCommand({
          campaignArn: 'arn:aws:personalize:us-east-1:123456789012:campaign/none',
          userId: 'u1',
        }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: KEY,
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    sts.destroy();
  });

  it('refuses another key on the control plane and the runtime with 403 UnrecognizedClientException', async () => {
    const control = await caughtAs(PersonalizeServiceException)(
      wrong.personalize.send(new ListDatasetGroupsCommand({})),
    );
    expect(control.name).toBe('UnrecognizedClientException');
    expect(control.message).toBe('The security token included in the request is invalid.');
    expect(control.$metadata.httpStatusCode).toBe(403);
    const runtime = await caughtAs(PersonalizeRuntimeServiceException)(
      wrong.runtime.send(
        new GetRecommendationsCommand({
          campaignArn: 'arn:aws:personalize:us-east-1:123456789012:campaign/none',
          userId: 'u1',
        }),
      ),
    );
    expect(runtime.name).toBe('UnrecognizedClientException');
    expect(runtime.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses another key on S3 with 403 InvalidAccessKeyId and on STS with InvalidClientTokenId', async () => {
    const caught = caughtAs(S3ServiceException);
    const get = await caught(
      wrong.s3.send(new GetObjectCommand({ Bucket: 'customer', Key: 'interactions.csv' })),
    );
    expect(get.name).toBe('InvalidAccessKeyId');
    expect(get.message).toBe('The AWS Access Key Id you provided does not exist in our records.');
    expect(get.$metadata.httpStatusCode).toBe(403);
    expect((await caught(wrong.s3.send(new ListBucketsCommand({})))).name).toBe(
      'InvalidAccessKeyId',
    );
    expect(
      (
        await caught(
          wrong.s3.send(new HeadObjectCommand({ Bucket: 'customer', Key: 'interactions.csv' })),
        )
      ).$metadata.httpStatusCode,
    ).toBe(403);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: WRONG,
    });
    const identity = await caughtAs(STSServiceException)(
      sts.send(new GetCallerIdentityCommand({})),
    );
    sts.destroy();
    expect(identity.name).toBe('InvalidClientTokenId');
    expect(identity.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses unsigned requests, accepts a presigned URL carrying the key', async () => {
    const host = `127.0.0.1:${sandbox.port}`;
    const unsigned = await rawRequest(sandbox.port, '/customer/interactions.csv', { host });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>InvalidAccessKeyId</Code>');
    const credential = encodeURIComponent(`${KEY.accessKeyId}/20250101/us-east-1/s3/aws4_request`);
    const presigned = await rawRequest(
      sandbox.port,
      `/customer/interactions.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Signature=00`,
      { host },
    );
    expect(presigned).toEqual({ status: 200, body: CSV });
    const wrongQuery = encodeURIComponent(
      `${WRONG.accessKeyId}/20250101/us-east-1/s3/aws4_request`,
    );
    expect(
      (
        await rawRequest(
          sandbox.port,
          `/customer/interactions.csv?X-Amz-Credential=${wrongQuery}`,
          { host },
        )
      ).status,
    ).toBe(403);
  });

  it('refuses a foreign Host header with 403 even with the right key, accepts localhost', async () => {
    const evil = await rawRequest(sandbox.port, '/customer/interactions.csv', {
      host: `evil.example:${sandbox.port}`,
      authorization: signedBy(KEY.accessKeyId),
    });
    expect(evil.status).toBe(403);
    expect(evil.body).not.toContain('u1,i1');
    const local = await rawRequest(sandbox.port, '/customer/interactions.csv', {
      host: `localhost:${sandbox.port}`,
      authorization: signedBy(KEY.accessKeyId),
    });
    expect(local).toEqual({ status: 200, body: CSV });
  });
});

describe('a sandbox started without accessKeyId (standalone, boto3/AWS CLI)', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const clients = sandboxClients(sandbox.endpoint, WRONG);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'customer' }));
    await clients.s3.send(
      new PutObjectCommand({ Bucket: 'customer', Key: 'interactions.csv', Body: CSV }),
    );
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('accepts any credentials and unsigned requests on a loopback Host', async () => {
    for (const host of [
      `127.0.0.1:${sandbox.port}`,
      `localhost:${sandbox.port}`,
      `[::1]:${sandbox.port}`,
      'localhost',
    ]) {
      expect(await rawRequest(sandbox.port, '/customer/interactions.csv', { host }), host).toEqual({
        status: 200,
        body: CSV,
      });
    }
  });

  it('still refuses a DNS-rebinding Host header with 403', async () => {
    const evil = await rawRequest(sandbox.port, '/customer/interactions.csv', {
      host: `evil.example:${sandbox.port}`,
    });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('<Code>AccessDenied</Code>');
    const control = await rawRequest(
      sandbox.port,
      '/',
      {
        host: `evil.example:${sandbox.port}`,
        'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
      },
      'POST',
    );
    expect(control.status).toBe(403);
    expect(JSON.parse(control.body)).toMatchObject({ __type: 'AccessDeniedException' });
  });
});
