import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { throwIfAborted } from '../jobs/poller.js';
import { bucketName, type PocContext } from './poc-context.js';

/**
 * Environment setup: the POC's S3 bucket `poc-studio-<workspace>-<suffix>`.
 *
 * Idempotent: the name is recorded in PocState before the bucket is created, and an existing
 * bucket (ours) is kept. On AWS the bucket policy and the Personalize IAM role belong here too
 * (not done yet: the sandbox ignores roles, SPEC §2.1).
 * @returns the bucket name.
 * @throws AppError `aws.*` (e.g. `aws.alreadyExists` when another account owns the name).
 */
export async function ensureEnvironment(context: PocContext): Promise<string> {
  let bucket = context.getState().bucket;
  if (bucket === undefined) {
    const chosen = bucketName(context.workspaceId, randomBytes(3).toString('hex'));
    await context.updateState((state) => {
      state.bucket = chosen;
    });
    bucket = chosen;
  }
  await context.report(`Preparing bucket ${bucket}`);
  const { s3 } = context.clients;
  const name = bucket;
  try {
    await callAws(`HeadBucket ${name}`, () => s3.send(new HeadBucketCommand({ Bucket: name })));
    throwIfAborted(context.signal);
    return name;
  } catch (error) {
    if (!hasErrorCode(error, 'aws.notFound')) throw error;
  }
  throwIfAborted(context.signal);
  try {
    const region = context.clients.target.region;
    await callAws(`CreateBucket ${name}`, () =>
      s3.send(
        new CreateBucketCommand({
          Bucket: name,
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
        }),
      ),
    );
  } catch (error) {
    // BucketAlreadyOwnedByYou: a previous run created it before dying; keep it.
    if (!(hasErrorCode(error, 'aws.alreadyExists') && (error as { details?: { awsCode?: unknown } }).details?.awsCode === 'BucketAlreadyOwnedByYou')) throw error;
  }
  throwIfAborted(context.signal);
  return name;
}
