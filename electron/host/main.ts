import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioApp } from '../core/app/create-studio-app.js';
import { createLineLogger } from '../core/app/logger.js';
import { stripAwsEnvironment } from '../core/aws/client-factory.js';
import type { StudioApp, StudioAppOptions } from '../core/app/studio-app.js';
import { startBrowserHost } from './browser-host.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built renderer of this checkout (`dist/renderer`). */
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

/** Options of {@link startStudioBrowserHost}. */
export interface StudioBrowserHostOptions {
  /** Workspaces, jobs and the sandbox's state. */
  readonly userDataDir: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Built renderer; defaults to {@link DEFAULT_RENDERER_DIR}. */
  readonly rendererDir?: string;
  /** Sandbox timing (`fast` for tests); passed to createStudioApp. */
  readonly sandboxTiming?: StudioAppOptions['sandboxTiming'];
  /** Speed factor of the realistic sandbox timing; passed to createStudioApp. */
  readonly sandboxSpeed?: StudioAppOptions['sandboxSpeed'];
  /** Environment whose AWS config file variables locate the profiles (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** The core's log (default: one line per job state change on standard error). */
  readonly log?: StudioAppOptions['log'];
}

/** A running studio behind the browser host. */
export interface StudioBrowserHost {
  /** `http://127.0.0.1:PORT/?token=…` (contains the token: print it, never log it elsewhere). */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly app: StudioApp;
  /** Closes the HTTP server, then disposes the app (pollers, job store, sandbox). */
  close(): Promise<void>;
}

async function packageVersion(): Promise<string> {
  const text = await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

/** A {@link StudioBrowserHost} that also mints one-time launch URLs (see BrowserHost.createLaunchUrl). */
export interface LaunchableStudioBrowserHost extends StudioBrowserHost {
  /** The address the server listens on (`127.0.0.1`). */
  readonly address: string;
  /** A one-time, short-lived launch URL, safe to pass to a browser-opening command. */
  createLaunchUrl(): string;
}

/**
 * Composes the studio for a plain browser: `createStudioApp` + {@link startBrowserHost}.
 * Used by `npm start` (when no Electron runtime is installed) and by e2e tests in-process.
 * Disposes the app again when the host cannot start.
 *
 * @throws BrowserHostListenError when the port is busy (one-line message naming the fix).
 */
export async function startStudioBrowserHost(
  options: StudioBrowserHostOptions,
): Promise<LaunchableStudioBrowserHost> {
  const app = await createStudioApp({
    userDataDir: options.userDataDir,
    log: options.log ?? createLineLogger('core'),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.sandboxTiming === undefined ? {} : { sandboxTiming: options.sandboxTiming }),
    ...(options.sandboxSpeed === undefined ? {} : { sandboxSpeed: options.sandboxSpeed }),
  });
  try {
    const host = await startBrowserHost({
      app,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
      port: options.port ?? 0,
      version: await packageVersion(),
      userDataDir: options.userDataDir,
    });
    let closed: Promise<void> | undefined;
    return {
      url: host.url,
      token: host.token,
      port: host.port,
      address: host.address,
      createLaunchUrl: () => host.createLaunchUrl(),
      app,
      close: () => {
        closed ??= host.close().finally(() => app.dispose());
        return closed;
      },
    };
  } catch (error) {
    await app.dispose();
    throw error;
  }
}

/**
 * Start-up of a host process (ACCOUNTS.md §5.1): removes the `AWS_*` variables from
 * `process.env` (except the config file locations), so no workspace falls back to the
 * environment's credentials, profile or endpoints, and logs the names it removed (never values).
 * @returns the names removed.
 */
export function prepareHostEnvironment(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string[] {
  const removed = stripAwsEnvironment(process.env);
  if (removed.length > 0)
    log(`Ignoring ${removed.join(', ')}: each workspace uses its own profile and region.`);
  return removed;
}
