import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors.js';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js';

describe('aws-chunked', () => {
  it('detects the encoding from headers', () => {
    expect(isAwsChunked({ 'content-encoding': 'aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(
      true,
    );
    expect(isAwsChunked({ 'content-encoding': 'gzip' })).toBe(false);
  });

  it('decodes chunks and drops signatures and trailing checksums', () => {
    const body = Buffer.from(
      '5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    );
    expect(decodeAwsChunked(body).toString()).toBe('hello world');
  });

  it('rejects truncated framing with IncompleteBody', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nshort'))).toThrow(S3Error);
  });
});
