import { ResourceNotFoundException } from '@aws-sdk/client-personalize';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { callAws, mapAwsError } from './aws-errors.js';

function sdkError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode, requestId: 'req-1' } });
}

describe('mapAwsError', () => {
  it('maps modeled exceptions to codes and keeps the service message', () => {
    const error = mapAwsError(
      new ResourceNotFoundException({ message: 'Resource Arn arn:aws:personalize:us-east-1:1:campaign/x does not exist.', $metadata: { httpStatusCode: 400 } }),
      'DescribeCampaign',
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('aws.notFound');
    expect(error.message).toBe('DescribeCampaign: Resource Arn arn:aws:personalize:us-east-1:1:campaign/x does not exist.');
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
    await expect(callAws('CreateSchema x', () => Promise.reject(sdkError('InvalidInputException', 'bad schema')))).rejects.toMatchObject({
      code: 'aws.invalidInput',
      message: 'CreateSchema x: bad schema',
    });
  });
});
