import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
} from 'electron';
import type { Handlers, HostChannel } from '../core/app/studio-app.js';
import { createStudioApp } from '../core/app/create-studio-app.js';
import { createLineLogger } from '../core/app/logger.js';
import { stripAwsEnvironment } from '../core/aws/client-factory.js';
import { guardFileAccess } from '../host/file-access.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.js';
import { shouldQuit } from '../core/inventory/quit-reminder.js';
import { createExternalOpener } from './external-links.js';
import { forwardEvents, registerIpc } from './ipc/register.js';
import { notifyLongJobs } from './job-notifications.js';
import { denyAllPermissions } from './permissions.js';
import { TrustedSenders } from './sender-guard.js';
import { createMainWindow, guardWebContents } from './window.js';

// Built layout: dist/electron/main/index.js and dist/electron/preload/index.cjs.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

// Per-test profiles (Bruno/Signal style), honoured only in unpackaged builds.
const userDataOverride = process.env.POC_STUDIO_USER_DATA;
if (!app.isPackaged && userDataOverride !== undefined && userDataOverride !== '')
  app.setPath('userData', userDataOverride);

/** Links the page asks to open (window.open, target=_blank): allow-listed https only. */
const openLinkExternally = createExternalOpener((url) => shell.openExternal(url));
/** URLs the core opens (the SSO device page): the same allow-list plus the Local sandbox's loopback page. */
const openForCore = createExternalOpener((url) => shell.openExternal(url), { allowLoopback: true });

function electronHostHandlers(getWindow: () => BrowserWindow | undefined): Handlers<HostChannel> {
  return {
    'app.info': () =>
      Promise.resolve({
        version: app.getVersion(),
        host: 'electron' as const,
        canPickFilesNatively: true,
      }),
    'data.pickFile': async ({ title }) => {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        title,
        properties: ['openFile'],
        filters: [
          { name: 'CSV files', extensions: ['csv', 'gz'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result =
        window === undefined
          ? await dialog.showOpenDialog(options)
          : await dialog.showOpenDialog(window, options);
      const picked = result.canceled ? undefined : result.filePaths[0];
      return picked === undefined ? {} : { path: picked };
    },
  };
}

/** The quit reminder as a native dialog; resolves true for "Quit anyway". */
async function askBeforeQuit(window: BrowserWindow | undefined, detail: string): Promise<boolean> {
  const options: Electron.MessageBoxOptions = {
    type: 'warning',
    message: 'Campaigns or recommenders are still billing',
    detail,
    buttons: ['Quit anyway', 'Keep the studio open'],
    defaultId: 1,
    cancelId: 1,
  };
  const result =
    window === undefined
      ? await dialog.showMessageBox(options)
      : await dialog.showMessageBox(window, options);
  return result.response === 0;
}

async function main(): Promise<void> {
  const removed = stripAwsEnvironment(process.env);
  if (removed.length > 0)
    console.warn(
      `[main] Ignoring ${removed.join(', ')}: each workspace uses its own profile and region.`,
    );
  await app.whenReady();
  const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rendererDir, (filePath) => readFile(filePath)),
  );
  denyAllPermissions(session.defaultSession);
  app.on('session-created', (created) => denyAllPermissions(created));
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, openLinkExternally),
  );

  // The bundle lives in dist/electron/main, so the core cannot find samples/ from its own path.
  const samplesDir = app.isPackaged
    ? path.join(process.resourcesPath, 'samples')
    : path.join(app.getAppPath(), 'samples');
  const studio = await createStudioApp({
    userDataDir: app.getPath('userData'),
    samplesDir,
    log: createLineLogger('core'),
    openExternal: openForCore,
  });
  const trusted = new TrustedSenders();
  let window: BrowserWindow | undefined;
  const handlers = guardFileAccess(
    { ...studio.handlers, ...electronHostHandlers(() => window) },
    { userDataDir: app.getPath('userData') },
  );
  const unregister = registerIpc(handlers, trusted);
  const stopEvents = forwardEvents(studio, () => window?.webContents);
  // Long jobs (30 s and more) announce their end on the desktop, from main (web notifications stay denied).
  // After sleep, jobs waiting out a transient error (offline, throttling) retry at once.
  powerMonitor.on('resume', () => studio.jobs.retryNow());
  const stopNotices = Notification.isSupported()
    ? notifyLongJobs(studio, (notice) => new Notification({ ...notice, silent: false }))
    : () => undefined;

  const open = async (): Promise<void> => {
    window = await createMainWindow((options) => new BrowserWindow(options), preloadPath, trusted);
    window.on('closed', () => (window = undefined));
  };
  await open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      open().catch((error: unknown) => console.error('[main] reopening the window failed', error));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  let isAskingToQuit = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    if (isAskingToQuit) return;
    isAskingToQuit = true;
    // While AWS campaigns of any workspace bill by the hour, remind and let the user stay.
    void shouldQuit(
      () => studio.handlers['inventory.runningCost']({}),
      (message) => askBeforeQuit(window, message),
    ).then((quit) => {
      isAskingToQuit = false;
      if (!quit) return;
      disposed = true;
      stopEvents();
      stopNotices();
      unregister();
      studio
        .dispose()
        .catch((error: unknown) => console.error('[main] disposing the studio failed', error))
        .finally(() => app.quit());
    });
  });
}

main().catch((error: unknown) => {
  console.error('[main] start-up failed', error);
  app.exit(1);
});
