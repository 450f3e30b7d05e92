import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_PREPARE_DRAFTS_BYTES,
  type StoredWorkspacePrepareDrafts,
} from '../../../shared/prepare/prepare-draft.js';
import {
  PrepareDraftStore,
  prepareDraftsFile,
  prepareDraftsSizeBytes,
} from './prepare-draft-store.js';

function column(name: string, from: string, conversion: 'trim' | 'id' | 'copy') {
  return {
    name,
    from,
    constant: '',
    conversion,
    pattern: '%Y-%m-%d %H:%M:%S',
    timeZone: 'UTC',
    thresholds: '1:click, 3:watch',
    mapping: '',
  };
}

/** The form of movielens-latest-small/movies.csv mapped as items, named `catalogue`. */
const MOVIES_DRAFTS: StoredWorkspacePrepareDrafts = {
  sourcePath: '/data/movies.csv',
  readPath: '/data/movies.csv',
  files: {
    '/data/movies.csv': {
      name: 'catalogue',
      outDir: '',
      outputs: [
        {
          datasetType: 'items',
          isEnabled: true,
          columns: [
            column('ITEM_ID', 'movieId', 'trim'),
            column('TITLE', 'title', 'copy'),
            column('GENRES', 'genres', 'copy'),
          ],
          filters: [{ column: 'genres', operator: 'notEquals', value: '(no genres listed)' }],
          dropBlankIds: true,
          dedupe: false,
          onePerId: true,
        },
      ],
      joins: [],
      encoding: 'utf-8',
      tab: 'items',
    },
  },
};

/** The movies drafts with an event-type mapping of `length` characters (over the limit when large). */
function draftsWithMapping(length: number): StoredWorkspacePrepareDrafts {
  const draft = MOVIES_DRAFTS.files['/data/movies.csv'];
  if (draft === undefined) throw new Error('fixture');
  const output = draft.outputs[0];
  if (output === undefined) throw new Error('fixture');
  const mapping = 'a'.repeat(length);
  return {
    ...MOVIES_DRAFTS,
    files: {
      '/data/movies.csv': {
        ...draft,
        outputs: [{ ...output, columns: [{ ...column('EVENT_TYPE', 'x', 'trim'), mapping }] }],
      },
    },
  };
}

describe('Prepare draft store', () => {
  let dir: string;
  const fileOf = (id: string) => prepareDraftsFile(path.join(dir, id, 'resources.json'));
  const logged: Array<[string, Readonly<Record<string, string>>]> = [];
  const log = (message: string, fields: Readonly<Record<string, string>>) => {
    logged.push([message, fields]);
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'prepare-drafts-'));
    await mkdir(path.join(dir, 'w1'));
    logged.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the drafts in the workspace folder; a new store (a restart) reads them back', async () => {
    expect(fileOf('w1')).toBe(path.join(dir, 'w1', 'prepare-drafts.json'));
    const first = new PrepareDraftStore(fileOf, log);
    expect(await first.get('w1')).toEqual({ sourcePath: '', files: {} });
    const sizeBytes = await first.put('w1', MOVIES_DRAFTS);
    expect(sizeBytes).toBe(Buffer.byteLength(JSON.stringify(MOVIES_DRAFTS)));
    expect(JSON.parse(await readFile(fileOf('w1'), 'utf8'))).toEqual({
      version: 1,
      drafts: MOVIES_DRAFTS,
    });
    const restarted = new PrepareDraftStore(fileOf, log);
    expect(await restarted.get('w1')).toEqual(MOVIES_DRAFTS);
    // Written with a temp name then renamed: no temp file left beside it.
    expect(await readdir(path.join(dir, 'w1'))).toEqual(['prepare-drafts.json']);
    expect(logged).toEqual([]);
  });

  it('writes in call order: the last put wins', async () => {
    const store = new PrepareDraftStore(fileOf);
    const older = { ...MOVIES_DRAFTS, sourcePath: '/data/older.csv' };
    await Promise.all([store.put('w1', older), store.put('w1', MOVIES_DRAFTS)]);
    expect(await new PrepareDraftStore(fileOf).get('w1')).toEqual(MOVIES_DRAFTS);
  });

  it('starts without drafts from a corrupt or foreign file, logs it once, and a put replaces it', async () => {
    await writeFile(fileOf('w1'), '{"version": 1, "drafts": ', 'utf8');
    const store = new PrepareDraftStore(fileOf, log);
    expect(await store.get('w1')).toEqual({ sourcePath: '', files: {} });
    expect(await store.get('w1')).toEqual({ sourcePath: '', files: {} });
    expect(logged).toEqual([
      [
        'Prepare drafts unreadable: starting without drafts',
        { workspaceId: 'w1', file: fileOf('w1'), reason: 'not valid JSON' },
      ],
    ]);
    // Valid JSON of another shape (a draft's tab that is no dataset type).
    const foreign = { version: 1, drafts: { ...MOVIES_DRAFTS, files: { '/x.csv': { tab: 'x' } } } };
    await writeFile(fileOf('w1'), JSON.stringify(foreign), 'utf8');
    const other = new PrepareDraftStore(fileOf, log);
    expect(await other.get('w1')).toEqual({ sourcePath: '', files: {} });
    expect(logged.map(([, fields]) => fields.reason)).toEqual([
      'not valid JSON',
      'not the drafts format (version 1)',
    ]);
    await other.put('w1', MOVIES_DRAFTS);
    expect(await other.get('w1')).toEqual(MOVIES_DRAFTS);
    // Corrupt again after a good write: said again.
    await writeFile(fileOf('w1'), 'not json', 'utf8');
    expect(await other.get('w1')).toEqual({ sourcePath: '', files: {} });
    expect(logged).toHaveLength(3);
  });

  it('refuses drafts over the size limit with a clear error and keeps the stored ones', async () => {
    const store = new PrepareDraftStore(fileOf);
    await store.put('w1', MOVIES_DRAFTS);
    const atLimit = draftsWithMapping(
      MAX_PREPARE_DRAFTS_BYTES - prepareDraftsSizeBytes(draftsWithMapping(0)),
    );
    expect(prepareDraftsSizeBytes(atLimit)).toBe(MAX_PREPARE_DRAFTS_BYTES);
    await expect(store.put('w1', atLimit)).resolves.toBe(MAX_PREPARE_DRAFTS_BYTES);
    await store.put('w1', MOVIES_DRAFTS);
    const over = draftsWithMapping(MAX_PREPARE_DRAFTS_BYTES);
    await expect(store.put('w1', over)).rejects.toMatchObject({
      code: 'input.invalid',
      message: expect.stringMatching(
        /^The unsaved Prepare form is 513 KiB, over the 512 KiB the studio keeps per workspace: it is kept in this window only\./u,
      ) as unknown,
      details: { sizeBytes: prepareDraftsSizeBytes(over), maxBytes: 512 * 1024 },
    });
    expect(await new PrepareDraftStore(fileOf).get('w1')).toEqual(MOVIES_DRAFTS);
  });

  it('does not recreate the folder of a deleted workspace', async () => {
    const store = new PrepareDraftStore(fileOf);
    await store.put('w1', MOVIES_DRAFTS);
    await rm(path.join(dir, 'w1'), { recursive: true });
    await expect(store.put('w1', MOVIES_DRAFTS)).rejects.toMatchObject({
      code: 'workspace.notFound',
    });
    await expect(stat(path.join(dir, 'w1'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.get('w1')).toEqual({ sourcePath: '', files: {} });
  });
});
