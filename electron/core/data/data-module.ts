import { assertCsvFile, previewCsv } from '../../dataprep/index.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { assertSafeDataFile, listDirectory } from './list-directory.js';

/** The `data` domain: the host file browser, the bundled sample and file previews (through dataprep). */
export function dataModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'data.listDirectory': (input) => listDirectory(input.directory),
      'data.sample': () =>
        Promise.resolve({
          interactions: deps.samples.interactions,
          items: deps.samples.items,
          description: deps.samples.description,
        }),
      'data.preview': async (input) => {
        await assertSafeDataFile(input.path);
        await assertCsvFile(input.path);
        return previewCsv(input.path, input.datasetType, input.limit);
      },
    },
  };
}
