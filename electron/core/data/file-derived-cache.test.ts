import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileDerivedCache } from './file-derived-cache.js';

describe('FileDerivedCache', () => {
  let directory = '';
  let builds = 0;
  const cache = (): FileDerivedCache<number> =>
    new FileDerivedCache(async (filePath) => {
      builds += 1;
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(filePath, 'utf8');
      if (text === 'bad') throw new Error('unreadable');
      return text.length;
    }, 'Test file');

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'file-cache-'));
    builds = 0;
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('builds once for concurrent callers and again only when the file changes', async () => {
    const file = path.join(directory, 'a.csv');
    await writeFile(file, 'abc');
    const subject = cache();
    expect(await Promise.all([subject.get(file), subject.get(file)])).toEqual([3, 3]);
    expect(builds).toBe(1);
    await writeFile(file, 'abcdef');
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect(await subject.get(file)).toBe(6);
    expect(builds).toBe(2);
  });

  it('forgets a failed build and names a missing file', async () => {
    const file = path.join(directory, 'b.csv');
    await writeFile(file, 'bad');
    const subject = cache();
    await expect(subject.get(file)).rejects.toThrow('unreadable');
    await expect(subject.get(file)).rejects.toThrow('unreadable');
    expect(builds).toBe(2);
    await expect(subject.get(path.join(directory, 'missing.csv'))).rejects.toMatchObject({
      code: 'file.notFound',
      message: expect.stringContaining('Test file') as unknown,
    });
  });
});
