/**
 * The unsigned SSO routes of the sandbox (OIDC, portal, verification page): which requests
 * they are, and the handler that serves them.
 */
import { headerValue, type SandboxRequest, type SandboxResponse } from '../http-types.js';
import { escapeXml } from '../s3/xml.js';
import type { IdentityStore } from '../sts/identity-store.js';
import { handleOidc, VERIFICATION_PATH } from './oidc.js';
import { handlePortal } from './portal.js';

const OIDC_PATHS: readonly string[] = ['/client/register', '/device_authorization', '/token'];
const PORTAL_GET_PATHS: readonly string[] = [
  '/federation/credentials',
  '/assignment/accounts',
  '/assignment/roles',
];

function normalised(rawPath: string): string {
  return rawPath.length > 1 ? rawPath.replace(/\/+$/u, '') : rawPath;
}

/**
 * True for the SSO routes, which carry no SigV4 signature: `POST /client/register`,
 * `/device_authorization`, `/token`, `/logout`; `GET /federation/credentials`,
 * `/assignment/accounts`, `/assignment/roles`; `GET`/`POST` of the verification page.
 */
export function isSsoRoute(method: string, rawPath: string): boolean {
  const route = normalised(rawPath);
  if (route === VERIFICATION_PATH) return method === 'GET' || method === 'POST';
  if (method === 'POST') return OIDC_PATHS.includes(route) || route === '/logout';
  return method === 'GET' && PORTAL_GET_PATHS.includes(route);
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function html(title: string, content: string, status = 200): SandboxResponse {
  return {
    status,
    headers: PAGE_HEADERS,
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:1rem;padding:.4rem 1.2rem}</style></head><body><h1>${escapeXml(title)}</h1>${content}</body></html>`,
  };
}

function verificationForm(userCode: string): SandboxResponse {
  return html(
    'Local sandbox sign-in',
    `<p>A tool asks to sign in to the sandbox's IAM Identity Center as <b>sandbox-user</b>. Check that it shows the same code.</p>` +
      `<form method="post" action="${VERIFICATION_PATH}"><p><label>Code <input name="user_code" value="${escapeXml(userCode)}" autocomplete="off" required></label></p>` +
      `<button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

/** A POST from another page (CSRF): an `Origin` other than this host, or a cross-site fetch. */
function isCrossSite(request: SandboxRequest): boolean {
  const origin = headerValue(request, 'origin');
  if (origin !== undefined && origin !== `http://${headerValue(request, 'host') ?? ''}`)
    return true;
  const site = headerValue(request, 'sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

function verificationPost(request: SandboxRequest, identity: IdentityStore): SandboxResponse {
  if (isCrossSite(request))
    return html('Refused', '<p>This form only accepts submissions from its own page.</p>', 403);
  const form = new URLSearchParams(request.body.toString('utf8'));
  const decision = form.get('decision') === 'deny' ? 'denied' : 'approved';
  if (!identity.decideDevice(form.get('user_code') ?? '', decision)) {
    return html(
      'Unknown code',
      '<p>No pending sign-in has this code, or it has expired. Start the sign-in again.</p>',
      400,
    );
  }
  return html(
    decision === 'approved' ? 'Approved' : 'Denied',
    decision === 'approved'
      ? '<p>You can close this page and return to the app.</p>'
      : '<p>The sign-in was refused.</p>',
  );
}

/**
 * Serves an SSO route ({@link isSsoRoute}): OIDC and portal calls, and the verification page
 * (`GET` a form with Approve / Deny buttons, `POST` `user_code` + `decision` decides; posts
 * from another origin get 403).
 */
export function handleSso(request: SandboxRequest, identity: IdentityStore): SandboxResponse {
  const route = normalised(request.rawPath);
  if (route === VERIFICATION_PATH) {
    return request.method === 'GET'
      ? verificationForm(request.query.get('user_code') ?? '')
      : verificationPost(request, identity);
  }
  if (OIDC_PATHS.includes(route)) return handleOidc(request, route, identity);
  return handlePortal(request, route, identity);
}
