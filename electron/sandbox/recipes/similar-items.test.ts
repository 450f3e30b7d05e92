import { describe, expect, it } from 'vitest';
import { metadataNeighbours, metadataTokens } from './similar-items.js';

const rows = [
  { ITEM_ID: 'a', GENRE: 'Comedy|Drama', YEAR: '1995' },
  { ITEM_ID: 'b', GENRE: 'Drama|Comedy', YEAR: '1995' },
  { ITEM_ID: 'c', GENRE: 'Comedy', YEAR: '1995' },
  { ITEM_ID: 'd', GENRE: 'Horror', YEAR: '2001' },
  { ITEM_ID: 'e', GENRE: 'Drama', YEAR: '2001' },
];

function neighboursOf(
  table: ReturnType<typeof metadataNeighbours>,
  item: number,
): { item: number; similarity: number }[] {
  const result: { item: number; similarity: number }[] = [];
  for (let e = table.offsets[item] ?? 0; e < (table.offsets[item + 1] ?? 0); e++)
    result.push({ item: table.neighbours[e] ?? -1, similarity: table.similarities[e] ?? 0 });
  return result;
}

describe('metadataNeighbours (IDF-weighted cosine of the Items metadata)', () => {
  const tokens = metadataTokens(['a', 'b', 'c', 'd', 'e', 'no-row'], rows);
  const table = metadataNeighbours(tokens, 3);

  it('puts items with the same token set (in any order) at cosine 1, never an item as its own neighbour', () => {
    const ofA = neighboursOf(table, 0);
    expect(ofA[0]).toEqual({ item: 1, similarity: 1 });
    expect(neighboursOf(table, 1)[0]).toEqual({ item: 0, similarity: 1 });
    for (let item = 0; item < 5; item++)
      expect(neighboursOf(table, item).map((entry) => entry.item)).not.toContain(item);
  });

  it('scores the exact cosine of the IDF vectors, best first, keeping `count` neighbours', () => {
    const idf = (holders: number): number => Math.log(7 / (holders + 1));
    // a = {Comedy (3 items), Drama (3), 1995 (3)}; c = {Comedy, 1995}; e = {Drama, 2001 (2)}.
    const w3 = idf(3) ** 2;
    const w2 = idf(2) ** 2;
    const cosineAC = (2 * w3) / (Math.sqrt(3 * w3) * Math.sqrt(2 * w3));
    const cosineAE = w3 / (Math.sqrt(3 * w3) * Math.sqrt(w3 + w2));
    const ofA = neighboursOf(table, 0);
    expect(ofA.map((entry) => entry.item)).toEqual([1, 2, 4]);
    expect(ofA[1]?.similarity).toBeCloseTo(cosineAC, 6);
    expect(ofA[2]?.similarity).toBeCloseTo(cosineAE, 6);
    // d shares only 2001 with e; an item without a metadata row has no neighbours.
    expect(neighboursOf(table, 3).map((entry) => entry.item)).toEqual([4]);
    expect(neighboursOf(table, 5)).toEqual([]);
  });
});
