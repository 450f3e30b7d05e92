import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredWorkspacePrepareDrafts } from '../../../shared/prepare/prepare-draft.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const WORKSPACE = 'local-sandbox';

function column(name: string, from: string) {
  return {
    name,
    from,
    constant: '',
    conversion: 'trim' as const,
    pattern: '%Y-%m-%d %H:%M:%S',
    timeZone: 'UTC',
    thresholds: '1:click, 3:watch',
    mapping: '',
  };
}

/** The raw Online Retail export mapped as interactions, with Description joined from a file. */
function retailDrafts(rawFile: string, mapping = ''): StoredWorkspacePrepareDrafts {
  return {
    sourcePath: rawFile,
    readPath: rawFile,
    files: {
      [rawFile]: {
        name: 'online-retail',
        outDir: '/exports/acme',
        outputs: [
          {
            datasetType: 'interactions',
            isEnabled: true,
            columns: [
              column('USER_ID', 'CustomerID'),
              column('ITEM_ID', 'StockCode'),
              { ...column('EVENT_TYPE', 'Quantity'), mapping },
            ],
            filters: [{ column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' }],
            dropBlankIds: true,
            dedupe: true,
            onePerId: false,
          },
        ],
        joins: [
          { path: '/data/products.csv', key: 'StockCode', otherKey: 'code', columns: 'Price' },
        ],
        encoding: 'windows-1252',
        tab: 'interactions',
      },
    },
  };
}

describe('the Prepare drafts across a restart of the core', () => {
  let userDataDir: string;
  let app: StudioCore | undefined;
  const logged: string[] = [];

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'prepare-drafts-'));
  });
  afterAll(async () => {
    await app?.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('reads back in a new core what the previous one stored, in the workspace folder', async () => {
    const first = await createStudioApp({ userDataDir });
    expect(await first.handlers['data.getPrepareDrafts']({ workspaceId: WORKSPACE })).toEqual({
      drafts: { sourcePath: '', files: {} },
    });
    const drafts = retailDrafts('/data/online_retail_raw.csv.gz');
    const { sizeBytes } = await first.handlers['data.setPrepareDrafts']({
      workspaceId: WORKSPACE,
      drafts,
    });
    expect(sizeBytes).toBe(Buffer.byteLength(JSON.stringify(drafts)));
    await first.dispose();

    const file = path.join(userDataDir, 'workspaces', WORKSPACE, 'prepare-drafts.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, drafts });

    app = await createStudioApp({ userDataDir });
    expect(await app.handlers['data.getPrepareDrafts']({ workspaceId: WORKSPACE })).toEqual({
      drafts,
    });
  });

  it('refuses drafts over 512 KiB through the handler and keeps the stored ones', async () => {
    const core = app;
    if (core === undefined) throw new Error('the restart test runs first');
    const before = await core.handlers['data.getPrepareDrafts']({ workspaceId: WORKSPACE });
    await expect(
      core.handlers['data.setPrepareDrafts']({
        workspaceId: WORKSPACE,
        drafts: retailDrafts('/data/huge.csv', 'buy=purchase, '.repeat(40_000)),
      }),
    ).rejects.toMatchObject({
      code: 'input.invalid',
      message: expect.stringContaining(
        'over the 512 KiB the studio keeps per workspace',
      ) as unknown,
    });
    expect(await core.handlers['data.getPrepareDrafts']({ workspaceId: WORKSPACE })).toEqual(
      before,
    );
  });

  it('starts without drafts from a corrupt file, logging it once', async () => {
    await app?.dispose();
    const file = path.join(userDataDir, 'workspaces', WORKSPACE, 'prepare-drafts.json');
    await writeFile(file, '{"version": 1, "drafts": {"sourcePath": ', 'utf8');
    app = await createStudioApp({
      userDataDir,
      log: (message) => {
        if (message.startsWith('Prepare drafts')) logged.push(message);
      },
    });
    for (let index = 0; index < 2; index += 1) {
      expect(await app.handlers['data.getPrepareDrafts']({ workspaceId: WORKSPACE })).toEqual({
        drafts: { sourcePath: '', files: {} },
      });
    }
    expect(logged).toEqual(['Prepare drafts unreadable: starting without drafts']);
  });

  it('deletes a workspace drafts with its folder, and stores none for it afterwards', async () => {
    const core = app;
    if (core === undefined) throw new Error('the restart test runs first');
    const acme = await core.handlers['workspaces.create']({
      name: 'Acme retail',
      target: { kind: 'sandbox', region: 'us-east-1' },
      tags: {},
      notes: '',
    });
    const folder = path.join(userDataDir, 'workspaces', acme.id);
    await core.handlers['data.setPrepareDrafts']({
      workspaceId: acme.id,
      drafts: retailDrafts('/data/acme.csv'),
    });
    expect((await stat(path.join(folder, 'prepare-drafts.json'))).isFile()).toBe(true);
    await core.handlers['workspaces.delete']({ workspaceId: acme.id, teardown: false });
    await expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
    // A save still on its way from the window is refused, and does not bring the folder back.
    await expect(
      core.handlers['data.setPrepareDrafts']({
        workspaceId: acme.id,
        drafts: retailDrafts('/data/acme.csv'),
      }),
    ).rejects.toMatchObject({ code: 'workspace.notFound' });
    await expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
