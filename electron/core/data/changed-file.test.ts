import { appendFile, copyFile, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioDeps } from '../app/domain-module.js';
import { dataModule } from './data-module.js';
import { sampleFiles } from './samples.js';

const SOURCE = path.resolve('../shared/data/online-retail-uci/users.csv');
const deps = { samples: sampleFiles() } as unknown as StudioDeps;
const preview = dataModule(deps).handlers['data.preview'];
let dir = '';
let file = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'changed-file-'));
  file = path.join(dir, 'users_copy.csv');
  await copyFile(SOURCE, file);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a users file changed on disk after it was checked', () => {
  it('is checked again: the checks come with the new version and read the new rows', async () => {
    if (preview === undefined) throw new Error('no data.preview handler');
    const first = await preview({ path: file, datasetType: 'users', limit: 1 });
    expect(first.rowCount).toBe(4372);
    expect(first.version?.sizeBytes).toBeGreaterThan(0);
    const before = first.version;

    await appendFile(file, ',Nowhere\n,Nowhere\n');
    // A later mtime even on a coarse clock.
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const second = await preview({ path: file, datasetType: 'users', limit: 1 });
    expect(second.version).not.toEqual(before);
    expect(Math.round(second.version?.mtimeMs ?? 0)).toBe(later.getTime());
    expect(second.version?.sizeBytes).toBe((before?.sizeBytes ?? 0) + 18);
    expect(second.rowCount).toBe(4374);
    expect(second.checks.find((check) => check.code === 'null.required')?.rows).toEqual([
      4373, 4374,
    ]);
  });
});

describe('a malformed row appended to a two-column users file', () => {
  it('is a finding with its line number and content', async () => {
    if (preview === undefined) throw new Error('no data.preview handler');
    const copy = path.join(dir, 'users_malformed.csv');
    await copyFile(SOURCE, copy);
    await appendFile(copy, ',Nowhere\n,Nowhere\nabc;def\n');
    const result = await preview({ path: copy, datasetType: 'users', limit: 1 });
    const malformed = result.checks.find((check) => check.code === 'row.malformed');
    expect(malformed?.level).toBe('error');
    expect(malformed?.rows).toEqual([4376]);
    expect(malformed?.message).toContain(
      '1 row of users_malformed.csv cannot be read as 2 columns: line 4376 "abc;def" (MISSING COLUMNS',
    );
    // The two rows of a blank id are read as rows; the malformed one is left out of the count.
    expect(result.rowCount).toBe(4374);
  });
});
