import { ResourceNotFoundException } from '@aws-sdk/client-personalize';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { callAws, mapAwsError } from './aws-errors.js';

function sdkError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode, requestId: 'req-1' },
  });
}

describe('mapAwsError', () => {
  it('maps modeled exceptions to codes and keeps the service message', () => {
    const error = mapAwsError(
      new ResourceNotFoundException({
        message: 'Resource Arn arn:aws:personalize:us-east-1:1:campaign/x does not exist.',
        $metadata: { httpStatusCode: 400 },
      }),
      'DescribeCampaign',
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('aws.notFound');
    expect(error.message).toBe(
      'DescribeCampaign: Resource Arn arn:aws:personalize:us-east-1:1:campaign/x does not exist.',
    );
    expect(error.details).toMatchObject({ awsCode: 'ResourceNotFoundException', httpStatus: 400 });
  });

  it.each([
    ['ThrottlingException', 'aws.throttled'],
    ['SlowDown', 'aws.throttled'],
    ['ResourceInUseException', 'aws.inUse'],
    ['BucketNotEmpty', 'aws.inUse'],
    ['ResourceAlreadyExistsException', 'aws.alreadyExists'],
    ['BucketAlreadyOwnedByYou', 'aws.alreadyExists'],
    ['InvalidInputException', 'aws.invalidInput'],
    ['LimitExceededException', 'aws.limitExceeded'],
    ['ExpiredToken', 'aws.credentials'],
    ['CredentialsProviderError', 'aws.credentials'],
    ['SomethingNew', 'aws.failed'],
  ])('%s → %s', (name, code) => {
    expect(mapAwsError(sdkError(name, 'boom')).code).toBe(code);
  });

  it('treats a bodiless 404 (HeadBucket) as not found and 429 as throttled', () => {
    expect(mapAwsError(sdkError('NotFound', 'UnknownError', 404)).code).toBe('aws.notFound');
    expect(mapAwsError(sdkError('Unknown', '', 404)).code).toBe('aws.notFound');
    expect(mapAwsError(sdkError('Unknown', '', 429)).code).toBe('aws.throttled');
  });

  it('passes AppErrors through and wraps calls', async () => {
    const original = new AppError('job.cancelled', 'stop');
    expect(mapAwsError(original)).toBe(original);
    await expect(
      callAws('CreateSchema x', () =>
        Promise.reject(sdkError('InvalidInputException', 'bad schema')),
      ),
    ).rejects.toMatchObject({
      code: 'aws.invalidInput',
      message: 'CreateSchema x: bad schema',
    });
  });
});

describe('mapAwsError messages', () => {
  it('says in words what an answer without a message means, with the exception name after', () => {
    expect(mapAwsError(sdkError('NotFound', 'UnknownError', 404), 'HeadBucket b').message).toBe(
      'HeadBucket b: The resource does not exist (NotFound).',
    );
    expect(mapAwsError(sdkError('ResourceInUseException', '')).message).toBe(
      'The resource is in use: another operation on it has not finished (ResourceInUseException).',
    );
    expect(mapAwsError(sdkError('InternalFailure', '', 500)).message).toBe(
      'The service call failed (InternalFailure).',
    );
  });

  it('says how to fix an unreachable endpoint and refused keys, with a single full stop', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:38589'), {
      code: 'ECONNREFUSED',
    });
    const network = mapAwsError(refused, 'GetCallerIdentity');
    expect(network.code).toBe('aws.failed');
    expect(network.message).toBe(
      'GetCallerIdentity: cannot reach the service (ECONNREFUSED). Check the network connection, or the endpoint_url of this profile.',
    );
    const badKeys = Object.assign(
      new Error('The security token included in the request is invalid..'),
      { name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } },
    );
    const mapped = mapAwsError(badKeys, 'GetCallerIdentity');
    expect(mapped.code).toBe('aws.credentials');
    expect(mapped.message).toBe(
      'GetCallerIdentity: The security token included in the request is invalid. (InvalidClientTokenId) Check the access keys of this profile in the credentials file, or sign in again.',
    );
  });
});
