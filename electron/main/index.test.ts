// Wiring test of the main process (SECURITY.md §1): `electron` is replaced by fakes that record
// what index.ts registers, then the test fires the events Electron would fire. Removing or
// weakening any guard in index.ts, window.ts, permissions.ts, app-protocol.ts or
// external-links.ts fails one of these tests.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { StudioAppOptions } from '../core/app/studio-app.js';
import type { FakeStudioApp } from '../host/test-support.js';
import { APP_ENTRY_URL } from './app-protocol.js';
import { secureWebPreferences } from './window-options.js';

type Listener = (...args: unknown[]) => unknown;

const fakes = vi.hoisted(() => {
  class FakeEmitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener): this {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]): unknown[] {
      return (this.listeners.get(name) ?? []).map((listener) => listener(...args));
    }
    count(name: string): number {
      return this.listeners.get(name)?.length ?? 0;
    }
  }
  const order: string[] = [];
  let nextId = 100;
  class FakeWebContents extends FakeEmitter {
    readonly id = nextId++;
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
      this.windowOpenHandler = handler;
    }
    isDestroyed(): boolean {
      return false;
    }
    send(): void {
      // Events are not under test here.
    }
  }
  class FakeSession {
    request: Listener | undefined;
    check: Listener | undefined;
    device: Listener | undefined;
    setPermissionRequestHandler(handler: Listener): void {
      this.request = handler;
    }
    setPermissionCheckHandler(handler: Listener): void {
      this.check = handler;
    }
    setDevicePermissionHandler(handler: Listener): void {
      this.device = handler;
    }
  }
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    appPath: '',
    whenReady: () => {
      order.push('whenReady');
      return Promise.resolve();
    },
    getAppPath: () => app.appPath,
    getPath: () => path.join(app.appPath, 'user-data'),
    setPath: () => undefined,
    getVersion: () => '1.2.3',
    quit: () => undefined,
    exit: () => undefined,
  });
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    constructor(readonly options: { webPreferences?: unknown }) {
      super();
      windows.push(this);
      // Electron fires web-contents-created for every new webContents, the window's included.
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {
      // Shown on ready-to-show; nothing to record.
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return windows;
    }
  }
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      order.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(
      scheme: string,
      handler: (request: { url: string; method: string }) => Promise<Response>,
    ): void {
      protocol.handlers.set(scheme, handler);
    },
  };
  const ipcRegistry = {
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    handle(channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>): void {
      ipcRegistry.handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      ipcRegistry.handlers.delete(channel);
    },
  };
  const opened: string[] = [];
  const shell = {
    openExternal: (url: string) => {
      opened.push(url);
      return Promise.resolve();
    },
  };
  const coreOptions: { value?: StudioAppOptions } = {};
  const notifications: { title: string; body: string; shown: boolean }[] = [];
  class FakeNotification {
    static isSupported(): boolean {
      return true;
    }
    private readonly entry: { title: string; body: string; shown: boolean };
    constructor(options: { title: string; body: string }) {
      this.entry = { title: options.title, body: options.body, shown: false };
      notifications.push(this.entry);
    }
    show(): void {
      this.entry.shown = true;
    }
  }
  const studio: { value?: FakeStudioApp } = {};
  const retries: number[] = [];
  const powerListeners = new Map<string, () => void>();
  const powerMonitor = {
    on(name: string, listener: () => void) {
      powerListeners.set(name, listener);
    },
  };
  return {
    notifications,
    FakeNotification,
    retries,
    powerListeners,
    powerMonitor,
    studio,
    app,
    windows,
    FakeBrowserWindow,
    FakeWebContents,
    FakeSession,
    defaultSession: new FakeSession(),
    protocol,
    ipcRegistry,
    shell,
    opened,
    order,
    coreOptions,
  };
});

vi.mock('electron', () => ({
  app: fakes.app,
  BrowserWindow: fakes.FakeBrowserWindow,
  protocol: fakes.protocol,
  session: { defaultSession: fakes.defaultSession },
  shell: fakes.shell,
  Notification: fakes.FakeNotification,
  powerMonitor: fakes.powerMonitor,
  ipcMain: fakes.ipcRegistry,
  dialog: { showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }) },
}));

vi.mock('../core/app/create-studio-app.js', async () => {
  const { createFakeStudioApp } = await import('../host/test-support.js');
  return {
    createStudioApp: (options: StudioAppOptions) => {
      fakes.coreOptions.value = options;
      fakes.studio.value = createFakeStudioApp();
      return Promise.resolve(
        Object.assign(fakes.studio.value, {
          jobs: { retryNow: () => fakes.retries.push(Date.now()) },
        }),
      );
    },
  };
});

let appDir = '';
beforeAll(async () => {
  appDir = await mkdtemp(path.join(tmpdir(), 'main-wiring-'));
  await mkdir(path.join(appDir, 'dist', 'renderer'), { recursive: true });
  await writeFile(
    path.join(appDir, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>studio</title>',
  );
  await writeFile(path.join(appDir, 'secret.txt'), 'SECRET');
  fakes.app.appPath = appDir;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await import('./index.js');
  await vi.waitFor(() => expect(fakes.windows.length).toBe(1));
});

afterAll(async () => {
  await rm(appDir, { recursive: true, force: true });
});

function preventable(): { preventDefault: () => void; prevented: boolean } {
  const event = {
    prevented: false,
    preventDefault: () => {
      event.prevented = true;
    },
  };
  return event;
}

function createdContents(): InstanceType<typeof fakes.FakeWebContents> {
  const contents = new fakes.FakeWebContents();
  fakes.app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigationRefused(
  contents: InstanceType<typeof fakes.FakeWebContents>,
  eventName: string,
  url: string,
): boolean {
  if (contents.count(eventName) === 0) return false;
  const event = preventable();
  contents.emit(
    eventName,
    eventName === 'will-frame-navigate' ? Object.assign(event, { url }) : event,
    url,
  );
  return event.prevented;
}

const FOREIGN = [
  'https://evil.example/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://127.0.0.1:3000/',
  'app://studio.evil/index.html',
];

describe('app:// scheme (items 7, 18)', () => {
  it('is registered as privileged before the app is ready, without bypassCSP', () => {
    expect(fakes.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(JSON.stringify(fakes.protocol.privileged)).not.toContain('bypassCSP');
    expect(fakes.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(
      fakes.order.indexOf('whenReady'),
    );
  });

  it('serves the renderer with the strict CSP and refuses escapes', async () => {
    const handler = fakes.protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const page = await handler?.({ url: APP_ENTRY_URL, method: 'GET' });
    expect(page?.status).toBe(200);
    expect(await page?.text()).toContain('<title>studio</title>');
    expect(page?.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(page?.headers.get('content-security-policy')).not.toMatch(/unsafe-(inline|eval)/);
    const escape = await handler?.({ url: 'app://studio/%2e%2e/%2e%2e/secret.txt', method: 'GET' });
    expect(escape?.status).toBe(403);
    expect(await escape?.text()).not.toContain('SECRET');
  });
});

describe('permissions (item 5)', () => {
  it('the default session denies every request, check and device', () => {
    const session = fakes.defaultSession;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      let granted: unknown = 'not called';
      session.request?.({}, permission, (value: unknown) => (granted = value), {});
      expect(granted, permission).toBe(false);
      expect(session.check?.({}, permission, 'app://studio', {}), permission).toBe(false);
    }
    expect(session.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('sessions created later get the same handlers', () => {
    const created = new fakes.FakeSession();
    fakes.app.emit('session-created', created);
    let granted: unknown = 'not called';
    created.request?.({}, 'media', (value: unknown) => (granted = value), {});
    expect(granted).toBe(false);
    expect(created.check?.({}, 'media', 'app://studio', {})).toBe(false);
  });
});

describe('every webContents (items 11–15, via web-contents-created)', () => {
  it('refuses navigation and redirects off app://studio', () => {
    const contents = createdContents();
    for (const eventName of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of FOREIGN)
        expect(navigationRefused(contents, eventName, url), `${eventName} ${url}`).toBe(true);
      const own = preventable();
      contents.emit(
        eventName,
        eventName === 'will-frame-navigate'
          ? Object.assign(own, { url: 'app://studio/#/import' })
          : own,
        'app://studio/#/import',
      );
      expect(own.prevented, eventName).toBe(false);
    }
  });

  it('refuses <webview>', () => {
    const contents = createdContents();
    const event = preventable();
    expect(contents.count('will-attach-webview')).toBeGreaterThan(0);
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });

  it('denies every new window and hands only allow-listed https links to the shell', async () => {
    const contents = createdContents();
    const handler = contents.windowOpenHandler;
    expect(handler).toBeDefined();
    fakes.opened.length = 0;
    for (const url of [
      ...FOREIGN,
      'https://docs.aws.amazon.com.evil.example/',
      'https://docs.aws.amazon.com/personalize/',
    ]) {
      expect(handler?.({ url }), url).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() =>
      expect(fakes.opened).toEqual(['https://docs.aws.amazon.com/personalize/']),
    );
  });
});

describe('the main window (items 1–4, 6, 8–10)', () => {
  it('uses the one secure webPreferences and loads only app://studio', () => {
    const [window] = fakes.windows;
    expect(window?.options.webPreferences).toEqual(
      secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs')),
    );
    expect(window?.loaded).toEqual([APP_ENTRY_URL]);
  });

  it('is guarded like every other webContents', () => {
    const contents = fakes.windows[0]?.webContents;
    expect(contents).toBeDefined();
    if (contents === undefined) return;
    expect(navigationRefused(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('is the only BrowserWindow and webPreferences call site', async () => {
    const sources = (
      await readdir(path.join(import.meta.dirname, '..'), { recursive: true })
    ).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.itest.ts'),
    );
    const constructing: string[] = [];
    const preferences: string[] = [];
    for (const file of sources) {
      const text = await readFile(path.join(import.meta.dirname, '..', file), 'utf8');
      if (/new\s+BrowserWindow\b/u.test(text)) constructing.push(file);
      if (/webPreferences\s*:/u.test(text)) preferences.push(file);
    }
    expect(constructing).toEqual([path.join('main', 'index.ts')]);
    expect(preferences).toEqual([path.join('main', 'window-options.ts')]);
  });
});

describe('IPC (item 17)', () => {
  it('binds every channel and serves only the trusted window top frame on app://studio', async () => {
    expect([...fakes.ipcRegistry.handlers.keys()].sort()).toEqual(
      CHANNELS.map((channel) => `studio:${channel}`).sort(),
    );
    const handler = fakes.ipcRegistry.handlers.get('studio:app.info');
    const windowId = fakes.windows[0]?.webContents.id ?? -1;
    const call = (id: number, url: string, parent: unknown = null) =>
      handler?.({ sender: { id }, senderFrame: { url, parent } }, {}) as Promise<Envelope<unknown>>;
    await expect(call(windowId, APP_ENTRY_URL)).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', host: 'electron', canPickFilesNatively: true },
    });
    for (const refused of [
      call(createdContents().id, APP_ENTRY_URL),
      call(windowId, 'https://evil.example/'),
      call(windowId, APP_ENTRY_URL, {}),
    ]) {
      const envelope = await refused;
      expect(envelope.ok ? undefined : envelope.error.code).toBe('ipc.untrustedSender');
    }
  });
});

describe('file guards on the IPC path (issue item 4)', () => {
  it('refuses a file nobody chose before the core reads it, and the studio data dir', async () => {
    const handler = fakes.ipcRegistry.handlers.get('studio:data.preview');
    const event = {
      sender: { id: fakes.windows[0]?.webContents.id ?? -1 },
      senderFrame: { url: APP_ENTRY_URL, parent: null },
    };
    for (const filePath of ['/etc/shadow', path.join(appDir, 'user-data', 'jobs.csv')]) {
      const envelope = (await handler?.(event, {
        path: filePath,
        datasetType: 'interactions',
      })) as Envelope<unknown>;
      expect(envelope.ok ? undefined : envelope.error.code, filePath).toBe('file.unreadable');
    }
  });
});

describe('the core’s openExternal (item 15)', () => {
  it('opens the SSO pages and the sandbox loopback page, nothing else', async () => {
    const open = fakes.coreOptions.value?.openExternal;
    expect(open).toBeDefined();
    fakes.opened.length = 0;
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://docs.aws.amazon.com.evil.example/',
    ]) {
      await expect(open?.(url), url).rejects.toThrow(/Refusing/);
    }
    await open?.('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH');
    await open?.('http://127.0.0.1:4566/_sandbox/sso/device?user_code=ABCD-EFGH');
    expect(fakes.opened).toEqual([
      'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
      'http://127.0.0.1:4566/_sandbox/sso/device?user_code=ABCD-EFGH',
    ]);
  });
});

describe('desktop notifications', () => {
  it('main shows an OS notification when a long job ends (wired to the core events)', () => {
    const studio = fakes.studio.value;
    if (studio === undefined) throw new Error('the core was not created');
    const job = {
      id: 'train-1',
      kind: 'solutions.train' as const,
      workspaceId: 'ws',
      params: {},
      state: 'running' as const,
      step: 'Training',
      progress: { done: 1, total: 2, unit: 'phase' },
      attempt: 1,
      createdAtMs: 0,
      updatedAtMs: 0,
    };
    studio.emit('jobs.didChange', job);
    studio.emit('jobs.didChange', { ...job, state: 'succeeded', elapsedMs: 125_000 });
    expect(fakes.notifications).toEqual([
      { title: 'Training finished', body: 'Done in 2 min 05 s.', shown: true },
    ]);
  });
});

describe('waking up', () => {
  it('jobs waiting out a transient error retry at once when the machine resumes from sleep', () => {
    const before = fakes.retries.length;
    fakes.powerListeners.get('resume')?.();
    expect(fakes.retries.length).toBe(before + 1);
  });
});
