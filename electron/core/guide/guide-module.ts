import { stat } from 'node:fs/promises';
import { assertCsvFile, previewCsv } from '../../dataprep/index.js';
import { GUIDE_DATASET_TYPES, type FileCheckSummary } from '../../../shared/guide.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { assertSafeDataFile } from '../data/list-directory.js';

/** Checks a chosen file with the data checks and summarises what they found. */
async function checkFile(
  filePath: string,
  datasetType: 'interactions' | 'items' | 'users',
): Promise<FileCheckSummary> {
  const info = await stat(filePath);
  const preview = await previewCsv(filePath, datasetType, 1);
  const errors = preview.checks.filter((check) => check.level === 'error');
  return {
    path: filePath,
    sizeBytes: info.size,
    mtimeMs: info.mtimeMs,
    errors: errors.length,
    warnings: preview.checks.filter((check) => check.level === 'warning').length,
    ...(errors[0] === undefined ? {} : { firstError: errors[0].message }),
  };
}

/** The `guide` domain: the guided POC's choices, and its view derived from resources and jobs. */
export function guideModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'guide.get': (input) => {
        deps.workspaces.get(input.workspaceId);
        return Promise.resolve(deps.guideView(input.workspaceId));
      },
      'guide.setFiles': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const chosen = { interactions: input.interactions, items: input.items, users: input.users };
        const summaries: Partial<Record<(typeof GUIDE_DATASET_TYPES)[number], FileCheckSummary>> =
          {};
        for (const type of GUIDE_DATASET_TYPES) {
          const filePath = chosen[type];
          if (filePath === undefined) continue;
          await assertSafeDataFile(filePath);
          await assertCsvFile(filePath);
          summaries[type] = await checkFile(filePath, type);
        }
        await runtime.updateChoices((choices) => {
          for (const type of GUIDE_DATASET_TYPES) {
            const filePath = chosen[type];
            const summary = summaries[type];
            if (filePath === undefined || summary === undefined) continue;
            choices.files[type] = filePath;
            choices.fileChecks[type] = summary;
          }
        });
        return deps.guideView(input.workspaceId);
      },
    },
  };
}
