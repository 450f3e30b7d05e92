/**
 * Compact JSON encoding of typed arrays for serialised models (base64 of the little-endian bytes).
 * Round trips are exact, so a restored model recommends exactly what the trained one did.
 */

/** Encodes an Int32Array or Float32Array as base64 text. */
export function encodeTypedArray(values: Int32Array | Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeBytes(text: unknown, bytesPerElement: number, field: string): ArrayBuffer {
  if (typeof text !== 'string')
    throw new Error(`Serialised model field ${field} is not a base64 string.`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % bytesPerElement !== 0)
    throw new Error(`Serialised model field ${field} has a truncated length.`);
  // Copy so that the result is aligned and owns its memory.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * Decodes text written by {@link encodeTypedArray} for an Int32Array.
 *
 * @throws Error when `text` is not a string of whole 4-byte elements
 */
export function decodeInt32Array(text: unknown, field: string): Int32Array {
  return new Int32Array(decodeBytes(text, 4, field));
}

/**
 * Decodes text written by {@link encodeTypedArray} for a Float32Array.
 *
 * @throws Error when `text` is not a string of whole 4-byte elements
 */
export function decodeFloat32Array(text: unknown, field: string): Float32Array {
  return new Float32Array(decodeBytes(text, 4, field));
}

/**
 * Encodes non-negative integers (indexes, offsets) as `u16:<base64>` when all are below 65,536,
 * else as `i32:<base64>`; halves the size of neighbour lists and histories of catalogues up to
 * 65,536 items.
 */
export function encodeIndexArray(values: Int32Array): string {
  let max = 0;
  for (const value of values) max = Math.max(max, value);
  if (max < 65_536) {
    const narrow = Uint16Array.from(values);
    return `u16:${Buffer.from(narrow.buffer, narrow.byteOffset, narrow.byteLength).toString('base64')}`;
  }
  return `i32:${encodeTypedArray(values)}`;
}

/**
 * Decodes text written by {@link encodeIndexArray}.
 *
 * @throws Error when `text` is not such a string
 */
export function decodeIndexArray(text: unknown, field: string): Int32Array {
  if (typeof text === 'string' && text.startsWith('u16:')) {
    return Int32Array.from(new Uint16Array(decodeBytes(text.slice(4), 2, field)));
  }
  if (typeof text === 'string' && text.startsWith('i32:'))
    return decodeInt32Array(text.slice(4), field);
  throw new Error(`Serialised model field ${field} is not an encoded index array.`);
}

/**
 * Reads an array of strings from a parsed JSON object.
 *
 * @throws Error when the field is missing or holds anything but strings
 */
export function readStringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw new Error(`Serialised model field ${field} is not an array of strings.`);
  }
  return value;
}

/**
 * Reads the per-item interaction counts of a serialised model: one number per item.
 *
 * @throws Error when the field is missing, holds anything but numbers, or has another length
 */
export function readItemCounts(value: unknown, itemCount: number): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== itemCount ||
    !value.every((entry) => typeof entry === 'number')
  ) {
    throw new Error('Serialised model field counts is not an array of numbers, one per item.');
  }
  return value;
}
