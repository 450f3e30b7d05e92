/**
 * Typed arrays of serialised models. A model's `toJSON()` holds them as {@link PackedArray}s:
 * `JSON.stringify` writes each as base64 text of its little-endian bytes (the JSON form of models
 * saved before the binary file), and the binary model file (`model-file.ts`) stores their bytes
 * as they are. The decoders read either form. Round trips are exact, so a restored model
 * recommends exactly what the trained one did.
 */

/** Element type of a {@link PackedArray}: `u16` / `i32` index arrays, `i32` / `f32` raw values. */
export type PackedKind = 'u16' | 'i32' | 'f32';

/** A typed array inside a model's `toJSON()` form; its own `toJSON()` is the legacy base64 text. */
export class PackedArray {
  /**
   * @param kind element type of `values`
   * @param values the elements (Uint16Array for `u16`, Int32Array for `i32`, Float32Array for `f32`)
   * @param prefixed true for index arrays, written `u16:` / `i32:` + base64 in JSON; false for raw values (base64 alone)
   */
  constructor(
    readonly kind: PackedKind,
    readonly values: Uint16Array | Int32Array | Float32Array,
    readonly prefixed: boolean,
  ) {}

  /** The legacy JSON text: base64 of the bytes, with the `u16:` / `i32:` prefix for index arrays. */
  toJSON(): string {
    const base64 = Buffer.from(
      this.values.buffer,
      this.values.byteOffset,
      this.values.byteLength,
    ).toString('base64');
    return this.prefixed ? `${this.kind}:${base64}` : base64;
  }

  /** Same as {@link toJSON}. */
  toString(): string {
    return this.toJSON();
  }
}

/** Encodes an Int32Array or Float32Array for a model's JSON form (JSON text: base64, no prefix). */
export function encodeTypedArray(values: Int32Array | Float32Array): PackedArray {
  return new PackedArray(values instanceof Int32Array ? 'i32' : 'f32', values, false);
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
  if (text instanceof PackedArray && text.values instanceof Int32Array) return text.values;
  return new Int32Array(decodeBytes(text, 4, field));
}

/**
 * Decodes text written by {@link encodeTypedArray} for a Float32Array.
 *
 * @throws Error when `text` is not a string of whole 4-byte elements
 */
export function decodeFloat32Array(text: unknown, field: string): Float32Array {
  if (text instanceof PackedArray && text.values instanceof Float32Array) return text.values;
  return new Float32Array(decodeBytes(text, 4, field));
}

/**
 * Encodes non-negative integers (indexes, offsets) in 16 bits when all are below 65,536, else in
 * 32 (JSON text `u16:<base64>` / `i32:<base64>`); halves the size of neighbour lists and
 * histories of catalogues up to 65,536 items.
 */
export function encodeIndexArray(values: Int32Array): PackedArray {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  if (max < 65_536) return new PackedArray('u16', Uint16Array.from(values), true);
  return new PackedArray('i32', values, true);
}

/**
 * Decodes text written by {@link encodeIndexArray}.
 *
 * @throws Error when `text` is not such a string
 */
export function decodeIndexArray(text: unknown, field: string): Int32Array {
  if (text instanceof PackedArray && text.prefixed) {
    return text.values instanceof Int32Array ? text.values : Int32Array.from(text.values);
  }
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
