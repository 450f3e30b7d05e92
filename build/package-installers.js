#!/usr/bin/env node
// @ts-check
/**
 * `npm run dist`: builds the renderer and the Electron bundles, then the installers of this
 * platform (or those named: `--mac`, `--win`, `--linux`) into out/installers with
 * build/electron-builder.config.js. Needs the Electron runtime (electron-builder downloads the
 * per-platform Electron it packs); macOS dmg builds need macOS, Windows NSIS builds need Windows
 * or Wine.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, Platform } from 'electron-builder';
import { config } from './electron-builder.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('npm run build failed; no installer was built.');
  process.exit(1);
}
const wanted = process.argv.slice(2);
const platforms = [
  ...(wanted.includes('--mac') ? [Platform.MAC] : []),
  ...(wanted.includes('--win') ? [Platform.WINDOWS] : []),
  ...(wanted.includes('--linux') ? [Platform.LINUX] : []),
];
const targets = (platforms.length > 0 ? platforms : [Platform.current()]).map((platform) =>
  platform.createTarget(),
);
try {
  for (const target of targets) {
    const artifacts = await build({ targets: target, config, publish: 'never', projectDir: root });
    for (const artifact of artifacts) console.log(path.relative(root, artifact));
  }
} catch (error) {
  console.error(`Packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
