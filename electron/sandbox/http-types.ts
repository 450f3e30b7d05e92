/** A request as the protocol handlers see it: body fully read, headers lower-case. */
export interface SandboxRequest {
  readonly method: string;
  /** Path without the query string, still percent-encoded. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** Region from the SigV4 credential scope, or the configured default (SPEC §0.3). */
  readonly region: string;
}

/** A response to write; `file` streams a byte range of a file (inclusive `end`). */
export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly file?: { readonly path: string; readonly start: number; readonly end: number };
}

/** First value of a header, if any. */
export function headerValue(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
