import { CreateSchemaCommand, PersonalizeServiceException } from '@aws-sdk/client-personalize';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { sandboxClients, type SandboxClients } from './test-support/clients.js';
import { caughtAs } from './test-support/sandbox.js';

/** A raw HTTP exchange, so that tests can send what a browser (or an attacker) would. */
interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function raw(
  endpoint: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    writeBody?: (request: http.ClientRequest) => void;
  },
): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    if (options.writeBody) options.writeBody(request);
    else request.end(options.body);
  });
}

const caughtS3 = caughtAs(S3ServiceException);
const caughtPersonalize = caughtAs(PersonalizeServiceException);

let parent: string;
let sandbox: RunningSandbox;
let clients: SandboxClients;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'sandbox-safety-'));
  sandbox = await startSandbox({
    dataDir: path.join(parent, 'data'),
    allowedOrigins: ['http://localhost:5173'],
  });
  clients = sandboxClients(sandbox.endpoint);
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'poc-data' }));
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'a-b.c' }));
  await clients.s3.send(new PutObjectCommand({ Bucket: 'poc-data', Key: 'keep.csv', Body: 'x' }));
});

afterAll(async () => {
  await sandbox.close();
  await rm(parent, { recursive: true, force: true });
});

describe('requests from web pages', () => {
  const deleteXml = '<Delete><Object><Key>keep.csv</Key></Object></Delete>';

  it('refuses a no-cors POST carrying a foreign Origin (S3 DeleteObjects) with 403 AccessDenied and deletes nothing', async () => {
    const answer = await raw(sandbox.endpoint, {
      method: 'POST',
      path: '/poc-data?delete',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: deleteXml,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/u);
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: 'poc-data', Key: 'keep.csv' }),
    );
    expect(head.ContentLength).toBe(1);
  });

  it('refuses a control-plane call with an Origin in the JSON error format', async () => {
    const answer = await raw(sandbox.endpoint, {
      method: 'POST',
      path: '/',
      headers: {
        origin: 'http://127.0.0.1:9',
        'x-amz-target': 'AmazonPersonalize.ListDatasetGroups',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'AccessDeniedException' });
  });

  it('refuses Sec-Fetch-Site cross-site and same-site without an Origin (an <img> GET)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await raw(sandbox.endpoint, {
        method: 'GET',
        path: '/poc-data/keep.csv',
        headers: { 'sec-fetch-site': site },
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('<Code>AccessDenied</Code>');
    }
    const own = await raw(sandbox.endpoint, {
      method: 'GET',
      path: '/poc-data/keep.csv',
      headers: { 'sec-fetch-site': 'none' },
    });
    expect(own.status).toBe(200);
  });

  it("accepts an origin listed in allowedOrigins, and the sandbox's own origin", async () => {
    const allowed = await raw(sandbox.endpoint, {
      method: 'GET',
      path: '/poc-data/keep.csv',
      headers: { origin: 'http://localhost:5173', 'sec-fetch-site': 'cross-site' },
    });
    expect(allowed.status).toBe(200);
    const host = new URL(sandbox.endpoint).host;
    const own = await raw(sandbox.endpoint, {
      method: 'GET',
      path: '/poc-data/keep.csv',
      headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
  });
});

describe('S3 keys and bucket names', () => {
  it("DeleteObject(Key='../a-b.c') deletes that key of the bucket, never the bucket a-b.c", async () => {
    await clients.s3.send(
      new PutObjectCommand({ Bucket: 'poc-data', Key: '../a-b.c', Body: 'dots' }),
    );
    const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: 'poc-data' }));
    expect((listed.Contents ?? []).map((object) => object.Key)).toContain('../a-b.c');
    const got = await clients.s3.send(
      new GetObjectCommand({ Bucket: 'poc-data', Key: '../a-b.c' }),
    );
    expect(await got.Body?.transformToString()).toBe('dots');
    await clients.s3.send(new DeleteObjectCommand({ Bucket: 'poc-data', Key: '../a-b.c' }));
    const head = await clients.s3.send(new HeadBucketCommand({ Bucket: 'a-b.c' }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    const gone = await caughtS3(
      clients.s3.send(new HeadObjectCommand({ Bucket: 'poc-data', Key: '../a-b.c' })),
    );
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });

  it('routes the raw path: dot segments, encoded or not, stay in the key; bad bucket names are InvalidBucketName', async () => {
    const literal = await raw(sandbox.endpoint, { method: 'DELETE', path: '/poc-data/../a-b.c' });
    expect(literal.status).toBe(204);
    const encoded = await raw(sandbox.endpoint, {
      method: 'DELETE',
      path: '/poc-data/%2e%2e/a-b.c',
    });
    expect(encoded.status).toBe(204);
    expect(
      (await clients.s3.send(new HeadBucketCommand({ Bucket: 'a-b.c' }))).$metadata.httpStatusCode,
    ).toBe(200);
    for (const bucketPath of [
      '/%2e%2e/x',
      '/../x',
      '/./x',
      '/Upper/x',
      '/a..b/x',
      '/192.168.1.1/x',
    ]) {
      const answer = await raw(sandbox.endpoint, { method: 'PUT', path: bucketPath, body: 'x' });
      expect(answer.status, bucketPath).toBe(400);
      expect(answer.body, bucketPath).toContain('<Code>InvalidBucketName</Code>');
    }
    const broken = await raw(sandbox.endpoint, { method: 'GET', path: '/poc-data/%E0%A4%A' });
    expect(broken.body).toContain('<Code>InvalidURI</Code>');
    const tooLong = await caughtS3(
      clients.s3.send(
        new PutObjectCommand({ Bucket: 'poc-data', Key: 'k'.repeat(1025), Body: 'x' }),
      ),
    );
    expect(tooLong.name).toBe('KeyTooLongError');
  });

  it('keeps every byte of any key inside the data dir', async () => {
    const keys = [
      '../../../escape.txt',
      '..\\..\\escape.txt',
      '/etc/passwd',
      '%2e%2e/%2e%2e/x',
      'a/../../../../b',
    ];
    for (const key of keys)
      await clients.s3.send(new PutObjectCommand({ Bucket: 'poc-data', Key: key, Body: key }));
    for (const key of keys) {
      const got = await clients.s3.send(new GetObjectCommand({ Bucket: 'poc-data', Key: key }));
      expect(await got.Body?.transformToString()).toBe(key);
    }
    expect(await readdir(parent)).toEqual(['data']);
  });
});

describe('body size limits', () => {
  it('refuses an oversized JSON body with 413 RequestEntityTooLargeException (typed as the service error by the SDK)', async () => {
    const error = await caughtPersonalize(
      clients.personalize.send(
        new CreateSchemaCommand({ name: 'big', schema: 'x'.repeat(1024 * 1024 + 1) }),
      ),
    );
    expect(error.name).toBe('RequestEntityTooLargeException');
    expect(error.$metadata.httpStatusCode).toBe(413);
  });

  it('refuses a PutObject announcing more than 5 GiB with EntityTooLarge before reading it', async () => {
    const answer = await raw(sandbox.endpoint, {
      method: 'PUT',
      path: '/poc-data/huge.bin',
      headers: { 'content-length': String(5 * 1024 ** 3 + 1) },
      writeBody: (request) => request.write('x'),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
  });

  it('refuses an S3 XML body over 2 MiB with MaxMessageLengthExceeded', async () => {
    const answer = await raw(sandbox.endpoint, {
      method: 'POST',
      path: '/poc-data?delete',
      body: `<Delete>${'x'.repeat(2 * 1024 * 1024)}</Delete>`,
    });
    expect(answer.body).toContain('<Code>MaxMessageLengthExceeded</Code>');
    expect(
      (await clients.s3.send(new HeadObjectCommand({ Bucket: 'poc-data', Key: 'keep.csv' })))
        .ContentLength,
    ).toBe(1);
  });

  it('streams a PutObject to a file in the data dir while it is still arriving', async () => {
    const incoming = path.join(sandbox.dataDir, 's3', '.incoming');
    const half = Buffer.alloc(4 * 1024 * 1024, 7);
    let sizeSeenMidway = 0;
    const answer = await raw(sandbox.endpoint, {
      method: 'PUT',
      path: '/poc-data/streamed.bin',
      headers: { 'content-length': String(half.length * 2) },
      writeBody: (request) => {
        request.write(half);
        void (async () => {
          for (let attempt = 0; attempt < 100 && sizeSeenMidway < half.length; attempt += 1) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            const names = await readdir(incoming).catch(() => []);
            for (const name of names)
              sizeSeenMidway = Math.max(
                sizeSeenMidway,
                (await stat(path.join(incoming, name)).catch(() => ({ size: 0 }))).size,
              );
          }
          request.end(half);
        })();
      },
    });
    expect(answer.status).toBe(200);
    expect(sizeSeenMidway).toBe(half.length);
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: 'poc-data', Key: 'streamed.bin' }),
    );
    expect(head.ContentLength).toBe(half.length * 2);
    expect(await readdir(incoming)).toEqual([]);
  });
});

describe('operation lookup', () => {
  it('answers UnknownOperationException for names on the prototype chain', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await raw(sandbox.endpoint, {
        method: 'POST',
        path: '/',
        headers: {
          'x-amz-target': `AmazonPersonalize.${name}`,
          'content-type': 'application/x-amz-json-1.1',
        },
        body: '{}',
      });
      expect(answer.status, name).toBe(400);
      expect(JSON.parse(answer.body), name).toMatchObject({ __type: 'UnknownOperationException' });
      expect(answer.body).not.toContain(sandbox.dataDir);
    }
  });
});

describe('orphaned multipart parts', () => {
  it('are removed when the sandbox starts again on the same data dir', async () => {
    const dataDir = path.join(parent, 'restart');
    const first = await startSandbox({ dataDir });
    const s3 = sandboxClients(first.endpoint).s3;
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    const created = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: 'big.csv' }),
    );
    await s3.send(
      new UploadPartCommand({
        Bucket: 'uploads',
        Key: 'big.csv',
        UploadId: created.UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(1024, 1),
      }),
    );
    const uploads = path.join(dataDir, 's3', '.uploads');
    expect(await readdir(uploads)).toHaveLength(1);
    await first.close();
    const second = await startSandbox({ dataDir });
    try {
      await expect(readdir(uploads)).rejects.toMatchObject({ code: 'ENOENT' });
      const again = await caughtS3(
        sandboxClients(second.endpoint).s3.send(
          new UploadPartCommand({
            Bucket: 'uploads',
            Key: 'big.csv',
            UploadId: created.UploadId,
            PartNumber: 2,
            Body: 'x',
          }),
        ),
      );
      expect(again.name).toBe('NoSuchUpload');
    } finally {
      await second.close();
    }
  });
});
