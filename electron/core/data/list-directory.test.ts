import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertSafeDataFile, isSensitivePath, listDirectory } from './list-directory.js';

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
    expect(listing.entries[3]).toEqual({
      name: 'b.csv',
      path: path.join(root, 'b.csv'),
      isDirectory: false,
      sizeBytes: 3,
    });
  });

  it('reports a missing folder as file.notFound', async () => {
    await expect(listDirectory(path.join(root, 'missing'))).rejects.toMatchObject({
      code: 'file.notFound',
    });
  });
});

describe('credential and system folders', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'list-secret-'));
    await mkdir(path.join(root, '.aws'));
    await writeFile(
      path.join(root, '.aws', 'credentials'),
      '[default]\naws_secret_access_key=SECRET\n',
    );
    await mkdir(path.join(root, 'data'));
    await symlink(path.join(root, '.aws'), path.join(root, 'data', 'creds'));
    await symlink(
      path.join(root, '.aws', 'credentials'),
      path.join(root, 'data', 'credentials.csv'),
    );
    await writeFile(path.join(root, 'data', 'ok.csv'), 'a\n1\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('refuses to open .aws, .ssh, .gnupg, .config/gcloud, /etc, also through a symlink', async () => {
    for (const folder of [
      path.join(root, '.aws'),
      path.join(root, 'data', 'creds'),
      path.join(root, '.ssh'),
      path.join(root, 'x', '.gnupg'),
      path.join(root, '.config', 'gcloud'),
      '/etc',
      '/proc/self',
    ]) {
      await expect(listDirectory(folder), folder).rejects.toMatchObject({
        code: 'file.unreadable',
      });
    }
  });

  it('leaves links into them out of a listing', async () => {
    const listing = await listDirectory(path.join(root, 'data'));
    expect(listing.entries.map((entry) => entry.name)).toEqual(['ok.csv']);
  });

  it('isSensitivePath matches segments, not substrings', () => {
    expect(isSensitivePath('/home/u/.aws/config')).toBe(true);
    expect(isSensitivePath('/home/u/.SSH/id_rsa')).toBe(true);
    expect(isSensitivePath('/etc/shadow')).toBe(true);
    expect(isSensitivePath('/home/u/aws/data.csv')).toBe(false);
    expect(isSensitivePath('/home/u/my.aws.csv')).toBe(false);
    expect(isSensitivePath('/etcetera/data.csv')).toBe(false);
  });

  it('assertSafeDataFile refuses credentials, links to them, folders, devices and FIFOs', async () => {
    await expect(assertSafeDataFile(path.join(root, 'data', 'ok.csv'))).resolves.toBe(
      await realpath(path.join(root, 'data', 'ok.csv')),
    );
    for (const refused of [
      path.join(root, '.aws', 'credentials'),
      path.join(root, 'data', 'credentials.csv'),
      path.join(root, 'data'),
      '/etc/passwd',
      '/dev/null',
      '/proc/self/environ',
    ]) {
      await expect(assertSafeDataFile(refused), refused).rejects.toMatchObject({
        code: 'file.unreadable',
      });
    }
    const fifo = path.join(root, 'data', 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(assertSafeDataFile(fifo)).rejects.toMatchObject({
      code: 'file.unreadable',
      message: expect.stringContaining('not a regular file') as unknown,
    });
    await expect(assertSafeDataFile(path.join(root, 'missing.csv'))).rejects.toMatchObject({
      code: 'file.notFound',
    });
  });
});
