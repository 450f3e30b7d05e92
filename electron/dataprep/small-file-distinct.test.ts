import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFile } from './index.js';

const EXCERPT = path.resolve('../shared/data/messy/ml-1m_movies_excerpt.dat');

describe('the distinct counts of a small file', () => {
  it('are exact for every column: the 40 unique ids of the ml-1m excerpt count 40, not an estimate', async () => {
    const profile = await profileFile(EXCERPT, 'items');
    expect(profile.rowCount).toBe(40);
    const ids = profile.columns[0];
    expect(ids).toMatchObject({ distinct: 40, distinctApproximate: false });
    expect(profile.columns.some((column) => column.distinctApproximate)).toBe(false);
  });
});
