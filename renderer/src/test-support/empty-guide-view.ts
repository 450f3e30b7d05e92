import type { GuideView } from '../../../shared/guide.js';

/**
 * The guide's view of a fresh workspace (nothing chosen, nothing created), for tests.
 *
 * The core derives views; components only read them, so tests build them from this base.
 */
export function emptyGuideView(): GuideView {
  return {
    files: {},
    fileChecks: {},
    importedFiles: {},
    schemaArns: {},
    datasetArns: {},
    importJobArns: {},
    importStatus: {},
    importFailures: {},
    importedRows: {},
    solutions: [],
    campaigns: [],
    steps: {},
    filesChanged: false,
    hasResources: false,
  };
}
