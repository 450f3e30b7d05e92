import {
  ListDatasetGroupsCommand,
  ListSchemasCommand,
  ListRecipesCommand,
  PersonalizeClient,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { ListBucketsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { caughtAs } from './test-support/sandbox.js';

const credentials = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'x' };
let sandbox: RunningSandbox;

function personalize(maxAttempts: number): PersonalizeClient {
  return new PersonalizeClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials,
    maxAttempts,
    retryMode: 'standard',
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    faults: {
      seed: 7,
      rules: [
        { operation: 'ListDatasetGroups', throttle: 0.3, serverError: 0.3 },
        { operation: 'ListSchemas', drop: 1 },
        { operation: 'ListRecipes', slow: 1, slowMs: 300 },
        { operation: 's3', throttle: 1 },
      ],
    },
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe('fault injection', () => {
  it('answers the configured share of ThrottlingException and 500, which the SDK retries through', async () => {
    const once = personalize(1);
    const seen = new Map<string, number>();
    for (let i = 0; i < 40; i += 1) {
      try {
        await once.send(new ListDatasetGroupsCommand({}));
        seen.set('ok', (seen.get('ok') ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof PersonalizeServiceException)) throw error;
        const key = `${error.name} ${error.$metadata.httpStatusCode ?? 0}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect([...seen.keys()].sort()).toEqual([
      'InternalFailure 500',
      'ThrottlingException 400',
      'ok',
    ]);
    expect(seen.get('ok')).toBeGreaterThan(8);
    const retrying = personalize(10);
    let retried = 0;
    // The SDK backs off (hundreds of ms per throttled attempt): a few calls show the retries.
    for (let i = 0; i < 4 && retried === 0; i += 1) {
      const answer = await retrying.send(new ListDatasetGroupsCommand({}));
      expect(answer.datasetGroups).toEqual([]);
      retried += (answer.$metadata.attempts ?? 1) - 1;
    }
    expect(retried).toBeGreaterThan(0);
  });

  it('drops connections, slows requests and leaves other operations alone', async () => {
    const dropped = await personalize(1)
      .send(new ListSchemasCommand({}))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(dropped).toBeInstanceOf(Error);
    expect(dropped).not.toBeInstanceOf(PersonalizeServiceException);
    const started = Date.now();
    const recipes = await personalize(1).send(new ListRecipesCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(recipes.recipes?.length).toBeGreaterThan(0);
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    const slowDown = await caughtAs(S3ServiceException)(s3.send(new ListBucketsCommand({})));
    expect(slowDown.name).toBe('SlowDown');
    expect(slowDown.$metadata.httpStatusCode).toBe(503);
  });

  it('is off by default', async () => {
    const plain = await startSandbox();
    try {
      const client = new PersonalizeClient({
        region: 'us-east-1',
        endpoint: plain.endpoint,
        credentials,
        maxAttempts: 1,
      });
      for (let i = 0; i < 20; i += 1)
        expect((await client.send(new ListDatasetGroupsCommand({}))).$metadata.attempts).toBe(1);
    } finally {
      await plain.close();
    }
  });
});
