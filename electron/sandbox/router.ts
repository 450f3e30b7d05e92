import { isSsoRoute } from './sso/routes.js';

/** Which protocol handler serves a request (`sso`: the unsigned SSO OIDC / portal routes and the verification page). */
export type SandboxService = 'control-plane' | 'runtime' | 's3' | 'sts' | 'iam' | 'sso';

/** REST paths of the runtime and events APIs (SPEC §1.3). */
export const RUNTIME_PATHS: readonly string[] = [
  '/recommendations',
  '/personalize-ranking',
  '/action-recommendations',
  '/events',
  '/items',
  '/users',
  '/actions',
  '/action-interactions',
];

/** Region and service of a SigV4 `Authorization` header's credential scope (SPEC §1.6). */
export interface CredentialScope {
  readonly region: string;
  readonly service: string;
}

/**
 * Parses `Credential=AKID/yyyymmdd/region/service/aws4_request` out of an Authorization header
 * (or the `X-Amz-Credential` query parameter of a presigned URL). Signatures are never checked.
 */
export function parseCredentialScope(
  authorization: string | undefined,
  queryCredential?: string | null,
): CredentialScope | undefined {
  const credential =
    /Credential=([^,\s]+)/u.exec(authorization ?? '')?.[1] ?? queryCredential ?? undefined;
  if (credential === undefined) return undefined;
  const parts = credential.split('/');
  if (parts.length < 5) return undefined;
  const region = parts[parts.length - 3];
  const service = parts[parts.length - 2];
  if (region === undefined || service === undefined || region === '' || service === '')
    return undefined;
  return { region, service };
}

function normalisedPath(rawPath: string): string {
  return rawPath.length > 1 ? rawPath.replace(/\/+$/u, '') : rawPath;
}

/**
 * Picks the handler of a request, like LocalStack: by the signing service of the credential
 * scope (`personalize` covers control plane, runtime and events; `s3`; `sts`; `iam`), with
 * heuristics for unsigned requests (X-Amz-Target → control plane; a runtime path → runtime;
 * an SSO OIDC / portal path → sso; otherwise S3). SPEC §1.1 "Single-port dispatch".
 */
export function routeRequest(
  scope: CredentialScope | undefined,
  method: string,
  rawPath: string,
  target: string | undefined,
): SandboxService {
  const isRuntimePath = method === 'POST' && RUNTIME_PATHS.includes(normalisedPath(rawPath));
  switch (scope?.service) {
    case 'personalize':
      return target !== undefined || !isRuntimePath ? 'control-plane' : 'runtime';
    case 's3':
      return 's3';
    case 'sts':
      return 'sts';
    case 'iam':
      return 'iam';
    default:
      if (target !== undefined) return 'control-plane';
      if (isRuntimePath) return 'runtime';
      if (isSsoRoute(method, rawPath)) return 'sso';
      return 's3';
  }
}
