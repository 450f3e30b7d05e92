import { rendererContentSecurityPolicy } from '../host/csp.js';
import { resolveRendererFile } from '../host/static-files.js';

/** Custom scheme that serves the built renderer (SECURITY.md §1 item 18). */
export const APP_SCHEME = 'app';
/** Host of {@link APP_SCHEME} URLs. */
export const APP_HOST = 'studio';
/** Origin of the renderer: `app://studio`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** URL the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of {@link APP_SCHEME} for `protocol.registerSchemesAsPrivileged`: standard and
 * secure with fetch support, deliberately without `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

function parseUrl(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}

/** True when `url` parses and has exactly our origin (compared as `URL.origin`, never by prefix). */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Navigation guard (`will-navigate`, `will-redirect`): only within our own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** A response of the `app://` protocol, independent of Electron's `Response`. */
export type AppProtocolResponse =
  | {
      readonly status: 200;
      readonly filePath: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  | { readonly status: 403 | 404 | 405; readonly headers: Readonly<Record<string, string>> };

/**
 * Answers an `app://studio/...` request from `rendererDir`: refuses other hosts, non-GET
 * methods and any path escaping the folder (`..`, encoded traversal, symlinks; see
 * resolveRendererFile), and sets the strict CSP (`connect-src 'none'`) on every response.
 */
export async function resolveAppRequest(
  rendererDir: string,
  requestUrl: string,
  method = 'GET',
): Promise<AppProtocolResponse> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': rendererContentSecurityPolicy("'none'"),
    'X-Content-Type-Options': 'nosniff',
  };
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers };
  if (!isAppUrl(requestUrl)) return { status: 403, headers };
  // Take the still-encoded path from the raw string: URL parsing would fold `%2e%2e` away.
  const afterHost = requestUrl.slice(APP_ORIGIN.length);
  const rawPath = afterHost.split(/[?#]/, 1)[0] ?? '/';
  const resolved = await resolveRendererFile(rendererDir, rawPath === '' ? '/' : rawPath);
  if (resolved.kind === 'refused') return { status: 403, headers };
  if (resolved.kind === 'notFound') return { status: 404, headers };
  return {
    status: 200,
    filePath: resolved.filePath,
    headers: { ...headers, 'Content-Type': resolved.contentType },
  };
}

/** The parts of a protocol request the handler reads. */
export interface AppProtocolRequest {
  readonly url: string;
  readonly method: string;
}

/**
 * The `protocol.handle('app', …)` handler: answers with {@link resolveAppRequest} (CSP and
 * nosniff on every response) and reads served files with `readFile`.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  readFile: (filePath: string) => Promise<Uint8Array>,
): (request: AppProtocolRequest) => Promise<Response> {
  return async (request) => {
    const answer = await resolveAppRequest(rendererDir, request.url, request.method);
    if (answer.status !== 200)
      return new Response(null, { status: answer.status, headers: answer.headers });
    const body = request.method === 'HEAD' ? null : await readFile(answer.filePath);
    return new Response(body, { status: 200, headers: answer.headers });
  };
}
