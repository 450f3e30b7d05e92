import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { teardownPoc } from '../inventory/teardown-service.js';
import { workspaceJob } from '../jobs/workspace-job.js';

/** The `workspaces` domain: one workspace per customer POC — create, rename, duplicate, delete, switch. */
export function workspacesModule(deps: StudioDeps): DomainModule {
  const { workspaces } = deps;
  return {
    handlers: {
      'workspaces.list': () =>
        Promise.resolve({ workspaces: workspaces.list(), currentId: workspaces.currentId }),
      'workspaces.select': (input) => workspaces.select(input.workspaceId),
      'workspaces.create': (input) => workspaces.create(input),
      'workspaces.update': (input) => workspaces.update(input.workspaceId, input),
      'workspaces.duplicate': (input) => workspaces.duplicate(input.workspaceId, input.name),
      'workspaces.delete': async (input) => {
        workspaces.get(input.workspaceId);
        if (workspaces.list().length === 1) {
          throw new AppError(
            'input.invalid',
            'This is the only workspace: create another one before deleting it.',
          );
        }
        if (input.teardown)
          return { jobId: (await deps.jobs.start('workspaces.delete', input.workspaceId)).id };
        await workspaces.remove(input.workspaceId);
        return {};
      },
    },
    runners: {
      'workspaces.delete': workspaceJob(workspaces, 10, async (context) => {
        const { remaining } = await teardownPoc(context);
        if (remaining.length > 0) {
          throw new AppError(
            'job.failed',
            `Teardown left ${remaining.length} resources, so the workspace is kept: ${remaining.map((entry) => entry.arn).join(', ')}`,
          );
        }
        await workspaces.remove(context.workspace.id);
      }),
    },
  };
}
