import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioDeps } from '../app/domain-module.js';
import { guideModule } from './guide-module.js';

let root = '';
let updated = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'guide-files-'));
  await mkdir(path.join(root, '.ssh'));
  await writeFile(path.join(root, '.ssh', 'id_rsa'), 'PRIVATE KEY');
  await symlink(path.join(root, '.ssh', 'id_rsa'), path.join(root, 'key.csv'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('guide.setFiles', () => {
  it('refuses credentials, links to them, system files and folders before checking or recording them', async () => {
    const deps = {
      workspaces: { get: () => ({ updateChoices: () => Promise.resolve(updated++) }) },
      guideView: () => ({}),
    } as unknown as StudioDeps;
    const setFiles = guideModule(deps).handlers['guide.setFiles'];
    for (const refused of [
      path.join(root, 'key.csv'),
      path.join(root, '.ssh', 'id_rsa'),
      '/etc/shadow',
      root,
    ]) {
      await expect(
        setFiles?.({ workspaceId: 'w', interactions: refused }),
        refused,
      ).rejects.toMatchObject({ code: 'file.unreadable' });
    }
    expect(updated).toBe(0);
  });
});
