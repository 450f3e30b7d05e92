/**
 * Who may talk to the sandbox: requests addressed to a loopback host name (anti DNS rebinding)
 * and, when the embedding app set one, carrying its per-launch access key id in the SigV4
 * credential scope (SECURITY.md §6). Signatures are still never verified (SPEC §1.6).
 */
import { timingSafeEqual } from 'node:crypto';
import { S3Error } from './errors.js';
import type { SandboxResponse } from './http-types.js';
import type { SandboxService } from './router.js';
import { s3ErrorResponse } from './s3/xml.js';
import { isSsoRoute } from './sso/routes.js';
import { queryErrorResponse } from './sts.js';

/** What {@link checkAccess} enforces. */
export interface AccessPolicy {
  /** The access key id every request must carry; `undefined` accepts any (or none). */
  readonly accessKeyId?: string | undefined;
  /** Host names (lower-case, IPv6 in brackets, no port) accepted besides the loopback ones. */
  readonly extraHosts?: readonly string[];
  /**
   * Whether the sandbox itself issued `accessKeyId` (AssumeRole, SSO GetRoleCredentials) and
   * it is still `valid` or `expired`; `undefined` for other keys. Issued keys are accepted
   * besides `accessKeyId`; expired ones are refused with `expiredToken`.
   */
  readonly issuedKeyState?: (accessKeyId: string) => 'valid' | 'expired' | undefined;
  /**
   * Browser origins (`scheme://host[:port]`, compared exactly) whose requests are accepted;
   * every other request carrying an `Origin`, or a `Sec-Fetch-Site` of `cross-site` /
   * `same-site`, is refused ({@link isBrowserRequestRefused}). Default: none.
   */
  readonly allowedOrigins?: readonly string[];
}

/** Host names a loopback listener answers to, whatever the port. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a request was refused. */
export type Refusal = 'foreignHost' | 'browserOrigin' | 'unknownAccessKey' | 'expiredToken';

/**
 * The host name of a `Host` header (lower-case, brackets kept for IPv6), without the port;
 * `undefined` when the header is missing or malformed.
 */
export function hostName(header: string | undefined): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+)(?::\d{1,5})?$/iu.exec(header?.trim() ?? '');
  return match?.[1]?.toLowerCase();
}

/** True when the `Host` header names a loopback host (or one of `extraHosts`), any port. */
export function isAllowedHost(
  header: string | undefined,
  extraHosts: readonly string[] = [],
): boolean {
  const name = hostName(header);
  return name !== undefined && (LOOPBACK_HOSTS.includes(name) || extraHosts.includes(name));
}

/**
 * The access key id of a SigV4 request: the first field of `Credential=AKID/...` in the
 * Authorization header, else of the `X-Amz-Credential` query parameter (presigned URLs).
 */
export function credentialAccessKeyId(
  authorization: string | undefined,
  queryCredential?: string | null,
): string | undefined {
  const credential =
    /Credential=([^,\s]+)/u.exec(authorization ?? '')?.[1] ?? queryCredential ?? undefined;
  const accessKeyId = credential?.split('/')[0];
  return accessKeyId === undefined || accessKeyId === '' ? undefined : accessKeyId;
}

function sameKey(expected: string, offered: string | undefined): boolean {
  if (offered === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(offered, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The request facts {@link checkAccess} looks at. */
export interface AccessRequest {
  readonly host: string | undefined;
  readonly authorization: string | undefined;
  readonly queryCredential: string | null;
  /** Method and path: the unsigned SSO routes (`isSsoRoute`) need no access key. */
  readonly method?: string;
  readonly path?: string;
  /** The `Origin` header, sent by browsers on every cross-origin request and every POST. */
  readonly origin?: string | undefined;
  /** The `Sec-Fetch-Site` header (Fetch Metadata), sent by current browsers on every request. */
  readonly secFetchSite?: string | undefined;
}

/**
 * True when a request comes from a web page the sandbox did not serve: an `Origin` other than
 * the sandbox's own (`http://<Host>`) and not listed in `allowedOrigins`, or, without such an
 * allowed Origin, a `Sec-Fetch-Site` of `cross-site` or `same-site` (another port of localhost
 * is the same site). SDKs and the CLI send neither header; the SSO verification page the sandbox
 * serves posts with its own origin. This stops `no-cors` requests from any page in the user's
 * browser (which need no CORS preflight and could otherwise delete objects or resources).
 */
export function isBrowserRequestRefused(
  request: AccessRequest,
  allowedOrigins: readonly string[] = [],
): boolean {
  const origin = request.origin;
  if (origin !== undefined) {
    if (allowedOrigins.includes(origin)) return false;
    if (origin !== `http://${request.host ?? ''}`) return true;
  }
  const site = request.secFetchSite?.trim().toLowerCase();
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Why `request` must be refused under `policy`, or `undefined` when it may proceed.
 *
 * Order: foreign Host → `foreignHost`; a browser page's request → `browserOrigin`; an SSO
 * route (unsigned by design) → allowed; a key the sandbox issued → allowed while valid,
 * `expiredToken` after; else the policy's key or none.
 */
export function checkAccess(policy: AccessPolicy, request: AccessRequest): Refusal | undefined {
  if (!isAllowedHost(request.host, policy.extraHosts)) return 'foreignHost';
  if (isBrowserRequestRefused(request, policy.allowedOrigins)) return 'browserOrigin';
  const offered = credentialAccessKeyId(request.authorization, request.queryCredential);
  if (
    offered === undefined &&
    request.method !== undefined &&
    request.path !== undefined &&
    isSsoRoute(request.method, request.path)
  )
    return undefined;
  const issued = offered === undefined ? undefined : policy.issuedKeyState?.(offered);
  if (issued === 'expired') return 'expiredToken';
  if (issued === 'valid') return undefined;
  if (policy.accessKeyId !== undefined && !sameKey(policy.accessKeyId, offered)) {
    return 'unknownAccessKey';
  }
  return undefined;
}

const FOREIGN_HOST_MESSAGE =
  'The Local sandbox only answers requests addressed to 127.0.0.1, localhost or [::1].';
const UNKNOWN_KEY_MESSAGE = 'The security token included in the request is invalid.';
const EXPIRED_MESSAGE = 'The security token included in the request is expired';
const BROWSER_MESSAGE =
  'The Local sandbox does not answer requests from web pages (Origin or Sec-Fetch-Site header); list the origin in allowedOrigins to allow it.';

function jsonRefusal(code: string, message: string, contentType: string): SandboxResponse {
  return {
    status: 403,
    headers: { 'content-type': contentType, 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}

/**
 * The 403 answer to a refused request, in the protocol of `service` and with the codes AWS
 * uses for an unknown access key: `UnrecognizedClientException` (Personalize control plane,
 * runtime, events), `InvalidAccessKeyId` (S3), `InvalidClientTokenId` (STS/IAM Query). A
 * foreign Host gets `AccessDeniedException` / `AccessDenied`. An expired issued key gets
 * `ExpiredTokenException` (JSON, 403), `ExpiredToken` (S3 400, STS/IAM 403). A browser page's
 * request gets the same 403 as a foreign Host, with its own message. Never echoes the expected key.
 */
export function refusalResponse(
  refusal: Refusal,
  service: SandboxService,
  requestId: string,
  method: string,
): SandboxResponse {
  const foreign = refusal === 'foreignHost' || refusal === 'browserOrigin';
  const foreignMessage = refusal === 'browserOrigin' ? BROWSER_MESSAGE : FOREIGN_HOST_MESSAGE;
  if (refusal === 'expiredToken') {
    switch (service) {
      case 's3':
        return s3ErrorResponse(
          new S3Error('ExpiredToken', 'The provided token has expired.', 400),
          requestId,
          method === 'HEAD',
        );
      case 'sts':
      case 'iam':
        return queryErrorResponse('ExpiredToken', EXPIRED_MESSAGE, requestId, 403);
      default:
        return jsonRefusal(
          'ExpiredTokenException',
          EXPIRED_MESSAGE,
          service === 'control-plane' ? 'application/x-amz-json-1.1' : 'application/json',
        );
    }
  }
  switch (service) {
    case 'sso':
      return jsonRefusal(
        foreign ? 'AccessDeniedException' : 'UnauthorizedException',
        foreign ? foreignMessage : UNKNOWN_KEY_MESSAGE,
        'application/json',
      );
    case 'control-plane':
    case 'runtime': {
      const contentType =
        service === 'control-plane' ? 'application/x-amz-json-1.1' : 'application/json';
      return foreign
        ? jsonRefusal('AccessDeniedException', foreignMessage, contentType)
        : jsonRefusal('UnrecognizedClientException', UNKNOWN_KEY_MESSAGE, contentType);
    }
    case 's3': {
      const error = foreign
        ? new S3Error('AccessDenied', foreignMessage, 403)
        : new S3Error(
            'InvalidAccessKeyId',
            'The AWS Access Key Id you provided does not exist in our records.',
            403,
          );
      return s3ErrorResponse(error, requestId, method === 'HEAD');
    }
    case 'sts':
    case 'iam':
      return foreign
        ? queryErrorResponse('AccessDenied', foreignMessage, requestId, 403)
        : queryErrorResponse('InvalidClientTokenId', UNKNOWN_KEY_MESSAGE, requestId, 403);
  }
}
