/**
 * The work of a dataset export job while `CREATE IN_PROGRESS` (SPEC §2.9): the dataset's records
 * chosen by `ingestionMode` written as CSV files, with a header row in schema field order, under
 * `jobOutput.s3DataDestination.path` in the sandbox's S3.
 *
 * Source: the service's "Exporting the training data in a dataset" page: BULK = records of
 * dataset import jobs, PUT = records of PutEvents / PutItems / PutUsers (the default), ALL =
 * both; records equal in every field are exported once; with ALL an Items / Users export holds
 * the newest record of each id, an Interactions export every interaction. Actions and Action
 * interactions datasets cannot be exported.
 */
import path from 'node:path';
import { parseAvroSchema } from './avro-schema.js';
import { extraValuesOf, rowCount } from './recipes/interaction-table.js';
import type { EventRecord } from './events-store.js';
import type { StoredEventRecord } from './events.js';
import type { DatasetResource, ModelledResource } from './resources.js';
import type { ObjectStore } from './s3/object-store.js';
import type { SandboxStore } from './store.js';

/** `ingestionMode` values (SPEC §2.9); PUT when the request has none. */
export type ExportIngestionMode = 'BULK' | 'PUT' | 'ALL';

/** Most data rows per CSV file of an export; a larger export is split into parts. */
export const EXPORT_ROWS_PER_FILE = 1_000_000;

/**
 * The set of CSV lines an export has written, kept as 64-bit hashes (two 32-bit halves of a
 * cyrb53-style hash of the line's UTF-16 code units) in an open-addressing table of typed
 * arrays: 8 bytes per slot, 2 to 4 slots per line (the table doubles when half full), whatever
 * the line's length. Two different lines share a hash with probability about n² / 2^65 for n
 * lines (about 1e-5 at 20 million), in which case the second is taken as a duplicate.
 */
export class LineHashSet {
  /** Slot i holds halves `slots[2i]` (high) and `slots[2i + 1]` (low); 0, 0 is an empty slot. */
  private slots = new Uint32Array(2 * 1024);
  private count = 0;

  /** Lines added so far (duplicates counted once). */
  get size(): number {
    return this.count;
  }

  /** Adds `line`; returns `false` when it (or a line with the same hash) was added before. */
  add(line: string): boolean {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const high = h1 >>> 0;
    // The empty slot's value is kept free by moving a 0, 0 hash to 0, 1.
    const low = high === 0 && h2 >>> 0 === 0 ? 1 : h2 >>> 0;
    if (this.insert(this.slots, high, low)) {
      this.count++;
      if (this.count * 2 > this.slots.length / 2) this.grow();
      return true;
    }
    return false;
  }

  /** Linear probing; returns `false` when the hash is already in `slots`. */
  private insert(slots: Uint32Array, high: number, low: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let slot = (low ^ high) & mask; ; slot = (slot + 1) & mask) {
      const h = slots[2 * slot] ?? 0;
      const l = slots[2 * slot + 1] ?? 0;
      if (h === 0 && l === 0) {
        slots[2 * slot] = high;
        slots[2 * slot + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
    }
  }

  /** Doubles the table once it is half full. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const high = old[i] ?? 0;
      const low = old[i + 1] ?? 0;
      if (high !== 0 || low !== 0) this.insert(this.slots, high, low);
    }
  }
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Interactions column values of a record (schema name → cell text), as an import stores them. */
function interactionCells(record: StoredEventRecord): Record<string, string> {
  return {
    USER_ID: record.userId,
    ITEM_ID: record.itemId,
    TIMESTAMP: String(record.timestamp),
    ...(record.eventType !== undefined ? { EVENT_TYPE: record.eventType } : {}),
    ...(record.eventValue !== undefined ? { EVENT_VALUE: String(record.eventValue) } : {}),
    ...record.columns,
  };
}

/** The rows an export of `dataset` writes, as cell maps, in stored order. */
async function exportedRows(
  store: SandboxStore,
  dataset: DatasetResource,
  mode: ExportIngestionMode,
): Promise<Iterable<Readonly<Record<string, string>>>> {
  const records = await store.getRecords(dataset.arn);
  const bulk = mode !== 'PUT';
  const put = mode !== 'BULK';
  if (dataset.datasetType === 'INTERACTIONS') {
    const table = records.table;
    return (function* interactionRows() {
      if (bulk && table !== undefined) {
        const n = rowCount(table);
        for (let row = 0; row < n; row++) {
          const code = table.eventTypeCodes?.[row] ?? -1;
          const value = table.eventValues?.[row] ?? Number.NaN;
          yield {
            USER_ID: table.userIds[table.users[row] ?? 0] ?? '',
            ITEM_ID: table.itemIds[table.items[row] ?? 0] ?? '',
            TIMESTAMP: String(table.timestamps[row] ?? 0),
            ...(code >= 0 ? { EVENT_TYPE: table.eventTypes?.[code] ?? '' } : {}),
            ...(Number.isNaN(value) ? {} : { EVENT_VALUE: String(value) }),
            ...extraValuesOf(table, row),
          };
        }
      }
      for (const record of records.interactions) {
        // PutEvents records carry their arrival time; the others are bulk rows saved as records.
        const isPut = typeof (record as Partial<EventRecord>).receivedAtMs === 'number';
        if (isPut ? put : bulk) yield interactionCells(record as StoredEventRecord);
      }
    })();
  }
  const idColumn = dataset.datasetType === 'USERS' ? 'USER_ID' : 'ITEM_ID';
  const putIds = new Set(records.putRowIds);
  return records.rows.filter((row) => (putIds.has(row[idColumn] ?? '') ? put : bulk));
}

/**
 * Runs a dataset export job: writes `<path>/<jobName>_part_<n>.csv` (n from 00000, at most
 * {@link EXPORT_ROWS_PER_FILE} rows each, at least one file) into the output bucket, every
 * schema field a column, blank cells for values a record lacks, records equal in every field
 * written once (checked by {@link LineHashSet}).
 *
 * Resolves to a failureReason (dataset or schema gone, Actions datasets, malformed path, missing
 * bucket), or `undefined` on success.
 */
export async function runExportJob(
  store: SandboxStore,
  objects: ObjectStore,
  job: ModelledResource,
): Promise<string | undefined> {
  if (job.type !== 'dataset-export-job') return undefined;
  const dataset = store.get('dataset', job.parentArn);
  if (!dataset) return `Dataset ${job.parentArn} no longer exists.`;
  if (dataset.datasetType === 'ACTIONS' || dataset.datasetType === 'ACTION_INTERACTIONS')
    return `Data in ${dataset.datasetType === 'ACTIONS' ? 'an Actions' : 'an Action interactions'} dataset cannot be exported.`;
  const schema = store.get('schema', dataset.schemaArn);
  if (!schema) return `Schema ${dataset.schemaArn} no longer exists.`;
  const output = job.fields.jobOutput as { s3DataDestination?: { path?: unknown } } | undefined;
  const location = output?.s3DataDestination?.path;
  const match = typeof location === 'string' ? /^s3:\/\/([^/]+)\/?(.*)$/u.exec(location) : null;
  if (!match) return `Invalid S3 output path ${String(location)}.`;
  const [, bucket = '', key = ''] = match;
  if (!objects.hasBucket(bucket)) return `Output bucket ${bucket} does not exist.`;
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  const mode = (job.fields.ingestionMode ?? 'PUT') as ExportIngestionMode;
  const fields = parseAvroSchema(schema.schema).map((field) => field.name);
  const header = fields.map(csvField).join(',');
  const seen = new LineHashSet();
  let lines: string[] = [];
  let part = 0;
  const flush = async (): Promise<void> => {
    const name = `${folder}${job.name}_part_${String(part).padStart(5, '0')}.csv`;
    const body = Buffer.from(`${[header, ...lines].join('\n')}\n`, 'utf8');
    await objects.putObject(bucket, path.posix.normalize(name), body, 'text/csv');
    part++;
    lines = [];
  };
  for (const row of await exportedRows(store, dataset, mode)) {
    const line = fields.map((field) => csvField(row[field] ?? '')).join(',');
    if (!seen.add(line)) continue;
    lines.push(line);
    if (lines.length >= EXPORT_ROWS_PER_FILE) await flush();
  }
  if (lines.length > 0 || part === 0) await flush();
  return undefined;
}
