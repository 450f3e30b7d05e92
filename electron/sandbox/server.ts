import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { checkAccess, refusalResponse, type AccessPolicy } from './access.js';
import { handleControlPlane } from './control-plane/index.js';
import { S3Error, ServiceError } from './errors.js';
import {
  headerValue,
  type SandboxRequest,
  type SandboxResponse,
  type StreamedUpload,
} from './http-types.js';
import {
  BodyTooLargeError,
  ChunkFramingError,
  FORM_BODY_LIMIT_BYTES,
  JSON_BODY_LIMIT_BYTES,
  S3_OBJECT_LIMIT_BYTES,
  S3_XML_BODY_LIMIT_BYTES,
  declaredLength,
  readBodyLimited,
  streamBodyToFile,
} from './request-body.js';
import { isAwsChunked } from './s3/aws-chunked.js';
import { isObjectUpload } from './s3/paths.js';
import { PERSONALIZE_EVENTS_OPERATIONS, PERSONALIZE_RUNTIME_OPERATIONS } from './service-model.js';
import type { FaultInjector } from './faults/faults.js';
import { queryErrorResponse } from './sts.js';
import type { Lifecycle } from './lifecycle.js';
import { parseCredentialScope, routeRequest, type SandboxService } from './router.js';
import type { RuntimeService } from './runtime.js';
import { EXTRA_RUNTIME_PATHS, handleRuntimeRoute } from './runtime-routes.js';
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
  /** Fault injection for client tests; absent (the default) injects nothing. */
  readonly faults?: FaultInjector | undefined;
}

function jsonError(error: ServiceError, contentType: string): SandboxResponse {
  return {
    status: error.httpStatus,
    headers: { 'content-type': contentType, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/**
 * Path and query of a request target exactly as sent: the path stays percent-encoded and is
 * never normalised (`/b/../x` keeps its `..`, which S3 treats as part of the key). An
 * absolute-form target (`http://host/path`) loses only its scheme and authority.
 */
export function splitRequestTarget(target: string): { rawPath: string; query: URLSearchParams } {
  const withoutAuthority = /^[a-z][a-z0-9+.-]*:\/\//iu.test(target)
    ? target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/iu, '')
    : target;
  const mark = withoutAuthority.indexOf('?');
  const pathPart = mark < 0 ? withoutAuthority : withoutAuthority.slice(0, mark);
  const queryPart = mark < 0 ? '' : withoutAuthority.slice(mark + 1);
  return { rawPath: pathPart === '' ? '/' : pathPart, query: new URLSearchParams(queryPart) };
}

const REST_OPERATION_BY_PATH: ReadonlyMap<string, string> = new Map(
  [
    ...Object.entries(PERSONALIZE_RUNTIME_OPERATIONS),
    ...Object.entries(PERSONALIZE_EVENTS_OPERATIONS),
  ].map(([name, operation]) => [operation.path, name]),
);

/** The operation name fault rules match: the control-plane or REST operation, else the service (`s3`, `sts`, ...). */
function faultOperation(
  service: SandboxService,
  target: string | undefined,
  rawPath: string,
): string {
  if (service === 'control-plane') return target?.replace(/^AmazonPersonalize\./u, '') ?? '';
  if (service === 'runtime')
    return REST_OPERATION_BY_PATH.get(rawPath.replace(/\/+$/u, '')) ?? rawPath;
  return service;
}

/**
 * The injected error answer, in the protocol of `service`: JSON `ThrottlingException` (400, SPEC
 * §1.4) or `InternalFailure` (500); S3 `SlowDown` (503) or `InternalError` (500); Query
 * `Throttling` (400) or `InternalFailure` (500). Both SDKs retry all of them.
 */
function faultResponse(
  kind: 'throttle' | 'serverError',
  service: SandboxService,
  requestId: string,
  method: string,
): SandboxResponse {
  const isThrottle = kind === 'throttle';
  switch (service) {
    case 's3':
      return s3ErrorResponse(
        isThrottle
          ? new S3Error('SlowDown', 'Please reduce your request rate.', 503)
          : new S3Error(
              'InternalError',
              'We encountered an internal error. Please try again.',
              500,
            ),
        requestId,
        method === 'HEAD',
      );
    case 'sts':
    case 'iam':
      return isThrottle
        ? queryErrorResponse('Throttling', 'Rate exceeded', requestId, 400)
        : queryErrorResponse('InternalFailure', 'Injected internal failure.', requestId, 500);
    default:
      return jsonError(
        isThrottle
          ? new ServiceError('ThrottlingException', 'Rate exceeded (injected fault).')
          : new ServiceError('InternalFailure', 'Injected internal failure.', 500),
        service === 'control-plane' ? 'application/x-amz-json-1.1' : 'application/json',
      );
  }
}

/** The cap on a request's body: in memory up to `maxBytes`, or streamed to a file (`toFile`). */
interface BodyPlan {
  readonly toFile: boolean;
  readonly maxBytes: number;
}

function bodyPlan(
  service: SandboxService,
  method: string,
  rawPath: string,
  query: URLSearchParams,
  copySource: string | undefined,
): BodyPlan {
  switch (service) {
    case 'control-plane':
    case 'runtime':
      return { toFile: false, maxBytes: JSON_BODY_LIMIT_BYTES };
    case 's3':
      return isObjectUpload(method, rawPath, query, copySource)
        ? { toFile: true, maxBytes: S3_OBJECT_LIMIT_BYTES }
        : { toFile: false, maxBytes: S3_XML_BODY_LIMIT_BYTES };
    default:
      return { toFile: false, maxBytes: FORM_BODY_LIMIT_BYTES };
  }
}

/**
 * The answer to a body over its cap, in the protocol of `service`: S3 `EntityTooLarge` (400) for
 * object bytes, `MaxMessageLengthExceeded` (400) for other S3 bodies (S3's codes); JSON
 * services HTTP 413 `RequestEntityTooLargeException` (the service documents no code for this,
 * SPEC §10; 413 is what AWS front ends answer, and neither SDK retries it); STS/IAM 413
 * `RequestEntityTooLarge` in the Query error format.
 */
function tooLargeResponse(
  service: SandboxService,
  plan: BodyPlan,
  requestId: string,
  method: string,
): SandboxResponse {
  const message = `Your request was too big: the limit is ${plan.maxBytes} bytes.`;
  switch (service) {
    case 's3':
      return s3ErrorResponse(
        plan.toFile
          ? new S3Error(
              'EntityTooLarge',
              'Your proposed upload exceeds the maximum allowed size',
              400,
            )
          : new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400),
        requestId,
        method === 'HEAD',
      );
    case 'sts':
    case 'iam':
      return queryErrorResponse('RequestEntityTooLarge', message, requestId, 413);
    default:
      return jsonError(
        new ServiceError('RequestEntityTooLargeException', message, 413),
        service === 'control-plane' ? 'application/x-amz-json-1.1' : 'application/json',
      );
  }
}

/** Content types the control plane reads as awsJson (SPEC §1.2: 1.1 required, 1.0 and plain JSON lenient). */
const JSON_CONTENT_TYPES = [
  'application/x-amz-json-1.1',
  'application/x-amz-json-1.0',
  'application/json',
];

/**
 * Refuses a control-plane body of another content type (a form post, `text/plain`) with 400
 * `UnknownOperationException`: the AWS JSON front end picks the protocol, and so the
 * operation, by content type, and answers that code when none matches (reported for
 * CloudWatch Logs in aws/aws-sdk-net#1536; SPEC §1.5). A missing content type is accepted.
 */
function checkJsonContentType(header: string | undefined): void {
  if (header === undefined) return;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!JSON_CONTENT_TYPES.includes(type)) {
    throw new ServiceError(
      'UnknownOperationException',
      `Content type ${type} is not an awsJson1_1 request; send application/x-amz-json-1.1.`,
    );
  }
}

async function dispatch(
  services: SandboxServices,
  request: SandboxRequest,
  requestId: string,
): Promise<SandboxResponse> {
  const scope = parseCredentialScope(
    headerValue(request, 'authorization'),
    request.query.get('X-Amz-Credential'),
  );
  const target = headerValue(request, 'x-amz-target');
  const service = routeRequest(scope, request.method, request.rawPath, target);
  switch (service) {
    case 'control-plane': {
      const contentType = 'application/x-amz-json-1.1';
      try {
        checkJsonContentType(headerValue(request, 'content-type'));
        const context = {
          store: services.store,
          lifecycle: services.lifecycle,
          accountId: services.accountId,
          region: request.region,
        };
        const output = await handleControlPlane(context, target, request.body.toString('utf8'));
        return {
          status: 200,
          headers: { 'content-type': contentType },
          body: JSON.stringify(output),
        };
      } catch (error) {
        if (error instanceof ServiceError) return jsonError(error, contentType);
        throw error;
      }
    }
    case 'runtime':
      try {
        const routePath = request.rawPath.replace(/\/+$/u, '');
        const bodyText = request.body.toString('utf8');
        // RuntimeService answers what it serves; the paths it does not serve (yet) fall back to the minimal routes.
        let output: Record<string, unknown>;
        try {
          output = await services.runtime.handle(routePath, bodyText);
        } catch (error) {
          if (!(
            error instanceof ServiceError &&
            error.code === 'UnknownOperationException' &&
            EXTRA_RUNTIME_PATHS.includes(routePath)
          ))
            throw error;
          output = handleRuntimeRoute(services.store, routePath, bodyText);
        }
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(output),
        };
      } catch (error) {
        if (error instanceof ServiceError) return jsonError(error, 'application/json');
        throw error;
      }
    case 's3':
      try {
        return await services.s3.handle(request);
      } catch (error) {
        if (error instanceof S3Error)
          return s3ErrorResponse(error, requestId, request.method === 'HEAD');
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

async function respond(
  response: http.ServerResponse,
  result: SandboxResponse,
  requestId: string,
): Promise<void> {
  response.statusCode = result.status;
  response.setHeader('x-amzn-RequestId', requestId);
  response.setHeader('x-amz-request-id', requestId);
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  if (result.file) {
    const stream = createReadStream(result.file.path, {
      start: result.file.start,
      end: result.file.end,
    });
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      response.on('finish', resolve);
      stream.pipe(response);
    });
    return;
  }
  const body = result.body ?? '';
  if (!response.hasHeader('content-length'))
    response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/**
 * How long the server keeps an idle keep-alive socket open, ms: above the idle time of the
 * clients' socket pools (AWS load balancers use 60 s), so that a reused socket is not closed
 * under the client's request.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Creates the sandbox's HTTP server (not yet listening): one loopback port for the control
 * plane, runtime, S3 and the STS/IAM stubs (routing in `router.ts`, on the raw request path,
 * never normalised). Every response carries `x-amzn-RequestId` (SPEC §0.3). Unexpected
 * failures answer 500 `InternalFailure`. Requests refused by `services.access` (foreign Host,
 * a browser page's Origin / Sec-Fetch-Site, unknown access key) get a 403 before their body is
 * read. Bodies are capped per protocol (`request-body.ts`); PutObject / UploadPart bytes are
 * streamed to a file in the data dir, never buffered.
 */
export function createSandboxServer(services: SandboxServices): http.Server {
  const server = http.createServer((incoming, response) => {
    const requestId = randomUUID();
    void (async () => {
      let upload: StreamedUpload | undefined;
      let uploadPath: string | undefined;
      try {
        const { rawPath, query } = splitRequestTarget(incoming.url ?? '/');
        const headers = incoming.headers;
        const method = incoming.method ?? 'GET';
        const single = (name: string): string | undefined => {
          const value = headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const authorization = single('authorization');
        const queryCredential = query.get('X-Amz-Credential');
        const scope = parseCredentialScope(authorization, queryCredential);
        const target = single('x-amz-target');
        const service = routeRequest(scope, method, rawPath, target);
        const refusal = checkAccess(services.access, {
          host: headers.host,
          authorization,
          queryCredential,
          method,
          path: rawPath,
          origin: single('origin'),
          secFetchSite: single('sec-fetch-site'),
        });
        if (refusal !== undefined) {
          incoming.resume();
          await respond(response, refusalResponse(refusal, service, requestId, method), requestId);
          return;
        }
        const plan = bodyPlan(service, method, rawPath, query, single('x-amz-copy-source'));
        const decodedLength = Number(single('x-amz-decoded-content-length') ?? Number.NaN);
        const announced = Number.isSafeInteger(decodedLength)
          ? decodedLength
          : declaredLength(incoming);
        const refuseTooLarge = async (): Promise<void> => {
          // The rest of the body is drained (never kept) so that the client can read the answer.
          incoming.resume();
          response.setHeader('connection', 'close');
          await respond(response, tooLargeResponse(service, plan, requestId, method), requestId);
        };
        if (announced !== undefined && announced > plan.maxBytes) {
          await refuseTooLarge();
          return;
        }
        let body: Buffer = Buffer.alloc(0);
        try {
          if (plan.toFile) {
            uploadPath = services.s3.incomingPath();
            upload = await streamBodyToFile(
              incoming,
              uploadPath,
              isAwsChunked(headers),
              plan.maxBytes,
            );
          } else {
            body = await readBodyLimited(incoming, plan.maxBytes);
          }
        } catch (error) {
          if (error instanceof BodyTooLargeError) {
            await refuseTooLarge();
            return;
          }
          if (error instanceof ChunkFramingError) {
            await respond(
              response,
              s3ErrorResponse(new S3Error('IncompleteBody', error.message, 400), requestId, false),
              requestId,
            );
            return;
          }
          throw error;
        }
        const fault = services.faults?.decide(faultOperation(service, target, rawPath)) ?? {
          kind: 'none',
        };
        if (fault.kind === 'drop') {
          incoming.socket.destroy();
          return;
        }
        if (fault.kind === 'throttle' || fault.kind === 'serverError') {
          await respond(response, faultResponse(fault.kind, service, requestId, method), requestId);
          return;
        }
        if (fault.kind === 'slow')
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        const request: SandboxRequest = {
          method,
          rawPath,
          query,
          headers,
          body,
          ...(upload !== undefined ? { upload } : {}),
          region: scope?.region ?? services.defaultRegion,
        };
        await respond(response, await dispatch(services, request, requestId), requestId);
      } catch (error) {
        console.error('sandbox: request failed', error);
        if (response.headersSent || incoming.destroyed) {
          response.destroy();
          return;
        }
        const failure = new ServiceError(
          'InternalFailure',
          error instanceof Error ? error.message : String(error),
          500,
        );
        await respond(response, jsonError(failure, 'application/json'), requestId);
      } finally {
        // A streamed body the handler did not move into place (an error, a missing bucket) goes.
        if (uploadPath !== undefined) await rm(uploadPath, { force: true });
      }
    })();
  });
  // Node closes an idle keep-alive socket after 5 s; a client that reuses it at that moment
  // (the SDK's agent keeps sockets with no idle limit) gets ECONNRESET under load (issue 8
  // item 7). Idle sockets stay open longer than clients keep them; headers must time out later.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  return server;
}
