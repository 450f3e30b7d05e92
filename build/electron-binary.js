// Where the Electron runtime of the installed `electron` package is, found without requiring the
// package: its index downloads the binary when it is missing (a network attempt and a stack
// trace on every offline start), while `npm start` only needs to know whether it is there.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Electron executable the package at `packageDir` would run, or undefined when none is
 * installed: `dist/<path.txt>` (or `<ELECTRON_OVERRIDE_DIST_PATH>/<path.txt or 'electron'>`, as
 * the package itself resolves it) when that file exists. Never downloads, never throws.
 */
export function electronBinaryIn(packageDir, env = process.env, fileExists = existsSync) {
  const pathFile = path.join(packageDir, 'path.txt');
  let executable;
  try {
    executable = fileExists(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  } catch {
    executable = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary =
    override !== undefined && override !== ''
      ? path.join(override, executable || 'electron')
      : executable
        ? path.join(packageDir, 'dist', executable)
        : undefined;
  return binary !== undefined && fileExists(binary) ? binary : undefined;
}

/**
 * The Electron executable of the `electron` package resolvable from `fromUrl` (a module URL), or
 * undefined when the package or its runtime is not installed.
 */
export function installedElectronBinary(fromUrl, env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(fromUrl).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  return electronBinaryIn(packageDir, env);
}
