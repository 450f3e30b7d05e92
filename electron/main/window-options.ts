import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The one `webPreferences` of every studio window (SECURITY.md §1 items 2–12): sandboxed,
 * context-isolated renderer without Node, `<webview>`, remote content or experimental
 * features. No other call site may build web preferences.
 *
 * Pure (type-only Electron import) so it is unit-tested under Node.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: true,
  };
}

/** Options of the main window: size, hidden until ready, {@link secureWebPreferences}. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Personalize POC Studio',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}
