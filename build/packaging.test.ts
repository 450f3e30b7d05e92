import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack, packedExecutable, STUDIO_FUSES } from './after-pack.js';
import { APP_ID, config } from './electron-builder.config.js';
import { iconFiles, RESOURCES_DIR } from './make-icons.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's default fuse wire (V1, 9 fuses): RunAsNode, -, NODE_OPTIONS, inspect on; GrantFileProtocolExtraPrivileges and WasmTrapHandlers on. */
const DEFAULT_WIRE = '101100011';

/** A stand-in for an Electron binary: random bytes around the fuse sentinel and wire. */
function fakeElectronBinary(): Buffer {
  return Buffer.concat([
    Buffer.alloc(4096, 7),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.alloc(4096, 9),
  ]);
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'packaging-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('installer configuration', () => {
  it('builds dmg, nsis, AppImage and deb under the app id', () => {
    expect(APP_ID).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/u);
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Personalize POC Studio');
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'samples', to: 'samples' }]);
  });

  it('passes electron-builder’s own schema, which refuses unknown options', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, mac: { target: ['dmg'], notAnOption: true } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('packs the built bundles, the entry of package.json among them', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      devDependencies: Record<string, string>;
    };
    expect(manifest.main).toBe('dist/electron/main/index.js');
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']),
    );
    expect(manifest.devDependencies['electron-builder']).toBeDefined();
    expect(manifest.devDependencies['@electron/fuses']).toBeDefined();
  });

  it('points at icons that exist and match what make-icons.js generates', async () => {
    const icons = [config.mac?.icon, config.win?.icon, config.linux?.icon].map((icon) =>
      path.join(ROOT, String(icon)),
    );
    for (const icon of icons) expect(existsSync(icon), icon).toBe(true);
    for (const [name, bytes] of iconFiles()) {
      const committed = await readFile(path.join(RESOURCES_DIR, name));
      expect(committed.equals(bytes), `${name} is stale: run node build/make-icons.js`).toBe(true);
    }
    const icns = await readFile(path.join(RESOURCES_DIR, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = await readFile(path.join(RESOURCES_DIR, 'icon.ico'));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const png = await readFile(path.join(RESOURCES_DIR, 'icons', '512x512.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
  });
});

describe('fuses (SECURITY.md §2)', () => {
  it('are the studio settings, flipped by the config’s afterPack hook', () => {
    expect(config.afterPack).toBe(afterPack);
    expect(STUDIO_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it.each([
    ['linux', 'personalize-poc-studio'],
    ['win32', 'Personalize POC Studio.exe'],
    [
      'darwin',
      path.join(
        'Personalize POC Studio.app',
        'Contents',
        'Frameworks',
        'Electron Framework.framework',
        'Electron Framework',
      ),
    ],
  ])('flips and reads back the fuses of a packed %s app', async (platform, fuseFile) => {
    const appOutDir = path.join(root, platform);
    await mkdir(path.dirname(path.join(appOutDir, fuseFile)), { recursive: true });
    await writeFile(path.join(appOutDir, fuseFile), fakeElectronBinary());
    const context = {
      appOutDir,
      electronPlatformName: platform,
      arch: 1,
      packager: {
        appInfo: { productFilename: 'Personalize POC Studio' },
        executableName: 'personalize-poc-studio',
      },
    };
    await afterPack(context);
    const wire = (await getCurrentFuseWire(packedExecutable(context))) as unknown as Record<
      number,
      number
    >;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Fuses the studio does not decide keep Electron's default.
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const appOutDir = path.join(root, 'broken');
    await mkdir(appOutDir, { recursive: true });
    await writeFile(path.join(appOutDir, 'personalize-poc-studio'), Buffer.alloc(1024));
    await expect(
      afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { appInfo: { productFilename: 'x' }, executableName: 'personalize-poc-studio' },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});
