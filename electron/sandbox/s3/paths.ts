/**
 * Bucket and key of a path-style S3 request, taken from the raw request target before any
 * path normalisation: `/bucket/../other` names key `../other` in `bucket`, as in S3, never
 * the bucket `other` (S3 keys are opaque strings; only the first `/` separates bucket and key).
 */
import { S3Error } from '../errors.js';

/** Longest key S3 accepts: 1,024 bytes of UTF-8 ("Creating object key names", S3 User Guide). */
export const MAX_KEY_BYTES = 1024;

const BUCKET_CHARS = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u;
const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * True for a name that follows S3's general-purpose bucket naming rules ("Bucket naming rules",
 * S3 User Guide): 3-63 characters of lower-case letters, digits, dots and hyphens, starting and
 * ending with a letter or digit, no two adjacent dots, not formatted as an IP address, none of
 * the reserved prefixes (`xn--`, `sthree-`, `amzn-s3-demo-`) or suffixes (`-s3alias`, `--ol-s3`,
 * `.mrap`, `--x-s3`, `--table-s3`).
 */
export function isValidBucketName(name: string): boolean {
  if (!BUCKET_CHARS.test(name) || name.includes('..') || IPV4_LIKE.test(name)) return false;
  return (
    !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}

/** `InvalidBucketName` (400), as S3 answers a name that breaks the naming rules. */
export function invalidBucketName(bucket: string): S3Error {
  return new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, `/${bucket}`);
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

/**
 * Splits a raw (still percent-encoded, never normalised) path into bucket and key.
 *
 * `/` → no bucket (ListBuckets); `/b` or `/b/` → bucket `b`, key `''`; `/b/k/../x` → key
 * `k/../x`. Leading slashes beyond the first belong to nothing (S3 clients never send them).
 *
 * @throws S3Error `InvalidURI` (400) for broken percent-encoding, `InvalidBucketName` (400) for
 *   a bucket that breaks the naming rules (so `..` or `.` can never name a folder),
 *   `KeyTooLongError` (400) for a key over {@link MAX_KEY_BYTES} bytes.
 */
export function parseS3Path(rawPath: string): { bucket: string; key: string } {
  const trimmed = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const slash = trimmed.indexOf('/');
  const bucket = decodeSegment(slash < 0 ? trimmed : trimmed.slice(0, slash));
  const key = slash < 0 ? '' : decodeSegment(trimmed.slice(slash + 1));
  if (bucket === '') {
    if (key !== '') throw invalidBucketName(bucket);
    return { bucket, key };
  }
  if (!isValidBucketName(bucket)) throw invalidBucketName(bucket);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, `/${bucket}`);
  return { bucket, key };
}

/**
 * True for the requests whose body is object bytes and is streamed to disk: PutObject (a `PUT`
 * on a key without `x-amz-copy-source` or a sub-resource) and UploadPart (`PUT ?uploadId`).
 */
export function isObjectUpload(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  copySource: string | undefined,
): boolean {
  if (method !== 'PUT' || copySource !== undefined) return false;
  const trimmed = rawPath.replace(/^\/+/u, '');
  const slash = trimmed.indexOf('/');
  if (slash < 0 || slash === trimmed.length - 1) return false;
  if (query.has('uploadId')) return true;
  return [...query.keys()].every((name) => name.startsWith('x-') || name.startsWith('X-'));
}
