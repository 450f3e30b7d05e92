// @ts-check
/**
 * Generates the installer icons from code, so they need no image tools: PNGs of a simple mark
 * (a rounded teal square with three rising bars), a Windows `.ico` and a macOS `.icns` that
 * embed those PNGs, and the per-size PNGs of Linux packages.
 *
 * Usage: `node build/make-icons.js` writes build/resources/{icon.png,icon.ico,icon.icns} and
 * build/resources/icons/<size>x<size>.png. The output is deterministic (the test regenerates
 * it and compares bytes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** Folder of the generated icons (electron-builder's `buildResources`). */
export const RESOURCES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'resources');
/** Sizes of the Linux PNGs. */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
/** Sizes inside the `.ico`. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** `.icns` element types by size (PNG payloads). */
export const ICNS_TYPES = /** @type {const} */ ([
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * CRC-32 of PNG chunks.
 * @param {Buffer} bytes
 * @returns {number}
 */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Encodes RGBA pixels (row-major, 4 bytes each) as a PNG.
 * @param {number} size width and height in pixels
 * @param {Uint8Array} rgba
 * @returns {Buffer}
 */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(
      raw,
      y * (size * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Coverage of the mark at a point of the unit square: 0 outside, 1 on the background, 2 on a bar.
 * @param {number} x 0..1
 * @param {number} y 0..1
 */
function shapeAt(x, y) {
  const inset = 0.06;
  const radius = 0.2;
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return 0;
  const bars = [
    [0.25, 0.62],
    [0.44, 0.47],
    [0.63, 0.3],
  ];
  for (const [left, top] of bars)
    if (
      left !== undefined &&
      top !== undefined &&
      x >= left &&
      x <= left + 0.13 &&
      y >= top &&
      y <= 0.76
    )
      return 2;
  return 1;
}

/**
 * Renders the mark at a size, 4×4 samples per pixel for smooth edges.
 * @param {number} size
 * @returns {Uint8Array} RGBA pixels
 */
export function renderIcon(size) {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const shape = shapeAt(x, y);
          if (shape === 0) continue;
          alpha += 1;
          // Background: teal to blue from top to bottom; bars: white.
          const [r, g, b] =
            shape === 2
              ? [255, 255, 255]
              : [Math.round(0 + 20 * y), Math.round(150 - 60 * y), Math.round(160 + 60 * y)];
          red += r;
          green += g;
          blue += b;
        }
      }
      const offset = (py * size + px) * 4;
      if (alpha > 0) {
        pixels[offset] = Math.round(red / alpha);
        pixels[offset + 1] = Math.round(green / alpha);
        pixels[offset + 2] = Math.round(blue / alpha);
      }
      pixels[offset + 3] = Math.round((255 * alpha) / (samples * samples));
    }
  }
  return pixels;
}

/**
 * A Windows icon of PNG images (one per size).
 * @param {ReadonlyArray<readonly [number, Buffer]>} images [size, png] pairs
 * @returns {Buffer}
 */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([size, png]) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(([, png]) => png)]);
}

/**
 * A macOS icon family of PNG elements.
 * @param {ReadonlyArray<readonly [string, Buffer]>} elements [type, png] pairs
 * @returns {Buffer}
 */
export function encodeIcns(elements) {
  const parts = elements.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((total, part) => total + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/**
 * Every icon file, by path relative to {@link RESOURCES_DIR}.
 * @returns {Map<string, Buffer>}
 */
export function iconFiles() {
  /** @type {Map<number, Buffer>} */
  const pngs = new Map();
  const png = (/** @type {number} */ size) => {
    const cached = pngs.get(size);
    if (cached !== undefined) return cached;
    const encoded = encodePng(size, renderIcon(size));
    pngs.set(size, encoded);
    return encoded;
  };
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  files.set('icon.png', png(1024));
  files.set(
    'icon.ico',
    encodeIco(ICO_SIZES.map((size) => /** @type {const} */ ([size, png(size)]))),
  );
  files.set(
    'icon.icns',
    encodeIcns(ICNS_TYPES.map(([type, size]) => /** @type {const} */ ([type, png(size)]))),
  );
  for (const size of LINUX_SIZES) files.set(path.join('icons', `${size}x${size}.png`), png(size));
  return files;
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  for (const [name, bytes] of iconFiles()) {
    const target = path.join(RESOURCES_DIR, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`${path.relative(process.cwd(), target)} (${bytes.length} bytes)`);
  }
}
