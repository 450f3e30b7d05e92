import { XMLParser } from 'fast-xml-parser';
import type { S3Error } from '../errors.js';
import type { SandboxResponse } from '../http-types.js';

/** Escapes text for XML element content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/gu,
    (char) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char,
  );
}

/** ISO-8601 with milliseconds, S3's timestamp form in XML bodies. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** An S3 XML response (`application/xml`) with the standard declaration. */
export function xmlResponse(
  body: string,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

/** `<Error><Code/><Message/><Resource/><RequestId/></Error>` with the error's HTTP status; HEAD gets no body. */
export function s3ErrorResponse(
  error: S3Error,
  requestId: string,
  isHead: boolean,
): SandboxResponse {
  if (isHead) return { status: error.httpStatus, headers: { 'x-amz-error-code': error.code } };
  const resource =
    error.resource !== undefined ? `<Resource>${escapeXml(error.resource)}</Resource>` : '';
  return xmlResponse(
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${resource}<RequestId>${requestId}</RequestId></Error>`,
    error.httpStatus,
  );
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Part' || name === 'Object',
});

/** Parses an XML request body into plain objects (`Part` and `Object` are always arrays). */
export function parseXml(body: Buffer): Record<string, unknown> {
  return parser.parse(body.toString('utf8')) as Record<string, unknown>;
}
