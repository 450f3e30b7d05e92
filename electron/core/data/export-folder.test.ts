import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { StudioDeps } from '../app/domain-module.js';
import { prepareModule } from './prepare-module.js';
import { outputFolderProblem } from '../../../shared/prepare/output-folder.js';

const exportFiles = prepareModule({} as unknown as StudioDeps).handlers['data.prepareExport'];

const RECIPE = {
  version: 1,
  name: 'relative',
  outputs: [
    {
      datasetType: 'interactions',
      fileName: 'interactions.csv',
      columns: [{ name: 'USER_ID', from: 'CustomerID' }],
      steps: [],
    },
  ],
};

describe('the output folder of an export', () => {
  it('refuses a relative folder, naming the field, before anything is read or written', async () => {
    const before = await readdir(process.cwd());
    await expect(
      exportFiles?.({
        workspaceId: 'ws',
        path: '/nowhere/raw.csv',
        recipe: RECIPE,
        outDir: 'timestamp ts',
      }),
    ).rejects.toMatchObject({
      code: 'data.invalid',
      message:
        'Output folder must be an absolute path, e.g. /Users/you/poc-exports ("timestamp ts" is relative); leave it empty for POC Studio exports in your home folder.',
      details: { field: 'outDir' },
    });
    expect(await readdir(process.cwd())).toEqual(before);
  });

  it('accepts an absolute folder, one under ~, or none (the default in the home folder)', () => {
    for (const folder of ['', '  ', '/Users/you/poc-exports', 'C:\\exports', '~', '~/exports'])
      expect(outputFolderProblem(folder), folder).toBeUndefined();
    for (const folder of ['timestamp ts', './out', '~other', 'exports/poc'])
      expect(outputFolderProblem(folder), folder).toMatch(
        /^Output folder must be an absolute path/u,
      );
  });
});
