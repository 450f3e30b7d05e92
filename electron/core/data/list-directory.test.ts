import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDirectory } from './list-directory.js';

describe('listDirectory', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'list-'));
    await mkdir(path.join(root, 'zeta'));
    await mkdir(path.join(root, 'Alpha'));
    await writeFile(path.join(root, 'b.csv'), 'abc');
    await writeFile(path.join(root, 'A.csv'), 'a');
    await writeFile(path.join(root, '.hidden'), 'x');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists directories first, sorted, without dotfiles, with sizes of files', async () => {
    const listing = await listDirectory(root);
    expect(listing.directory).toBe(root);
    expect(listing.parent).toBe(path.dirname(root));
    expect(listing.entries.map((entry) => entry.name)).toEqual(['Alpha', 'zeta', 'A.csv', 'b.csv']);
    expect(listing.entries[3]).toEqual({ name: 'b.csv', path: path.join(root, 'b.csv'), isDirectory: false, sizeBytes: 3 });
  });

  it('reports a missing folder as file.notFound', async () => {
    await expect(listDirectory(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'file.notFound' });
  });
});
