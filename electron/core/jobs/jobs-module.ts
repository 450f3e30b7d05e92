import type { DomainModule, StudioDeps } from '../app/domain-module.js';

/** The `jobs` domain: every domain's long work, listed and cancelled. */
export function jobsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'jobs.list': (input) => Promise.resolve(deps.jobs.list(input.workspaceId)),
      'jobs.cancel': async (input) => {
        await deps.jobs.cancel(input.jobId);
        return {};
      },
    },
  };
}
