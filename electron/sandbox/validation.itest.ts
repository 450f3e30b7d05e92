import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeSolutionVersionCommand,
  InvalidInputException,
  LimitExceededException,
  ListDatasetGroupsCommand,
  ListSchemasCommand,
  PersonalizeClient,
  PersonalizeServiceException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import {
  GetRecommendationsCommand,
  PersonalizeRuntimeServiceException,
} from '@aws-sdk/client-personalize-runtime';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from './test-support/clients.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();
const caught = caughtAs(PersonalizeServiceException);

function sandboxClientConfig(endpoint: string): {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
  };
}

function post(
  endpoint: string,
  target: string,
  body: string,
  contentType = 'application/x-amz-json-1.1',
): Promise<{
  status: number;
  type: string | undefined;
  requestId: string | undefined;
  json: Record<string, unknown>;
}> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { 'x-amz-target': target, 'content-type': contentType },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const type = response.headers['x-amzn-errortype'];
          const requestId = response.headers['x-amzn-requestid'];
          resolve({
            status: response.statusCode ?? 0,
            type: typeof type === 'string' ? type : undefined,
            requestId: typeof requestId === 'string' ? requestId : undefined,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

let datasetGroupArn = '';
let datasetArn = '';

beforeAll(async () => {
  const { personalize, s3 } = shared.clients;
  await s3.send(new CreateBucketCommand({ Bucket: 'validation-data' }));
  ({ datasetGroupArn = '' } = await personalize.send(
    new CreateDatasetGroupCommand({ name: 'validation' }),
  ));
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
    CREATE_TRANSIENT,
  );
  const { schemaArn } = await personalize.send(
    new CreateSchemaCommand({ name: 'validation-interactions', schema: INTERACTIONS_SCHEMA }),
  );
  ({ datasetArn = '' } = await personalize.send(
    new CreateDatasetCommand({
      name: 'validation-interactions',
      datasetGroupArn,
      schemaArn,
      datasetType: 'Interactions',
    }),
  ));
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
    CREATE_TRANSIENT,
  );
});

describe('input validation from the service model', () => {
  it('names a missing required member, and creates nothing', async () => {
    const error = await caught(
      shared.clients.personalize.send(new CreateDatasetGroupCommand({} as never)),
    );
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  it('checks nested members, list entries and list sizes before any state changes', async () => {
    const before = (await shared.clients.personalize.send(new ListDatasetGroupsCommand({})))
      .datasetGroups?.length;
    const badTag = await caught(
      shared.clients.personalize.send(
        new CreateDatasetGroupCommand({
          name: 'tagged',
          tags: [
            { tagKey: 'ok', tagValue: 'v' },
            { tagKey: '', tagValue: 'v' },
          ],
        }),
      ),
    );
    expect(badTag).toBeInstanceOf(InvalidInputException);
    expect(badTag.message).toContain(
      "at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const tooMany = await caught(
      shared.clients.personalize.send(
        new CreateDatasetGroupCommand({
          name: 'tagged',
          tags: Array.from({ length: 201 }, (_, i) => ({ tagKey: `k${i}`, tagValue: 'v' })),
        }),
      ),
    );
    expect(tooMany.message).toContain(
      "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200",
    );
    const location = await caught(
      shared.clients.personalize.send(
        new CreateDatasetImportJobCommand({
          jobName: 'bad-location',
          datasetArn,
          dataSource: { dataLocation: 'ftp://x/y.csv' },
        }),
      ),
    );
    expect(location.message).toContain(
      "at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    const missingNested = await caught(
      shared.clients.personalize.send(
        new CreateDatasetImportJobCommand({ jobName: 'no-location', datasetArn, dataSource: {} }),
      ),
    );
    expect(missingNested).toBeInstanceOf(InvalidInputException);
    expect(missingNested.message).toContain("'dataSource.dataLocation'");
    expect(
      (await shared.clients.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups
        ?.length,
    ).toBe(before);
    const gone = await caught(
      shared.clients.personalize.send(
        new DescribeDatasetGroupCommand({
          datasetGroupArn: datasetGroupArn.replace('validation', 'tagged'),
        }),
      ),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('reports lengths, patterns, enums and ranges, all violations in one message', async () => {
    const several = await caught(
      shared.clients.personalize.send(
        new CreateDatasetGroupCommand({ name: '-bad', domain: 'RETAIL' as never }),
      ),
    );
    expect(several.message).toMatch(/^2 validation errors detected: /u);
    expect(several.message).toContain(
      "Value '-bad' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    expect(several.message).toContain(
      "Value 'RETAIL' at 'domain' failed to satisfy constraint: Member must satisfy enum value set: [ECOMMERCE, VIDEO_ON_DEMAND]",
    );
    const long = await caught(
      shared.clients.personalize.send(new CreateDatasetGroupCommand({ name: 'a'.repeat(64) })),
    );
    expect(long.message).toContain('Member must have length less than or equal to 63');
    for (const maxResults of [0, 101]) {
      const range = await caught(
        shared.clients.personalize.send(new ListSchemasCommand({ maxResults })),
      );
      expect(range).toBeInstanceOf(InvalidInputException);
      expect(range.message).toContain(`Value '${maxResults}' at 'maxResults'`);
    }
  });
});

describe('malformed requests', () => {
  it('answers SerializationException for a body that is not a JSON object or has a member of the wrong type', async () => {
    for (const body of ['{"name":', '[1,2]', '"text"', '{"name": 5}']) {
      const answer = await post(
        shared.sandbox.endpoint,
        'AmazonPersonalize.CreateDatasetGroup',
        body,
      );
      expect(answer.status, body).toBe(400);
      expect(answer.type, body).toBe('SerializationException');
      expect(answer.json.__type, body).toBe('SerializationException');
    }
  });

  it('answers UnknownOperationException for an unknown target, a missing one, or a content type that is not JSON', async () => {
    for (const [target, contentType] of [
      ['AmazonPersonalize.NoSuchOperation', 'application/x-amz-json-1.1'],
      ['AmazonPersonalize.listDatasetGroups', 'application/x-amz-json-1.1'],
      ['AmazonPersonalize.ListDatasetGroups', 'text/plain'],
      ['AmazonPersonalize.ListDatasetGroups', 'application/x-www-form-urlencoded'],
    ] as const) {
      const answer = await post(shared.sandbox.endpoint, target, '{}', contentType);
      expect(answer.status, `${target} ${contentType}`).toBe(400);
      expect(answer.json.__type).toBe('UnknownOperationException');
    }
    const lenient = await post(
      shared.sandbox.endpoint,
      'AmazonPersonalize.ListDatasetGroups',
      '{}',
      'application/json',
    );
    expect(lenient.status).toBe(200);
  });

  it('puts x-amzn-RequestId on successes and errors of every protocol', async () => {
    const ok = await shared.clients.personalize.send(new ListDatasetGroupsCommand({}));
    expect(ok.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const error = await caught(
      shared.clients.personalize.send(
        new DescribeDatasetGroupCommand({ datasetGroupArn: `${datasetGroupArn}-missing` }),
      ),
    );
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const runtime = await caughtAs(PersonalizeRuntimeServiceException)(
      shared.clients.runtime.send(
        new GetRecommendationsCommand({
          campaignArn: 'arn:aws:personalize:us-east-1:123456789012:campaign/none',
          userId: 'u',
        }),
      ),
    );
    expect(runtime.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const s3 = await caughtAs(S3ServiceException)(
      shared.clients.s3.send(new GetObjectCommand({ Bucket: 'validation-data', Key: 'none' })),
    );
    expect(s3.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/u);
    const raw = await post(shared.sandbox.endpoint, 'AmazonPersonalize.Nope', '{}');
    expect(raw.requestId).toMatch(/^[0-9a-f-]{36}$/u);
  });
});

describe('service rules', () => {
  it('answers ResourceNotFoundException for an unknown recipe in CreateSolution', async () => {
    const error = await caught(
      shared.clients.personalize.send(
        new CreateSolutionCommand({
          name: 'unknown-recipe',
          datasetGroupArn,
          recipeArn: 'arn:aws:personalize:::recipe/aws-no-such-recipe',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('accepts CreateSolutionVersion straight after CreateSolution (SPEC §2.13)', async () => {
    const { personalize } = shared.clients;
    const { solutionArn } = await personalize.send(
      new CreateSolutionCommand({
        name: 'eager',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
      }),
    );
    const { solutionVersionArn = '' } = await personalize.send(
      new CreateSolutionVersionCommand({ solutionArn }),
    );
    expect(solutionVersionArn).toMatch(
      /^arn:aws:personalize:us-east-1:123456789012:solution\/eager\/[0-9a-f]{8}$/u,
    );
    const history = await pollStatus(
      async () =>
        (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
          .solutionVersion?.status,
      CREATE_TRANSIENT,
    );
    expect(history[0]).toBe('CREATE PENDING');
    // No data was imported: the version fails on the data rules, not on the solution's status.
    const final = (
      await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn }))
    ).solutionVersion;
    expect(final?.status).toBe('CREATE FAILED');
    expect(final?.failureReason).not.toMatch(/Solution .* is /u);
  });

  it('refuses a sixth pending import job in the region with LimitExceededException', async () => {
    const { personalize, s3 } = shared.clients;
    await s3.send(
      new PutObjectCommand({
        Bucket: 'validation-data',
        Key: 'i.csv',
        Body: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1700000000,click\n',
      }),
    );
    const dataLocation = 's3://validation-data/i.csv';
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        personalize.send(
          new CreateDatasetImportJobCommand({
            jobName: `pending-${i}`,
            datasetArn,
            dataSource: { dataLocation },
          }),
        ),
      ),
    );
    // The JS SDK counts LimitExceededException as throttling and retries it after ~1 s, by when
    // the fast jobs are done: one attempt shows the service's answer.
    const once = new PersonalizeClient({
      ...sandboxClientConfig(shared.sandbox.endpoint),
      maxAttempts: 1,
    });
    const sixth = await caught(
      once.send(
        new CreateDatasetImportJobCommand({
          jobName: 'pending-5',
          datasetArn,
          dataSource: { dataLocation },
        }),
      ),
    );
    expect(sixth).toBeInstanceOf(LimitExceededException);
    expect(sixth.message).toBe('More than 5 resources with PENDING or IN_PROGRESS status.');
  });
});
