/**
 * The binary file of a trained model: the model's `toJSON()` form with every {@link PackedArray}
 * (neighbour lists, similarities, histories) stored as raw little-endian bytes instead of base64
 * text. Written by the training worker, read by the sandbox runtime without a base64 or JSON pass
 * over the arrays (they become views on the file's bytes).
 */
import { PackedArray } from './codec.js';
import type { PackedKind } from './codec.js';

/** First bytes of a binary model file. */
const MODEL_MAGIC = 'PZMD';
/** Layout version written by {@link packModel}. */
const MODEL_VERSION = 1;
/** Bytes before the header text: magic, version, header length. */
const PREAMBLE_BYTES = 12;

interface SectionEntry {
  readonly kind: PackedKind;
  readonly prefixed: boolean;
  readonly length: number;
}

const BYTES: Readonly<Record<PackedKind, number>> = { u16: 2, i32: 4, f32: 4 };

function align8(value: number): number {
  return Math.ceil(value / 8) * 8;
}

/**
 * Packs a model's `toJSON()` form: `PZMD`, u32 version (1), u32 byte length of a UTF-8 JSON header
 * `{model, sections}` (each PackedArray replaced by `{"$packed": n}`), then the arrays' bytes, each
 * starting at a multiple of 8. The result owns its ArrayBuffer (transferable to another thread).
 *
 * @param json what `TrainedModel.toJSON()` returned
 */
export function packModel(json: unknown): Uint8Array {
  const arrays: PackedArray[] = [];
  const strip = (value: unknown): unknown => {
    if (value instanceof PackedArray) {
      arrays.push(value);
      return { $packed: arrays.length - 1 };
    }
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value === 'object' && value !== null) {
      const withJson = value as { toJSON?: unknown };
      if (typeof withJson.toJSON === 'function') return strip((withJson.toJSON as () => unknown)());
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) out[key] = strip(entry);
      return out;
    }
    return value;
  };
  const model = strip(json);
  const sections: SectionEntry[] = arrays.map((array) => ({
    kind: array.kind,
    prefixed: array.prefixed,
    length: array.values.length,
  }));
  const header = Buffer.from(JSON.stringify({ model, sections }), 'utf8');
  let size = align8(PREAMBLE_BYTES + header.length);
  for (const array of arrays) size = align8(size + array.values.byteLength);
  const out = new Uint8Array(size);
  const view = Buffer.from(out.buffer);
  view.write(MODEL_MAGIC, 0, 'latin1');
  view.writeUInt32LE(MODEL_VERSION, 4);
  view.writeUInt32LE(header.length, 8);
  out.set(header, PREAMBLE_BYTES);
  let offset = align8(PREAMBLE_BYTES + header.length);
  for (const array of arrays) {
    out.set(
      new Uint8Array(array.values.buffer, array.values.byteOffset, array.values.byteLength),
      offset,
    );
    offset = align8(offset + array.values.byteLength);
  }
  return out;
}

/** True when `bytes` starts like a file written by {@link packModel}. */
export function isModelFile(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PREAMBLE_BYTES &&
    Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') === MODEL_MAGIC
  );
}

/**
 * Restores {@link packModel} output to the `toJSON()` form `deserializeModel` reads (arrays as
 * PackedArray views on `bytes` when aligned, else copies).
 *
 * @throws Error (asking to retrain) when `bytes` is not a model file, has another layout version
 *   or is truncated
 */
export function unpackModel(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isModelFile(buffer))
    throw new Error('The saved model is not a sandbox model file: retrain the solution version.');
  const version = buffer.readUInt32LE(4);
  if (version !== MODEL_VERSION)
    throw new Error(
      `The saved model has layout version ${version} and this sandbox reads ${MODEL_VERSION}: retrain the solution version.`,
    );
  const headerLength = buffer.readUInt32LE(8);
  if (buffer.length < PREAMBLE_BYTES + headerLength)
    throw new Error('The saved model file is truncated: retrain the solution version.');
  const header = JSON.parse(
    buffer.toString('utf8', PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength),
  ) as { model: unknown; sections: SectionEntry[] };
  let offset = align8(PREAMBLE_BYTES + headerLength);
  const arrays = header.sections.map((section) => {
    const byteLength = section.length * BYTES[section.kind];
    if (offset + byteLength > buffer.length)
      throw new Error('The saved model file is truncated: retrain the solution version.');
    const at = buffer.byteOffset + offset;
    offset = align8(offset + byteLength);
    const source =
      at % BYTES[section.kind] === 0 ? buffer.buffer : buffer.buffer.slice(at, at + byteLength);
    const start = source === buffer.buffer ? at : 0;
    const values =
      section.kind === 'u16'
        ? new Uint16Array(source, start, section.length)
        : section.kind === 'i32'
          ? new Int32Array(source, start, section.length)
          : new Float32Array(source, start, section.length);
    return new PackedArray(section.kind, values, section.prefixed);
  });
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.$packed === 'number' && Object.keys(record).length === 1)
        return arrays[record.$packed];
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(record)) out[key] = revive(entry);
      return out;
    }
    return value;
  };
  return revive(header.model);
}
