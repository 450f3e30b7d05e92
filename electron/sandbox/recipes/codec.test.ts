import { describe, expect, it } from 'vitest';
import {
  decodeFloat32Array,
  decodeIndexArray,
  encodeIndexArray,
  encodeTypedArray,
} from './codec.js';

describe('model codec', () => {
  it('stores small indexes in 16 bits and large ones in 32, both round-tripping exactly', () => {
    const small = Int32Array.from([0, 1, 65_535, 42]);
    const large = Int32Array.from([0, 65_536, 2_000_000_000]);
    expect(encodeIndexArray(small).toJSON().startsWith('u16:')).toBe(true);
    expect(encodeIndexArray(large).toJSON().startsWith('i32:')).toBe(true);
    // The JSON text form (models saved before the binary file) decodes to the same values.
    expect(decodeIndexArray(encodeIndexArray(small).toJSON(), 'small')).toEqual(small);
    expect(decodeIndexArray(encodeIndexArray(large).toJSON(), 'large')).toEqual(large);
    expect(decodeIndexArray(encodeIndexArray(small), 'small')).toEqual(small);
    expect(decodeIndexArray(encodeIndexArray(large), 'large')).toEqual(large);
    expect(decodeIndexArray(encodeIndexArray(new Int32Array(0)), 'empty')).toEqual(
      new Int32Array(0),
    );
  });

  it('round-trips Float32 values bit for bit and rejects malformed input', () => {
    const values = Float32Array.from([0.1, 1 / 3, 123456.789, 1e-30]);
    expect(decodeFloat32Array(encodeTypedArray(values), 'values')).toEqual(values);
    expect(decodeFloat32Array(encodeTypedArray(values).toJSON(), 'values')).toEqual(values);
    expect(() => decodeIndexArray('x16:AAAA', 'bad')).toThrow(/not an encoded index array/);
    expect(() => decodeFloat32Array('AAA', 'short')).toThrow(/truncated/);
  });
});
