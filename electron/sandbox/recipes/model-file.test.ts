import { describe, expect, it } from 'vitest';
import { deserializeModel, SUPPORTED_RECIPES, trainSolutionVersion } from './index.js';
import type { InteractionRecord } from './index.js';
import { isModelFile, packModel, unpackModel } from './model-file.js';

/** 160 users in 4 taste groups of 10 items, 10 interactions each (8 in the group, 2 popular). */
function groupedInteractions(): InteractionRecord[] {
  const records: InteractionRecord[] = [];
  for (let user = 0; user < 160; user++) {
    const group = user % 4;
    for (let k = 0; k < 8; k++)
      records.push({
        userId: `u${user}`,
        itemId: `g${group}-${(user + k) % 10}`,
        timestamp: 1000 + user * 100 + k,
      });
    records.push({ userId: `u${user}`, itemId: 'hit-a', timestamp: 1000 + user * 100 + 8 });
    records.push({ userId: `u${user}`, itemId: 'hit-b', timestamp: 1000 + user * 100 + 9 });
  }
  return records;
}

describe('binary model file', () => {
  const interactions = groupedInteractions();

  it.each(SUPPORTED_RECIPES)(
    '%s: the restored model answers exactly as the trained one, from a smaller file than JSON',
    (recipe) => {
      const { model } = trainSolutionVersion(recipe, {
        interactions,
        catalogItemIds: [],
        hyperParameters: {},
        seed: 3,
      });
      const bytes = packModel(model.toJSON());
      expect(isModelFile(bytes)).toBe(true);
      expect(bytes.byteLength).toBeLessThan(JSON.stringify(model.toJSON()).length);
      // The worker transfers the file's buffer to the main thread: it must be the file alone.
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      const restored = deserializeModel(unpackModel(bytes));
      for (const request of [
        { userId: 'u5', numResults: 10 },
        { userId: 'nobody', numResults: 5 },
        { itemId: 'g2-3', numResults: 5 },
        { userId: 'u6', extraHistory: ['g1-1', 'g1-2'], numResults: 5 },
      ])
        expect(restored.recommend(request)).toEqual(model.recommend(request));
      expect(restored.rank?.({ userId: 'u5', inputList: ['g1-1', 'hit-a', 'zzz'] })).toEqual(
        model.rank?.({ userId: 'u5', inputList: ['g1-1', 'hit-a', 'zzz'] }),
      );
      // Restored from a copy at an odd offset (unaligned arrays are copied), still the same.
      const shifted = new Uint8Array(bytes.length + 1);
      shifted.set(bytes, 1);
      expect(
        deserializeModel(unpackModel(shifted.subarray(1))).recommend({
          userId: 'u5',
          numResults: 10,
        }),
      ).toEqual(model.recommend({ userId: 'u5', numResults: 10 }));
    },
  );

  it('asks to retrain for a file that is not a model, another layout version or a truncated one', () => {
    const { model } = trainSolutionVersion('aws-sims', {
      interactions,
      catalogItemIds: [],
      hyperParameters: {},
      seed: 3,
    });
    const bytes = packModel(model.toJSON());
    expect(() => unpackModel(new TextEncoder().encode('{"format":"item-knn/2"}'))).toThrow(
      'The saved model is not a sandbox model file: retrain the solution version.',
    );
    const other = Uint8Array.from(bytes);
    Buffer.from(other.buffer).writeUInt32LE(9, 4);
    expect(() => unpackModel(other)).toThrow(/layout version 9 .*retrain the solution version/u);
    expect(() => unpackModel(bytes.subarray(0, bytes.length - 20))).toThrow(
      'The saved model file is truncated: retrain the solution version.',
    );
  });
});
