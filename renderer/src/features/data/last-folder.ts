/*
 * The folder the file browser opens at: the one of the file chosen last, or the folder an export
 * wrote to, kept in this window's storage (a path on the host, nothing else) so a reload keeps it.
 */

const KEY = 'poc-studio.fileBrowser.lastFolder';

/** The folder of a file path (`/data/x/a.csv` → `/data/x`; Windows separators too). */
export function folderOf(filePath: string): string | undefined {
  const at = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  if (at < 0) return undefined;
  return at === 0 ? filePath.slice(0, 1) : filePath.slice(0, at);
}

/** The folder the file browser opens at next, or undefined (the host's default: home). */
export function lastFolder(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch (error) {
    console.info('The last folder could not be read:', error);
    return undefined;
  }
}

/** Makes the file browser open at `folder` next time (undefined forgets it: home again). */
export function rememberFolder(folder: string | undefined): void {
  try {
    if (folder === undefined) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, folder);
  } catch (error) {
    console.info('The last folder could not be kept:', error);
  }
}
