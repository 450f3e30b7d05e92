import { isAppUrl } from './app-protocol.js';

/** Exact hosts whose https links may open in the user's browser (docs and console links). */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'docs.aws.amazon.com',
  'console.aws.amazon.com',
  'aws.amazon.com',
];

/**
 * Host patterns of the pages the SSO device sign-in opens (IAM Identity Center portals and
 * the OIDC device page) and of regional consoles.
 */
export const EXTERNAL_LINK_HOST_PATTERNS: readonly RegExp[] = [
  /^[a-z0-9-]+\.console\.aws\.amazon\.com$/u,
  /^device\.sso\.[a-z0-9-]+\.amazonaws\.com$/u,
  /^[a-z0-9-]+\.awsapps\.com$/u,
  /^[a-z0-9-]+(\.[a-z0-9-]+)*\.app\.aws$/u,
];

/**
 * True for `http://127.0.0.1…` / `http://localhost…` / `http://[::1]…` URLs: the Local
 * sandbox's own SSO verification page, which the main process may open in the browser.
 */
export function isLoopbackHttp(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
  );
}

/** Options of {@link isAllowedExternalUrl}. */
export interface ExternalUrlOptions {
  /**
   * Also allow {@link isLoopbackHttp} URLs. Only the core's SSO sign-in against the Local
   * sandbox needs it; links from the page never get it.
   */
  readonly allowLoopback?: boolean;
}

/**
 * The one allow-list of `shell.openExternal` (SECURITY.md §1 items 14–15): `https:` without
 * credentials in the URL, on a host of {@link EXTERNAL_LINK_HOSTS} or
 * {@link EXTERNAL_LINK_HOST_PATTERNS}; plus loopback http when `allowLoopback`. `javascript:`,
 * `file:`, our own `app:` scheme and every other host are refused.
 */
export function isAllowedExternalUrl(url: string, options: ExternalUrlOptions = {}): boolean {
  if (!URL.canParse(url) || isAppUrl(url)) return false;
  if (options.allowLoopback === true && isLoopbackHttp(url)) return true;
  const parsed = new URL(url);
  if (
    parsed.protocol !== 'https:' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.port !== ''
  )
    return false;
  const host = parsed.hostname.toLowerCase();
  return (
    EXTERNAL_LINK_HOSTS.includes(host) ||
    EXTERNAL_LINK_HOST_PATTERNS.some((pattern) => pattern.test(host))
  );
}

/** `shell.openExternal` as the guards need it. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * Wraps `shell.openExternal` behind {@link isAllowedExternalUrl}: the only way the main
 * process opens a URL outside the app. Refused URLs reject without reaching the shell.
 *
 * @throws Error (as a rejection) naming the refused URL's scheme and host only.
 */
export function createExternalOpener(
  openExternal: OpenExternal,
  options: ExternalUrlOptions = {},
): OpenExternal {
  return async (url) => {
    if (!isAllowedExternalUrl(url, options)) {
      const where = URL.canParse(url)
        ? `${new URL(url).protocol}//${new URL(url).host}`
        : 'an unparsable URL';
      throw new Error(
        `Refusing to open ${where}: only allow-listed https pages open outside the studio.`,
      );
    }
    await openExternal(url);
  };
}
