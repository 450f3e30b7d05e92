import { mkdtemp, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../workspaces/service-context.js';
import { uploadFiles } from './upload-service.js';

describe('uploadFiles', () => {
  it('refuses a file changed since it was checked before sending anything', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'upload-'));
    const file = path.join(folder, 'interactions.csv');
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n');
    const checked = await stat(file);
    await writeFile(file, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\nu2,i2,1700000001\n');
    await utimes(file, new Date(), new Date(checked.mtimeMs + 5000));
    const reports: string[] = [];
    // No S3 client: a call to it would throw a TypeError instead of the refusal.
    const context = {
      workspace: { setup: { bucket: 'poc-bucket' } },
      workDir: folder,
      report: (text: string) => {
        reports.push(text);
        return Promise.resolve();
      },
    } as unknown as ServiceContext;
    await expect(
      uploadFiles(context, [
        {
          datasetType: 'interactions',
          sourcePath: file,
          expected: { sizeBytes: checked.size, mtimeMs: checked.mtimeMs },
        },
      ]),
    ).rejects.toMatchObject({
      code: 'data.invalid',
      message: expect.stringContaining('changed after it was checked') as unknown,
    });
    expect(reports).toEqual([]);
  });
});
