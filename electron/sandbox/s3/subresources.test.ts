import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors.js';
import {
  assertKnownSubresources,
  bucketRegion,
  parseEncryption,
  parseTagging,
  validateBucketPolicy,
  validateTags,
} from './subresources.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return `${error.code} ${error.httpStatus}`;
    throw error;
  }
  return 'no error';
}

const config = (constraint: string): Buffer =>
  Buffer.from(
    `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${constraint}</LocationConstraint></CreateBucketConfiguration>`,
  );

describe('bucketRegion (CreateBucket LocationConstraint rules)', () => {
  it('the us-east-1 endpoint takes none (us-east-1) or any other region', () => {
    expect(bucketRegion(Buffer.alloc(0), 'us-east-1')).toBe('us-east-1');
    expect(bucketRegion(config('eu-west-1'), 'us-east-1')).toBe('eu-west-1');
  });

  it('a regional endpoint needs its own region', () => {
    expect(bucketRegion(config('eu-west-1'), 'eu-west-1')).toBe('eu-west-1');
    expect(bucketRegion(config('EU'), 'eu-west-1')).toBe('EU');
    expect(codeOf(() => bucketRegion(Buffer.alloc(0), 'eu-west-1'))).toBe(
      'IllegalLocationConstraintException 400',
    );
    expect(codeOf(() => bucketRegion(config('us-west-2'), 'eu-west-1'))).toBe(
      'IllegalLocationConstraintException 400',
    );
  });

  it('us-east-1 or a non-region is never a valid constraint', () => {
    expect(codeOf(() => bucketRegion(config('us-east-1'), 'us-east-1'))).toBe(
      'InvalidLocationConstraint 400',
    );
    expect(codeOf(() => bucketRegion(config('mars-1'), 'us-east-1'))).toBe(
      'InvalidLocationConstraint 400',
    );
  });
});

describe('validateBucketPolicy', () => {
  const statement = {
    Effect: 'Allow',
    Principal: { Service: 'personalize.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::b1/*',
  };
  it('accepts a policy on the bucket and refuses malformed ones', () => {
    expect(
      codeOf(() =>
        validateBucketPolicy('b1', JSON.stringify({ Statement: [statement] }), undefined),
      ),
    ).toBe('no error');
    expect(codeOf(() => validateBucketPolicy('b1', '[1]', undefined))).toBe('MalformedPolicy 400');
    expect(codeOf(() => validateBucketPolicy('b1', '{"Statement": []}', undefined))).toBe(
      'MalformedPolicy 400',
    );
    expect(
      codeOf(() =>
        validateBucketPolicy(
          'b1',
          JSON.stringify({ Statement: [{ ...statement, Resource: 'arn:aws:s3:::b10/*' }] }),
          undefined,
        ),
      ),
    ).toBe('MalformedPolicy 400');
    expect(
      codeOf(() =>
        validateBucketPolicy(
          'b1',
          JSON.stringify({ Statement: [{ ...statement, Principal: undefined }] }),
          undefined,
        ),
      ),
    ).toBe('MalformedPolicy 400');
  });

  it('refuses a public policy only while BlockPublicPolicy is on', () => {
    const isPublic = JSON.stringify({ Statement: [{ ...statement, Principal: '*' }] });
    const block = {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    };
    expect(codeOf(() => validateBucketPolicy('b1', isPublic, block))).toBe('AccessDenied 403');
    expect(
      codeOf(() => validateBucketPolicy('b1', isPublic, { ...block, blockPublicPolicy: false })),
    ).toBe('no error');
  });
});

describe('tags and encryption bodies', () => {
  it('parses a tag set, empty values included, and checks S3 tag rules', () => {
    const tags = parseTagging(
      Buffer.from(
        '<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>',
      ),
    );
    expect(tags).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '' },
    ]);
    expect(codeOf(() => validateTags([{ key: 'aws:x', value: '' }], 50))).toBe('InvalidTag 400');
    expect(
      codeOf(() =>
        validateTags(
          Array.from({ length: 11 }, (_, index) => ({ key: `k${index}`, value: '' })),
          10,
        ),
      ),
    ).toBe('BadRequest 400');
    expect(codeOf(() => parseTagging(Buffer.from('<Other/>')))).toBe('MalformedXML 400');
  });

  it('parses default encryption and refuses unknown algorithms', () => {
    const body = (algorithm: string): Buffer =>
      Buffer.from(
        `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${algorithm}</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
      );
    expect(parseEncryption(body('AES256'))).toEqual({
      algorithm: 'AES256',
      bucketKeyEnabled: false,
    });
    expect(codeOf(() => parseEncryption(body('ROT13')))).toBe('MalformedXML 400');
  });
});

describe('assertKnownSubresources', () => {
  it('lets listing and SDK parameters through and refuses unknown sub-resources with 501', () => {
    expect(
      codeOf(() =>
        assertKnownSubresources(
          new URLSearchParams('list-type=2&prefix=a&x-id=ListObjectsV2'),
          'bucket',
        ),
      ),
    ).toBe('no error');
    expect(
      codeOf(() =>
        assertKnownSubresources(
          new URLSearchParams('X-Amz-Credential=a&response-content-type=text/csv'),
          'object',
        ),
      ),
    ).toBe('no error');
    expect(codeOf(() => assertKnownSubresources(new URLSearchParams('versioning'), 'bucket'))).toBe(
      'NotImplemented 501',
    );
    expect(codeOf(() => assertKnownSubresources(new URLSearchParams('policy'), 'object'))).toBe(
      'NotImplemented 501',
    );
  });
});
