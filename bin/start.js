#!/usr/bin/env node
// `npm start`: builds the renderer when missing, then runs the studio in Electron when its
// runtime is installed, otherwise in the browser host (electron/host/main.ts) via tsx.
// Env: POC_STUDIO_PORT fixes the browser host's port, POC_STUDIO_USER_DATA its data dir,
// POC_STUDIO_HOST=browser uses the browser host even where Electron is installed;
// BROWSER=none prints the address without opening a browser.
// The browser is opened on a one-time launch link (/launch?code=…): the token itself never
// appears on a command line, where other local users could read it in the process list.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectronBinary } from '../build/electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'dist', 'renderer');

/** Runs a command in the repository, inheriting stdio; exits when it fails. */
function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(
      `"${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`,
    );
    process.exit(1);
  }
}

/** Tries to open a URL in the default browser; never fails. */
function tryOpen(url) {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () =>
      console.log(`(Could not run ${opener}; open the address above yourself.)`),
    );
    child.unref();
  } catch (error) {
    console.log(`(Could not open a browser: ${error instanceof Error ? error.message : error}.)`);
  }
}

function parsePort(value) {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`POC_STUDIO_PORT must be a port number (0-65535), not "${value}".`);
    process.exit(1);
  }
  return port;
}

if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.log('Building the renderer (dist/renderer is missing)...');
  run('npx', ['vite', 'build']);
}

// Looked up without requiring the package, whose index would try to download a missing runtime.
const binary =
  process.env.POC_STUDIO_HOST === 'browser' ? undefined : installedElectronBinary(import.meta.url);
if (binary !== undefined) {
  run(process.execPath, [path.join(root, 'build', 'build-electron.js')]);
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (process.env.POC_STUDIO_HOST !== 'browser')
    console.log(
      'Electron runtime not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?); starting the browser host instead.',
    );
  const { register } = await import('tsx/esm/api');
  register();
  const { prepareHostEnvironment, startStudioBrowserHost } =
    await import('../electron/host/main.ts');
  prepareHostEnvironment();
  const userDataDir = process.env.POC_STUDIO_USER_DATA || path.join(os.homedir(), '.poc-studio');
  let host;
  try {
    host = await startStudioBrowserHost({
      userDataDir,
      port: parsePort(process.env.POC_STUDIO_PORT),
      rendererDir,
    });
  } catch (error) {
    // A busy port is one line naming the fix; the stack only on request.
    console.error(error instanceof Error ? error.message : String(error));
    if (process.env.POC_STUDIO_DEBUG && error instanceof Error) console.error(error.stack);
    process.exit(1);
  }
  // BROWSER=none (the usual convention of dev servers) means: print the address, open nothing.
  const opensBrowser = process.env.BROWSER !== 'none';
  console.log(
    `Personalize POC Studio is running on http://${host.address}:${host.port}/ (data: ${userDataDir}; Ctrl+C to stop).\n` +
      (opensBrowser
        ? `Opening your browser. If it does not open, visit this address; it holds this run's access token, keep it to yourself:\n\n  ${host.url}\n`
        : `BROWSER=none: no browser is opened. Visit this address; it holds this run's access token, keep it to yourself:\n\n  ${host.url}\n`),
  );
  if (opensBrowser) tryOpen(host.createLaunchUrl());
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : error}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
