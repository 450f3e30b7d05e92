import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

/** One entry of a directory listing (the `files.list` output). */
export interface DirectoryEntry {
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly isDirectory: boolean;
  /** Size of a file in bytes (absent for directories). */
  readonly sizeBytes?: number;
}

/** A directory listing: the directory, its parent (absent at the root) and its entries. */
export interface DirectoryListing {
  readonly directory: string;
  readonly parent?: string;
  readonly entries: DirectoryEntry[];
}

/**
 * Lists a directory for the file browser: dotfiles hidden, directories first, then by name
 * (locale-aware, case-insensitive). `directory` defaults to the home directory and is resolved
 * to an absolute path.
 * @throws AppError `file.notFound` (missing or not a directory), `file.unreadable` (no permission).
 */
export async function listDirectory(directory?: string): Promise<DirectoryListing> {
  const absolute = path.resolve(directory ?? os.homedir());
  let dirents;
  try {
    dirents = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('file.notFound', `Folder ${absolute} does not exist.`, { cause: error });
    throw new AppError('file.unreadable', `Cannot read folder ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const visible = dirents.filter((dirent) => !dirent.name.startsWith('.'));
  const entries = await Promise.all(
    visible.map(async (dirent): Promise<DirectoryEntry> => {
      const entryPath = path.join(absolute, dirent.name);
      // Follow symlinks so a linked folder opens like a folder; a dangling link shows as a file.
      const info = dirent.isSymbolicLink() || dirent.isFile() ? await stat(entryPath).catch(() => undefined) : undefined;
      const isDirectory = dirent.isDirectory() || (info?.isDirectory() ?? false);
      return isDirectory ? { name: dirent.name, path: entryPath, isDirectory } : { name: dirent.name, path: entryPath, isDirectory, ...(info === undefined ? {} : { sizeBytes: info.size }) };
    }),
  );
  entries.sort((a, b) => (a.isDirectory === b.isDirectory ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) : a.isDirectory ? -1 : 1));
  const parent = path.dirname(absolute);
  return parent === absolute ? { directory: absolute, entries } : { directory: absolute, parent, entries };
}
