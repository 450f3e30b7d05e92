/**
 * The output folder of Fix into new files, checked the same way by the form (as the field is
 * left) and by the core's export: a relative folder would land in the app's working folder
 * (its source checkout, or wherever it was started), not in the home folder the form names.
 */

/** True when `folder` is absolute on macOS / Linux (`/…`) or Windows (`C:\…`, `\\server\…`). */
function isAbsoluteFolder(folder: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/u.test(folder);
}

/** True when `folder` starts with the home folder's `~` (`~`, `~/exports`, `~\exports`). */
export function isHomeRelative(folder: string): boolean {
  return /^~([\\/]|$)/u.test(folder);
}

/**
 * Why `folder` cannot be the output folder, or `undefined` when it can: empty (the default
 * folder), absolute, or under the home folder's `~`.
 */
export function outputFolderProblem(folder: string): string | undefined {
  const value = folder.trim();
  if (value === '' || isAbsoluteFolder(value) || isHomeRelative(value)) return undefined;
  return `Output folder must be an absolute path, e.g. /Users/you/poc-exports ("${value}" is relative); leave it empty for POC Studio exports in your home folder.`;
}
