/**
 * True for `http://127.0.0.1…` / `http://localhost…` / `http://[::1]…` URLs: the Local
 * sandbox's own SSO verification page, which the main process may open in the browser.
 */
export function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
