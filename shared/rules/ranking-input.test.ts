import { describe, expect, it } from 'vitest';
import { isNotInTrainingData, rankingInput } from './ranking-input.js';

describe('rankingInput (GetPersonalizedRanking inputList, SPEC §3.2)', () => {
  it('keeps each id once at its first place and names the repeated ones with their counts', () => {
    expect(rankingInput(['1', '260', '1', '2571', 'x', '260', '1'])).toEqual({
      inputList: ['1', '260', '2571', 'x'],
      duplicates: [
        { itemId: '1', count: 3 },
        { itemId: '260', count: 2 },
      ],
    });
    expect(rankingInput(['3', '2', '1'])).toEqual({ inputList: ['3', '2', '1'], duplicates: [] });
  });

  it('reads an item without a score, or scored 0, as not in the training data', () => {
    expect(isNotInTrainingData({})).toBe(true);
    expect(isNotInTrainingData({ score: 0 })).toBe(true);
    expect(isNotInTrainingData({ score: 0.0012 })).toBe(false);
  });
});
