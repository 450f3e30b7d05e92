import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedNavigation } from './app-protocol.js';
import { denyWindowOpen } from './permissions.js';
import type { OpenExternal } from './external-links.js';
import type { TrustedSenders } from './sender-guard.js';
import { mainWindowOptions } from './window-options.js';

/**
 * Navigation and window guards of every webContents (SECURITY.md §1 items 11–15), installed
 * from `app.on('web-contents-created')`: no navigation or redirect off `app://studio`, no
 * `<webview>`, no new windows. Window-open requests go to `openExternal`, which must be the
 * allow-listed opener (createExternalOpener); refusals are logged, never opened.
 */
export function guardWebContents(contents: WebContents, openExternal: OpenExternal): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url).catch((error: unknown) => {
      console.warn(`[main] ${error instanceof Error ? error.message : String(error)}`);
    });
    return denyWindowOpen();
  });
}

/** Constructs a BrowserWindow (injected so the wiring is testable without Electron). */
export type WindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindow;

/**
 * Creates the main window with {@link mainWindowOptions}, trusts its webContents for IPC
 * until destroyed, and loads `app://studio/index.html` (SECURITY.md §1 item 1: the only URL
 * any window loads).
 */
export async function createMainWindow(
  createWindow: WindowFactory,
  preloadPath: string,
  trusted: TrustedSenders,
): Promise<BrowserWindow> {
  const window = createWindow(mainWindowOptions(preloadPath));
  const id = window.webContents.id;
  trusted.add(id);
  window.webContents.once('destroyed', () => trusted.remove(id));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
  return window;
}
