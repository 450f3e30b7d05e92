import { BrowserWindow, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedExternalUrl, isAllowedNavigation } from './app-protocol.js';
import { denyWindowOpen } from './permissions.js';
import type { TrustedSenders } from './sender-guard.js';
import { mainWindowOptions } from './window-options.js';

/**
 * Navigation and window guards for any webContents (SECURITY.md §1 items 11–15): no
 * navigation or redirect off `app://studio`, no `<webview>`, no new windows; allow-listed
 * https links open in the user's browser.
 */
export function guardWebContents(contents: WebContents): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => {
        console.error(`[main] openExternal failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return denyWindowOpen();
  });
}

/**
 * Creates the main window with {@link mainWindowOptions}, trusts its webContents for IPC
 * until destroyed, and loads `app://studio/index.html`.
 */
export async function createMainWindow(preloadPath: string, trusted: TrustedSenders): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  const id = window.webContents.id;
  trusted.add(id);
  window.webContents.once('destroyed', () => trusted.remove(id));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
  return window;
}
