import { describe, expect, it } from 'vitest';
import { pickIdColumn } from '../../../shared/titles-id-column.js';
import { ItemIndex } from '../../dataprep/index.js';
import { TitlesFiles } from './titles-file.js';

const ITEMS = '/work/shared/data/personalize-poc-movielens-small/item-meta.csv';
const MOVIES = '/work/shared/data/movielens-latest-small/movies.csv';
const LINKS = '/work/shared/data/movielens-latest-small/links.csv';

describe('titles file id column by overlap with the item ids (POC MovieLens)', () => {
  it('counts, per column, the POC items each MovieLens file names, and picks the column with the most', async () => {
    const itemIds = new Set((await new ItemIndex().load(ITEMS)).keys());
    expect(itemIds.size).toBe(9742);
    const titles = new TitlesFiles();

    const movies = await titles.idMatches(MOVIES, itemIds);
    expect(movies).toEqual([
      { column: 'movieId', matched: 9742 },
      { column: 'title', matched: 0 },
      { column: 'genres', matched: 0 },
    ]);
    expect(pickIdColumn(['movieId', 'title', 'genres'], movies)).toBe('movieId');

    // links.csv: three names end in "id", so the name gives no single answer; tmdbId values
    // are numbers too and some equal a movieId, imdbId's leading zeros never do.
    const links = await titles.idMatches(LINKS, itemIds);
    const columns = links.map((match) => match.column);
    expect(columns).toEqual(['movieId', 'imdbId', 'tmdbId']);
    expect(pickIdColumn(columns)).toBeUndefined();
    expect(links).toEqual([
      { column: 'movieId', matched: 9742 },
      { column: 'imdbId', matched: 0 },
      { column: 'tmdbId', matched: 1473 },
    ]);
    expect(pickIdColumn(columns, links)).toBe('movieId');
  });
});
