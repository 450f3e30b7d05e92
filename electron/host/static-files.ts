import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Outcome of {@link resolveRendererFile}. */
export type StaticResolution =
  | {
      readonly kind: 'file';
      readonly filePath: string;
      readonly contentType: string;
      readonly isHtml: boolean;
    }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'notFound' };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** MIME type by file extension; `application/octet-stream` when unknown. */
export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `candidate` is `root` or lies below it (both absolute, normalised). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Checks a request path before touching the disk: decodes it once and refuses `..`/`.`
 * segments (raw or percent-encoded), backslashes, NUL bytes and undecodable escapes.
 * Returns the decoded relative path (`index.html` for `/`) or a refusal reason.
 */
export function checkRequestPath(
  rawPath: string,
): { readonly relativePath: string } | { readonly refused: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch (error) {
    return { refused: `undecodable path (${error instanceof Error ? error.name : 'error'})` };
  }
  if (!decoded.startsWith('/')) return { refused: 'path must start with /' };
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { refused: 'forbidden character in path' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '..' || segment === '.'))
    return { refused: 'dot segment in path' };
  const relativePath = segments.join('/');
  return { relativePath: relativePath === '' ? 'index.html' : relativePath };
}

/**
 * Maps a URL path to a file of the built renderer, refusing anything outside `rendererDir`.
 *
 * `rawPath` is the path part of the request URL, still percent-encoded, without the query.
 * The file is resolved with `path.resolve` and `fs.realpath`; both must stay under the real
 * `rendererDir`, so `..`, encoded traversal, absolute paths and symlinks pointing outside
 * are refused. Directories are not served. Shared by the browser host and Electron's
 * `app://` protocol.
 */
export async function resolveRendererFile(
  rendererDir: string,
  rawPath: string,
): Promise<StaticResolution> {
  const checked = checkRequestPath(rawPath);
  if ('refused' in checked) return { kind: 'refused', reason: checked.refused };
  const root = path.resolve(rendererDir);
  const candidate = path.resolve(root, checked.relativePath);
  if (!isInside(root, candidate))
    return { kind: 'refused', reason: 'path escapes the renderer folder' };
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(candidate);
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    ) {
      return { kind: 'notFound' };
    }
    throw error;
  }
  if (!isInside(realRoot, realFile))
    return { kind: 'refused', reason: 'symlink escapes the renderer folder' };
  const info = await stat(realFile);
  if (!info.isFile()) return { kind: 'notFound' };
  const contentType = contentTypeOf(realFile);
  return {
    kind: 'file',
    filePath: realFile,
    contentType,
    isHtml: contentType.startsWith('text/html'),
  };
}
