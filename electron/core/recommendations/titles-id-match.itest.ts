import { describe, expect, it } from 'vitest';
import { pickIdColumn } from '../../../shared/titles-id-column.js';
import type { GuideView } from '../../../shared/guide.js';
import type { StudioDeps } from '../app/domain-module.js';
import { ItemIndex } from '../../dataprep/index.js';
import { recommendationsModule } from './recommendations-module.js';
import { TitlesFiles } from './titles-file.js';

const ITEMS = '/work/shared/data/personalize-poc-movielens-small/item-meta.csv';
const MOVIES = '/work/shared/data/movielens-latest-small/movies.csv';
const LINKS = '/work/shared/data/movielens-latest-small/links.csv';
const INTERACTIONS = '/work/shared/data/personalize-poc-movielens-small/interactions.csv';

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

  it('without an Items file, matches against the distinct items of the interactions', async () => {
    const itemIds = await new ItemIndex().itemIds(INTERACTIONS);
    // 9,477 of the 9,742 catalogue items were rated at least once.
    expect(itemIds.size).toBe(9477);
    expect(itemIds.has('318')).toBe(true);
    const links = await new TitlesFiles().idMatches(LINKS, itemIds);
    expect(links).toEqual([
      { column: 'movieId', matched: 9477 },
      { column: 'imdbId', matched: 0 },
      { column: 'tmdbId', matched: 1446 },
    ]);
    expect(pickIdColumn(['movieId', 'imdbId', 'tmdbId'], links)).toBe('movieId');
  });

  it('recommendations.titlesIdMatches uses the Items file when imported, else the interactions', async () => {
    const imported: { interactions?: string; items?: string } = {};
    const deps = {
      guideView: () => ({ importedFiles: imported }) as unknown as GuideView,
      itemIndex: new ItemIndex(),
      titles: new TitlesFiles(),
    } as unknown as StudioDeps;
    const matches = recommendationsModule(deps).handlers['recommendations.titlesIdMatches'];
    const ask = () => matches?.({ workspaceId: 'ws', path: MOVIES });
    await expect(ask()).rejects.toMatchObject({ code: 'guide.notReady' });
    imported.interactions = INTERACTIONS;
    await expect(ask()).resolves.toMatchObject({
      itemCount: 9477,
      source: 'interactions',
      matches: [{ column: 'movieId', matched: 9477 }, { matched: 0 }, { matched: 0 }],
    });
    imported.items = ITEMS;
    await expect(ask()).resolves.toMatchObject({
      itemCount: 9742,
      source: 'items',
      matches: [{ column: 'movieId', matched: 9742 }, { matched: 0 }, { matched: 0 }],
    });
  });
});
