import { readdir, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

/**
 * Folders that hold credentials or keys (SECURITY.md §4): never listed, never read. Matched
 * against every segment of a path, so `~/.aws`, `~/.ssh/keys` and `/mnt/backup/.gnupg` all count.
 */
export const CREDENTIAL_FOLDER_NAMES: readonly string[] = [
  '.aws',
  '.ssh',
  '.gnupg',
  '.gpg',
  '.kube',
  '.docker',
  '.azure',
  '.gcloud',
  '.password-store',
  '.pki',
  '.certs',
  '.vault-token',
];

/** Multi-segment credential folders (relative to any parent), e.g. `.config/gcloud`. */
const CREDENTIAL_FOLDER_PATHS: readonly (readonly string[])[] = [
  ['.config', 'gcloud'],
  ['.config', 'gh'],
  ['.local', 'share', 'keyrings'],
];

/** System folders whose files are never data (account databases, kernel and device files). */
const SYSTEM_ROOTS: readonly string[] =
  process.platform === 'win32'
    ? []
    : ['/etc', '/proc', '/sys', '/dev', '/boot', '/var/lib', '/private/etc'];

/** True when `child` is `parent` or lies below it (absolute paths). */
function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * True when an absolute path is, or lies inside, a credential folder
 * ({@link CREDENTIAL_FOLDER_NAMES}, `.config/gcloud`…) or a system folder (`/etc`, `/proc`…).
 * Compare real paths (after `realpath`) so that a symlink cannot hide the target.
 */
export function isSensitivePath(absolutePath: string): boolean {
  const segments = path
    .resolve(absolutePath)
    .split(/[\\/]/u)
    .filter((segment) => segment !== '');
  const lower = segments.map((segment) => segment.toLowerCase());
  if (lower.some((segment) => CREDENTIAL_FOLDER_NAMES.includes(segment))) return true;
  if (
    CREDENTIAL_FOLDER_PATHS.some((pattern) =>
      lower.some((_, start) => pattern.every((part, offset) => lower[start + offset] === part)),
    )
  )
    return true;
  return SYSTEM_ROOTS.some((root) => isWithin(root, path.resolve(absolutePath)));
}

/**
 * Checks a data file before the core reads it (SECURITY.md §4): follows symlinks, then refuses
 * anything that is not a regular file and anything in a credential or system folder
 * ({@link isSensitivePath}). Returns the real path.
 * @throws AppError `file.notFound` (missing), `file.unreadable` (a folder, device, FIFO or
 *   socket, or a sensitive location).
 */
export async function assertSafeDataFile(filePath: string): Promise<string> {
  const absolute = path.resolve(filePath);
  if (isSensitivePath(absolute))
    throw new AppError(
      'file.unreadable',
      `The studio does not read ${absolute}: it is in a folder that holds credentials or system files.`,
      { details: { path: absolute } },
    );
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    throw new AppError('file.notFound', `File ${absolute} does not exist.`, {
      cause: error,
      details: { path: absolute },
    });
  }
  if (isSensitivePath(real))
    throw new AppError(
      'file.unreadable',
      `The studio does not read ${absolute}: it leads to a folder that holds credentials or system files.`,
      { details: { path: absolute } },
    );
  const info = await stat(real);
  if (info.isDirectory())
    throw new AppError('file.unreadable', `${absolute} is a folder: choose a CSV file inside it.`, {
      details: { path: absolute },
    });
  if (!info.isFile())
    throw new AppError(
      'file.unreadable',
      `${absolute} is not a regular file (a device, pipe or socket): choose a CSV file.`,
      { details: { path: absolute } },
    );
  return real;
}

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
 * to an absolute path. Credential and system folders ({@link isSensitivePath}) are refused, also
 * when reached through a symlink, and never appear as entries.
 * @throws AppError `file.notFound` (missing or not a directory), `file.unreadable` (no permission,
 *   or a credential or system folder).
 */
export async function listDirectory(directory?: string): Promise<DirectoryListing> {
  const absolute = path.resolve(directory ?? os.homedir());
  const refuse = (): AppError =>
    new AppError(
      'file.unreadable',
      `The file browser does not open ${absolute}: it holds credentials or system files.`,
      { details: { path: absolute } },
    );
  if (isSensitivePath(absolute)) throw refuse();
  let dirents;
  try {
    if (isSensitivePath(await realpath(absolute))) throw refuse();
    dirents = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('file.notFound', `Folder ${absolute} does not exist.`, { cause: error });
    throw new AppError(
      'file.unreadable',
      `Cannot read folder ${absolute}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const visible = dirents.filter(
    (dirent) => !dirent.name.startsWith('.') && !isSensitivePath(path.join(absolute, dirent.name)),
  );
  const listed = await Promise.all(
    visible.map(async (dirent): Promise<DirectoryEntry | undefined> => {
      const entryPath = path.join(absolute, dirent.name);
      // A link into a credential or system folder is left out like the folder itself.
      if (
        dirent.isSymbolicLink() &&
        isSensitivePath(await realpath(entryPath).catch(() => entryPath))
      )
        return undefined;
      // Follow symlinks so a linked folder opens like a folder; a dangling link shows as a file.
      const info =
        dirent.isSymbolicLink() || dirent.isFile()
          ? await stat(entryPath).catch(() => undefined)
          : undefined;
      const isDirectory = dirent.isDirectory() || (info?.isDirectory() ?? false);
      return isDirectory
        ? { name: dirent.name, path: entryPath, isDirectory }
        : {
            name: dirent.name,
            path: entryPath,
            isDirectory,
            ...(info === undefined ? {} : { sizeBytes: info.size }),
          };
    }),
  );
  const entries = listed.filter((entry) => entry !== undefined);
  entries.sort((a, b) =>
    a.isDirectory === b.isDirectory
      ? a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
      : a.isDirectory
        ? -1
        : 1,
  );
  const parent = path.dirname(absolute);
  return parent === absolute
    ? { directory: absolute, entries }
    : { directory: absolute, parent, entries };
}
