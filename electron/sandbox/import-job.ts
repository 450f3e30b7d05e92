import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { MIN_IMPORT_INTERACTIONS } from '../../shared/rules/limits.js';
import { parseAvroSchema, type SchemaField } from './avro-schema.js';
import { S3Error } from './errors.js';
import { checkCell, datasetTypeLabel } from './csv-records.js';
import {
  concatTables,
  InteractionTableBuilder,
  tableFromRecords,
} from './recipes/interaction-table.js';
import type { DatasetImportJobResource, DatasetResource } from './resources.js';
import type { ObjectStore } from './s3/object-store.js';
import type { DatasetRecords, SandboxStore } from './store.js';

/** An import that must end in `CREATE FAILED`; `message` is the whole failureReason. */
class ImportFailure extends Error {}

/**
 * Resolves `s3://bucket/key` to object file paths in the sandbox's S3 store (SPEC §2.8): a key,
 * or a folder (key ending in `/`, or a prefix with objects below `key/`) meaning every `.csv`
 * object in it. Returns `undefined` for a malformed location, `[]` when nothing is there.
 */
export function resolveDataLocation(objects: ObjectStore, location: string): string[] | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/u.exec(location);
  if (!match) return undefined;
  const [, bucket = '', key = ''] = match;
  if (!objects.hasBucket(bucket)) return [];
  if (key !== '' && !key.endsWith('/')) {
    const exact = objects.listObjects(bucket, key).find((object) => object.key === key);
    if (exact) return [objects.objectPath(bucket, key)];
  }
  const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
  return objects
    .listObjects(bucket, folder)
    .filter((object) => object.key.toLowerCase().endsWith('.csv') && object.sizeBytes > 0)
    .map((object) => objects.objectPath(bucket, object.key));
}

interface ParsedFile {
  /** Interactions rows, straight into typed columns (no per-row objects). */
  readonly interactions: InteractionTableBuilder;
  readonly rows: Record<string, string>[];
  /** Values dropped under the per-value rules' warnings (blank or unparsable metadata). */
  droppedValues: number;
}

function toRecords(
  datasetType: string,
  fields: readonly SchemaField[],
  header: readonly string[],
  cells: readonly string[],
  line: number,
  out: ParsedFile,
  failure: (text: string) => ImportFailure,
): void {
  const row: Record<string, string> = {};
  for (const field of fields) {
    const index = header.indexOf(field.name);
    const value = index >= 0 ? (cells[index] ?? '') : '';
    const problem = checkCell(field, value, datasetType);
    if (problem?.severity === 'error')
      throw failure(`Row ${line}, column ${field.name}: ${problem.problem}.`);
    // A warning (a blank or unparsable metadata value) drops the value, as the service does.
    if (problem === undefined && value !== '') row[field.name] = value;
    else if (problem !== undefined) out.droppedValues++;
  }
  if (datasetType !== 'INTERACTIONS') {
    out.rows.push(row);
    return;
  }
  const { USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE, ...others } = row;
  out.interactions.add(
    USER_ID ?? '',
    ITEM_ID ?? '',
    Number(TIMESTAMP),
    EVENT_TYPE,
    EVENT_VALUE !== undefined ? Number(EVENT_VALUE) : undefined,
    // Every other schema field (IMPRESSION, RECOMMENDATION_ID, contextual metadata) is kept too.
    Object.keys(others).length > 0 ? others : undefined,
  );
}

async function parseFile(
  filePath: string,
  dataset: DatasetResource,
  fields: readonly SchemaField[],
  out: ParsedFile,
  failure: (text: string) => ImportFailure,
): Promise<void> {
  const parser = createReadStream(filePath).pipe(
    parse({ bom: true, skip_empty_lines: true, info: true, relax_quotes: false }),
  );
  let header: string[] | undefined;
  try {
    for await (const entry of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = entry.record.map((name) => name.trim());
        const missing = fields
          .filter((field) => !field.isNullable && !header?.includes(field.name))
          .map((field) => field.name);
        if (missing.length > 0)
          throw failure(`Input CSV is missing the following columns: [${missing.join(', ')}].`);
        continue;
      }
      if (entry.record.length !== header.length) {
        throw failure(
          `Row ${entry.info.lines}: expected ${header.length} columns but found ${entry.record.length}.`,
        );
      }
      toRecords(dataset.datasetType, fields, header, entry.record, entry.info.lines, out, failure);
    }
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    const line =
      typeof error === 'object' && error !== null && 'lines' in error
        ? Number(error.lines)
        : undefined;
    const problem = error instanceof Error ? error.message.replace(/\.$/u, '') : String(error);
    throw failure(
      `${line !== undefined ? `Row ${line}: ` : ''}the CSV cannot be parsed (${problem}).`,
    );
  }
}

function mergeById(
  existing: readonly Record<string, string>[],
  added: readonly Record<string, string>[],
  idField: string,
): Record<string, string>[] {
  const byId = new Map<string, Record<string, string>>();
  for (const row of existing) byId.set(row[idField] ?? '', row);
  for (const row of added) byId.set(row[idField] ?? '', row);
  return [...byId.values()];
}

/**
 * Runs a dataset import job (SPEC §2.8, §5): reads the CSV objects, checks every cell against
 * the dataset's schema with the studio's per-value rules (shared/rules/dataset-rules-cells.ts,
 * §5.1: an error fails the job, a warning — a blank or unparsable metadata value — drops the
 * value), and stores the records with every schema field (FULL replaces the bulk records and
 * keeps the PutEvents / PutItems / PutUsers ones, INCREMENTAL appends / replaces by id, §5.3).
 * Sets `importedRecordCount` and the dataset's `hasBulkImport`.
 *
 * Idempotent when resumed after a crash (SPEC §2.2): the job's ARN is committed with the rows
 * (`DatasetRecords.importJobs`), and a job already there only takes its count back.
 *
 * Resolves to the failureReason of SPEC §5.4 (`Failed to create a data import job for <Type>
 * dataset. ...`), or `undefined` on success.
 */
export async function runImportJob(
  store: SandboxStore,
  objects: ObjectStore,
  job: DatasetImportJobResource,
): Promise<string | undefined> {
  const dataset = store.get('dataset', job.datasetArn);
  if (!dataset) return `Dataset ${job.datasetArn} no longer exists.`;
  const schema = store.get('schema', dataset.schemaArn);
  if (!schema) return `Schema ${dataset.schemaArn} no longer exists.`;
  // Resumed after a crash that came once its rows were committed (before ACTIVE was saved): the
  // records already contain them, so nothing is appended again.
  const committed = (await store.getRecords(dataset.arn)).importJobs?.find(
    (imported) => imported.datasetImportJobArn === job.arn,
  );
  if (committed !== undefined) {
    job.importedRecordCount = committed.importedRecordCount;
    dataset.hasBulkImport = true;
    store.put(dataset);
    return undefined;
  }
  const prefix = `Failed to create a data import job for ${datasetTypeLabel(dataset.datasetType)} dataset.`;
  const failure = (text: string): ImportFailure => new ImportFailure(`${prefix} ${text}`);
  const files = resolveDataLocation(objects, job.dataLocation);
  if (files === undefined) return 'Invalid Data location.';
  if (files.length === 0)
    return `${prefix} Insufficient privileges for accessing data in Amazon S3.`;
  const fields = parseAvroSchema(schema.schema);
  const parsed: ParsedFile = {
    interactions: new InteractionTableBuilder(),
    rows: [],
    droppedValues: 0,
  };
  try {
    for (const file of files) await parseFile(file, dataset, fields, parsed, failure);
    const count =
      dataset.datasetType === 'INTERACTIONS' ? parsed.interactions.length : parsed.rows.length;
    if (dataset.datasetType === 'INTERACTIONS' && count < MIN_IMPORT_INTERACTIONS) {
      throw failure(
        `Input CSV has ${count} records; at least ${MIN_IMPORT_INTERACTIONS} are required.`,
      );
    }
  } catch (error) {
    if (error instanceof ImportFailure) return error.message;
    if (error instanceof S3Error)
      return `${prefix} Insufficient privileges for accessing data in Amazon S3.`;
    throw error;
  }
  const imported = dataset.datasetType === 'INTERACTIONS' ? parsed.interactions.build() : undefined;
  const importedRecordCount =
    dataset.datasetType === 'INTERACTIONS' ? parsed.interactions.length : parsed.rows.length;
  // Read again after parsing: PutEvents / PutItems may have changed the records meanwhile.
  const previous = await store.getRecords(dataset.arn);
  // Committed with the rows (one atomic write), so a resumed job finds it above.
  const importJobs = [
    ...(previous.importJobs ?? []),
    { datasetImportJobArn: job.arn, importedRecordCount },
  ];
  const idField =
    dataset.datasetType === 'USERS'
      ? 'USER_ID'
      : dataset.datasetType === 'ACTIONS'
        ? 'ACTION_ID'
        : 'ITEM_ID';
  // A row imported again is bulk data from now on (SPEC §2.9 ingestionMode): the imported record
  // replaces the PutItems / PutUsers one with its id.
  const reimported = new Set(parsed.rows.map((row) => row[idField] ?? ''));
  const putRowIds = (previous.putRowIds ?? []).filter((id) => !reimported.has(id));
  const keptPut = putRowIds.length > 0 ? { putRowIds } : {};
  // FULL replaces the bulk records only: PutItems / PutUsers rows stay (SPEC §2.8; the service's
  // "Importing bulk data" page: FULL "doesn't replace data you imported individually").
  const putIds = new Set(putRowIds);
  let next: DatasetRecords = {
    interactions: [],
    rows: [...parsed.rows, ...previous.rows.filter((row) => putIds.has(row[idField] ?? ''))],
    importJobs,
    ...keptPut,
  };
  if (imported !== undefined) {
    // Bulk rows live in the table; PutEvents records stay records, after it (SPEC §2.8, §5.3:
    // FULL replaces the bulk records only). Rows of a dataset saved before the table existed
    // (records without receivedAtMs) join the table when INCREMENTAL keeps them.
    const isEvent = (record: object): boolean =>
      typeof (record as { receivedAtMs?: unknown }).receivedAtMs === 'number';
    const events = previous.interactions.filter(isEvent);
    let table = imported;
    if (job.importMode === 'INCREMENTAL') {
      const earlier = tableFromRecords(previous.interactions.filter((record) => !isEvent(record)));
      table = concatTables(
        previous.table ? concatTables(previous.table, earlier) : earlier,
        imported,
      );
    }
    next = { interactions: events, rows: [], table, importJobs };
  } else if (job.importMode === 'INCREMENTAL') {
    next = {
      interactions: previous.interactions,
      rows: mergeById(previous.rows, parsed.rows, idField),
      importJobs,
      ...keptPut,
    };
  }
  await store.setRecords(dataset.arn, next);
  job.importedRecordCount = importedRecordCount;
  dataset.hasBulkImport = true;
  store.put(dataset);
  return undefined;
}
