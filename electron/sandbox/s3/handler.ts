import { S3Error } from '../errors.js';
import {
  headerValue,
  type SandboxRequest,
  type SandboxResponse,
  type StreamedUpload,
} from '../http-types.js';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js';
import { MultipartUploads } from './multipart.js';
import { parseS3Path } from './paths.js';
import type { ObjectExtras, ObjectMeta, ObjectStore, S3Tag } from './object-store.js';
import {
  assertKnownSubresources,
  bucketRegion,
  handleBucketSubresource,
  parseTagging,
  parseTaggingHeader,
  taggingResponse,
  validateTags,
} from './subresources.js';
import { escapeXml, isoTime, parseXml, xmlResponse } from './xml.js';

/** Owner reported in ListBuckets/ListObjects (the sandbox has one account). */
const OWNER_ID = 'sandbox-owner';

function objectBody(request: SandboxRequest): Buffer {
  return isAwsChunked(request.headers) ? decodeAwsChunked(request.body) : request.body;
}

/** The uploaded object bytes: the streamed file, or (callers other than the server) the in-memory body. */
function uploadOf(request: SandboxRequest): StreamedUpload | Buffer {
  return request.upload ?? objectBody(request);
}

function methodNotAllowed(): S3Error {
  return new S3Error(
    'MethodNotAllowed',
    'The specified method is not allowed against this resource.',
    405,
  );
}

/** User metadata of a request: `x-amz-meta-<name>` headers, names lower-case without the prefix. */
function userMetadata(request: SandboxRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return metadata;
}

/** Tags of the `x-amz-tagging` header (PutObject, CopyObject with REPLACE), checked as S3 does. */
function headerTags(request: SandboxRequest): S3Tag[] | undefined {
  const header = headerValue(request, 'x-amz-tagging');
  if (header === undefined) return undefined;
  const tags = parseTaggingHeader(header);
  validateTags(tags, 10);
  return tags;
}

/**
 * The bucket and key of `x-amz-copy-source` (`[/]bucket/key[?versionId=..]`, URL-encoded).
 *
 * @throws S3Error `InvalidArgument` (400) when it names no bucket and key.
 */
function parseCopySource(header: string): { bucket: string; key: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(header.split('?')[0] ?? '');
  } catch {
    decoded = '';
  }
  const trimmed = decoded.replace(/^\/+/u, '');
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new S3Error(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      400,
    );
  }
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1) };
}

function objectHeaders(meta: ObjectMeta): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(meta.metadata ?? {}))
    headers[`x-amz-meta-${name}`] = value;
  if (meta.tags !== undefined && meta.tags.length > 0)
    headers['x-amz-tagging-count'] = String(meta.tags.length);
  return headers;
}

function parseRange(
  header: string | undefined,
  sizeBytes: number,
): { start: number; end: number } | undefined {
  const match = header !== undefined ? /^bytes=(\d*)-(\d*)$/u.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  const start = from === '' ? Math.max(0, sizeBytes - Number(to)) : Number(from);
  const end = from === '' || to === '' ? sizeBytes - 1 : Math.min(Number(to), sizeBytes - 1);
  if (start >= sizeBytes || start > end)
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416);
  return { start, end };
}

/**
 * The S3 subset the app uses, path-style (`/bucket/key`): buckets (with their LocationConstraint,
 * `?location`, `?policy`, `?tagging`, `?publicAccessBlock`, `?encryption`), objects (with user
 * metadata, `?tagging`, CopyObject), DeleteObjects, ListObjectsV2 and multipart upload. Any
 * other sub-resource answers 501 `NotImplemented` rather than reaching a bucket or object
 * operation. Errors are thrown as {@link S3Error} (XML by the server).
 */
export class S3Handler {
  private readonly multipart: MultipartUploads;

  /** Serves the given object store. */
  constructor(private readonly store: ObjectStore) {
    this.multipart = new MultipartUploads(store);
  }

  /** A fresh temp path in the data dir for an object upload being received (see `ObjectStore.incomingPath`). */
  incomingPath(): string {
    return this.store.incomingPath();
  }

  /**
   * Handles one S3 request.
   *
   * The bucket and key come from the raw path ({@link parseS3Path}: never normalised, names
   * checked as S3 does); PutObject and UploadPart bytes arrive streamed to a file (`upload`).
   *
   * @throws S3Error `NoSuchBucket`/`NoSuchKey` (404), `BucketNotEmpty` (409), `InvalidBucketName`, `InvalidURI`, `KeyTooLongError`,
   *   `MalformedXML`, `InvalidPart` (400), `NoSuchUpload` (404), `MethodNotAllowed` (405).
   */
  async handle(request: SandboxRequest): Promise<SandboxResponse> {
    const { bucket, key } = parseS3Path(request.rawPath);
    const { method, query } = request;
    if (bucket === '') {
      if (method === 'GET') return this.listBuckets();
      throw new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
      );
    }
    assertKnownSubresources(query, key === '' ? 'bucket' : 'object');
    if (key === '') return this.handleBucket(request, bucket);
    if (query.has('tagging')) return this.objectTagging(request, bucket, key);
    if (method === 'PUT' && query.has('uploadId'))
      return this.multipart.uploadPart(bucket, query, uploadOf(request));
    if (method === 'POST' && query.has('uploads'))
      return this.multipart.create(bucket, key, headerValue(request, 'content-type'));
    if (method === 'POST' && query.has('uploadId'))
      return this.multipart.complete(bucket, key, query, request.body);
    if (method === 'DELETE' && query.has('uploadId')) return this.multipart.abort(query);
    switch (method) {
      case 'PUT': {
        const copySource = headerValue(request, 'x-amz-copy-source');
        if (copySource !== undefined)
          return this.copyObject(request, parseCopySource(copySource), { bucket, key });
        const tags = headerTags(request);
        const extras: ObjectExtras = {
          metadata: userMetadata(request),
          ...(tags === undefined ? {} : { tags }),
        };
        const meta = await this.store.putObject(
          bucket,
          key,
          uploadOf(request),
          headerValue(request, 'content-type') ?? 'application/octet-stream',
          undefined,
          extras,
        );
        return { status: 200, headers: { etag: meta.etag } };
      }
      case 'GET':
      case 'HEAD': {
        const meta = this.store.headObject(bucket, key);
        const range = parseRange(headerValue(request, 'range'), meta.sizeBytes);
        const headers: Record<string, string> = {
          etag: meta.etag,
          'last-modified': new Date(meta.lastModifiedMs).toUTCString(),
          'content-type': meta.contentType,
          'accept-ranges': 'bytes',
          ...objectHeaders(meta),
        };
        const start = range?.start ?? 0;
        const end = range?.end ?? meta.sizeBytes - 1;
        headers['content-length'] = String(Math.max(0, end - start + 1));
        if (range) headers['content-range'] = `bytes ${start}-${end}/${meta.sizeBytes}`;
        const status = range ? 206 : 200;
        if (method === 'HEAD' || meta.sizeBytes === 0)
          return { status, headers, ...(method === 'GET' ? { body: '' } : {}) };
        return { status, headers, file: { path: this.store.objectPath(bucket, key), start, end } };
      }
      case 'DELETE':
        await this.store.deleteObject(bucket, key);
        return { status: 204 };
      default:
        throw methodNotAllowed();
    }
  }

  /**
   * CopyObject (`PUT` with `x-amz-copy-source`): copies bytes; content type and user metadata
   * come from the source (`x-amz-metadata-directive: COPY`, the default) or the request
   * (`REPLACE`); tags likewise with `x-amz-tagging-directive`. Answers `<CopyObjectResult>`.
   *
   * @throws S3Error `NoSuchBucket`, `NoSuchKey` (404), `InvalidArgument` (400, bad directive),
   *   `InvalidRequest` (400, a copy onto itself that changes nothing, as S3 refuses it).
   */
  private async copyObject(
    request: SandboxRequest,
    source: { bucket: string; key: string },
    target: { bucket: string; key: string },
  ): Promise<SandboxResponse> {
    const metadataDirective = (
      headerValue(request, 'x-amz-metadata-directive') ?? 'COPY'
    ).toUpperCase();
    const taggingDirective = (
      headerValue(request, 'x-amz-tagging-directive') ?? 'COPY'
    ).toUpperCase();
    if (metadataDirective !== 'COPY' && metadataDirective !== 'REPLACE')
      throw new S3Error('InvalidArgument', 'Unknown metadata directive.', 400);
    if (taggingDirective !== 'COPY' && taggingDirective !== 'REPLACE')
      throw new S3Error('InvalidArgument', 'Unknown tagging directive.', 400);
    const from = this.store.headObject(source.bucket, source.key);
    this.store.bucketAttributes(target.bucket);
    if (
      source.bucket === target.bucket &&
      source.key === target.key &&
      metadataDirective === 'COPY' &&
      taggingDirective === 'COPY'
    ) {
      throw new S3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        400,
      );
    }
    const isReplace = metadataDirective === 'REPLACE';
    const contentType = isReplace
      ? (headerValue(request, 'content-type') ?? 'application/octet-stream')
      : from.contentType;
    const metadata = isReplace ? userMetadata(request) : (from.metadata ?? {});
    const tags = taggingDirective === 'REPLACE' ? (headerTags(request) ?? []) : (from.tags ?? []);
    const meta = await this.store.copyObject(source, target, contentType, { metadata, tags });
    return xmlResponse(
      `<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LastModified>${isoTime(meta.lastModifiedMs)}</LastModified><ETag>${escapeXml(meta.etag)}</ETag></CopyObjectResult>`,
    );
  }

  /**
   * PutObjectTagging (200), GetObjectTagging (an empty TagSet when the object has none, as S3),
   * DeleteObjectTagging (204); the object itself is never touched.
   *
   * @throws S3Error `NoSuchBucket`, `NoSuchKey` (404), `InvalidTag`, `BadRequest`, `MalformedXML` (400), `MethodNotAllowed` (405).
   */
  private async objectTagging(
    request: SandboxRequest,
    bucket: string,
    key: string,
  ): Promise<SandboxResponse> {
    switch (request.method) {
      case 'PUT': {
        const tags = parseTagging(objectBody(request));
        validateTags(tags, 10);
        this.store.headObject(bucket, key);
        await this.store.setObjectTags(bucket, key, tags);
        return { status: 200 };
      }
      case 'GET':
        return taggingResponse(this.store.headObject(bucket, key).tags ?? []);
      case 'DELETE':
        this.store.headObject(bucket, key);
        await this.store.setObjectTags(bucket, key, []);
        return { status: 204 };
      default:
        throw methodNotAllowed();
    }
  }

  private listBuckets(): SandboxResponse {
    const buckets = this.store
      .listBuckets()
      .map(
        (bucket) =>
          `<Bucket><Name>${escapeXml(bucket.name)}</Name><CreationDate>${isoTime(bucket.createdAtMs)}</CreationDate></Bucket>`,
      )
      .join('');
    return xmlResponse(
      `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${OWNER_ID}</ID><DisplayName>sandbox</DisplayName></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`,
    );
  }

  private async handleBucket(request: SandboxRequest, bucket: string): Promise<SandboxResponse> {
    const { method, query } = request;
    if (['policy', 'tagging', 'publicAccessBlock', 'encryption'].some((name) => query.has(name))) {
      const answer = await handleBucketSubresource(
        this.store,
        bucket,
        method,
        query,
        objectBody(request),
      );
      if (answer === undefined) throw methodNotAllowed();
      return answer;
    }
    if (query.has('location') && method !== 'GET') throw methodNotAllowed();
    switch (method) {
      case 'PUT': {
        // CreateBucket: the LocationConstraint is checked against the signing region (S3 rules).
        const region = bucketRegion(objectBody(request), request.region);
        await this.store.createBucket(bucket, region);
        return { status: 200, headers: { location: `/${bucket}` } };
      }
      case 'HEAD':
        if (!this.store.hasBucket(bucket)) throw new S3Error('NotFound', 'Not Found', 404);
        return {
          status: 200,
          headers: { 'x-amz-bucket-region': this.store.bucketAttributes(bucket).region },
        };
      case 'DELETE':
        if (query.has('delete')) throw methodNotAllowed();
        await this.store.deleteBucket(bucket);
        return { status: 204 };
      case 'POST':
        if (query.has('delete')) return this.deleteObjects(bucket, objectBody(request));
        break;
      case 'GET':
        if (query.has('location')) {
          // GetBucketLocation: empty for us-east-1, else the LocationConstraint given at creation.
          const { region } = this.store.bucketAttributes(bucket);
          return xmlResponse(
            `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region === 'us-east-1' ? '' : escapeXml(region)}</LocationConstraint>`,
          );
        }
        return this.listObjectsV2(bucket, query);
      default:
        break;
    }
    throw methodNotAllowed();
  }

  private listObjectsV2(bucket: string, query: URLSearchParams): SandboxResponse {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(query.get('max-keys') ?? '1000') || 0));
    const token = query.get('continuation-token');
    const startAfter =
      token !== null
        ? Buffer.from(token, 'base64url').toString('utf8')
        : (query.get('start-after') ?? '');
    const entries: { key: string; isPrefix: boolean }[] = [];
    const seenPrefixes = new Set<string>();
    const objects = this.store.listObjects(bucket, prefix);
    const metaByKey = new Map(objects.map((object) => [object.key, object]));
    for (const object of objects) {
      let entryKey = object.key;
      let isPrefix = false;
      if (delimiter !== '') {
        const cut = object.key.indexOf(delimiter, prefix.length);
        if (cut >= 0) {
          entryKey = object.key.slice(0, cut + delimiter.length);
          isPrefix = true;
        }
      }
      if (startAfter !== '' && Buffer.compare(Buffer.from(entryKey), Buffer.from(startAfter)) <= 0)
        continue;
      if (isPrefix) {
        if (seenPrefixes.has(entryKey)) continue;
        seenPrefixes.add(entryKey);
      }
      entries.push({ key: entryKey, isPrefix });
    }
    const page = entries.slice(0, maxKeys);
    const isTruncated = entries.length > page.length;
    const last = page[page.length - 1];
    const contents = page
      .filter((entry) => !entry.isPrefix)
      .map((entry) => {
        const meta = metaByKey.get(entry.key);
        return meta
          ? `<Contents><Key>${escapeXml(meta.key)}</Key><LastModified>${isoTime(meta.lastModifiedMs)}</LastModified><ETag>${escapeXml(meta.etag)}</ETag><Size>${meta.sizeBytes}</Size><StorageClass>STANDARD</StorageClass></Contents>`
          : '';
      })
      .join('');
    const prefixes = page
      .filter((entry) => entry.isPrefix)
      .map((entry) => `<CommonPrefixes><Prefix>${escapeXml(entry.key)}</Prefix></CommonPrefixes>`)
      .join('');
    const next =
      isTruncated && last
        ? `<NextContinuationToken>${Buffer.from(last.key).toString('base64url')}</NextContinuationToken>`
        : '';
    const echoedToken =
      token !== null ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '';
    return xmlResponse(
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix>${delimiter !== '' ? `<Delimiter>${escapeXml(delimiter)}</Delimiter>` : ''}<KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${isTruncated}</IsTruncated>${echoedToken}${next}${contents}${prefixes}</ListBucketResult>`,
    );
  }

  private async deleteObjects(bucket: string, body: Buffer): Promise<SandboxResponse> {
    const parsed = parseXml(body).Delete as
      { Object?: { Key?: unknown }[]; Quiet?: unknown } | undefined;
    if (!parsed)
      throw new S3Error(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        400,
      );
    const isQuiet = String(parsed.Quiet) === 'true';
    const deleted: string[] = [];
    for (const object of parsed.Object ?? []) {
      const key = typeof object.Key === 'string' ? object.Key : String(object.Key);
      await this.store.deleteObject(bucket, key);
      if (!isQuiet) deleted.push(`<Deleted><Key>${escapeXml(key)}</Key></Deleted>`);
    }
    return xmlResponse(
      `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${deleted.join('')}</DeleteResult>`,
    );
  }
}
