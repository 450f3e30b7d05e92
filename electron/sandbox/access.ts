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
import { queryErrorResponse } from './sts.js';

/** What {@link checkAccess} enforces. */
export interface AccessPolicy {
  /** The access key id every request must carry; `undefined` accepts any (or none). */
  readonly accessKeyId?: string | undefined;
  /** Host names (lower-case, IPv6 in brackets, no port) accepted besides the loopback ones. */
  readonly extraHosts?: readonly string[];
}

/** Host names a loopback listener answers to, whatever the port. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a request was refused. */
export type Refusal = 'foreignHost' | 'unknownAccessKey';

/**
 * The host name of a `Host` header (lower-case, brackets kept for IPv6), without the port;
 * `undefined` when the header is missing or malformed.
 */
export function hostName(header: string | undefined): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+)(?::\d{1,5})?$/iu.exec(header?.trim() ?? '');
  return match?.[1]?.toLowerCase();
}

/** True when the `Host` header names a loopback host (or one of `extraHosts`), any port. */
export function isAllowedHost(header: string | undefined, extraHosts: readonly string[] = []): boolean {
  const name = hostName(header);
  return name !== undefined && (LOOPBACK_HOSTS.includes(name) || extraHosts.includes(name));
}

/**
 * The access key id of a SigV4 request: the first field of `Credential=AKID/...` in the
 * Authorization header, else of the `X-Amz-Credential` query parameter (presigned URLs).
 */
export function credentialAccessKeyId(authorization: string | undefined, queryCredential?: string | null): string | undefined {
  const credential = /Credential=([^,\s]+)/u.exec(authorization ?? '')?.[1] ?? queryCredential ?? undefined;
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
}

/** Why `request` must be refused under `policy`, or `undefined` when it may proceed. */
export function checkAccess(policy: AccessPolicy, request: AccessRequest): Refusal | undefined {
  if (!isAllowedHost(request.host, policy.extraHosts)) return 'foreignHost';
  if (policy.accessKeyId !== undefined && !sameKey(policy.accessKeyId, credentialAccessKeyId(request.authorization, request.queryCredential))) {
    return 'unknownAccessKey';
  }
  return undefined;
}

const FOREIGN_HOST_MESSAGE = 'The Local sandbox only answers requests addressed to 127.0.0.1, localhost or [::1].';
const UNKNOWN_KEY_MESSAGE = 'The security token included in the request is invalid.';

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
 * foreign Host gets `AccessDeniedException` / `AccessDenied`. Never echoes the expected key.
 */
export function refusalResponse(refusal: Refusal, service: SandboxService, requestId: string, method: string): SandboxResponse {
  const foreign = refusal === 'foreignHost';
  switch (service) {
    case 'control-plane':
    case 'runtime': {
      const contentType = service === 'control-plane' ? 'application/x-amz-json-1.1' : 'application/json';
      return foreign ? jsonRefusal('AccessDeniedException', FOREIGN_HOST_MESSAGE, contentType) : jsonRefusal('UnrecognizedClientException', UNKNOWN_KEY_MESSAGE, contentType);
    }
    case 's3': {
      const error = foreign
        ? new S3Error('AccessDenied', FOREIGN_HOST_MESSAGE, 403)
        : new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
      return s3ErrorResponse(error, requestId, method === 'HEAD');
    }
    case 'sts':
    case 'iam':
      return foreign ? queryErrorResponse('AccessDenied', FOREIGN_HOST_MESSAGE, requestId, 403) : queryErrorResponse('InvalidClientTokenId', UNKNOWN_KEY_MESSAGE, requestId, 403);
  }
}
