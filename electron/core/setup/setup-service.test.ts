import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  applySetup,
  checkSetup,
  defaultBucketName,
  defaultRoleName,
  type SetupTarget,
} from './setup-service.js';

/** An SDK-shaped service error (name, message, HTTP status). */
function serviceError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

/** A client whose `send` answers by command name; unlisted commands fail the test. */
function fakeClient(
  answers: Record<string, () => unknown>,
  seen: string[],
): { send: (command: object) => Promise<unknown> } {
  return {
    send: (command: object) => {
      const name = command.constructor.name;
      seen.push(name);
      const answer = answers[name];
      if (answer === undefined) return Promise.reject(new Error(`unexpected ${name}`));
      try {
        return Promise.resolve(answer());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

function target(s3: Record<string, () => unknown>, seen: string[]): SetupTarget {
  const noRole = {
    GetRoleCommand: () => {
      throw serviceError('NoSuchEntityException', 404);
    },
  };
  return {
    // Only `send` is used by the setup service.
    s3: fakeClient(s3, seen) as unknown as S3Client,
    iam: fakeClient(noRole, seen) as unknown as IAMClient,
    region: 'eu-west-1',
    accountId: '123456789012',
    bucket: 'taken-bucket',
    roleName: 'Role',
    tags: {},
  };
}

describe('setup refuses a bucket owned by another account', () => {
  it('HeadBucket 403: check and apply throw aws.alreadyExists and change nothing', async () => {
    const seen: string[] = [];
    const forbidden = {
      HeadBucketCommand: () => {
        throw serviceError('Forbidden', 403);
      },
    };
    const refusal = await checkSetup(target(forbidden, seen)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'aws.alreadyExists' });
    expect((refusal as Error).message).toBe(
      'The S3 bucket taken-bucket exists and belongs to another account. Choose another bucket name.',
    );
    await expect(applySetup(target(forbidden, seen))).rejects.toMatchObject({
      code: 'aws.alreadyExists',
    });
    expect(seen).toEqual(['HeadBucketCommand', 'HeadBucketCommand']);
  });

  it('CreateBucket BucketAlreadyExists: apply throws aws.alreadyExists before any role change', async () => {
    const seen: string[] = [];
    const s3 = {
      HeadBucketCommand: () => {
        throw serviceError('NotFound', 404);
      },
      CreateBucketCommand: () => {
        throw serviceError('BucketAlreadyExists', 409);
      },
    };
    await expect(applySetup(target(s3, seen))).rejects.toMatchObject({
      code: 'aws.alreadyExists',
      details: { bucket: 'taken-bucket' },
    });
    expect(seen).toEqual(['HeadBucketCommand', 'GetRoleCommand', 'CreateBucketCommand']);
  });
});

describe('default names', () => {
  it('bucket poc-studio-<account>-<region>, a valid S3 name', () => {
    const name = defaultBucketName('123456789012', 'ap-southeast-2');
    expect(name).toBe('poc-studio-123456789012-ap-southeast-2');
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/u);
  });

  it('role PersonalizePocStudioRole-<slug> within IAM rules', () => {
    expect(defaultRoleName('eu-west-1')).toBe('PersonalizePocStudioRole-eu-west-1');
    expect(defaultRoleName('my workspace/1')).toBe('PersonalizePocStudioRole-my-workspace-1');
    expect(defaultRoleName('x'.repeat(80))).toHaveLength(64);
  });
});
