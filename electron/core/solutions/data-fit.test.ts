import { describe, expect, it } from 'vitest';
import type { DataStats } from '../../../shared/ipc/solutions.js';
import { assessRecipeFits } from './data-fit.js';

/** The MovieLens POC file's counts (see solutions.itest.ts), with an Items file. */
const MOVIELENS: DataStats = {
  interactions: 158_371,
  users: 610,
  items: 9_477,
  usersWithTwo: 610,
  medianInteractionsPerItem: 4,
  medianInteractionsPerUser: 114.5,
  singleInteractionItemShare: 0.1552,
  newestTimestamp: 1_537_799_250,
  newestAgeDays: 3_000,
  lastWeekInteractions: 1_200,
  itemRows: 9_742,
};

function fitOf(stats: DataStats, recipe: string) {
  return assessRecipeFits(stats).find((fit) => fit.recipe === recipe);
}

describe('assessRecipeFits', () => {
  it('flags SIMS and similar-items when the median item has about one interaction', () => {
    const sparse = { ...MOVIELENS, medianInteractionsPerItem: 1, singleInteractionItemShare: 0.62 };
    expect(fitOf(sparse, 'aws-sims')).toMatchObject({ level: 'caution' });
    expect(fitOf(sparse, 'aws-sims')?.reasons[0]).toBe(
      'The median item has 1 interaction (62% of items have one): few items are seen together, so most similar-item lists fall back to popular items.',
    );
    expect(fitOf(MOVIELENS, 'aws-sims')?.level).toBe('good');
  });

  it('flags similar-items without an Items file, and trending-now without recent activity', () => {
    const { itemRows: _omitted, ...withoutItems } = MOVIELENS;
    expect(fitOf(withoutItems, 'aws-similar-items')?.level).toBe('caution');
    expect(fitOf(withoutItems, 'aws-similar-items')?.reasons).toContain(
      'No Items file imported: similar-items has no metadata to blend in and works like SIMS.',
    );
    expect(fitOf(MOVIELENS, 'aws-similar-items')?.level).toBe('good');
    expect(fitOf(MOVIELENS, 'aws-trending-now')?.level).toBe('caution');
    expect(fitOf({ ...MOVIELENS, newestAgeDays: 2 }, 'aws-trending-now')).toMatchObject({
      level: 'good',
      reasons: ['1,200 interactions in the last 7 days of the file.'],
    });
  });

  it('marks every recipe poor below the SPEC §5.5 minimums', () => {
    const tiny = { ...MOVIELENS, interactions: 900, usersWithTwo: 20 };
    const fits = assessRecipeFits(tiny);
    expect(fits.every((fit) => fit.level === 'poor')).toBe(true);
    expect(fits[0]?.reasons.slice(0, 2)).toEqual([
      'Only 900 interactions: training needs at least 1,000.',
      'Only 20 users have 2 or more interactions: training needs 25.',
    ]);
  });
});
