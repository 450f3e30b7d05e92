import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { listInventory } from './inventory-service.js';
import { teardownPoc } from './teardown-service.js';

/** The `inventory` domain: what a workspace's scope holds, and its teardown. */
export function inventoryModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'inventory.list': async (input) => {
        const entries = await listInventory(deps.workspaces.get(input.workspaceId).context());
        return entries.map((entry) => ({
          kind: entry.kind,
          arn: entry.arn,
          ...(entry.name === undefined ? {} : { name: entry.name }),
          ...(entry.status === undefined ? {} : { status: entry.status }),
        }));
      },
      'inventory.teardown': async (input) => {
        deps.workspaces.get(input.workspaceId);
        return { jobId: (await deps.jobs.start('inventory.teardown', input.workspaceId)).id };
      },
    },
    runners: {
      'inventory.teardown': workspaceJob(deps.workspaces, 10, async (context) => {
        const { remaining } = await teardownPoc(context);
        if (remaining.length > 0) {
          throw new AppError('job.failed', `Teardown left ${remaining.length} resources: ${remaining.map((entry) => entry.arn).join(', ')}`);
        }
      }),
    },
  };
}
