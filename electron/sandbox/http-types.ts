/** An object upload streamed to a temp file in the data dir (PutObject, UploadPart): size, MD5 of the decoded bytes. */
export interface StreamedUpload {
  readonly path: string;
  readonly sizeBytes: number;
  readonly md5: Buffer;
}

/**
 * A request as the protocol handlers see it: headers lower-case, body fully read into `body`,
 * except object uploads, whose decoded bytes are in `upload` (and `body` is empty).
 */
export interface SandboxRequest {
  readonly method: string;
  /** Path without the query string, still percent-encoded. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** PutObject / UploadPart bytes, already decoded from `aws-chunked`; the server removes the file afterwards. */
  readonly upload?: StreamedUpload;
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
