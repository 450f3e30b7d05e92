import { S3Error } from '../errors.js';

/**
 * True when a request body uses the `aws-chunked` encoding of SigV4 streaming uploads
 * (`content-encoding: aws-chunked` or `x-amz-content-sha256: STREAMING-...`).
 */
export function isAwsChunked(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): boolean {
  const encoding = headers['content-encoding'];
  const sha = headers['x-amz-content-sha256'];
  return (
    (typeof encoding === 'string' &&
      encoding.split(',').some((part) => part.trim() === 'aws-chunked')) ||
    (typeof sha === 'string' && sha.startsWith('STREAMING-'))
  );
}

/**
 * Decodes an `aws-chunked` body: `<hex size>[;chunk-signature=..]\r\n<bytes>\r\n` repeated, a
 * zero-size chunk, then optional trailer headers (`x-amz-checksum-crc32:...`), which are dropped.
 *
 * @throws S3Error `IncompleteBody` (400) when the framing is broken.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new S3Error('IncompleteBody', 'The aws-chunked body is truncated.', 400);
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const size = Number.parseInt(header.split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size < 0)
      throw new S3Error(
        'IncompleteBody',
        `Bad aws-chunked chunk header: ${header.slice(0, 40)}`,
        400,
      );
    const start = lineEnd + 2;
    if (size === 0) break;
    if (start + size > body.length)
      throw new S3Error('IncompleteBody', 'The aws-chunked body is truncated.', 400);
    chunks.push(body.subarray(start, start + size));
    offset = start + size;
    if (body.subarray(offset, offset + 2).toString('latin1') === '\r\n') offset += 2;
  }
  return Buffer.concat(chunks);
}
