import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { Handlers } from '../core/app/studio-app.js';
import { folderMessage } from '../dataprep/duckdb.js';

/**
 * File names a user may type without having seen the file in the file browser or picker:
 * data files only (`.csv`, `.tsv`, `.txt`, `.dat`, `.data`, each optionally `.gz`).
 */
export const TYPED_DATA_FILE = /\.(csv|tsv|txt|dat|data)(\.gz)?$/iu;

/** Options of {@link guardFileAccess}. */
export interface FileAccessOptions {
  /** The studio's own data dir (workspaces, jobs, sandbox state): never read as data. */
  readonly userDataDir?: string | undefined;
}

async function realOrResolved(filePath: string): Promise<string> {
  const absolute = path.resolve(filePath);
  return realpath(absolute).catch(() => absolute);
}

function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Files the user chose since the host started (SECURITY.md §4, issue item 4): every file the
 * host file browser listed, the native picker returned, the bundled sample, and the files a
 * workspace recorded. Keys are real paths.
 */
export class ChosenFiles {
  readonly #paths = new Set<string>();

  /** Records a chosen file (stored as given and as its real path). */
  async add(filePath: string): Promise<void> {
    this.#paths.add(path.resolve(filePath));
    this.#paths.add(await realOrResolved(filePath));
  }

  /** True when the file (or its real path) was chosen. */
  async has(filePath: string): Promise<boolean> {
    return (
      this.#paths.has(path.resolve(filePath)) || this.#paths.has(await realOrResolved(filePath))
    );
  }
}

/**
 * Wraps the core's handlers so that `data.preview`, `data.open`, `data.rows`, `data.rowsStatus`,
 * `data.profile`, `guide.setFiles`, `recommendations.titlesColumns` and the `titlesFile` of
 * `recommendations.recommend` / `rank` / `history` read only files the
 * user chose since the host started: listed by `data.listDirectory`, returned by
 * `data.pickFile` or `data.sample`, recorded by a workspace (`guide.get`), or typed into the
 * file browser's path field — the core cannot tell typed from scripted, so a path it has not
 * seen must at least name a data file ({@link TYPED_DATA_FILE}). Nothing under the studio's own
 * data dir is read, whichever way it was chosen. `data.listDirectory` refuses that dir too.
 * A folder is refused with the core's folder wording ("… is a folder, not a CSV file. Pick a
 * .csv or .csv.gz file."), whether typed or listed. The core's own checks (regular files, no
 * credential or system folders) still run after these.
 *
 * @throws AppError `file.unreadable` (as a rejection) naming the refusal.
 */
export function guardFileAccess(handlers: Handlers, options: FileAccessOptions = {}): Handlers {
  const chosen = new ChosenFiles();
  const dataDir =
    options.userDataDir === undefined ? undefined : realOrResolved(options.userDataDir);
  const inDataDir = async (filePath: string): Promise<boolean> => {
    if (dataDir === undefined) return false;
    const root = await dataDir;
    return (
      isWithin(root, await realOrResolved(filePath)) ||
      isWithin(path.resolve(options.userDataDir ?? root), path.resolve(filePath))
    );
  };
  const recordedByWorkspace = async (filePath: string): Promise<boolean> => {
    const { workspaces } = await handlers['workspaces.list']({});
    for (const workspace of workspaces) {
      const view = await handlers['guide.get']({ workspaceId: workspace.id }).catch(
        () => undefined,
      );
      for (const recorded of Object.values(view?.files ?? {}))
        if (recorded !== undefined) await chosen.add(recorded);
    }
    return chosen.has(filePath);
  };
  const assertChosen = async (filePath: string): Promise<void> => {
    const absolute = path.resolve(filePath);
    if (await inDataDir(absolute)) {
      throw new AppError(
        'file.unreadable',
        `The studio does not read its own data folder (${absolute}).`,
        { details: { path: absolute } },
      );
    }
    // A folder (typed, or a directory entry of the file browser) is not a file to read: say so
    // rather than "not chosen".
    if ((await stat(absolute).catch(() => undefined))?.isDirectory() === true) {
      throw new AppError('file.unreadable', folderMessage(absolute), {
        details: { path: absolute },
      });
    }
    if (await chosen.has(absolute)) return;
    if (TYPED_DATA_FILE.test(path.basename(absolute))) return;
    if (await recordedByWorkspace(absolute)) return;
    throw new AppError(
      'file.unreadable',
      `${absolute} was not chosen in this session: pick it with the file browser.`,
      { details: { path: absolute } },
    );
  };

  return {
    ...handlers,
    'data.listDirectory': async (input) => {
      if (input.directory !== undefined && (await inDataDir(input.directory))) {
        throw new AppError(
          'file.unreadable',
          `The file browser does not open the studio's own data folder.`,
          { details: { path: path.resolve(input.directory) } },
        );
      }
      const listing = await handlers['data.listDirectory'](input);
      const visible = [];
      for (const entry of listing.entries) {
        if (await inDataDir(entry.path)) continue;
        if (!entry.isDirectory) await chosen.add(entry.path);
        visible.push(entry);
      }
      return { ...listing, entries: visible };
    },
    'data.pickFile': async (input) => {
      const picked = await handlers['data.pickFile'](input);
      if (picked.path !== undefined) await chosen.add(picked.path);
      return picked;
    },
    'data.sample': async (input) => {
      const sample = await handlers['data.sample'](input);
      await chosen.add(sample.interactions);
      await chosen.add(sample.items);
      if (sample.users !== undefined) await chosen.add(sample.users);
      return sample;
    },
    'data.preview': async (input) => {
      await assertChosen(input.path);
      return handlers['data.preview'](input);
    },
    'data.open': async (input) => {
      await assertChosen(input.path);
      return handlers['data.open'](input);
    },
    'data.rows': async (input) => {
      await assertChosen(input.path);
      return handlers['data.rows'](input);
    },
    'data.rowsStatus': async (input) => {
      await assertChosen(input.path);
      return handlers['data.rowsStatus'](input);
    },
    'data.profile': async (input) => {
      await assertChosen(input.path);
      return handlers['data.profile'](input);
    },
    'data.prepareColumns': async (input) => {
      await assertChosen(input.path);
      return handlers['data.prepareColumns'](input);
    },
    'data.preparePreview': async (input) => {
      await assertChosen(input.path);
      return handlers['data.preparePreview'](input);
    },
    'data.prepareExport': async (input) => {
      await assertChosen(input.path);
      if (input.outDir !== undefined && (await inDataDir(input.outDir)))
        throw new AppError(
          'file.unreadable',
          `Exports do not go into the studio's own data folder (${path.resolve(input.outDir)}).`,
          { details: { path: path.resolve(input.outDir) } },
        );
      const exported = await handlers['data.prepareExport'](input);
      for (const file of exported.files) await chosen.add(file.path);
      return exported;
    },
    'schemas.infer': async (input) => {
      await assertChosen(input.path);
      return handlers['schemas.infer'](input);
    },
    'recommendations.titlesColumns': async (input) => {
      await assertChosen(input.path);
      return handlers['recommendations.titlesColumns'](input);
    },
    'recommendations.recommend': async (input) => {
      if (input.titlesFile !== undefined) await assertChosen(input.titlesFile.path);
      return handlers['recommendations.recommend'](input);
    },
    'recommendations.rank': async (input) => {
      if (input.titlesFile !== undefined) await assertChosen(input.titlesFile.path);
      return handlers['recommendations.rank'](input);
    },
    'recommendations.history': async (input) => {
      if (input.titlesFile !== undefined) await assertChosen(input.titlesFile.path);
      return handlers['recommendations.history'](input);
    },
    'guide.setFiles': async (input) => {
      for (const filePath of [input.interactions, input.items, input.users])
        if (filePath !== undefined) await assertChosen(filePath);
      const view = await handlers['guide.setFiles'](input);
      for (const recorded of Object.values(view.files))
        if (recorded !== undefined) await chosen.add(recorded);
      return view;
    },
  };
}
