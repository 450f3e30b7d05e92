/**
 * `poc-studio setup --profile P --region R [--bucket B] [--role NAME] (--plan | --yes)`: the
 * environment setup of a POC account (S3 bucket and the Personalize service role) from the
 * command line. Exit code 0 only when everything is in place.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors.js';
import type { SetupItem, SetupPlan } from '../../shared/ipc/setup.js';
import { RegionSchema } from '../../shared/ipc/workspaces.js';
import { chooseWorkspace, REGION, withCliStudio } from './cli-workspace.js';
import { defaultBucketName, defaultRoleName } from '../core/setup/setup-service.js';

/** Tags put on the bucket and the role, so the account shows what the studio created. */
export const SETUP_TAGS: Readonly<Record<string, string>> = {
  'created-by': 'personalize-poc-studio',
};

/** S3 bucket names (S3 User Guide, "Bucket naming rules"): 3..63 of a-z 0-9 . -, starting and ending alphanumeric. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u;
/** IAM role names (IAM API reference, CreateRole): 1..64 of `[\w+=,.@-]`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/u;

/** One plan line: state, kind, name, detail. */
export function formatItem(label: string, item: SetupItem): string {
  return `${label.padEnd(9)} ${item.kind.padEnd(17)} ${item.name}  (${item.detail})`;
}

function summary(plan: SetupPlan): string {
  const pending = plan.items.filter((item) => item.state !== 'present').length;
  const state = plan.isComplete
    ? 'Everything is in place.'
    : `${pending} item${pending === 1 ? '' : 's'} not in place.`;
  return `${state}\nBucket: ${plan.bucketArn}\nRole:   ${plan.roleArn}\n`;
}

/**
 * Runs `setup`: with `--plan` prints the read-only check, one line per item (state, kind,
 * name, detail); with `--yes` applies it and prints created / updated / unchanged per item.
 * Defaults: bucket `poc-studio-<account>-<region>`, role `PersonalizePocStudioRole-<region>`;
 * the account comes from STS GetCallerIdentity with the profile's credentials. Runs through the
 * app's handlers on a workspace of that profile (account guard and workspace tags included). Resolves with 0
 * when every item is present afterwards, 1 otherwise.
 *
 * @throws AppError `input.invalid` (missing or bad options: `--profile`, `--region`, exactly one
 *   of `--plan` / `--yes`, bucket or role names), `aws.alreadyExists` (the bucket belongs to
 *   another account), `aws.credentials`, `job.cancelled` (SIGINT), other `aws.*` codes.
 */
export async function setupCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      bucket: { type: 'string' },
      role: { type: 'string' },
      plan: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const usage =
    'poc-studio setup --profile P --region R [--bucket B] [--role NAME] (--plan | --yes)';
  const { profile, region } = values;
  if (profile === undefined || profile === '')
    throw new AppError(
      'input.invalid',
      `setup needs --profile (a profile of your AWS config): ${usage}`,
    );
  if (region === undefined || !REGION.test(region))
    throw new AppError('input.invalid', `setup needs --region, e.g. eu-west-1: ${usage}`);
  const regionCheck = RegionSchema.safeParse(region);
  if (!regionCheck.success)
    throw new AppError(
      'input.invalid',
      `--region: ${regionCheck.error.issues[0]?.message ?? 'unknown region'}`,
    );
  if (values.plan === values.yes)
    throw new AppError(
      'input.invalid',
      `setup needs exactly one of --plan (check only) or --yes (create what is missing): ${usage}`,
    );
  if (values.bucket !== undefined && !BUCKET_NAME.test(values.bucket)) {
    throw new AppError(
      'input.invalid',
      `--bucket ${values.bucket} is not a valid S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens).`,
    );
  }
  if (values.role !== undefined && !ROLE_NAME.test(values.role)) {
    throw new AppError(
      'input.invalid',
      `--role ${values.role} is not a valid IAM role name (1-64 characters: letters, digits and +=,.@_-).`,
    );
  }

  return withCliStudio(options.env, async (studio) => {
    const { handlers } = studio;
    const workspace = await chooseWorkspace(studio, { profile, region }, usage);
    const workspaceId = workspace.id;
    await handlers['workspaces.update']({
      workspaceId,
      tags: { ...workspace.tags, ...SETUP_TAGS },
    });
    const identity = await handlers['accounts.identity']({ workspaceId });
    if (identity.state !== 'ok' || identity.accountId === undefined) {
      throw new AppError(
        'aws.credentials',
        identity.message ?? `Profile ${profile} could not be checked (${identity.state}).`,
      );
    }
    const accountId = identity.accountId;
    await handlers['workspaces.update']({
      workspaceId,
      setup: {
        bucket: values.bucket ?? defaultBucketName(accountId, region),
        roleName: values.role ?? defaultRoleName(region),
      },
    });
    write(`Account ${accountId}, region ${region}, profile ${profile}\n`);
    const before = await handlers['setup.check']({ workspaceId });
    let plan: SetupPlan = before;
    if (values.plan) {
      for (const item of plan.items) write(`${formatItem(item.state, item)}\n`);
    } else {
      const { jobId } = await handlers['setup.apply']({ workspaceId });
      const job = await studio.jobs.whenSettled(jobId);
      if (job.state !== 'succeeded')
        throw new AppError(
          job.state === 'cancelled' ? 'job.cancelled' : 'job.failed',
          job.error?.message ?? `Setup ended ${job.state}.`,
        );
      plan = await handlers['setup.check']({ workspaceId });
      for (const item of plan.items) {
        const previous =
          before.items.find((candidate) => candidate.kind === item.kind)?.state ?? 'missing';
        write(
          `${formatItem(previous === 'missing' ? 'created' : previous === 'different' ? 'updated' : 'unchanged', item)}\n`,
        );
      }
    }
    write(summary(plan));
    return plan.isComplete ? 0 : 1;
  });
}
