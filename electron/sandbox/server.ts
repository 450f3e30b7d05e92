import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { checkAccess, refusalResponse, type AccessPolicy } from './access.js';
import { handleControlPlane } from './control-plane/index.js';
import { S3Error, ServiceError } from './errors.js';
import { headerValue, type SandboxRequest, type SandboxResponse } from './http-types.js';
import type { Lifecycle } from './lifecycle.js';
import { parseCredentialScope, routeRequest } from './router.js';
import type { RuntimeService } from './runtime.js';
import type { IamHandler } from './iam/handler.js';
import type { S3Handler } from './s3/handler.js';
import { s3ErrorResponse } from './s3/xml.js';
import type { SandboxStore } from './store.js';
import { handleSso } from './sso/routes.js';
import { handleSts } from './sts/handler.js';
import type { IdentityStore } from './sts/identity-store.js';

/** Everything the HTTP front needs to answer requests. */
export interface SandboxServices {
  readonly store: SandboxStore;
  readonly lifecycle: Lifecycle;
  readonly runtime: RuntimeService;
  readonly s3: S3Handler;
  /** IAM roles (Query protocol), persisted in the state folder. */
  readonly iam: IamHandler;
  readonly accountId: string;
  readonly defaultRegion: string;
  /** Host and access key checks applied before any handler runs. */
  readonly access: AccessPolicy;
  /** Credentials and SSO tokens issued by the STS / SSO fakes. */
  readonly identity: IdentityStore;
}

function jsonError(error: ServiceError, contentType: string): SandboxResponse {
  return {
    status: error.httpStatus,
    headers: { 'content-type': contentType, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function dispatch(services: SandboxServices, request: SandboxRequest, requestId: string): Promise<SandboxResponse> {
  const scope = parseCredentialScope(headerValue(request, 'authorization'), request.query.get('X-Amz-Credential'));
  const target = headerValue(request, 'x-amz-target');
  const service = routeRequest(scope, request.method, request.rawPath, target);
  switch (service) {
    case 'control-plane': {
      const contentType = 'application/x-amz-json-1.1';
      try {
        const context = { store: services.store, lifecycle: services.lifecycle, accountId: services.accountId, region: request.region };
        const output = await handleControlPlane(context, target, request.body.toString('utf8'));
        return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(output) };
      } catch (error) {
        if (error instanceof ServiceError) return jsonError(error, contentType);
        throw error;
      }
    }
    case 'runtime':
      try {
        const output = await services.runtime.handle(request.rawPath.replace(/\/+$/u, ''), request.body.toString('utf8'));
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(output) };
      } catch (error) {
        if (error instanceof ServiceError) return jsonError(error, 'application/json');
        throw error;
      }
    case 's3':
      try {
        return await services.s3.handle(request);
      } catch (error) {
        if (error instanceof S3Error) return s3ErrorResponse(error, requestId, request.method === 'HEAD');
        throw error;
      }
    case 'sts':
      return handleSts(request, services.identity, services.accountId, requestId);
    case 'sso':
      return handleSso(request, services.identity);
    case 'iam':
      return services.iam.handle(request, requestId);
  }
}

async function respond(response: http.ServerResponse, result: SandboxResponse, requestId: string): Promise<void> {
  response.statusCode = result.status;
  response.setHeader('x-amzn-RequestId', requestId);
  response.setHeader('x-amz-request-id', requestId);
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  if (result.file) {
    const stream = createReadStream(result.file.path, { start: result.file.start, end: result.file.end });
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      response.on('finish', resolve);
      stream.pipe(response);
    });
    return;
  }
  const body = result.body ?? '';
  if (!response.hasHeader('content-length')) response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/**
 * Creates the sandbox's HTTP server (not yet listening): one loopback port for the control
 * plane, runtime, S3 and the STS/IAM stubs (routing in `router.ts`). Every response carries
 * `x-amzn-RequestId` (SPEC §0.3). Unexpected failures answer 500 `InternalFailure`. Requests
 * refused by `services.access` (foreign Host, unknown access key) get a 403 before their body is read.
 */
export function createSandboxServer(services: SandboxServices): http.Server {
  return http.createServer((incoming, response) => {
    const requestId = randomUUID();
    void (async () => {
      try {
        const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
        const headers = incoming.headers;
        const method = incoming.method ?? 'GET';
        const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
        const queryCredential = url.searchParams.get('X-Amz-Credential');
        const scope = parseCredentialScope(authorization, queryCredential);
        const refusal = checkAccess(services.access, { host: headers.host, authorization, queryCredential, method, path: url.pathname });
        if (refusal !== undefined) {
          incoming.resume();
          const target = typeof headers['x-amz-target'] === 'string' ? headers['x-amz-target'] : undefined;
          await respond(response, refusalResponse(refusal, routeRequest(scope, method, url.pathname, target), requestId, method), requestId);
          return;
        }
        const body = await readBody(incoming);
        const request: SandboxRequest = {
          method,
          rawPath: url.pathname,
          query: url.searchParams,
          headers,
          body,
          region: scope?.region ?? services.defaultRegion,
        };
        await respond(response, await dispatch(services, request, requestId), requestId);
      } catch (error) {
        console.error('sandbox: request failed', error);
        if (response.headersSent) {
          response.destroy();
          return;
        }
        const failure = new ServiceError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
        await respond(response, jsonError(failure, 'application/json'), requestId);
      }
    })();
  });
}
