import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { workspaceJob } from '../jobs/workspace-job.js';
import { runSetup } from '../setup/setup-module.js';
import { importSummary } from '../../../shared/jobs.js';
import { importDatasets } from './import-service.js';

/** The `datasets` domain: dataset group, schemas, datasets and import jobs of the guide's files. */
export function datasetsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'datasets.import': async (input) => {
        if (deps.workspaces.get(input.workspaceId).getChoices().files.interactions === undefined) {
          throw new AppError('guide.notReady', 'Choose an interactions file first (step Data).');
        }
        const blocked = Object.entries(deps.guideView(input.workspaceId).fileChecks).find(
          ([, summary]) => summary.errors > 0,
        );
        if (blocked !== undefined) {
          const [type, summary] = blocked;
          throw new AppError(
            'guide.notReady',
            `The ${type} file ${summary.path} has ${summary.errors} blocking finding${summary.errors === 1 ? '' : 's'}${summary.firstError === undefined ? '' : ` (${summary.firstError})`}: fix it or choose another file in step Data before importing.`,
            { details: { datasetType: type, errors: summary.errors } },
          );
        }
        return { jobId: (await deps.jobs.start('datasets.import', input.workspaceId)).id };
      },
    },
    runners: {
      'datasets.import': workspaceJob(deps.workspaces, 12, async (context) => {
        await runSetup(deps, context);
        // The job's last step says what was imported and what was already (Import again).
        return importSummary(await importDatasets(context));
      }),
    },
  };
}
