import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridTableStarted } from '../../dataprep/grid-rows.js';
import type { StudioDeps } from '../app/domain-module.js';
import { dataModule } from './data-module.js';
import { sampleFiles } from './samples.js';

const ROWS = 5000;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'data-module-'));
  file = path.join(dir, 'interactions.csv');
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
  for (let index = 0; index < ROWS; index++)
    lines.push(
      `u${index % 50},i${(index * 7) % 300},${1_600_000_000 + index * 60},${index % 3 === 0 ? 'watch' : 'click'}`,
    );
  await writeFile(file, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('data handlers: rows first, the profile apart from the grid table', () => {
  it('profiles a file without starting (or waiting for) the grid table build, then opens its first rows', async () => {
    const data = dataModule({ samples: sampleFiles() } as unknown as StudioDeps).handlers;
    const profileHandler = data['data.profile'];
    const openHandler = data['data.open'];
    if (profileHandler === undefined || openHandler === undefined)
      throw new Error('the data module has no data.profile / data.open handler');
    const profile = await profileHandler({ path: file, datasetType: 'interactions' });
    expect(profile.rowCount).toBe(ROWS);
    expect(profile.users?.distinct).toBe(50);
    expect(profile.items?.distinct).toBe(300);
    expect(profile.eventTypes).toEqual([
      { value: 'click', count: 3333 },
      { value: 'watch', count: 1667 },
    ]);
    // TIMESTAMP (no id) has an estimated distinct count, flagged so through the handler's schema.
    const timestamp = profile.columns.find((column) => column.name === 'TIMESTAMP');
    expect(timestamp?.distinctApproximate).toBe(true);
    expect(Math.abs((timestamp?.distinct ?? 0) / ROWS - 1)).toBeLessThan(0.2);
    expect(profile.columns.find((column) => column.name === 'USER_ID')).toMatchObject({
      distinct: 50,
      distinctApproximate: false,
    });
    // The profile read the file itself: the grid's table was never asked for.
    expect(await gridTableStarted(file)).toBe(false);
    const open = await openHandler({ path: file });
    expect(open.rows).toHaveLength(100);
    expect(open.rows[0]).toEqual({
      USER_ID: 'u0',
      ITEM_ID: 'i0',
      TIMESTAMP: '1600000000',
      EVENT_TYPE: 'watch',
    });
    // Opening starts the grid table in the background, for paging the whole file.
    expect(await gridTableStarted(file)).toBe(true);
  });
});
