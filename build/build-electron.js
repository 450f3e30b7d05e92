// @ts-check
/**
 * Bundles Electron main and preload with esbuild into dist/electron/.
 *
 * - main (+ the sandbox's training worker): ESM, platform node, npm packages left external (native DuckDB, the AWS SDK), so
 *   `electron` and node_modules resolve at run time.
 * - preload: CJS (sandboxed preloads cannot load ESM), everything bundled in (shared/, zod)
 *   except `electron`; it may require nothing else.
 *
 * Usage: `node build/build-electron.js` (the `build:electron` script).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The pinned Electron (build/electron-support.js) ships Node 22 or newer; node22 output runs on it. */
const NODE_TARGET = 'node22';

/**
 * esbuild options of the main-process bundle.
 * @param {string} root repository root
 * @returns {import('esbuild').BuildOptions}
 */
export function mainBuildOptions(root = ROOT) {
  return {
    // The sandbox starts its training worker from `training-worker.js` beside the bundle.
    entryPoints: {
      index: path.join(root, 'electron/main/index.ts'),
      'training-worker': path.join(root, 'electron/sandbox/training-worker.ts'),
      // The studio's evaluation of solution versions runs in `local-evaluation-worker.js`.
      'local-evaluation-worker': path.join(
        root,
        'electron/core/solutions/local-evaluation-worker.ts',
      ),
    },
    outdir: path.join(root, 'dist/electron/main'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    packages: 'external',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
}

/**
 * esbuild options of the preload bundle.
 * @param {string} root repository root
 * @returns {import('esbuild').BuildOptions}
 */
export function preloadBuildOptions(root = ROOT) {
  return {
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    outfile: path.join(root, 'dist/electron/preload/index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: NODE_TARGET,
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  };
}

/**
 * Module names a CommonJS bundle requires at run time (`require("x")`).
 * @param {string} code bundle text
 * @returns {string[]}
 */
export function requiredModules(code) {
  const names = new Set();
  for (const match of code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) names.add(match[1]);
  return [...names].sort();
}

/**
 * Builds both bundles into dist/electron/.
 * @param {string} root repository root
 * @returns {Promise<void>}
 */
export async function buildElectron(root = ROOT) {
  await Promise.all([
    esbuild.build(mainBuildOptions(root)),
    esbuild.build(preloadBuildOptions(root)),
  ]);
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  buildElectron().then(
    () => console.log('Built dist/electron/main/index.js and dist/electron/preload/index.cjs'),
    (/** @type {unknown} */ error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
