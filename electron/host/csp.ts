/**
 * The renderer's Content-Security-Policy (SECURITY.md §1 item 7).
 *
 * `connectSrc` is `'none'` under Electron's `app://` scheme (the renderer never talks to the
 * network) and `'self'` under the browser host, whose renderer calls its own origin.
 */
export function rendererContentSecurityPolicy(connectSrc: "'none'" | "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
