/**
 * Seeded pseudo-random numbers for reproducible offline evaluation (SPEC §7.1: the split MUST be
 * deterministic). Pure functions, no global state.
 */

/** A generator of uniform floats in [0, 1). */
export type RandomSource = () => number;

/**
 * Creates a seeded generator (SplitMix32-style mixing of a Weyl sequence, the "mulberry32" variant).
 *
 * Any finite number is accepted as `seed`; it is truncated to 32 bits, so seeds that differ only
 * above 2^32 or in their fraction give the same stream. Same seed → same stream on every platform.
 */
export function createRandom(seed: number): RandomSource {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles a copy of `values` with the Fisher–Yates algorithm driven by `random`.
 *
 * @returns a new array; `values` is not modified.
 */
export function seededShuffle<T>(values: readonly T[], random: RandomSource): T[] {
  const result = values.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = result[i] as T;
    result[i] = result[j] as T;
    result[j] = swap;
  }
  return result;
}
