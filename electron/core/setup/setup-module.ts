import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { applySetup, checkSetup, type SetupTarget } from './setup-service.js';

/**
 * The setup target of a workspace: its bucket and role, its region and tags, and the account
 * the guard checked (the bucket policy and the role's trust policy name it).
 * @throws AppError `aws.wrongAccount`, `aws.signInNeeded` from the account guard.
 */
export async function setupTargetOf(
  deps: Pick<StudioDeps, 'workspaces'>,
  context: ServiceContext,
): Promise<SetupTarget> {
  const runtime = deps.workspaces.get(context.workspace.id);
  await runtime.assertAccount();
  const accountId = runtime.lastIdentity?.accountId ?? runtime.expectedAccountId;
  if (accountId === undefined)
    throw new AppError(
      'aws.credentials',
      'The account of this workspace is not known yet: check its identity first.',
    );
  return {
    s3: context.clients.s3,
    iam: context.clients.iam,
    region: context.workspace.target.region,
    accountId,
    bucket: context.workspace.setup.bucket,
    roleName: context.workspace.setup.roleName,
    tags: Object.fromEntries(context.tags.map((tag) => [tag.tagKey, tag.tagValue])),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  };
}

/**
 * Runs the environment setup (idempotent) and records the bucket and the role in the workspace's
 * resource cache; reports each item created, updated or found.
 * @throws AppError `aws.*`, `job.cancelled`.
 */
export async function runSetup(
  deps: Pick<StudioDeps, 'workspaces'>,
  context: ServiceContext,
): Promise<void> {
  const target = await setupTargetOf(deps, context);
  let done = 0;
  const plan = await applySetup(target, (item, action) => {
    done += 1;
    void context.report(`${item.kind} ${item.name}: ${action}`, { done, total: 9, unit: 'items' });
  });
  await context.resources.record({
    arn: plan.bucketArn,
    kind: 'bucket',
    name: target.bucket,
    status: 'ACTIVE',
  });
  await context.resources.record({
    arn: plan.roleArn,
    kind: 'role',
    name: target.roleName,
    status: 'ACTIVE',
  });
}

/** The `setup` domain: the S3 bucket, its policy and the IAM role for Personalize. */
export function setupModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'setup.check': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const plan = await checkSetup(await setupTargetOf(deps, runtime.context()));
        return { ...plan, items: [...plan.items] };
      },
      'setup.apply': async (input) => {
        deps.workspaces.get(input.workspaceId);
        return { jobId: (await deps.jobs.start('setup.apply', input.workspaceId)).id };
      },
    },
    runners: {
      'setup.apply': workspaceJob(deps.workspaces, 9, (context) => runSetup(deps, context)),
    },
  };
}
