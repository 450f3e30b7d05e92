import { timingSafeEqual } from 'node:crypto';

/** Host names that mean this machine; the browser host accepts no others (anti DNS rebinding). */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * True when a `Host` header names a loopback host with exactly our port (`127.0.0.1:PORT`,
 * `localhost:PORT`, `[::1]:PORT`). Anything else, including a missing header, is refused:
 * a page on `evil.example` resolving to 127.0.0.1 still sends `Host: evil.example:PORT`.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  const host = hostHeader.trim().toLowerCase();
  return LOOPBACK_HOSTNAMES.some((name) => host === `${name}:${port}`);
}

/** The origins our renderer can have: `http://<loopback name>:PORT`. */
export function allowedOrigins(port: number): string[] {
  return LOOPBACK_HOSTNAMES.map((name) => `http://${name}:${port}`);
}

/**
 * True when an `Origin` header is absent (same-origin GETs, non-browser clients) or is one of
 * {@link allowedOrigins}. `null` (sandboxed frames, file://) is refused.
 */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  return allowedOrigins(port).includes(originHeader.trim().toLowerCase());
}

/** Compares a presented token with ours in constant time; false when absent or of another length. */
export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (presented === undefined || presented === null) return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Extracts the token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match?.[1];
}
