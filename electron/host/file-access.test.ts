import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { GuideView } from '../../shared/guide.js';
import type { StudioDeps } from '../core/app/domain-module.js';
import { dataModule } from '../core/data/data-module.js';
import { sampleFiles } from '../core/data/samples.js';
import { bindHandlers, type Invoke } from './bind-handlers.js';
import { guardFileAccess } from './file-access.js';
import { browserHostHandlers } from './host-handlers.js';
import { createFakeStudioApp } from './test-support.js';

let root = '';
let dataDir = '';
let invoke: Invoke;
const setFilesCalls: unknown[] = [];
const titlesCalls: unknown[] = [];
let recorded: GuideView['files'] = {};

function codeOf(envelope: Envelope<unknown>): string | undefined {
  return envelope.ok ? undefined : envelope.error.code;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'file-access-'));
  dataDir = path.join(root, 'studio-data');
  await mkdir(path.join(dataDir, 'sandbox'), { recursive: true });
  await writeFile(
    path.join(dataDir, 'sandbox', 'uploaded.csv'),
    'USER_ID,ITEM_ID,TIMESTAMP\nu,i,1\n',
  );
  await mkdir(path.join(root, 'home', '.aws'), { recursive: true });
  await writeFile(
    path.join(root, 'home', '.aws', 'credentials'),
    '[default]\naws_secret_access_key=SECRET\n',
  );
  await mkdir(path.join(root, 'customer'));
  await writeFile(
    path.join(root, 'customer', 'interactions.csv'),
    'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n',
  );
  await writeFile(
    path.join(root, 'customer', 'export.conf'),
    'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n',
  );
  await writeFile(
    path.join(root, 'customer', 'recorded.conf'),
    'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n',
  );
  await symlink(
    path.join(root, 'home', '.aws', 'credentials'),
    path.join(root, 'customer', 'linked.csv'),
  );
  await symlink(
    path.join(dataDir, 'sandbox', 'uploaded.csv'),
    path.join(root, 'customer', 'state.csv'),
  );
  const data = dataModule({ samples: sampleFiles() } as unknown as StudioDeps).handlers;
  const app = createFakeStudioApp({
    ...data,
    'workspaces.list': () =>
      Promise.resolve({ workspaces: [{ id: 'w1' } as never], currentId: 'w1' }),
    'guide.get': () => Promise.resolve({ files: recorded } as GuideView),
    'recommendations.titlesColumns': (input) => {
      titlesCalls.push(input.path);
      return Promise.resolve({ columns: ['movieId', 'title'] });
    },
    'recommendations.recommend': (input) => {
      titlesCalls.push(input.titlesFile?.path);
      return Promise.resolve({} as never);
    },
    'recommendations.rank': (input) => {
      titlesCalls.push(input.titlesFile?.path);
      return Promise.resolve({} as never);
    },
    'recommendations.history': (input) => {
      titlesCalls.push(input.titlesFile?.path);
      return Promise.resolve({} as never);
    },
    'guide.setFiles': (input) => {
      setFilesCalls.push(input);
      return Promise.resolve({ files: { interactions: input.interactions } } as GuideView);
    },
  });
  invoke = bindHandlers(
    guardFileAccess({ ...app.handlers, ...browserHostHandlers('1.0.0') }, { userDataDir: dataDir }),
    { validateOutput: false },
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const preview = (filePath: string) =>
  invoke('data.preview', { path: filePath, datasetType: 'interactions', limit: 5 });

describe('files the core reads (issue item 4)', () => {
  it('previews a typed CSV path and the bundled sample', async () => {
    const typed = await preview(path.join(root, 'customer', 'interactions.csv'));
    expect(typed.ok).toBe(true);
    const sample = await invoke('data.sample', {});
    expect(sample.ok).toBe(true);
    expect(
      (await invoke('data.preview', { path: sampleFiles().items, datasetType: 'items', limit: 1 }))
        .ok,
    ).toBe(true);
  });

  it('reads a file with another name only once the file browser has listed it', async () => {
    const file = path.join(root, 'customer', 'export.conf');
    const before = await preview(file);
    expect(codeOf(before)).toBe('file.unreadable');
    expect(before.ok ? '' : before.error.message).toContain('not chosen');
    const listing = await invoke('data.listDirectory', { directory: path.join(root, 'customer') });
    expect(listing.ok).toBe(true);
    expect((await preview(file)).ok).toBe(true);
  });

  it('says that a typed or listed folder is a folder, to choose a file in it', async () => {
    const folder = path.join(root, 'customer');
    for (const attempt of [
      await preview(folder),
      await invoke('data.open', { path: folder }),
      await invoke('data.profile', { path: folder, datasetType: 'interactions' }),
    ]) {
      expect(codeOf(attempt)).toBe('file.unreadable');
      expect(attempt.ok ? '' : attempt.error.message).toBe(
        `${folder} is a folder, not a CSV file. Pick a .csv or .csv.gz file.`,
      );
    }
    // Listed by the file browser (a directory entry), it is still a folder.
    expect((await invoke('data.listDirectory', { directory: root })).ok).toBe(true);
    const listed = await preview(folder);
    expect(listed.ok ? '' : listed.error.message).toContain('is a folder');
  });

  it('reads a file a workspace recorded', async () => {
    const file = path.join(root, 'customer', 'recorded.conf');
    recorded = { items: file };
    expect((await preview(file)).ok).toBe(true);
  });

  it('never reads system files, credentials, links to them, or the studio data dir', async () => {
    for (const refused of [
      '/etc/shadow',
      '/etc/passwd',
      '/proc/self/environ',
      path.join(root, 'home', '.aws', 'credentials'),
      path.join(root, 'customer', 'linked.csv'),
      path.join(dataDir, 'sandbox', 'uploaded.csv'),
      path.join(root, 'customer', 'state.csv'),
      path.join(root, 'customer'),
    ]) {
      const envelope = await preview(refused);
      expect(codeOf(envelope), refused).toBe('file.unreadable');
      expect(JSON.stringify(envelope)).not.toContain('SECRET');
      expect(JSON.stringify(envelope)).not.toContain('root:');
    }
  });

  it("refuses the same files in the grid's channels (open, rows, rows status, profile)", async () => {
    const unlisted = path.join(root, 'customer', 'unlisted.conf');
    await writeFile(unlisted, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n');
    for (const refused of [unlisted, path.join(root, 'home', '.aws', 'credentials')]) {
      const calls = [
        await invoke('data.open', { path: refused }),
        await invoke('data.rows', { path: refused, offset: 0, limit: 10 }),
        await invoke('data.rowsStatus', { path: refused }),
        await invoke('data.profile', { path: refused, datasetType: 'interactions' }),
      ];
      for (const envelope of calls) {
        expect(codeOf(envelope), refused).toBe('file.unreadable');
        expect(JSON.stringify(envelope)).not.toContain('SECRET');
      }
    }
    const opened = await invoke('data.open', {
      path: path.join(root, 'customer', 'interactions.csv'),
    });
    expect(opened.ok ? (opened.value as { rows: unknown[] }).rows : []).toEqual([
      { USER_ID: 'u1', ITEM_ID: 'i1', TIMESTAMP: '1700000000' },
    ]);
  });

  it('refuses the same files in guide.setFiles before the core sees them', async () => {
    setFilesCalls.length = 0;
    for (const refused of [
      '/etc/shadow',
      path.join(root, 'home', '.aws', 'credentials'),
      path.join(dataDir, 'sandbox', 'uploaded.csv'),
    ]) {
      expect(
        codeOf(await invoke('guide.setFiles', { workspaceId: 'w1', interactions: refused })),
        refused,
      ).toBe('file.unreadable');
    }
    expect(setFilesCalls).toEqual([]);
    expect(
      (
        await invoke('guide.setFiles', {
          workspaceId: 'w1',
          interactions: path.join(root, 'customer', 'interactions.csv'),
        })
      ).ok,
    ).toBe(true);
  });

  it("refuses the same files as Explore's titles file before the core reads them", async () => {
    titlesCalls.length = 0;
    const refusedFiles = [
      '/etc/shadow',
      path.join(root, 'home', '.aws', 'credentials'),
      path.join(dataDir, 'sandbox', 'uploaded.csv'),
    ];
    const titled = (titlesPath: string) => ({ path: titlesPath, idColumn: 'movieId' });
    for (const refused of refusedFiles) {
      const calls = {
        titlesColumns: await invoke('recommendations.titlesColumns', {
          workspaceId: 'w1',
          path: refused,
        }),
        recommend: await invoke('recommendations.recommend', {
          workspaceId: 'w1',
          userId: 'u1',
          titlesFile: titled(refused),
        }),
        rank: await invoke('recommendations.rank', {
          workspaceId: 'w1',
          campaignArn: 'arn:aws:personalize:us-east-1:000000000000:campaign/c',
          userId: 'u1',
          inputList: ['i1'],
          titlesFile: titled(refused),
        }),
        history: await invoke('recommendations.history', {
          workspaceId: 'w1',
          userId: 'u1',
          titlesFile: titled(refused),
        }),
      };
      for (const [channel, envelope] of Object.entries(calls)) {
        expect(codeOf(envelope), `${channel} ${refused}`).toBe('file.unreadable');
        expect(JSON.stringify(envelope)).not.toContain('SECRET');
      }
    }
    expect(titlesCalls).toEqual([]);
    const movies = path.join(root, 'customer', 'interactions.csv');
    const columns = await invoke('recommendations.titlesColumns', {
      workspaceId: 'w1',
      path: movies,
    });
    expect(columns.ok ? columns.value : undefined).toEqual({ columns: ['movieId', 'title'] });
    expect(
      (
        await invoke('recommendations.recommend', {
          workspaceId: 'w1',
          userId: 'u1',
          titlesFile: titled(movies),
        })
      ).ok,
    ).toBe(true);
    expect(
      (await invoke('recommendations.recommend', { workspaceId: 'w1', userId: 'u1' })).ok,
    ).toBe(true);
    expect(titlesCalls).toEqual([movies, movies, undefined]);
  });

  it('the file browser does not open or list credential folders or the studio data dir', async () => {
    for (const folder of [
      path.join(root, 'home', '.aws'),
      dataDir,
      path.join(dataDir, 'sandbox'),
      '/etc',
    ]) {
      expect(codeOf(await invoke('data.listDirectory', { directory: folder })), folder).toBe(
        'file.unreadable',
      );
    }
    const home = await invoke('data.listDirectory', { directory: path.join(root, 'home') });
    expect(home.ok ? home.value : undefined).toMatchObject({ entries: [] });
    const parent = await invoke('data.listDirectory', { directory: root });
    const names = parent.ok
      ? (parent.value as { entries: { name: string }[] }).entries.map((entry) => entry.name)
      : [];
    expect(names).toEqual(['customer', 'home']);
  });
});
