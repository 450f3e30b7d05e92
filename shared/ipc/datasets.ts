import { JobStarted, WorkspaceRef } from './common.js';

/** Channels of the `datasets` domain: dataset group, schemas, datasets and import jobs. */
export const datasetsChannels = {
  /** Imports the guide's chosen files (setup first, then upload, dataset group, schemas, datasets, import jobs). */
  'datasets.import': { input: WorkspaceRef, output: JobStarted },
} as const;
