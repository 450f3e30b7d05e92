import type { EncodingChoice } from '../../shared/ipc/data.js';
import { createHash } from 'node:crypto';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Version of the grid's on-disk layout; part of every file name, so an older layout is removed. */
const GRID_FORMAT = 'g3';

/** A database's file name: `<format>_<source hash>_<version hash>.duckdb`. */
const DATABASE_NAME = new RegExp(`^${GRID_FORMAT}_[0-9a-f]{16}_[0-9a-f]{16}\\.duckdb$`, 'u');

/**
 * Bytes the grid's cached databases may take on disk by default (4 GiB): about ten 2-million-row
 * files with a few sorted views each. `POC_STUDIO_GRID_CACHE_BYTES` overrides it.
 */
export const DEFAULT_GRID_CACHE_BYTES = 4 * 1024 ** 3;

interface GridCacheSettings {
  folder: string;
  budgetBytes: number;
}

function budgetFromEnvironment(): number {
  const configured = Number(process.env.POC_STUDIO_GRID_CACHE_BYTES);
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_GRID_CACHE_BYTES;
}

const settings: GridCacheSettings = {
  folder: join(tmpdir(), 'poc-studio-grid'),
  budgetBytes: budgetFromEnvironment(),
};

/** Databases this process has attached (the ones in use), by file name. */
const inUse = new Set<string>();

/**
 * Sets where the grid keeps its databases and how many bytes they may take (both optional).
 * The budget is checked each time a file's database is attached ({@link pruneGridCache}).
 */
export function configureGridCache(options: {
  readonly folder?: string;
  /** Bytes of all cached databases (their views included); 0 keeps only those in use. */
  readonly budgetBytes?: number;
}): void {
  if (options.folder !== undefined) settings.folder = options.folder;
  if (options.budgetBytes !== undefined) settings.budgetBytes = Math.max(0, options.budgetBytes);
}

/**
 * The folder of the grid's cached databases (`<userDataDir>/cache/grid` in the studio, set by its
 * composition; `<tmp>/poc-studio-grid` for code run outside it): one DuckDB file
 * per customer file and encoding, `<key>.duckdb` ({@link gridCacheKey}).
 */
export function gridCacheFolder(): string {
  return settings.folder;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The cache key of a file's grid database, `g3_<source>_<version>`: `source` hashes the path
 * and the chosen encoding, `version` the size and mtime (ms), so a changed file never reuses a
 * database built from its old content, and the old one can be found and removed.
 */
export async function gridCacheKey(path: string, encoding?: EncodingChoice): Promise<string> {
  const info = await stat(path);
  const variant = encoding === undefined ? '' : `\u0000${encoding}`;
  return `${GRID_FORMAT}_${shortHash(`${path}${variant}`)}_${shortHash(`${info.size}\u0000${info.mtimeMs}`)}`;
}

/** The database file of a key in the cache folder. */
export function gridDatabaseFile(key: string): string {
  return join(settings.folder, `${key}.duckdb`);
}

/**
 * Marks a key's database as in use by this process (never removed by {@link pruneGridCache}
 * until {@link releaseGridDatabase}) and as just used (its mtime, the order of removal).
 */
export async function useGridDatabase(key: string): Promise<void> {
  inUse.add(`${key}.duckdb`);
  const now = new Date();
  await utimes(gridDatabaseFile(key), now, now).catch(() => undefined);
}

/** This process no longer uses the key's database (or, without a key, any database). */
export function releaseGridDatabase(key?: string): void {
  if (key === undefined) inUse.clear();
  else inUse.delete(`${key}.duckdb`);
}

/** The other versions of a key's source (the databases of the file before it changed). */
export async function staleVersions(key: string): Promise<string[]> {
  const source = key.slice(0, key.lastIndexOf('_') + 1);
  const names = await readdir(settings.folder).catch(() => [] as string[]);
  return names
    .filter(
      (name) => name.startsWith(source) && DATABASE_NAME.test(name) && name !== `${key}.duckdb`,
    )
    .map((name) => name.slice(0, -'.duckdb'.length));
}

/** Removes a key's database and its write-ahead log (ignoring a file another program holds). */
export async function removeGridDatabase(key: string): Promise<void> {
  const file = gridDatabaseFile(key);
  await rm(file, { force: true }).catch(() => undefined);
  await rm(`${file}.wal`, { force: true }).catch(() => undefined);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a build's or a private copy's name (`<key>.duckdb.<pid>.tmp`, `<key>.<pid>.own.duckdb`). */
function ownerPid(name: string): number | undefined {
  const found = /\.(\d+)\.(?:tmp|own\.duckdb)(?:\.wal)?$/u.exec(name);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

/**
 * Keeps the cache folder within its byte budget ({@link configureGridCache}): removes the
 * half-written builds and private copies of processes that have ended, the databases of an
 * older layout, then the least recently used databases (oldest mtime first; an attach marks a
 * use) until the rest fits. A database this process has attached is never removed, even when
 * it alone is over the budget.
 *
 * @returns the file names removed.
 */
export async function pruneGridCache(): Promise<string[]> {
  const folder = settings.folder;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  const remove = async (name: string): Promise<void> => {
    await rm(join(folder, name), { force: true }).catch(() => undefined);
    removed.push(name);
  };
  const databases: { name: string; bytes: number; usedMs: number }[] = [];
  for (const name of names) {
    const pid = ownerPid(name);
    if (pid !== undefined) {
      if (pid !== process.pid && !processAlive(pid)) await remove(name);
      continue;
    }
    if (!name.endsWith('.duckdb')) continue;
    if (!name.startsWith(`${GRID_FORMAT}_`)) {
      if (/^g\d+_/u.test(name)) {
        await remove(name);
        await remove(`${name}.wal`);
      }
      continue;
    }
    const info = await stat(join(folder, name)).catch(() => undefined);
    if (info === undefined) continue;
    const wal = await stat(join(folder, `${name}.wal`)).catch(() => undefined);
    databases.push({ name, bytes: info.size + (wal?.size ?? 0), usedMs: info.mtimeMs });
  }
  let total = databases.reduce((sum, database) => sum + database.bytes, 0);
  databases.sort((a, b) => a.usedMs - b.usedMs);
  for (const database of databases) {
    if (total <= settings.budgetBytes) break;
    if (inUse.has(database.name)) continue;
    await remove(database.name);
    await rm(join(folder, `${database.name}.wal`), { force: true }).catch(() => undefined);
    total -= database.bytes;
  }
  return removed;
}
