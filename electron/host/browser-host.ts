import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { StudioApp } from '../core/app/studio-app.js';
import { bindHandlers, failure, type Invoke } from './bind-handlers.js';
import { rendererContentSecurityPolicy } from './csp.js';
import { guardFileAccess } from './file-access.js';
import { browserHostHandlers } from './host-handlers.js';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guards.js';
import { resolveRendererFile } from './static-files.js';

/** Largest accepted request body, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Interval of the SSE keep-alive comment, in milliseconds. */
export const SSE_KEEPALIVE_MS = 15_000;
/** How long a launch code of {@link BrowserHost.createLaunchUrl} stays valid, in milliseconds. */
export const LAUNCH_CODE_TTL_MS = 120_000;
/** The only address the browser host listens on. */
export const BROWSER_HOST_ADDRESS = '127.0.0.1';

/** Options of {@link startBrowserHost}. */
export interface BrowserHostOptions {
  readonly app: StudioApp;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** The built renderer (`dist/renderer`). */
  readonly rendererDir: string;
  /** Version reported by `app.info`; defaults to `0.0.0`. */
  readonly version?: string;
  /** The studio's data dir: the file guards never read or list it (guardFileAccess). */
  readonly userDataDir?: string;
  /** Clock for launch-code expiry (tests); defaults to `Date.now`. */
  readonly now?: () => number;
}

/** A running browser host. */
export interface BrowserHost {
  /**
   * `http://127.0.0.1:PORT/?token=…`: the page with the secret token. Hand it to a browser
   * in-process (tests) or print it to the user's terminal; never put it on a command line.
   */
  readonly url: string;
  readonly port: number;
  /** The address the server listens on (always {@link BROWSER_HOST_ADDRESS}). */
  readonly address: string;
  /**
   * Mints a one-time launch URL `http://127.0.0.1:PORT/launch?code=…` that is safe to pass to a
   * browser-opening command (visible in the process list): the first GET of it, within
   * {@link LAUNCH_CODE_TTL_MS}, redirects to {@link url}; any later or late use is refused.
   */
  createLaunchUrl(): string;
  /** Per-run random token (hex, 256 bits). Never log it. */
  readonly token: string;
  /** Stops listening, ends event streams and open connections. Does not dispose the app. */
  close(): Promise<void>;
}

/** Headers of every response (SECURITY.md §7). */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(response: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Over the limit, keep draining (so the 413 can still be sent) but stop buffering.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

async function handleInvoke(
  request: IncomingMessage,
  response: ServerResponse,
  channelSegment: string,
  invoke: Invoke,
  token: string,
): Promise<void> {
  if (request.method !== 'POST')
    return sendJson(response, 405, failure('input.invalid', 'Use POST for /api/invoke.'));
  if (!tokenMatches(bearerToken(request.headers.authorization), token)) {
    return sendJson(
      response,
      401,
      failure('ipc.untrustedSender', 'Missing or wrong token. Open the URL printed at start-up.'),
    );
  }
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) {
    return sendJson(response, 415, failure('input.invalid', 'Send the input as application/json.'));
  }
  const body = await readBody(request);
  if (body === undefined)
    return sendJson(
      response,
      413,
      failure('input.invalid', `Request body over ${MAX_BODY_BYTES} bytes.`),
    );
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch (error) {
      return sendJson(
        response,
        400,
        failure(
          'input.invalid',
          `Body is not JSON: ${error instanceof Error ? error.message : 'parse error'}`,
        ),
      );
    }
  }
  let channel: string;
  try {
    channel = decodeURIComponent(channelSegment);
  } catch (error) {
    return sendJson(
      response,
      404,
      failure(
        'ipc.unknownChannel',
        `Undecodable channel name (${error instanceof Error ? error.name : 'error'}).`,
      ),
    );
  }
  const envelope = await invoke(channel, input);
  sendJson(
    response,
    envelope.ok || envelope.error.code !== 'ipc.unknownChannel' ? 200 : 404,
    envelope,
  );
}

function handleEvents(
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  app: StudioApp,
  token: string,
  streams: Set<() => void>,
): void {
  if (request.method !== 'GET')
    return sendJson(response, 405, failure('input.invalid', 'Use GET for /api/events.'));
  if (!tokenMatches(query.get('token'), token)) {
    return sendJson(
      response,
      401,
      failure('ipc.untrustedSender', 'Missing or wrong token. Open the URL printed at start-up.'),
    );
  }
  response.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribe = app.onEvent((name, payload) => {
    response.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
  const end = (): void => {
    clearInterval(keepAlive);
    unsubscribe();
    streams.delete(end);
    if (!response.writableEnded) response.end();
  };
  streams.add(end);
  request.on('close', end);
}

function handleLaunch(
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  redeem: (code: string) => boolean,
  tokenPath: string,
): void {
  const headers = {
    ...COMMON_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
  };
  if (request.method !== 'GET') {
    response.writeHead(405, { ...headers, Allow: 'GET' }).end('Use GET.\n');
    return;
  }
  const code = query.get('code');
  if (code === null || !redeem(code)) {
    response
      .writeHead(401, headers)
      .end(
        'This launch link was already used or has expired. Open the address printed in the terminal, or restart the studio.\n',
      );
    return;
  }
  response.writeHead(303, { ...headers, Location: tokenPath }).end();
}

/**
 * One line for a failed `listen`: a busy port names the fix instead of a stack trace.
 * Other errors keep their message.
 */
export function describeListenError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${port} on ${BROWSER_HOST_ADDRESS} is already in use: stop the program using it, or set POC_STUDIO_PORT to a free port (or leave it unset to pick one at random).`;
  }
  if (code === 'EACCES')
    return `Port ${port} on ${BROWSER_HOST_ADDRESS} needs privileges: set POC_STUDIO_PORT to a port above 1023, or leave it unset.`;
  return `The browser host could not listen on ${BROWSER_HOST_ADDRESS}:${port}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A failed start of the browser host, with a one-line {@link describeListenError} message. */
export class BrowserHostListenError extends Error {
  /** The port that was asked for. */
  readonly port: number;

  constructor(port: number, cause: unknown) {
    super(describeListenError(cause, port), { cause });
    this.name = 'BrowserHostListenError';
    this.port = port;
  }
}

async function handleStatic(
  request: IncomingMessage,
  response: ServerResponse,
  rawPath: string,
  rendererDir: string,
  csp: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  let resolved = await resolveRendererFile(rendererDir, rawPath);
  // Client-side routes (no file extension) fall back to the app shell.
  if (resolved.kind === 'notFound' && path.extname(rawPath) === '')
    resolved = await resolveRendererFile(rendererDir, '/');
  if (resolved.kind === 'refused') {
    response
      .writeHead(403, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Forbidden path.\n');
    return;
  }
  if (resolved.kind === 'notFound' && rawPath === '/favicon.ico') {
    // Browsers ask for it on their own; answering 204 keeps the console free of 404s.
    response.writeHead(204, COMMON_HEADERS).end();
    return;
  }
  if (resolved.kind === 'notFound') {
    response
      .writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Not found.\n');
    return;
  }
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    'Content-Type': resolved.contentType,
  };
  if (resolved.isHtml) {
    headers['Content-Security-Policy'] = csp;
    headers['Cache-Control'] = 'no-store';
  }
  response.writeHead(200, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(resolved.filePath)
    .on('error', (error) => {
      console.error(`[browser-host] reading ${resolved.filePath} failed: ${error.message}`);
      response.destroy(error);
    })
    .pipe(response);
}

/**
 * Serves the studio to a plain browser over loopback HTTP (SECURITY.md §7).
 *
 * Listens on 127.0.0.1 only, on `port` (0: a random free one). Routes: `GET /launch?code=…`
 * (one-time launch code → redirect to the page with the token), `POST /api/invoke/<channel>` (header
 * `Authorization: Bearer <token>`, JSON body → envelope JSON), `GET /api/events?token=…`
 * (server-sent events, each `data:` a JSON `{name, payload}` from `app.onEvent`), and the
 * built renderer's files (`/` → index.html, CSP on HTML). Every request must carry a
 * loopback `Host` with our port and, when present, one of our origins. Binds the app's core
 * handlers plus the browser host channels; fails when a contract channel has no handler.
 *
 * @throws BrowserHostListenError when the port is busy or cannot be bound (one-line message).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  const token = randomBytes(32).toString('hex');
  const invoke = bindHandlers(
    guardFileAccess(
      { ...app.handlers, ...browserHostHandlers(options.version ?? '0.0.0') },
      { userDataDir: options.userDataDir },
    ),
  );
  const csp = rendererContentSecurityPolicy("'self'");
  const rendererDir = path.resolve(options.rendererDir);
  const streams = new Set<() => void>();
  const now = options.now ?? Date.now;
  // Launch code → expiry (ms since epoch); each code is deleted when redeemed.
  const launchCodes = new Map<string, number>();
  const redeem = (code: string): boolean => {
    const expiresAtMs = launchCodes.get(code);
    launchCodes.delete(code);
    for (const [other, otherExpiry] of launchCodes)
      if (otherExpiry <= now()) launchCodes.delete(other);
    return expiresAtMs !== undefined && now() < expiresAtMs;
  };
  let port = 0;

  const server = createServer((request, response) => {
    const rawUrl = request.url ?? '/';
    const queryIndex = rawUrl.indexOf('?');
    const rawPath = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
    const query = new URLSearchParams(queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1));
    const route = async (): Promise<void> => {
      if (!isAllowedHost(request.headers.host, port)) {
        return sendJson(
          response,
          403,
          failure('ipc.untrustedSender', 'Host header is not this loopback server.'),
        );
      }
      if (!isAllowedOrigin(request.headers.origin, port)) {
        return sendJson(
          response,
          403,
          failure('ipc.untrustedSender', 'Origin is not this studio.'),
        );
      }
      if (rawPath.startsWith('/api/invoke/'))
        return handleInvoke(request, response, rawPath.slice('/api/invoke/'.length), invoke, token);
      if (rawPath === '/api/events')
        return handleEvents(request, response, query, app, token, streams);
      if (rawPath === '/launch')
        return handleLaunch(request, response, query, redeem, `/?token=${token}`);
      if (rawPath === '/api' || rawPath.startsWith('/api/'))
        return sendJson(response, 404, failure('ipc.unknownChannel', 'No such API route.'));
      return handleStatic(request, response, rawPath, rendererDir, csp);
    };
    route().catch((error: unknown) => {
      // Log the path only: the query may carry the token.
      console.error(
        `[browser-host] ${request.method ?? '?'} ${rawPath} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent)
        sendJson(response, 500, failure('internal', 'The browser host failed to answer.'));
      else response.destroy();
    });
  });

  const requestedPort = options.port ?? 0;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(requestedPort, BROWSER_HOST_ADDRESS, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new BrowserHostListenError(requestedPort, error);
  }
  const bound = server.address() as AddressInfo;
  port = bound.port;
  const origin = `http://${BROWSER_HOST_ADDRESS}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    port,
    address: bound.address,
    token,
    createLaunchUrl: () => {
      const code = randomBytes(24).toString('hex');
      launchCodes.set(code, now() + LAUNCH_CODE_TTL_MS);
      return `${origin}/launch?code=${code}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const end of [...streams]) end();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
