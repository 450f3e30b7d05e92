import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { AppError } from '../../../shared/errors.js';
import { FileDerivedCache } from '../data/file-derived-cache.js';

/** Item metadata by ITEM_ID: column → value (the ITEM_ID column itself excluded). */
export type ItemMetadata = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * In-memory index of an Items CSV (`.csv` or `.csv.gz`), to show metadata beside
 * recommendations. One index per path, rebuilt when the file's mtime changes.
 */
export class ItemIndex {
  private readonly cache = new FileDerivedCache<ItemMetadata>(readItems, 'Items file');

  /**
   * The metadata of every item of `filePath`.
   * @throws AppError `file.notFound`, `file.unreadable`, `data.invalid` (no ITEM_ID column).
   */
  async load(filePath: string): Promise<ItemMetadata> {
    return this.cache.get(filePath);
  }
}

async function readItems(filePath: string): Promise<ItemMetadata> {
  const items = new Map<string, Record<string, string>>();
  let source: Readable = createReadStream(filePath);
  if (filePath.endsWith('.gz')) source = source.pipe(createGunzip());
  const parser = source.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }));
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const { ITEM_ID: itemId, ...metadata } = record;
      if (itemId === undefined) throw new AppError('data.invalid', `${filePath} has no ITEM_ID column.`);
      items.set(itemId, metadata);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('file.unreadable', `Cannot read ${filePath}: ${(error as Error).message}`, { cause: error });
  }
  return items;
}
